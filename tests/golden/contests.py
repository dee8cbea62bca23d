"""Deterministic contests for the golden test: real data folders, built from fixed seeds.

``build(name, base)`` writes one contest under ``base`` and returns (rubric file, data
folder); ``build_all(base)`` writes them all. A contest's rubric, when it is not a file
of the repository, is written beside its data folder as ``base/<name>.yaml``; the data
folder is ``base/<name>/``. Nothing here reads the clock or the machine: the same code
writes the same bytes (the xlsx files are normalised to fixed timestamps, stored
uncompressed). ``EXPLAIN`` names the entries whose ``rubric explain`` is frozen.

Changing anything here changes the inputs of the golden files: regenerate them with
``tests/golden/regenerate.py`` and say why in the commit.
"""
from __future__ import annotations

import csv
import io
import random
import re
import shutil
import zipfile
from pathlib import Path
from typing import Callable

from tests.conftest import MINI_RUBRIC, ROOT, Contest, write_csv

EXAMPLE_2018 = ROOT / "examples" / "2018_mzkfr"
RUBRIC_2018 = ROOT / "rubrics" / "2018_mzkfr.yaml"
DIVING = ROOT / "examples" / "diving"
BEST_NEWCOMER = ROOT / "plugins" / "best_newcomer.py"

QUOTA_UNIT = "广州电信客服中心"
UNITS = ["佛山银行信用卡中心", "深圳物流客服中心", "东莞快递客服中心", "江门政务服务热线", "珠海移动客户服务中心",
         "惠州电网客服中心", "中山证券客户服务部", "肇庆燃气客服中心", "汕头水务热线", "韶关医保服务中心",
         "清远公交客服中心", "湛江港务客服中心", "茂名石化客服中心"]


# --- small helpers -----------------------------------------------------------------------

def variant(*replacements: tuple[str, str]) -> str:
    """MINI_RUBRIC with each (old, new) replaced exactly once (fails loudly if the text moved)."""
    text = MINI_RUBRIC
    for old, new in replacements:
        assert text.count(old) == 1, f"MINI_RUBRIC no longer holds {old!r} exactly once"
        text = text.replace(old, new)
    return text


def write_rubric(base: Path, name: str, text: str) -> Path:
    path = base / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def _clamp(value: float, top: int, step: float) -> float | int:
    value = round(value / step) * step
    value = min(top, max(0, value))
    return int(value) if float(value).is_integer() else value


def marks_for(rng: random.Random, quality: float, half: bool = False) -> tuple:
    """A judge's (content, thought, innovation) for an entry of this quality (0–1)."""
    step = 0.5 if half else 1
    return (_clamp(quality * 30 + rng.gauss(0, 2), 30, step),
            _clamp(quality * 50 + rng.gauss(0, 3), 50, 1),
            _clamp(quality * 10 + rng.gauss(0, 1), 10, step))


def submitted(rng: random.Random) -> str:
    """A time in October 2018, well before the deadline."""
    return f"2018-10-{rng.randint(1, 31):02d} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"


