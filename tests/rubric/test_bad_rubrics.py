"""Every bad rubric gets a clear, located error through the real CLI: exit 1, no traceback."""
from __future__ import annotations

import pytest

from tests.conftest import MINI_RUBRIC, RUBRIC_2018


def validate(cli, path):
    code, out, err = cli("validate", path)
    assert "Traceback" not in out + err
    return code, err


def write(tmp_path, text: str | bytes, name: str = "r.yaml"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def replace_2018(old: str, new: str) -> str:
    text = RUBRIC_2018.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_the_2018_rubric_reports_exactly_the_two_band_gaps(cli):
    code, err = validate(cli, RUBRIC_2018)
    assert code == 0
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert len(warnings) == 2
    assert "内容性: marks 0..9 fall in no band" in warnings[0]
    assert "创新性: marks 0..3 fall in no band" in warnings[1]


def test_strict_turns_warnings_into_errors(cli):
    code, out, err = cli("validate", "--strict", RUBRIC_2018)
    assert code == 1 and "--strict" in err


def test_tab_indented_yaml(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, "contest:\n\tid: x\n"))
    assert code == 1
    assert "r.yaml:2:1: error: invalid YAML" in err and "tabs" in err


def test_broken_yaml(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, "contest: [a, b\nname: x\n"))
    assert code == 1 and "invalid YAML" in err


def test_empty_file(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, "# only a comment\n"))
    assert code == 1 and "the file is empty" in err


def test_several_documents(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, MINI_RUBRIC + "---\nrubric_version: 1\n"))
    assert code == 1 and "several YAML documents" in err


def test_duplicate_key(cli, tmp_path):
    text = replace_2018("  theme: 有你，世界变更美\n", "  theme: 有你，世界变更美\n  theme: again\n")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    assert f"r.yaml:{line_of(text, 'theme: again')}:3: error: duplicate key 'theme'" in err


def test_unknown_key_with_suggestion(cli, tmp_path):
    text = replace_2018("    weight: 70%", "    wieght: 70%")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    assert f"r.yaml:{line_of(text, 'wieght')}:5: error: unknown key 'wieght'" in err
    assert "did you mean 'weight'?" in err


def test_wrong_type_weight(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, replace_2018("    weight: 70%", "    weight: seventy")))
    assert code == 1 and "'weight' cannot be 'seventy'" in err and "70% or 0.7" in err


@pytest.mark.parametrize("value", ["-0.7", "-70%", ".nan", "nan"])
def test_negative_or_nan_weight(cli, tmp_path, value):
    code, err = validate(cli, write(tmp_path, replace_2018("    weight: 70%", f"    weight: {value}")))
    assert code == 1 and "weight" in err


def test_band_outside_the_criterion_maximum(cli, tmp_path):
    text = replace_2018("      - range: 26..30", "      - range: 26..35")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    assert f"r.yaml:{line_of(text, '26..35')}:16: error: band 26..35 lies outside 内容性's marks 0..30" in err


def test_inverted_range(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, replace_2018("      - range: 26..30", "      - range: 30..26")))
    assert code == 1 and "inverted" in err and "write it as 26..30" in err


def test_bad_rank_table_expression_has_the_caret_in_the_right_place(cli, tmp_path):
    text = replace_2018('rank_table: "1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"',
                        'rank_table: "1 -> 20; 2..4 -> ; 5..7 -> 16"')
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    line = line_of(text, "rank_table:")
    source = text.splitlines()[line - 1]
    column = source.index("; 5..7") + 1  # the token after '->' is where a number was expected
    assert f"r.yaml:{line}:{column}: error: unexpected ';'" in err
    lines = err.splitlines()
    caret = lines[lines.index("    " + source) + 1]
    assert caret.index("^") - 4 == column - 1


def test_unknown_unit(cli, tmp_path):
    text = replace_2018("      - range: 26..30", "      - range: 26..30 MiBB")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "did you mean 'MiB'?" in err
    assert f"r.yaml:{line_of(text, 'MiBB')}:23: error: unknown unit 'MiBB'" in err


