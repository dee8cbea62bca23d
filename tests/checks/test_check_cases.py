"""Every check type from the YAML cases in tests/cases/checks.yml, through the library (not the CLI).

Each case is built as a real data folder — entries.csv and one submission folder per entry with
real .jpg, .docx, .pdf and .mp4 files (rubric_engine/samples.py) — checked by ``run_checks``;
the verdict's status and its reason's code are compared with the case. Every reason must also
read in both languages and survive the cache's round trip (``to_dict`` / ``from_dict``).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from rubric_engine import Verdict, VerdictStatus
from rubric_engine import samples as make
from rubric_engine.messages import set_language
from tests.conftest import MINI_RUBRIC, write_csv

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "checks.yml").read_text(encoding="utf-8"))
HEADER = ["id", "title", "unit", "participants", "team", "format", "submitted_at", "recommendation_letter"]
ROW = {"title": None, "unit": "广州电信", "people": "王芳", "team": "否", "fmt": "图文", "submitted": "2018-11-01",
       "letter": "是"}


def _name(case: dict) -> str:
    entries = case.get("entries") or [case["entry"]]
    files = "+".join(next(iter(f)) for e in entries for f in e.get("files", []))
    return f"{case['type']}-{case.get('status', 'many')}-{files or 'nofiles'}"


def _write_file(folder: Path, spec: dict) -> None:
    spec = dict(spec)
    kind, name = next(iter(spec.items()))
    del spec[kind]
    path = folder / name
    if kind == "photo":
        make.write_jpeg(path, spec.get("size", 3 * 1024 * 1024))
    elif kind == "docx":
        make.write_docx(path, **{k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()})
    elif kind == "pdf":
        make.write_pdf(path)
    elif kind == "video":
        make.write_video(path, spec.get("seconds", 300))
    elif kind == "bytes":
        path.write_bytes(spec["text"].encode("utf-8"))
    else:
        raise AssertionError(f"unknown file kind {kind!r} in tests/cases/checks.yml")


def build(case: dict, root: Path) -> tuple[Path, Path]:
    """(rubric, data folder) of one case: the mini rubric with only the check ``c`` under test."""
    check = {"id": "c", "label": "检查", "type": case["type"]}
    if "params" in case:
        check["params"] = case["params"]
    if "applies_to" in case:
        check["applies_to"] = case["applies_to"]
    rubric_text, count = re.subn(r"\nchecks:\n(  - .*\n)+", "\nchecks:\n  - " + json.dumps(check, ensure_ascii=False)
                                 + "\n", MINI_RUBRIC)
    assert count == 1
    rubric = root / "rubric.yaml"
    rubric.write_text(rubric_text, encoding="utf-8")
    data = root / "data"
    rows = []
    for number, given in enumerate(case.get("entries") or [case["entry"]], start=1):
        entry = {**ROW, "id": f"E{number}", **given}
        title = entry["title"] or f"作品{entry['id']}"
        rows.append([entry["id"], title, entry["unit"], entry["people"], entry["team"], entry["fmt"],
                     entry["submitted"], entry["letter"]])
        if case.get("submissions", True) and entry.get("folder") is not False:
            folder = data / "submissions" / (entry.get("folder") or f"{title}+{entry['unit']}+{entry['people']}")
            folder.mkdir(parents=True, exist_ok=True)
            for spec in entry.get("files", []):
                _write_file(folder, spec)
    if case.get("submissions", True):
        (data / "submissions").mkdir(parents=True, exist_ok=True)
    write_csv(data / "entries.csv", [HEADER, *rows])
    return rubric, data


def run_case(case: dict, root: Path) -> dict[str, Verdict]:
    from rubric_engine.checking import run_checks
    from rubric_engine.io.data import read_data
    from rubric_engine import load_rubric

    rubric_path, folder = build(case, root)
    loaded = load_rubric(rubric_path, lint=False)
    data = read_data(folder, loaded.rubric)
    return run_checks(loaded.rubric, data, jobs=1)["c"]


@pytest.mark.parametrize("case", CASES, ids=[_name(c) for c in CASES])
def test_check_case(case, tmp_path):
    verdicts = run_case(case, tmp_path)
    expected = case.get("expect") or {"E1": [case["status"], case["code"]]}
    for entry_id, (status, code) in expected.items():
        verdict = verdicts[entry_id]
        assert (verdict.status, verdict.reason.key) == (status, code), (entry_id, verdict, str(verdict.reason))
        assert isinstance(verdict.status, VerdictStatus)
        saved = json.loads(json.dumps(verdict.to_dict()))  # what the cache and a saved verdicts file hold
        assert Verdict.from_dict(saved) == verdict
        shown = {}
        for language in ("zh-CN", "en"):
            set_language(language)
            shown[language] = str(verdict.reason)
            assert shown[language] and not re.search(r"\{\w+\}|checks\.|results\.", shown[language])
        set_language("zh-CN")
        if code != "checks.literal":
            assert shown["zh-CN"] != shown["en"]  # a message, not a sentence baked in one language


def test_every_check_type_has_a_case():
    from rubric_engine.plugins import PluginHost

    host = PluginHost()
    host.load_builtins()
    assert {c["type"] for c in CASES} == set(host.names("checks"))