def _normalise_xlsx(path: Path) -> None:
    """Rewrite an openpyxl workbook so that its bytes do not depend on the clock: fixed
    core-property dates, fixed zip timestamps, entries stored uncompressed (so the bytes
    do not depend on the zlib build either)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for name, data in parts:
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                              rb"\g<1>2018-11-20T00:00:00Z\g<3>", data)
            info = zipfile.ZipInfo(name, date_time=(2018, 11, 20, 0, 0, 0))
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def write_xlsx(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    _normalise_xlsx(path)
    return path


class Field(Contest):
    """A Contest with more judges per panel, units rows and a few scenario helpers."""

    def __init__(self, folder: Path, rng: random.Random, experts: int = 5, audience: int = 3, half: bool = False):
        super().__init__(folder)
        self.rng, self.half = rng, half
        self.experts = [f"X{i}" for i in range(1, experts + 1)]
        self.audience = [f"A{i}" for i in range(1, audience + 1)]

    def judged(self, entry_id: str, quality: float, *, skip: tuple[str, ...] = (), panels=("experts", "audience")):
        for panel in panels:
            for judge in (self.experts if panel == "experts" else self.audience):
                if judge not in skip:
                    self.sheet(panel, judge, entry_id, *marks_for(self.rng, quality, self.half))
        return self

    def same_marks(self, entry_ids: list[str], experts: list[tuple], audience: list[tuple]):
        """Every listed entry gets exactly these sheets (one tuple per judge)."""
        for entry_id in entry_ids:
            for judge, marks in zip(self.experts, experts):
                self.sheet("experts", judge, entry_id, *marks)
            for judge, marks in zip(self.audience, audience):
                self.sheet("audience", judge, entry_id, *marks)
        return self


def random_field(folder: Path, seed: int, count: int, *, experts: int = 5, audience: int = 3, half: bool = False,
                 units: list[str] | None = None) -> Field:
    """``count`` ordinary entries E001.. with random marks, units (in turn), times and popularity votes."""
    rng = random.Random(seed)
    field = Field(folder, rng, experts, audience, half)
    pool = units or UNITS[:6]
    for number in range(1, count + 1):
        entry_id = f"E{number:03d}"
        field.entry(entry_id, pool[(number - 1) % len(pool)], submitted=submitted(rng),
                    fmt=rng.choice(["图文", "视频"]))
        field.judged(entry_id, rng.uniform(0.45, 0.95))
        field.vote(entry_id, rng.randint(120, 3000))
    return field


# --- (a), (b) the bundled examples ---------------------------------------------------------

def mzkfr2018(base: Path) -> tuple[Path, Path]:
    """The 2018 example's tables only: no submissions/ folder, so no file is probed."""
    folder = base / "mzkfr2018"
    folder.mkdir(parents=True)
    for table in sorted(EXAMPLE_2018.glob("*.csv")):
        shutil.copyfile(table, folder / table.name)
    return RUBRIC_2018, folder


def diving(base: Path) -> tuple[Path, Path]:
    """Springboard diving: 3 dives × 7 judges, trimmed sum × degree of difficulty."""
    folder = base / "diving"
    folder.mkdir(parents=True)
    for table in sorted(DIVING.glob("*.csv")):
        shutil.copyfile(table, folder / table.name)
    return DIVING / "rubric.yaml", folder


# --- (c) the big random contest on the MINI rubric ---------------------------------------

