"""Awards other contests give (issue 15): tiers by percentage, thresholds and score bands, cascades
(one award per participant), forfeits refilled or left vacant, a plugin's why-not. Each contest is a
rubric and data written here; the expected winners are worked out by hand in each test."""
from __future__ import annotations

import json
from fractions import Fraction

import pytest

from tests.conftest import evaluate_json, write_csv

RUBRIC = """rubric_version: 1
contest: {{id: demo, name: 示范}}
criteria:
  - {{id: merit, label: 评分, max: 100, step: 0.01}}
panels:
  - {{id: judges, label: 评审, type: judged, criteria: [merit], max: 100}}
final: {{formula: judges, decimals: {decimals}, tie_break: []}}
awards:
{awards}
"""


def contest(tmp_path, awards: str, marks: dict[str, str], participants: dict[str, str] | None = None,
            decimals: int = 2, forfeits: list[list[str]] | None = None, more: str = "",
            units: dict[str, str] | None = None):
    """A rubric with one judge whose mark is the final score; ``marks``: entry -> its final."""
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text(RUBRIC.format(decimals=decimals, awards=awards) + more, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    participants = participants or {}
    write_csv(data / "entries.csv", [["id", "title", "unit", "participants"]] +
              [[e, f"作品{e}", (units or {}).get(e, f"单位{e}"), participants.get(e, f"作者{e}")] for e in marks])
    write_csv(data / "scores.csv", [["panel", "judge", "entry", "merit"]] +
              [["judges", "J1", e, mark] for e, mark in marks.items()])
    if forfeits is not None:
        write_csv(data / "forfeits.csv", [["作品编号", "奖项", "备注"]] + forfeits)
    return rubric, data


def winners(document) -> dict[str, list[str]]:
    return {a["id"]: a["winners"] for a in document["awards"]}


def half_up(share: Fraction, n: int) -> int:
    return max(1, int(share * n + Fraction(1, 2)))


# --- tiers by percentage --------------------------------------------------------------------

@pytest.fixture(scope="module")
def school(tmp_path_factory):
    """25 essays; S08 and S09 tie at the last place of the second tier."""
    tmp_path = tmp_path_factory.mktemp("school")
    marks = {f"S{i:02d}": str(100 - i) for i in range(1, 26)}
    marks["S09"] = marks["S08"]  # 92 and 92
    awards = ("  - {id: first, label: 一等奖, strategy: rank_tier, count: 10%}\n"
              "  - {id: second, label: 二等奖, strategy: rank_tier, count: 20%}\n"
              "  - {id: third, label: 三等奖, strategy: rank_tier, count: 30%}")
    rubric, data = contest(tmp_path, awards, marks)
    return rubric, data, evaluate_json(rubric, data)


def test_percentage_tiers_round_each_share_half_up(school):
    *_, document = school
    counts = [half_up(Fraction(p, 100), 25) for p in (10, 20, 30)]
    assert counts == [3, 5, 8]  # 2.5 -> 3, 5, 7.5 -> 8
    assert [a["count"] for a in document["awards"]] == counts
    assert [a["share"] for a in document["awards"]] == ["10%", "20%", "30%"]
    got = winners(document)
    assert got["first"] == ["S01", "S02", "S03"]  # places 1-3
    # places 4-8: S04..S07, and S08 and S09 share place 8 (the tie gives the tier one more)
    assert got["second"] == ["S04", "S05", "S06", "S07", "S08", "S09"]
    assert document["awards"][1]["tied"] == ["S08", "S09"]
    assert any("tie" in n["code"] for n in document["awards"][1]["notes"])
    # places 9-16: place 9 was used by the tie, so S10 (place 10) .. S16 (place 16)
    assert got["third"] == [f"S{i}" for i in range(10, 17)]


def test_percentage_count_shown_in_rubric_show(school, cli):
    rubric, *_ = school
    code, out, err = cli("show", rubric)
    assert code == 0, err
    assert "10%" in out and "30%" in out


@pytest.mark.parametrize("count,hint", [("0.5", "a share of the eligible entries (10%)"),
                                        ("0%", "more than 0%")])
def test_a_bad_count_says_what_to_write(tmp_path, cli, count, hint):
    rubric, _ = contest(tmp_path, f"  - {{id: first, label: 一等奖, strategy: rank_tier, count: {count}}}", {"E1": "1"})
    code, out, err = cli("validate", rubric)
    assert code == 1 and hint in err and "0.5\"" not in err
    assert "rubric.yaml:9:" in err  # located at the award's line


def test_params_that_take_no_keys_say_so(tmp_path, cli):
    rubric, _ = contest(tmp_path, "  - {id: first, label: 一等奖, strategy: rank_tier, params: {percent: 10}}",
                        {"E1": "1"})
    code, out, err = cli("validate", rubric)
    assert code == 1 and "percent" in err and "no keys are accepted here" in err
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("percent: 10", "mni: 7"), encoding="utf-8")
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("rank_tier", "threshold"), encoding="utf-8")
    code, out, err = cli("validate", rubric)
    assert code == 1 and "'mni'" in err and "'min'" in err  # did you mean, from the known keys


