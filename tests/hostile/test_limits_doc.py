"""docs/limits.md lists every bound of rubric_engine/limits.py, and the environment raises them."""
from __future__ import annotations

from pathlib import Path

import pytest

from rubric_engine.limits import DEFAULTS, limit

DOC = Path(__file__).resolve().parents[2] / "docs" / "limits.md"


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_every_limit_is_documented(name):
    assert f"`{name}`" in DOC.read_text(encoding="utf-8")


def test_a_limit_is_raised_only_by_a_positive_whole_number(monkeypatch):
    monkeypatch.setenv("RUBRIC_MAX_TABLE_COLUMNS", "5_000")
    assert limit("MAX_TABLE_COLUMNS") == 5000
    for bad in ("-1", "0", "lots", "1e9", ""):
        monkeypatch.setenv("RUBRIC_MAX_TABLE_COLUMNS", bad)
        assert limit("MAX_TABLE_COLUMNS") == DEFAULTS["MAX_TABLE_COLUMNS"][0]