def mini(base: Path) -> tuple[Path, Path]:
    """60 entries, 5 expert and 3 audience judges, and every awkward case at fixed ids:

    E001–E007  one unit nominating 7 (E006 and E007 submitted at the same minute): quota
    E008 late, E009 at 23:59 of the deadline day, E016 late but waived
    E010 no 推荐函, E011 an empty 推荐函 cell (review), E012 no 推荐函 but waived
    E013 manual fail, E014 two manual fails, E015 a manual pass with nothing to waive
    E020, E021 team entries
    E030 best of all; E031–E033 identical sheets and votes: a 3-way tie at rank 2 (tier 一等奖
         gets 4 winners for 2 places)
    E034/E035 equal finals exactly (0.7 × 82 + 0.1 × 70 = 0.7 × 81 + 0.1 × 77) where binary
         floats differ; the tie-break (experts) decides
    E036/E037 equal experts and audience means from different sheets, 9 points each with 12
         and 10 votes: decided by online.votes
    E040 judge X3 skipped it, E041 judge A2 skipped it
    E042 no expert marks, E043 no marks and no votes at all
    E044 a style row but no popularity row, E045 no vote row at all
    E046/E047 equal popularity votes (a vote-rank tie)
    E050/E051 share the most style votes; E030 (popularity winner) has the most image votes,
         so the image award passes to the next best in the exclusive group
    """
    folder = base / "mini"
    rng = random.Random(20181110)
    field = Field(folder, rng, experts=5, audience=3)
    others = [u for u in UNITS for _ in range(5)][:53]  # at most 5 each: within the quota
    rng.shuffle(others)
    assigned = iter(others)
    special: dict[str, dict] = {
        "E008": {"submitted": "2018-11-11 09:00"}, "E009": {"submitted": "2018-11-10 23:59"},
        "E016": {"submitted": "2018-11-12"}, "E010": {"letter": "否"}, "E011": {"letter": ""},
        "E012": {"letter": "否"}, "E020": {"team": "是"}, "E021": {"team": "是"},
    }
    for number in range(1, 61):
        entry_id = f"E{number:03d}"
        options = {"submitted": submitted(rng), "fmt": rng.choice(["图文", "视频"])}
        if number <= 7:
            options["unit"] = QUOTA_UNIT
            options["submitted"] = ["2018-10-03 09:00", "2018-10-01 10:00", "2018-10-05 11:30", "2018-10-02 08:15",
                                    "2018-10-09 16:00", "2018-10-07 14:20", "2018-10-07 14:20"][number - 1]
        else:
            options["unit"] = next(assigned)
        options.update(special.get(entry_id, {}))
        field.entry(entry_id, options["unit"], letter=options.get("letter", "是"), submitted=options["submitted"],
                    team=options.get("team", "否"), fmt=options["fmt"],
                    title=None if number % 7 else f"作品{entry_id}：服务之光")
    field.entries[19][3] = "王芳、李强、张伟"  # E020's team
    field.entries[20][3] = "赵敏、钱进"

    for number in range(1, 61):
        entry_id = f"E{number:03d}"
        quality = rng.uniform(0.45, 0.92)
        if 30 <= number <= 37 or number in (42, 43):
            continue
        if number == 40:
            field.judged(entry_id, quality, skip=("X3",))
        elif number == 41:
            field.judged(entry_id, quality, skip=("A2",))
        else:
            field.judged(entry_id, quality)
    field.same_marks(["E030"], [(30, 50, 10), (30, 49, 10), (29, 50, 10), (30, 50, 9), (30, 50, 10)],
                     [(30, 48, 10), (29, 50, 10), (30, 50, 10)])
    field.same_marks(["E031", "E032", "E033"], [(28, 47, 9), (29, 46, 9), (27, 48, 10), (28, 47, 9), (29, 47, 8)],
                     [(28, 46, 9), (27, 47, 9), (29, 46, 8)])
    # totals (with 规范性 10): experts 82 / 81, audience 70 / 77
    field.same_marks(["E034"], [(22, 42, 8), (23, 41, 8), (21, 43, 8), (22, 42, 8), (22, 42, 8)],
                     [(18, 36, 6), (19, 35, 6), (17, 37, 6)])
    field.same_marks(["E035"], [(22, 41, 8), (21, 42, 8), (23, 40, 8), (22, 41, 8), (22, 41, 8)],
                     [(20, 40, 7), (21, 39, 7), (19, 41, 7)])
    # experts totals 88, 90, 92, 86, 94 vs all 90; audience 80, 85, 90 vs all 85
    field.same_marks(["E036"], [(24, 46, 8), (25, 47, 8), (26, 47, 9), (23, 45, 8), (27, 48, 9)],
                     [(22, 42, 6), (24, 44, 7), (25, 46, 9)])
    field.same_marks(["E037"], [(25, 47, 8)] * 5, [(24, 44, 7)] * 3)
    field.sheet("audience", "A1", "E042", 20, 35, 6).sheet("audience", "A3", "E042", 22, 36, 7)

    for number in range(1, 61):
        entry_id = f"E{number:03d}"
        if number in (43, 44, 45):
            continue
        votes = {30: 3600, 31: 3200, 32: 3200, 33: 3200, 34: 1800, 35: 1800, 36: 12, 37: 10, 46: 1500,
                 47: 1500}.get(number, rng.randint(120, 3000))
        field.vote(entry_id, votes)
    for number in range(1, 61, 3):
        field.vote(f"E{number:03d}", rng.randint(10, 300), "style")
        field.vote(f"E{number + 1:03d}", rng.randint(10, 300), "image")
        field.vote(f"E{number + 2:03d}", rng.randint(10, 300), "creativity")
    field.votes = [v for v in field.votes if not (v[0] in ("E050", "E051", "E030", "E044") and v[1] != "popularity")]
    field.vote("E050", 400, "风采").vote("E051", 400, "style").vote("E030", 500, "image").vote("E044", 77, "style")
    field.vote("E052", 450, "形象")

    field.verdict("E012", "recommendation_letter", "pass", "推荐函已于11月12日补交")
    field.verdict("E013", "work_photo", "fail", "照片为生活照")
    field.verdict("E014", "工作照片", "不通过", "").verdict("E014", "not_poem", "fail", "作品为诗歌体")
    field.verdict("E015", "work_photo", "通过", "复核：是工作照")
    field.verdict("E016", "deadline", "pass", "邮件服务器延迟，组委会同意按时处理")

    field.units = [[u, rng.randint(10, 200), rng.randint(1000, 30000), rng.choice([6, 7, 8, 8.5, 9, 10])]
                   for u in [QUOTA_UNIT, *UNITS[:-1]]]
    field.units[3][3] = ""  # an empty figure: counts as 0, warned
    field.units.append(["潮州客服中心", 500, 90000, 10])  # a unit with no entry: warned, cannot win
    return write_rubric(base, "mini", MINI_RUBRIC), field.write()


