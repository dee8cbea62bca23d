"""Word's 字数, from the YAML cases in tests/cases/word_count.yml (also in the docs)."""
from pathlib import Path

import pytest
import yaml

from rubric_engine.inspect.wordcount import word_count

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "word_count.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"] for c in CASES])
def test_word_count(case):
    assert word_count(case["text"]) == case["count"]


def test_the_docs_show_the_same_examples():
    docs = (Path(__file__).parents[2] / "docs" / "rubric-language.md").read_text(encoding="utf-8")
    for case in CASES:
        if case["text"].strip():
            assert f"| {case['text']} | {case['count']} |" in docs, case
