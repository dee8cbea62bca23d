"""The documentation's examples are real: expressions parse, complete rubrics validate."""
from __future__ import annotations

import re

import pytest

from rubric_engine.language import (compile_condition, compile_formula, compile_quantity, compile_range,
                                    compile_rank_table)
from rubric_engine.language.units import Dimension
from tests.conftest import ROOT

from rubric_engine.language.compiler import ANY_ATTRIBUTES  # noqa: E402

LANGUAGE = (ROOT / "docs" / "rubric-language.md").read_text(encoding="utf-8")
ANY = {name: Dimension.NUMBER for name in ("experts", "audience", "online", "chars")}
ANY.update(size=Dimension.SIZE, duration=Dimension.DURATION)

COMPILERS = {
    "range": compile_range,
    "quantity": compile_quantity,
    "rank_table": compile_rank_table,
    "formula": lambda text: compile_formula(text, ANY, attributes=ANY_ATTRIBUTES),
    "condition": lambda text: compile_condition(text, ANY, attributes=ANY_ATTRIBUTES),
}

EXAMPLES = [(kind, line.strip()) for kind, block in re.findall(r"```expr (\w+)\n(.*?)```", LANGUAGE, re.S)
            for line in block.splitlines() if line.strip()]


def test_every_kind_of_expression_has_examples():
    assert {kind for kind, _ in EXAMPLES} == set(COMPILERS)


@pytest.mark.parametrize("kind,text", EXAMPLES)
def test_expression_examples_compile(kind, text):
    assert COMPILERS[kind](text) is not None


COMPLETE = [block for block in re.findall(r"```yaml\n(.*?)```", LANGUAGE, re.S) if block.startswith("# a complete rubric")]


@pytest.mark.parametrize("block", COMPLETE)
def test_complete_rubric_examples_validate(block, tmp_path, cli):
    path = tmp_path / "example.yaml"
    path.write_text(block, encoding="utf-8")
    code, out, err = cli("validate", "--strict", path)
    assert code == 0, err


def test_there_is_a_complete_example():
    assert COMPLETE