# --- (d) variants of the MINI rubric ------------------------------------------------------

EXPERT_PANEL = "criteria: [conformity, content, thought, innovation]}\n  - {id: audience"
AUDIENCE_PANEL = "weight: 10%, criteria: [conformity, content, thought, innovation]}"


def mini_median(base: Path) -> tuple[Path, Path]:
    """Experts by median with 4 judges (the mean of the middle two); E101 lost a judge
    (odd: the middle one); E102's one wild judge moves the mean, not the median."""
    rubric = write_rubric(base, "mini_median", variant(
        (EXPERT_PANEL,
         "criteria: [conformity, content, thought, innovation], aggregation: median}\n  - {id: audience")))
    field = random_field(base / "mini_median", 101, 14, experts=4, audience=2)
    field.entry("E101", UNITS[6]).judged("E101", 0.8, skip=("X2",)).vote("E101", 900)
    field.entry("E102", UNITS[7]).same_marks(["E102"], [(25, 44, 8), (26, 45, 8), (5, 10, 1), (25, 45, 9)],
                                             [(24, 42, 8), (25, 43, 8)]).vote("E102", 905)
    return rubric, field.write()


def mini_trimmed(base: Path) -> tuple[Path, Path]:
    """Experts by trimmed_mean (drop 1 high, 1 low) over 5 judges; E111 lost a judge (4:
    the middle two remain); E112 has an outlier at each end."""
    rubric = write_rubric(base, "mini_trimmed", variant(
        (EXPERT_PANEL, "criteria: [conformity, content, thought, innovation], aggregation: trimmed_mean, "
                       "aggregation_params: {drop: 1}}\n  - {id: audience")))
    field = random_field(base / "mini_trimmed", 111, 14, experts=5, audience=2)
    field.entry("E111", UNITS[6]).judged("E111", 0.8, skip=("X5",)).vote("E111", 700)
    field.entry("E112", UNITS[7]).same_marks(["E112"], [(30, 50, 10), (24, 41, 7), (25, 42, 7), (2, 5, 0),
                                                        (24, 43, 8)], [(24, 42, 8), (25, 43, 7)]).vote("E112", 650)
    return rubric, field.write()