def test_threshold_takes_no_count(tmp_path, cli):
    rubric, _ = contest(tmp_path, "  - {id: ok, label: 资助, strategy: threshold, count: 3, params: {min: 7}}",
                        {"E1": "1"})
    code, out, err = cli("validate", rubric)
    assert code == 1 and "'count' does not apply" in err


# --- thresholds and bands -------------------------------------------------------------------

@pytest.fixture(scope="module")
def grant(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("grant")
    marks = {"G1": "8.5", "G2": "7", "G3": "6.95", "G4": "5"}
    rubric, data = contest(tmp_path, "  - {id: funded, label: 资助, strategy: threshold, params: {min: 7.0}}",
                           marks, decimals=1)
    return rubric, data, evaluate_json(rubric, data)


def test_grant_review_accepts_exactly_seven(grant):
    *_, document = grant
    assert winners(document) == {"funded": ["G1", "G2"]}  # 8.5 and exactly 7.0; 6.95 < 7
    award = document["awards"][0]
    assert award["count"] is None  # no count applies
    assert award["reasons"]["G2"]["text"] == "final score 7.0, at least 7.0"
    # G3 is shown as 7.0 by display rounding: a note says it missed
    assert [n["fields"]["entry"] for n in award["notes"]] == ["G3"]
    assert "6.95" in award["notes"][0]["text"] and "by 0.05" in award["notes"][0]["text"]


def test_grant_review_explains_the_refusal_with_the_exact_gap(grant, cli):
    rubric, data, _ = grant
    code, out, err = cli("explain", rubric, data, "G3", "--format", "json")
    assert code == 0, err
    item = next(a for a in json.loads(out)["awards"] if a["award"] == "funded")
    assert item["won"] is False
    gap = Fraction(7) - Fraction("6.95")
    assert gap == Fraction(5, 100)
    assert item["why_not"]["text"] == "final score 6.95, under 7.0 by 0.05"
    assert item["missed_by_exact"] == "1/20"
    code, out, err = cli("explain", rubric, data, "G4")  # the terminal: 5.0, gap 2.0
    assert code == 0 and "under 7.0 by 2.0" in out
    code, out, err = cli("evaluate", rubric, data)  # no 名额 (places) under a threshold award
    assert code == 0
    row = next(line for line in out.splitlines() if "G1, G2" in line)
    assert row.split()[:2] == ["资助", "G1,"]


def test_score_bands_are_awards_with_min_and_below(tmp_path):
    marks = {"B1": "95", "B2": "90", "B3": "89.99", "B4": "80", "B5": "79.99"}
    awards = ("  - {id: gold, label: 金奖, strategy: threshold, params: {min: 90}}\n"
              "  - {id: silver, label: 银奖, strategy: threshold, params: {min: 80, below: 90}}\n"
              "  - {id: bronze, label: 铜奖, strategy: threshold, params: {min: 70, below: 80}}")
    document = evaluate_json(*contest(tmp_path, awards, marks))
    # min <= final < below, exactly: 90 is gold, 89.99 silver, 79.99 bronze
    assert winners(document) == {"gold": ["B1", "B2"], "silver": ["B3", "B4"], "bronze": ["B5"]}
    assert document["awards"][1]["reasons"]["B3"]["text"] == "final score 89.99, from 80.00 up to (not including) 90.00"


def test_top_ranked_counts_its_own_places(tmp_path):
    marks = {"T1": "9", "T2": "8", "T3": "8", "T4": "7"}
    awards = ("  - {id: first, label: 一等奖, strategy: rank_tier, count: 1}\n"
              "  - {id: finalist, label: 入围, strategy: top_ranked, count: 2}")
    document = evaluate_json(*contest(tmp_path, awards, marks))
    # top_ranked does not start after the tier: places 1-2, T2 and T3 share place 2
    assert winners(document) == {"first": ["T1"], "finalist": ["T1", "T2", "T3"]}


# --- cascades and forfeits ------------------------------------------------------------------

TIERS = ("  - {id: first, label: 一等奖, strategy: rank_tier, count: 1, exclusive_group: prizes}\n"
         "  - {id: second, label: 二等奖, strategy: rank_tier, count: 2, exclusive_group: prizes}\n"
         "  - {id: third, label: 三等奖, strategy: rank_tier, count: 2, exclusive_group: prizes}")
CASCADE_MARKS = {f"P{i}": str(100 - 5 * i) for i in range(1, 8)}  # P1 95 … P7 65: ranks 1-7
PEOPLE = {"P1": "张三", "P2": "李四，张三", "P3": "王五", "P4": "赵六", "P5": "钱七", "P6": "孙八", "P7": "周九"}


def groups(vacancy: str) -> str:
    return f"award_groups:\n  prizes: {{one_award_per: participant, vacancy: {vacancy}}}\n"


def test_one_award_per_participant_refills_in_rank_order(tmp_path):
    document = evaluate_json(*contest(tmp_path, TIERS, CASCADE_MARKS, PEOPLE, more=groups("refill")))
    # first: P1 (张三). second: places 2-3 are P2 and P3, but P2's 张三 already won first: P2 leaves the
    # group and the places move up: P3, P4. third: places 4-5 of the pool without P2: P5, P6
    assert winners(document) == {"first": ["P1"], "second": ["P3", "P4"], "third": ["P5", "P6"]}
    second = document["awards"][1]
    assert second["replaced"] == [{"entry": "P2", "cause": "clash", "kept": "first", "shared": "张三",
                                   "per": "participant", "by": ["P4"], "vacant": False}]
    assert second["notes"][0]["text"] == ("二等奖: P2's participant 张三 already won 一等奖 (one award per participant, "
                                          "the higher kept); moved up: P4")


@pytest.fixture(scope="module")
def forfeited(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("forfeit")
    rubric, data = contest(tmp_path, TIERS, CASCADE_MARKS, PEOPLE, more=groups("refill"),
                           forfeits=[["P1", "一等奖", "未签承诺书"]])
    return rubric, data, evaluate_json(rubric, data)


def test_a_forfeited_first_prize_is_refilled(forfeited):
    *_, document = forfeited
    # P1 is out of the group's pools: first goes to P2 (now no clash: 张三 holds nothing); second
    # places 2-3: P3, P4; third places 4-5: P5, P6
    assert winners(document) == {"first": ["P2"], "second": ["P3", "P4"], "third": ["P5", "P6"]}
    first = document["awards"][0]
    assert first["replaced"] == [{"entry": "P1", "cause": "forfeit", "note": "未签承诺书", "by": ["P2"],
                                  "vacant": False}]
    assert first["notes"][0]["text"] == "P1 gave up 一等奖 (未签承诺书); moved up: P2"
    entries = {e["id"]: e["awards"] for e in document["entries"]}
    assert entries["P1"] == [] and entries["P2"] == ["first"]
    assert any("P1 gave up" in w for w in document["warnings"])


def test_every_output_names_who_took_whose_place(forfeited, cli, tmp_path):
    rubric, data, _ = forfeited
    code, out, err = cli("evaluate", rubric, data)
    assert code == 0 and "P1 gave up 一等奖" in " ".join(out.split())
    page = tmp_path / "page.html"
    assert cli("evaluate", rubric, data, "--format", "html", "--output", page)[0] == 0
    said = page.read_text(encoding="utf-8")
    assert "P1 gave up 一等奖; moved up: P2" in said and "未签承诺书" not in said  # the page shows no 备注
    book = tmp_path / "book.xlsx"
    assert cli("evaluate", rubric, data, "--format", "xlsx", "--output", book)[0] == 0
    from openpyxl import load_workbook

    cells = [str(c.value) for sheet in load_workbook(book) for row in sheet.iter_rows() for c in row if c.value]
    assert any("P1 gave up 一等奖" in c for c in cells)
    code, out, err = cli("explain", rubric, data, "P1", "--format", "json")
    item = next(a for a in json.loads(out)["awards"] if a["award"] == "first")
    assert item["won"] is False and "P1 gave up" in item["why_not"]["text"]
    code, out, err = cli("explain", rubric, data, "P2", "--format", "json")
    item = next(a for a in json.loads(out)["awards"] if a["award"] == "first")
    assert item["won"] is True and item["moved_up"] is True and "moved up: P2" in item["why"]["text"]


def test_vacancy_vacant_leaves_the_place_empty(tmp_path):
    document = evaluate_json(*contest(tmp_path, TIERS, CASCADE_MARKS, PEOPLE, more=groups("vacant"),
                                      forfeits=[["P1", "first", ""]]))
    # first: P1 forfeits, vacant: nobody. second: places 2-3 are P2 and P3; P2's 张三 held first (decided
    # before the forfeit) so P2's place stays empty: P3 alone. third: places 4-5, nobody moved up: P4, P5
    assert winners(document) == {"first": [], "second": ["P3"], "third": ["P4", "P5"]}
    assert document["awards"][0]["replaced"][0]["vacant"] is True
    assert document["awards"][1]["replaced"][0] == {"entry": "P2", "cause": "clash", "kept": "first", "shared": "张三",
                                                    "per": "participant", "by": [], "vacant": True}
    assert "the place stays vacant" in document["awards"][0]["notes"][0]["text"]


def test_exclusive_group_alone_is_one_award_per_entry(tmp_path):
    # without award_groups: P2 shares 张三 with P1 but is another entry, so it wins second
    document = evaluate_json(*contest(tmp_path, TIERS, CASCADE_MARKS, PEOPLE))
    assert winners(document) == {"first": ["P1"], "second": ["P2", "P3"], "third": ["P4", "P5"]}


@pytest.mark.parametrize("row,said", [(["P9", "一等奖", ""], "unknown entry 'P9'"),
                                      (["P1", "一等奖x", ""], "did you mean '一等奖'"),
                                      (["P1", "", ""], "the award is missing")])
def test_a_bad_forfeit_row_is_a_located_error(tmp_path, cli, row, said):
    rubric, data = contest(tmp_path, TIERS, CASCADE_MARKS, PEOPLE, forfeits=[row])
    code, out, err = cli("evaluate", rubric, data)
    assert code == 1 and "forfeits.csv:2:" in err and said in err and "Traceback" not in err


def test_a_unit_award_forfeited_by_its_unit_goes_to_the_next_unit(tmp_path):
    marks = {f"U{i}": str(90 - i) for i in range(1, 7)}
    units = {"U1": "甲", "U2": "甲", "U3": "甲", "U4": "乙", "U5": "乙", "U6": "丙"}  # 3, 2 and 1 entries
    award = "  - {id: team, label: 最佳团队奖, strategy: unit_composite, params: {weights: {nominations: 1}}}"
    document = evaluate_json(*contest(tmp_path, award, marks, units=units, forfeits=[["甲", "最佳团队奖", ""]]))
    # by nominations 甲 3 > 乙 2 > 丙 1: 甲 wins and gives it up, 乙 moves up
    assert winners(document) == {"team": ["乙"]}
    assert document["awards"][0]["replaced"][0]["entry"] == "甲"
    assert document["awards"][0]["replaced"][0]["by"] == ["乙"]


# --- a plugin's own strategy explains itself ------------------------------------------------

PLUGIN = '''from rubric_engine import AwardOutcome, AwardStrategy, Message, hookimpl


def odd_marks(award, context):
    winners = [s.id for s in context.eligible if s.final.denominator == 1 and s.final % 2 == 1]
    return AwardOutcome(award.id, winners, {w: "odd" for w in winners})


def explain(award, context, entry_id):
    if entry_id in context.outcome(award).winners:
        return {}
    return {"why_not": "its final is not an odd whole number"}


@hookimpl
def register_award_strategies(register):
    register(AwardStrategy("odd_marks", odd_marks, "odd finals", counted=False, explain=explain,
                           params_schema={"type": "object", "additionalProperties": False,
                                          "properties": {"colour": {"type": "string"}}}))
'''


def test_a_plugin_strategy_explains_why_not(tmp_path, cli):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "odd.py").write_text(PLUGIN, encoding="utf-8")
    rubric, data = contest(tmp_path, "  - {id: odd, label: 奇数奖, strategy: odd_marks}", {"E1": "9", "E2": "8"})
    code, out, err = cli("explain", rubric, data, "E2", "--plugins-dir", folder, "--format", "json")
    assert code == 0, err
    item = next(a for a in json.loads(out)["awards"] if a["award"] == "odd")
    assert item == {"award": "odd", "label": "奇数奖", "won": False, "why_not": "its final is not an odd whole number"}
    code, out, err = cli("explain", rubric, data, "E2", "--plugins-dir", folder)
    assert code == 0 and "its final is not an odd whole number" in out
    document = json.loads(cli("evaluate", rubric, data, "--plugins-dir", folder, "--format", "json")[1])
    assert document["awards"][0]["winners"] == ["E1"] and document["awards"][0]["count"] is None
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("strategy: odd_marks}",
                                                                 "strategy: odd_marks, params: {color: red}}"),
                      encoding="utf-8")
    code, out, err = cli("validate", rubric, "--plugins-dir", folder)
    assert code == 1 and "'color'" in err and "'colour'" in err


def test_a_group_no_award_joins_is_an_error_with_did_you_mean(tmp_path, cli):
    rubric, _ = contest(tmp_path, TIERS, {"E1": "1"}, more="award_groups:\n  prize: {one_award_per: participant}\n")
    code, out, err = cli("validate", rubric)
    assert code == 1 and "group 'prize' of 'award_groups' is used by no award" in err and "'prizes'" in err
