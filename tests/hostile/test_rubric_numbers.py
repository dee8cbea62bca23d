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