def mini_sum(base: Path) -> tuple[Path, Path]:
    """Audience by sum over 3 judges (so the panel can pass its maximum of 100); A3 skipped
    E121, whose audience sum is two sheets only."""
    rubric = write_rubric(base, "mini_sum", variant((AUDIENCE_PANEL, AUDIENCE_PANEL[:-1] + ", aggregation: sum}")))
    field = random_field(base / "mini_sum", 121, 14, experts=3, audience=3)
    field.entry("E121", UNITS[6]).judged("E121", 0.85, skip=("A3",)).vote("E121", 1200)
    return rubric, field.write()


def mini_formula(base: Path) -> tuple[Path, Path]:
    """A final formula over panels, criteria, votes, min and max, and the tie-break chain
    [experts.thought, online.rank, audience]:

    E131/E132 equal on the formula, E131 ahead on experts.thought
    E133/E134 equal on the formula and on experts.thought; few votes (vote ranks 15 and 16,
         both 10 points): online.rank decides, the lower rank ahead
    E135/E136 equal on everything: a shared rank
    The /16 term gives finals with a 5 in the fifth decimal (half-up rounding at 4).
    """
    rubric = write_rubric(base, "mini_formula", variant(
        ("final:\n  tie_break: [experts, audience, online.votes]",
         "final:\n  formula: 0.5 * min(experts, audience) + max(experts.content, audience.content) / 16"
         " + online + experts.conformity * 1.25 - abs(experts.innovation - audience.innovation) / 8\n"
         "  tie_break: [experts.thought, online.rank, audience]\n  decimals: 3")))
    field = random_field(base / "mini_formula", 131, 12, experts=2, audience=2)
    # totals with 规范性 10: E131 experts 87 (thought 44), audience 83; E132 experts 87 (thought 42), audience 83
    field.entry("E131", UNITS[0]).same_marks(["E131"], [(25, 44, 8), (25, 44, 8)], [(25, 40, 8), (25, 40, 8)])
    field.entry("E132", UNITS[1]).same_marks(["E132"], [(25, 42, 10), (25, 42, 10)], [(25, 38, 10), (25, 38, 10)])
    field.vote("E131", 2000).vote("E132", 2000)
    field.entry("E133", UNITS[2]).entry("E134", UNITS[3])
    field.same_marks(["E133", "E134"], [(21, 40, 7), (22, 41, 6)], [(20, 38, 7), (23, 37, 6)])
    field.vote("E133", 40).vote("E134", 35)
    field.entry("E135", UNITS[4]).entry("E136", UNITS[5])
    field.same_marks(["E135", "E136"], [(19, 33, 5), (20, 34, 6)], [(18, 30, 5), (21, 31, 4)])
    field.vote("E135", 20).vote("E136", 20)
    return rubric, field.write()


def mini_disqualify(base: Path) -> tuple[Path, Path]:
    """deadline and not_poem disqualify. E141 (late) has the most votes: it keeps its vote
    rank (others' points do not move) but wins nothing; E142 is late but waived; E143 is
    a poem by manual verdict; E144 has no 推荐函 (a deduction only)."""
    rubric = write_rubric(base, "mini_disqualify", variant(
        ("{id: deadline, label: 提交时间, type: deadline}",
         "{id: deadline, label: 提交时间, type: deadline, severity: disqualify}"),
        ("{id: not_poem, label: 非诗歌, type: manual}", "{id: not_poem, label: 非诗歌, type: manual, severity: disqualify}")))
    field = random_field(base / "mini_disqualify", 141, 14, experts=3, audience=2)
    field.entry("E141", UNITS[0], submitted="2018-11-11 00:00").judged("E141", 0.95).vote("E141", 5000)
    field.entry("E142", UNITS[1], submitted="2018-11-13 10:00").judged("E142", 0.7).vote("E142", 800)
    field.entry("E143", UNITS[2]).judged("E143", 0.9).vote("E143", 4000).vote("E143", 300, "style")
    field.entry("E144", UNITS[3], letter="否").judged("E144", 0.75).vote("E144", 600)
    field.verdict("E142", "deadline", "pass", "补交材料获批")
    field.verdict("E143", "not_poem", "fail", "作品为诗歌体")
    return rubric, field.write()


