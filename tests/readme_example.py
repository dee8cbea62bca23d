"""The README's example output, made from the bundled example by the real CLI (issue 17, deliver 8).

    .venv/bin/python -m tests.readme_example     # rewrite the README's block from the example data

tests/test_readme_example.py fails whenever the README's block is not what this makes, so the
README cannot go stale: after a change of output, run the command above and read the diff.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
COMMAND = ("check", "rubrics/2018_mzkfr.yaml", "examples/2018_mzkfr")
SHOWN = ("E014", "E017", "E046")  # a failure of each kind, a waiver, an open review
START = "<!-- example: rubric check rubrics/2018_mzkfr.yaml examples/2018_mzkfr, 80 columns (python -m tests.readme_example) -->"
END = "<!-- /example -->"


def check_output(folder: Path | None = None) -> str:
    """``rubric check`` on the example at 80 columns, in the rubric's language (zh-CN)."""
    from typer.testing import CliRunner

    from rubric_engine.cli import app

    rubric, data = ROOT / COMMAND[1], folder or ROOT / COMMAND[2]
    result = CliRunner().invoke(app, [COMMAND[0], str(rubric), str(data), "-q"], env={"COLUMNS": "80"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def block(output: str) -> str:
    """The header, the entries of :data:`SHOWN`, ``…``, then every line after the entries (the legend, the summary)."""
    lines = output.rstrip("\n").split("\n")
    entry_rows = [i for i, line in enumerate(lines) if re.match(r"E\d{3} ", line)]
    header = lines[entry_rows[0] - 1]
    shown = [line for line in lines if line.split(" ", 1)[0] in SHOWN]
    tail = lines[entry_rows[-1] + 1:]
    return "\n".join([START, "```", header, *shown, "…", *tail, "```", END])


def replaced(readme: str, new_block: str) -> str:
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(readme):
        raise SystemExit(f"README.md has no block between {START!r} and {END!r}")
    return pattern.sub(lambda _: new_block, readme)


def main() -> None:
    readme = README.read_text(encoding="utf-8")
    new = replaced(readme, block(check_output()))
    README.write_text(new, encoding="utf-8")
    print("README.md " + ("rewritten" if new != readme else "unchanged"))


if __name__ == "__main__":
    sys.exit(main())
