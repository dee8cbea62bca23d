"""The worked plugin examples in plugins/ load and work on the bundled contest."""
from __future__ import annotations

import json

from tests.conftest import EXAMPLE, ROOT, RUBRIC_2018


def test_best_newcomer_plugin_on_the_example(tmp_path, cli, checked_example):
    entries = (EXAMPLE / "entries.csv").read_text(encoding="utf-8").splitlines()[1:]
    units = sorted({line.split(",")[2] for line in entries})[:2]
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUBRIC_2018.read_text(encoding="utf-8").replace(
        "rubric_version: 1\n", f"rubric_version: 1\nplugins: [{ROOT / 'plugins' / 'best_newcomer.py'}]\n")
        + "  - id: best_newcomer\n    label: 最佳新人奖\n    strategy: best_newcomer\n"
          f"    params: {{new_units: [{units[0]}, {units[1]}]}}\n", encoding="utf-8")
    code, out, err = cli("evaluate", rubric, checked_example.folder, "--format", "json", "--trust-plugins")  # a warm cache
    assert code == 0, err
    result = json.loads(out)
    award = next(a for a in result["awards"] if a["id"] == "best_newcomer")
    candidates = [e for e in result["entries"] if e["unit"] in units and e["rank"] is not None]
    assert award["winners"] == [min(candidates, key=lambda e: e["rank"])["id"]]
    best = min(candidates, key=lambda e: e["rank"])
    # the plugin's own message, in the run's language (the tests run in English)
    assert award["reasons"][best["id"]] == {"code": "best_newcomer.reason", "fields": {"rank": best["rank"]},
                                            "text": f"the best rank among the new units (rank {best['rank']})"}


def test_plugins_folder_loads(cli):
    code, out, err = cli("plugins", "--plugins-dir", ROOT / "plugins", "--format", "json")
    assert code == 0, err
    names = {p["name"]: p["provides"] for p in json.loads(out)}
    assert names["best_newcomer"] == {"award_strategies": ["best_newcomer"]}
    assert "best_newcomer" not in err  # both languages: no message falls back