def mini_half(base: Path) -> tuple[Path, Path]:
    """Half marks (step 0.5) for content and innovation, and no votes file at all: the rubric
    says ``voting: {optional: true}``, so the vote panel gives 0 points and the vote awards are vacant."""
    rubric = write_rubric(base, "mini_half", variant(
        ('voting:\n  opens: "2018-10-20"\n', 'voting:\n  optional: true\n  opens: "2018-10-20"\n'),
        ("{id: content, label: 内容性, max: 30}", "{id: content, label: 内容性, max: 30, step: 0.5}"),
        ("{id: innovation, label: 创新性, max: 10}", "{id: innovation, label: 创新性, max: 10, step: 0.5}")))
    field = random_field(base / "mini_half", 151, 14, experts=3, audience=3, half=True)
    field.entry("E151", UNITS[0]).same_marks(["E151"], [(27.5, 45, 8.5), (28, 44, 9), (27.5, 46, 9.5)],
                                             [(26.5, 40, 7.5), (25, 41, 8), (26, 42, 0.5)])
    field.votes = []
    return rubric, field.write()


def mini_units(base: Path) -> tuple[Path, Path]:
    """Several unit awards (unit_composite with other weights, a shared place) and the
    best_newcomer plugin (an award strategy from a file next to the rubric)."""
    plugin = base / "plugins" / "best_newcomer.py"
    plugin.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BEST_NEWCOMER, plugin)
    rubric = write_rubric(base, "mini_units", variant(
        ("rubric_version: 1\n", "rubric_version: 1\nplugins: [plugins/best_newcomer.py]\n"),
        ("    count: 1\n    params: {weights: {nominations: 50%, entry_ranks: 50%}}\n",
         "    count: 2\n"
         "    params: {weights: {nominations: 20%, shares: 10%, reads: 10%, entry_ranks: 50%, guidance: 10%}}\n"
         "  - id: best_organization\n    label: 最佳组织奖\n    strategy: unit_composite\n    count: 1\n"
         "    params: {weights: {shares: 35%, reads: 35%, guidance: 30%}}\n"
         "  - id: most_cohesive\n    label: 最具凝聚力奖\n    strategy: unit_composite\n    count: 1\n"
         "    params: {weights: {entry_ranks: 1}}\n"
         "  - id: best_newcomer\n    label: 最佳新人奖\n    strategy: best_newcomer\n    count: 1\n"
         "    params: {new_units: [珠海移动客户服务中心, 惠州电网客服中心]}\n")))
    field = random_field(base / "mini_units", 161, 18, experts=3, audience=2, units=UNITS[:7])
    # 深圳物流 and 东莞快递 are equal on shares, reads and guidance: they share 最佳组织奖
    field.units = [[UNITS[0], 40, 8000, 7], [UNITS[1], 120, 25000, 9.5], [UNITS[2], 120, 25000, 9.5],
                   [UNITS[3], 15, 3100, 10], [UNITS[4], 60, 12000, ""], [UNITS[5], 0, 0, 6],
                   ["潮州客服中心", 999, 99999, 10]]
    return rubric, field.write()


# --- (e) other table shapes ---------------------------------------------------------------

