"""Issue 8: rubrics an organiser gets wrong by accident, or an attacker on purpose."""
from __future__ import annotations

from tests.conftest import MINI_RUBRIC, RUBRIC_2018


def validate(cli, path):
    code, out, err = cli("validate", path)
    assert "Traceback" not in out + err and "internal error" not in err
    return code, err


def write(tmp_path, text: str, name: str = "r.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_weight_70_without_percent_is_a_located_error(cli, tmp_path):
    text = RUBRIC_2018.read_text(encoding="utf-8").replace("weight: 70%", "weight: 70", 1)
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1
    assert f"r.yaml:{line_of(text, 'weight: 70')}:" in err
    assert "the panel weights add up to 7030%, not 100%" in err
    assert "write 'weight: 70%'" in err and "final: formula:" in err


def test_weights_that_do_not_make_100_percent_are_an_error(cli, tmp_path):
    code, err = validate(cli, write(tmp_path, MINI_RUBRIC.replace("weight: 10%", "weight: 15%")))
    assert code == 1 and "add up to 105%, not 100%" in err and "final: formula:" in err


def test_an_explicit_formula_may_use_another_total(cli, tmp_path):
    text = (MINI_RUBRIC.replace("weight: 10%", "weight: 15%")
            .replace("final:\n", "final:\n  formula: 70% * experts + 15% * audience + online\n"))
    code, err = validate(cli, write(tmp_path, text))
    assert code == 0 and "add up to 105%" in err and ": warning: " in err


# --- item 11: numbers and expressions too big to be meant ------------------------------------------

def test_max_1e309_is_a_located_error(cli, tmp_path):
    text = MINI_RUBRIC.replace("{id: content, label: 内容性, max: 30}", "{id: content, label: 内容性, max: 1e309}")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and f"r.yaml:{line_of(text, '1e309')}:" in err and "1e309 is too large" in err


def test_a_5000_digit_number_in_a_rubric_is_a_located_error(cli, tmp_path):
    text = MINI_RUBRIC.replace("{id: content, label: 内容性, max: 30}",
                               "{id: content, label: 内容性, max: 3" + "0" * 4999 + "}")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "a number of 5000 digits, more than 100" in err and "RUBRIC_MAX_NUMBER_DIGITS" in err


def test_a_5000_digit_number_in_an_expression_is_a_located_error(cli, tmp_path):
    text = MINI_RUBRIC.replace('"1 -> 20;', '"1 -> 2' + "0" * 4999 + ";")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "a number of 5000 digits, more than 100" in err
    assert f"r.yaml:{line_of(text, '1 -> 2000')}:" in err


def test_a_30000_term_formula_is_a_located_error(cli, tmp_path):
    text = MINI_RUBRIC.replace("final:\n", "final:\n  formula: " + " + ".join(["experts"] * 30000) + "\n")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "characters long, more than 10000" in err and "RUBRIC_MAX_EXPRESSION_CHARS" in err


def test_a_deep_formula_within_the_character_limit_is_a_located_error(cli, tmp_path):
    text = MINI_RUBRIC.replace("final:\n", "final:\n  formula: " + "+".join(["online"] * 1000) + "\n")
    code, err = validate(cli, write(tmp_path, text))
    assert code == 1 and "nests more than 100 levels deep" in err and "RUBRIC_MAX_EXPRESSION_DEPTH" in err


def test_a_5000_digit_score_cell_is_a_located_error(cli, mini_rubric, tmp_path):
    from tests.io.test_data_files import SCORE_ROWS, folder_with

    rows = [list(r) for r in SCORE_ROWS]
    rows[1][3] = "2" + "5" * 4999
    folder = folder_with(tmp_path, scores=rows)
    code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json")
    assert "Traceback" not in out + err and "internal error" not in err
    assert code == 1 and "scores.csv:3:4:" in err and "has 5000 digits, more than 100" in err


# --- a formula that divides by zero --------------------------------------------------------------

def test_a_divisor_that_is_always_zero_is_refused_at_load_time(cli, tmp_path):
    text = MINI_RUBRIC.replace("final:\n", "final:\n  formula: experts / (audience - audience)\n")
    code, err = validate(cli, write(tmp_path, text))
    line = line_of(text, "audience - audience")
    assert code == 1
    assert f"r.yaml:{line}:23: error: division by zero: 'audience - audience' is always 0" in err


def test_a_divisor_that_is_zero_for_the_data_is_a_located_error_at_run_time(cli, tmp_path):
    from tests.io.test_data_files import folder_with

    text = MINI_RUBRIC.replace("final:\n", "final:\n  formula: experts / (audience - 65) + online\n")
    rubric = write(tmp_path, text)
    assert validate(cli, rubric)[0] == 0  # nothing in the text says it is 0
    code, out, err = cli("evaluate", rubric, folder_with(tmp_path), "--format", "json")  # E2's audience is 65
    assert "Traceback" not in out + err and "internal error" not in err
    assert code == 1
    assert f"r.yaml:{line_of(text, 'audience - 65')}:23: error: division by zero: 'audience - 65' is 0" in err
    assert "guard the divisor" in err
