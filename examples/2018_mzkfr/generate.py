"""Generate the bundled example contest for rubrics/2018_mzkfr.yaml.

    python examples/2018_mzkfr/generate.py [--entries 60] [--units 15] [--seed 2018] [--out DIR]

Deterministic for a given seed. The data is invented but shaped like the real
contest: 5 expert judges, 8 audience judges, vote tallies in four categories, unit
activity, a few manual verdicts and waivers, one unit over its quota, two late
entries, missing recommendation letters, and a tie at the boundary of the third
prize (ranks 20 and 21 share every tie-break key, so both get 三等奖).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玲红梅琳婷雪慧颖欣怡晨宇轩浩然子涵思雨佳琪梓萱"
UNIT_PREFIX = ["广州", "佛山", "深圳", "东莞", "珠海", "中山", "江门", "惠州"]
UNIT_KIND = ["电信客服中心", "银行信用卡中心", "移动客户服务中心", "保险客服中心", "航空呼叫中心", "电网客服中心",
             "证券客户服务部", "物流客服中心", "燃气客服热线", "政务服务热线", "联通客服中心", "汽车客户关怀中心",
             "医院预约中心", "快递客服中心", "家电售后服务中心", "旅游服务热线"]
TITLE_A = ["有你", "一通电话", "耳机那头", "凌晨三点", "温暖的声音", "第一千个来电", "不挂断的坚守", "客服的一天",
           "微笑在线", "答案之外", "听见", "服务无小事", "坐席上的青春", "那一声谢谢", "用心聆听"]
TITLE_B = ["世界变更美", "的故事", "的温度", "与我", "的承诺", "里的光", "的守望", "的力量", "之间", "的回响"]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _clip(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def generate(entries: int, units: int, seed: int) -> dict[str, list[list]]:
    rng = random.Random(seed)
    unit_names = []
    while len(unit_names) < units:
        name = rng.choice(UNIT_PREFIX) + rng.choice(UNIT_KIND)
        if name not in unit_names:
            unit_names.append(name)
    # Spread entries over units, at most 5 each, except the first unit which nominates one too many.
    per_unit = {u: 0 for u in unit_names}
    assignment = []
    for index in range(entries):
        if index < 6:
            unit = unit_names[0]
        else:
            unit = rng.choice([u for u in unit_names[1:] if per_unit[u] < 5] or unit_names[1:])
        per_unit[unit] += 1
        assignment.append(unit)
    rows = {"entries": [["编号", "作品名称", "参赛单位", "参赛人员", "团队", "形式", "提交时间", "推荐函"]],
            "scores": [["评分组", "评委", "作品编号", "内容性", "思想性", "创新性"]],
            "votes": [["作品编号", "类别", "票数"]],
            "units": [["参赛单位", "转发次数", "阅读量", "指导评分"]],
            "checks": [["作品编号", "检查项", "结果", "备注"]]}
    quality = {}
    titles = set()
    for index, unit in enumerate(assignment, start=1):
        entry_id = f"E{index:03d}"
        title = rng.choice(TITLE_A) + rng.choice(TITLE_B)
        while title in titles:
            title = rng.choice(TITLE_A) + rng.choice(TITLE_B) + rng.choice("一二三四五六七八九")
        titles.add(title)
        team = rng.random() < 0.15
        people = "、".join(_name(rng) for _ in range(3 if team else 1))
        day = rng.randint(1, 40)
        submitted = f"2018-10-{day:02d}" if day <= 31 else f"2018-11-{day - 31:02d}"
        submitted += f" {rng.randint(8, 22):02d}:{rng.randint(0, 59):02d}"
        if index in (17, 44):
            submitted = f"2018-11-{10 + index % 3} 09:{index:02d}"  # late
        letter = "否" if index in (9, 23, 51) else "是"
        rows["entries"].append([entry_id, title, unit, people, "是" if team else "否",
                                "视频" if rng.random() < 0.4 else "图文", submitted, letter])
        quality[entry_id] = min(0.97, max(0.35, rng.gauss(0.72, 0.12)))
    for panel, judges, noise in (("专家评分", [f"专家{i}" for i in range(1, 6)], 0.06),
                                 ("专业观众评分", [f"观众{i}" for i in range(1, 9)], 0.10)):
        for entry_id, q in quality.items():
            for judge in judges:
                level = q + rng.gauss(0, noise)
                rows["scores"].append([panel, judge, entry_id, _clip(30 * level, 10, 30), _clip(50 * level, 0, 50),
                                       _clip(10 * level, 4, 10)])
    for category in ("人气", "风采", "形象", "创意"):
        for entry_id, q in quality.items():
            base = 3000 if category == "人气" else 1200
            rows["votes"].append([entry_id, category, int(base * q * rng.uniform(0.3, 1.2))])
    for unit in unit_names:
        rows["units"].append([unit, rng.randint(5, 120), rng.randint(500, 30000), rng.randint(3, 10)])
    rows["checks"] += [
        ["E005", "工作照片", "不通过", "照片为生活照，非工作照片"],
        ["E032", "work_photo", "fail", "照片与主题不符"],
        ["E038", "非诗歌", "不通过", "作品为诗歌体"],
        ["E017", "deadline", "通过", "邮件服务器延迟，组委会同意按时处理"],
        ["E023", "推荐函", "通过", "推荐函已于11月12日补交"],
    ]
    return rows


def _make_boundary_tie(rows: dict, rubric_path: Path) -> None:
    """Make the entry ranked just below the last third prize a full twin of it."""
    sys.path.insert(0, str(ROOT))
    from rubric_engine.engine.evaluate import evaluate
    from rubric_engine.io.data import read_data
    from rubric_engine.plugins import load_host
    from rubric_engine.rubric.build import load_rubric
    import tempfile

    host = load_host(entry_points=False)
    rubric = load_rubric(rubric_path, host=host, lint=False).rubric
    last_tier = sum(a.count for a in rubric.awards if a.strategy == "rank_tier")
    for _ in range(5):
        with tempfile.TemporaryDirectory() as folder:
            write(rows, Path(folder))
            evaluation = evaluate(rubric, read_data(folder, rubric), host)
        ranked = [r for r in evaluation.entries if r.rank is not None]
        if len(ranked) <= last_tier:
            return
        model, twin = ranked[last_tier - 1].entry.id, ranked[last_tier].entry.id
        if ranked[last_tier].rank == ranked[last_tier - 1].rank:
            return
        entries = {r[0]: r for r in rows["entries"][1:]}
        for column in (6, 7):  # submission time and letter: same checks, same 规范性
            entries[twin][column] = entries[model][column]
        entries[twin][2] = entries[model][2] if False else entries[twin][2]
        marks = {(r[0], r[1]): r[3:] for r in rows["scores"][1:] if r[2] == model}
        for row in rows["scores"][1:]:
            if row[2] == twin:
                row[3:] = marks[(row[0], row[1])]
        votes = {r[1]: r[2] for r in rows["votes"][1:] if r[0] == model}
        for row in rows["votes"][1:]:
            if row[0] == twin and row[1] == "人气":
                row[2] = votes["人气"]
        rows["checks"] = [r for r in rows["checks"] if r[0] != twin]


def write(rows: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in rows.items():
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as stream:
            csv.writer(stream, lineterminator="\n").writerows(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=60)
    parser.add_argument("--units", type=int, default=15)
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--rubric", type=Path, default=ROOT / "rubrics" / "2018_mzkfr.yaml")
    args = parser.parse_args()
    rows = generate(args.entries, args.units, args.seed)
    _make_boundary_tie(rows, args.rubric)
    write(rows, args.out)
    print(f"wrote {args.entries} entries from {args.units} units to {args.out}")


if __name__ == "__main__":
    main()
