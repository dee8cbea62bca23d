"""The README shows what the commands print on the bundled example (regenerate: python -m tests.readme_example)."""
from __future__ import annotations

import re

from tests.conftest import ROOT, RUBRIC_2018, run_module
from tests.readme_example import README, block, check_output, replaced


def test_the_readme_block_is_what_check_prints_on_the_example(checked_example):
    readme = README.read_text(encoding="utf-8")
    made = block(check_output(checked_example.folder))  # the example's folders, their verdicts cached
    assert replaced(readme, made) == readme, "README.md is stale: run .venv/bin/python -m tests.readme_example"
    assert "其中 1 个两者都有" in made and "E014" in made


def test_the_readmes_quoted_reasons_and_tie_are_the_examples(checked_example):
    readme = " ".join(README.read_text(encoding="utf-8").split())
    process = run_module("check", RUBRIC_2018, checked_example.folder, "--grid", "--only-problems",
                         env={"COLUMNS": "400"}, lang=None)
    grid = " ".join(process.stdout.replace("│", " ").split())
    for quoted in re.findall(r"“((?:文章字数|标题|视频时长)[^”]*)”", readme):
        pattern = re.escape(quoted).replace("…", ".*?")
        assert re.search(pattern, grid), quoted
    import json

    document = json.loads(run_module("evaluate", RUBRIC_2018, checked_example.folder, "--verdicts",
                                     checked_example.verdicts, "--format", "json", "-q", lang=None).stdout)
    third = next(a for a in document["awards"] if a["id"] == "third")
    tied = " and ".join(third["tied"])
    assert f"{tied} are equal on the final score" in readme
    e042 = next(e for e in document["entries"] if e["id"] == "E042")
    assert f"why did I get {e042['final']:.2f}?" in readme
    assert str(ROOT)  # the README's commands run from the repository root
