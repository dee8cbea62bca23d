"""One evaluation, many projections: each judged panel's sheets are built once, and the
final formula's names, default and term split live in one module (rubric/final_formula.py)."""
from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from rubric_engine.engine import scoring
from rubric_engine.rubric import final_formula

PACKAGE = Path(scoring.__file__).resolve().parents[1]


def _contest(contest):
    contest.entry("E1").entry("E2", letter="否").entry("E3")
    for entry, marks in (("E1", (28, 45, 8)), ("E2", (20, 30, 5)), ("E3", (26, 40, 7))):
        contest.sheet("experts", "X1", entry, *marks).sheet("experts", "X2", entry, marks[0] - 1, marks[1], marks[2])
        contest.sheet("audience", "A1", entry, 20, 30, 5)
    contest.vote("E1", 100).vote("E2", 50).vote("E3", 7)
    return contest.write()


def test_documents_build_no_panel_again(mini_rubric, contest, cli, monkeypatch, tmp_path):
    """evaluate (with --audit) and explain build each judged panel once, in the engine, and never again."""
    built = []
    original = scoring.JudgedPanel.__init__

    def counting(self, rubric, panel, *args):
        built.append(panel.id)
        original(self, rubric, panel, *args)

    monkeypatch.setattr(scoring.JudgedPanel, "__init__", counting)
    folder = _contest(contest)
    code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json", "--audit", tmp_path / "audit.html")
    assert code == 0, err
    assert sorted(built) == ["audience", "experts"]  # the rubric's two judged panels, once each
    built.clear()
    code, out, err = cli("explain", mini_rubric, folder, "E2", "--format", "json")
    assert code == 0, err
    assert sorted(built) == ["audience", "experts"]


def test_default_terms_add_up_and_split_conformity():
    class Panel:
        def __init__(self, id, weight, max, judged=True):
            self.id, self.weight, self.max, self.judged, self.criteria = id, weight, max, judged, ()

    panels = [Panel("experts", Fraction(7, 10), 100), Panel("online", Fraction(2, 10), 20, judged=False)]
    env = {"experts": Fraction(87), "online": 18}
    terms, added = final_formula.default_terms(panels, env, {"experts": Fraction(77)})
    assert terms == [("experts", Fraction(539, 10)), ("online", Fraction(18))]
    assert added == Fraction(7)  # 70 % of the 10 points 规范性 added to every judge's total
    final = final_formula.default_final(final_formula.default_weights(panels), env)
    assert sum(v for _, v in terms) + added == final == Fraction(7, 10) * 87 + 18
    assert final_formula.default_terms(panels, env) == ([("experts", Fraction(609, 10)), ("online", 18)], None)
    assert [final_formula.tie_sign(n) for n in ("online.rank", "online.votes", "experts", "experts.content")] == \
        [-1, 1, 1, 1]
    assert final_formula.panel_names(panels[1]) == ["online", "online.votes", "online.rank"]


def test_the_formula_is_written_in_one_place():
    """No module but final_formula spells a vote panel's names, the sign of ``.rank`` or the default weight."""
    patterns = [r'\}\.(votes|rank)"', r"/ \w+\.max \* 100", r'endswith\("\.rank"\)']
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "final_formula.py":
            continue
        source = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(PACKAGE)}: {p}" for p in patterns if re.search(p, source)]
    assert not offenders