def long_form(base: Path) -> tuple[Path, Path]:
    """Scores in long form (panel, judge, entry, criterion, score) with Chinese headers,
    criteria by id and by label, and a 规范性 mark (ignored, warned); votes.csv separated
    by semicolons."""
    rng = random.Random(171)
    folder = base / "long_form"
    field = random_field(folder, 172, 10, experts=3, audience=2)
    rows = [["评分组", "评委", "作品编号", "评分项", "分数"]]
    names = {"content": "内容性", "thought": "thought", "innovation": "创新性"}
    for panel, judge, entry, *marks in field.scores:
        for (criterion, label), mark in zip(names.items(), marks):
            rows.append([{"experts": "专家评分", "audience": "audience"}[panel], judge, entry,
                         label if rng.random() < 0.5 else criterion, mark])
    rows.append(["专家评分", "X1", "E003", "规范性", 8])
    field.scores = []
    field.write()
    write_csv(folder / "scores.csv", rows)
    with open(folder / "votes.csv", "w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([["作品编号", "类别", "票数"], *field.votes])
    return write_rubric(base, "long_form", MINI_RUBRIC), folder


def _chinese_tables(field: Field) -> dict[str, list[list]]:
    panels = {"experts": "专家评分", "audience": "专业观众评分"}
    categories = {"popularity": "人气", "style": "风采", "image": "形象", "creativity": "创意"}
    return {
        "entries": [["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"], *field.entries],
        "scores": [["评分组", "评委", "作品编号", "内容性", "思想性", "创新性"],
                   *[[panels[p], *rest] for p, *rest in field.scores]],
        "votes": [["作品编号", "类别", "票数"], *[[e, categories[c], v] for e, c, v in field.votes]],
        "checks": [["作品编号", "检查项", "结果", "备注"], *field.verdicts],
        "units": [["参赛单位", "转发次数", "阅读量", "指导评分"], *field.units],
    }


def gb18030(base: Path) -> tuple[Path, Path]:
    """Every table in GB18030 (as Excel in China saves CSV), Chinese headers and values,
    and a title with a character outside GBK (𠮷, four bytes in GB18030)."""
    folder = base / "gb18030"
    field = random_field(folder, 181, 10, experts=3, audience=2)
    field.entries[2][1] = "𠮷祥的声音"
    field.entries[4][7] = "无"
    field.verdict("E002", "工作照片", "不通过", "非工作照片").verdict("E005", "推荐函", "通过", "已补交")
    field.units = [[UNITS[i], 10 * i + 5, 1000 * i + 300, 8] for i in range(6)]
    for name, rows in _chinese_tables(field).items():
        write_csv(folder / f"{name}.csv", rows, "gb18030")
    return write_rubric(base, "gb18030", MINI_RUBRIC), folder


def xlsx(base: Path) -> tuple[Path, Path]:
    """Every table as .xlsx (openpyxl): date cells, int and float marks, int votes."""
    import datetime as dt

    folder = base / "xlsx"
    field = random_field(folder, 191, 10, experts=3, audience=2)
    tables = _chinese_tables(field)
    for row in tables["entries"][1:]:
        row[6] = dt.datetime.fromisoformat(row[6])
    for row in tables["scores"][1::3]:
        row[3:6] = [float(v) for v in row[3:6]]
    tables["entries"][3][6] = dt.datetime(2018, 11, 10, 23, 59)
    tables["entries"][4][6] = dt.datetime(2018, 11, 11, 0, 0)
    tables["checks"].append(["E004", "非诗歌", "不通过", ""])
    for name, rows in tables.items():
        write_xlsx(folder / f"{name}.xlsx", rows)
    return write_rubric(base, "xlsx", MINI_RUBRIC), folder


# --- (f) a raw vote log -------------------------------------------------------------------

def vote_log(base: Path) -> tuple[Path, Path]:
    """A raw vote log counted under one vote per voter, entry, category and day in the
    window 2018-10-20..26 (China time): repeats on one day count once, the next day again;
    times in UTC (Z) and with offsets; votes before and after the window are not counted."""
    rng = random.Random(201)
    folder = base / "vote_log"
    field = random_field(folder, 202, 8, experts=3, audience=2)
    field.votes = []
    field.write()
    log = [["投票人", "作品编号", "类别", "投票时间", "IP"]]
    categories = ["人气", "人气", "人气", "风采", "形象", "creativity", ""]
    for number in range(400):
        voter = f"u{rng.randint(1, 12):03d}"
        entry = f"E{rng.randint(1, 8):03d}"
        day = rng.randint(19, 27)
        category = rng.choice(categories)
        when = f"2018-10-{day} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        log.append([voter, entry, category, when, f"10.0.{rng.randint(0, 3)}.{rng.randint(1, 254)}"])
    log += [
        ["v1", "E001", "人气", "2018-10-20 08:00", "1.1.1.1"],
        ["v1", "E001", "人气", "2018-10-20 23:00", "1.1.1.2"],  # same day: counted once
        ["v1", "E001", "人气", "2018-10-21 00:30", "1.1.1.1"],  # next day: counts
        ["v2", "E002", "人气", "2018-10-26T15:59:00Z", "1.1.1.3"],  # 23:59 China time, last day
        ["v3", "E002", "人气", "2018-10-26T16:00:00Z", "1.1.1.3"],  # 00:00 on 10-27 China time: late
        ["v4", "E002", "人气", "2018-10-19T23:59:00+08:00", "1.1.1.4"],  # before the window
        ["v5", "E003", "人气", "2018-10-19T17:00:00+00:00", "1.1.1.5"],  # 01:00 on 10-20 China time: counts
        ["v6", "E003", "人气", "2018/10/22 9:05", "1.1.1.6"],
    ]
    write_csv(folder / "votes.csv", log)
    return write_rubric(base, "vote_log", MINI_RUBRIC), folder


# --- the registry -------------------------------------------------------------------------

BUILDERS: dict[str, Callable[[Path], tuple[Path, Path]]] = {
    "mzkfr2018": mzkfr2018,
    "diving": diving,
    "mini": mini,
    "mini_median": mini_median,
    "mini_trimmed": mini_trimmed,
    "mini_sum": mini_sum,
    "mini_formula": mini_formula,
    "mini_disqualify": mini_disqualify,
    "mini_half": mini_half,
    "mini_units": mini_units,
    "long_form": long_form,
    "gb18030": gb18030,
    "xlsx": xlsx,
    "vote_log": vote_log,
}

# contest -> entries whose `rubric explain` is frozen (why each is interesting: see the builders)
EXPLAIN: dict[str, list[str]] = {
    "mzkfr2018": ["E041", "E044", "E023"],  # a full tie (with E060); a final tie broken by experts; a waiver
    "diving": ["D1", "D4"],  # item panels: three dives × factor, trimmed sums
    "mini": ["E031", "E040", "E042"],  # 3-way tie at rank 2; a skipped judge; no expert marks
    "mini_median": ["E101", "E102"],  # median of 3 (a skipped judge); a wild judge
    "mini_trimmed": ["E111", "E112"],  # 4 judges trimmed to 2; outliers at both ends
    "mini_sum": ["E121", "E002"],  # a sum of two sheets (skipped judge); a final above 100
    "mini_formula": ["E131", "E134", "E135"],  # tie decided by experts.thought; by online.rank; shared
    "mini_disqualify": ["E141", "E142", "E143"],  # disqualified (late); late but waived; disqualified (manual)
    "mini_half": ["E151", "E004"],  # half marks; the top entry with no votes file
    "mini_units": ["E005", "E013"],  # the newcomer award; a newcomer unit's entry that missed it
    "long_form": ["E003", "E010"],  # the entry with the ignored 规范性 mark; the popularity winner
    "gb18030": ["E002", "E003"],  # a manual fail; the title outside GBK (𠮷)
    "xlsx": ["E004", "E005"],  # late (00:00 the day after) and a manual fail; an ordinary entry
    "vote_log": ["E001", "E002"],  # counted votes after repeats; after the window (Z times)
}


def build(name: str, base: Path) -> tuple[Path, Path]:
    """Write contest ``name`` under ``base``; return (rubric file, data folder)."""
    base.mkdir(parents=True, exist_ok=True)
    return BUILDERS[name](base)


def build_all(base: Path) -> dict[str, tuple[Path, Path]]:
    """Write every contest under ``base``; name -> (rubric file, data folder)."""
    return {name: build(name, base) for name in BUILDERS}