def test_alias_bomb_is_refused_at_its_first_anchor(cli, tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    code, err = validate(cli, write(tmp_path, bomb))
    # refused while reading the event stream, before anything could expand 9**9 nodes
    assert code == 1 and "r.yaml:1:4: error: YAML anchors (&a) are not allowed" in err


def test_deep_nesting(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, "a: " + "[" * 1000 + "]" * 1000 + "\n"))
    assert code == 1 and "nests deeper than" in err


def test_binary_file(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "r.png"))
    assert code == 1 and "binary file" in err


def test_non_utf8_file(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, MINI_RUBRIC.encode("gb18030")))
    assert code == 1 and "not UTF-8" in err


def test_python_object_tag(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, "contest: !!python/object/apply:os.system ['echo hi']\n"))
    assert code == 1 and "tag" in err and "not allowed" in err


def test_unknown_award_strategy_suggests_a_registered_one(cli, tmp_path):
    text = replace_2018("    strategy: most_votes", "    strategy: most_vote")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    assert f"r.yaml:{line_of(text, 'most_vote')}:15: error: unknown award strategy 'most_vote'" in err
    assert "did you mean 'most_votes'?" in err


def test_all_errors_are_reported_not_only_the_first(cli, tmp_path):
    text = replace_2018("    weight: 70%", "    wieght: 70%").replace("  - id: content\n    label: 内容性\n    max: 30",
                                                                    "  - id: content\n    label: 内容性\n    max: thirty")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "wieght" in err and "'max' must be a number" in err


def test_yaml_surprises_do_not_reach_the_model(cli, tmp_path):
    # `no` is not a boolean and `012` is not a number here: the schema says what was expected.
    text = MINI_RUBRIC.replace("{id: popularity, label: 人气, default: true}", "{id: popularity, label: 人气, default: no}")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "'default' must be true or false, not 'no'" in err
    text = MINI_RUBRIC.replace("{id: content, label: 内容性, max: 30}", "{id: content, label: 内容性, max: 030}")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "leading zero" in err


def test_unknown_reference_in_panel_criteria(cli, tmp_path):
    text = MINI_RUBRIC.replace("criteria: [conformity, content, thought, innovation]}",
                               "criteria: [conformity, contnet, thought, innovation]}", 1)
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "unknown criterion 'contnet'" in err and "did you mean 'content'?" in err


def test_missing_file_and_folder(cli, tmp_path):
    code, err = validate(cli, tmp_path / "nope.yaml")
    assert code == 1 and "does not exist" in err
    code, err = validate(cli, tmp_path)
    assert code == 1 and "is a folder" in err


def test_lint_warns_about_rank_tables_weights_overlaps_and_lonely_groups(cli, tmp_path):
    text = (MINI_RUBRIC.replace('"1 -> 20; 2..4 -> 18; 5..7 -> 16; 8..10 -> 14; 11..20 -> 10; 21.. -> 9"',
                                '"1 -> 20; 3..4 -> 22; 4..20 -> 10"')
            .replace("weight: 10%", "weight: 15%")
            # with the default formula a bad sum is an error; a formula makes it a warning
            .replace("final:\n", "final:\n  formula: 70% * experts + 15% * audience + online\n")
            .replace("{id: innovation, label: 创新性, max: 10}",
                     "{id: innovation, label: 创新性, max: 10, bands: [{range: 0..5}, {range: 5..10}]}")
            .replace("exclusive_group: online, params: {category: popularity}", "params: {category: popularity}")
            .replace("exclusive_group: online, params: {category: style}", "exclusive_group: solo, params: {category: style}"))
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1  # a rank-table gap and an overlap are errors (issue 18); every problem is still listed
    for message in ("no points for rank 2", "rank 4 is covered by more than one rule",
                    "no points for ranks 21 and beyond", "rank 3 gets more points (22) than rank 1 (20)",
                    "the panel weights add up to 105%, not 100%", "创新性: marks 5 fall in more than one band",
                    "exclusive group 'solo' has only one award"):
        assert message in err, message
