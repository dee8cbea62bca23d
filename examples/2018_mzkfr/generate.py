"""Generate the bundled example contest for rubrics/2018_mzkfr.yaml.

    python examples/2018_mzkfr/generate.py [--entries 60] [--units 15] [--seed 2018] [--out DIR]

Deterministic for a given seed. The data is invented but shaped like the real
contest: 5 expert judges, 8 audience judges, vote tallies in four categories, unit
activity, a few manual verdicts and waivers, one unit over its quota, two late
entries, missing recommendation letters, and a tie at the boundary of the third
prize (ranks 20 and 21 share every tie-break key, so both get 三等奖).

With ``--submissions`` (the default) it also writes ``submissions/``: one folder per
entry with a photo, a Word and a PDF article or a video, mostly as the rules ask and
with a realistic share of mistakes (small photos, short or long articles, wrong fonts,
no phone number, a missing PDF, a .doc file, short or long videos, a .mov, a wrongly
named folder). Photos are padded with zeros, so their 3 MB cost git almost nothing.
Needs the ``[test]`` extras (python-docx, reportlab, imageio-ffmpeg).
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

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
    def scaled(k: int) -> int:
        """Entry number k of the 60-entry contest, scaled to this contest's size."""
        return max(1, min(entries, k * entries // 60))

    late, no_letter = {scaled(17), scaled(44)}, {scaled(9), scaled(23), scaled(51)}
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
        if index in late:
            submitted = f"2018-11-{11 + index % 2} 09:{index % 60:02d}"  # late
        letter = "否" if index in no_letter else "是"
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
    verdicts = [
        (scaled(5), "工作照片", "不通过", "照片为生活照，非工作照片"),
        (scaled(32), "work_photo", "fail", "照片与主题不符"),
        (scaled(38), "非诗歌", "不通过", "作品为诗歌体"),
        (scaled(17), "deadline", "通过", "邮件服务器延迟，组委会同意按时处理"),
        (scaled(23), "推荐函", "通过", "推荐函已于11月12日补交"),
    ]
    seen = set()
    for number, check, result, note in verdicts:
        if (number, check) not in seen and (number, {"工作照片": "work_photo"}.get(check, check)) not in seen:
            seen.add((number, {"工作照片": "work_photo"}.get(check, check)))
            rows["checks"].append([f"E{number:03d}", check, result, note])
    return rows


def _evaluate(folder: Path, rubric_path: Path, again: tuple[dict, str] | None = None):
    """The rubric and the evaluation of ``folder`` (and its verdicts); ``again``: (the first run's verdicts,
    the one entry whose folder and row changed since)."""
    import dataclasses

    sys.path.insert(0, str(ROOT))
    from rubric_engine.checking import run_checks
    from rubric_engine.engine.evaluate import evaluate
    from rubric_engine.io.data import read_data
    from rubric_engine.plugins import load_host
    from rubric_engine.session import load_rubric

    host = load_host(entry_points=False)
    rubric = load_rubric(rubric_path, host=host, lint=False).rubric
    data = read_data(folder, rubric)
    if again is None:
        verdicts = run_checks(rubric, data)
    else:  # only the twin's folder changed: probe it alone, take the others' file verdicts from the first run
        first, twin = again
        files = {c.id for c in rubric.checks if c.type_impl.needs_files and c.type_impl.scope == "entry"}
        verdicts = run_checks(rubric, dataclasses.replace(data, submissions=None))  # the table checks, fresh
        alone = run_checks(rubric, dataclasses.replace(data, entries=[e for e in data.entries if e.id == twin]))
        for check in files:
            verdicts[check] = {**first[check], twin: alone[check][twin]}
    return rubric, evaluate(rubric, data, verdicts), verdicts


def make_boundary_tie(rows: dict, folder: Path, rubric_path: Path, folders: dict[str, Path]) -> None:
    """Make the entry ranked just below the last third prize a full twin of the one above.

    The twin copies the other's marks, popularity votes, submission time, letter, format
    and submitted files, so it ties on the final score and on the whole tie-break chain.
    """
    import shutil

    rubric, evaluation, first = _evaluate(folder, rubric_path)
    last_tier = sum(a.count for a in rubric.awards if a.strategy == "rank_tier")
    ranked = [r for r in evaluation.entries if r.rank is not None]
    if len(ranked) <= last_tier or ranked[last_tier].rank == ranked[last_tier - 1].rank:
        return
    model_result = ranked[last_tier - 1]
    model = model_result.entry
    over_quota = "unit_quota" in model_result.conformity.violations
    quota = next((c.params.get("max_entries", 5) for c in rubric.checks if c.type == "unit_quota"), 5)
    per_unit = {}
    for result in evaluation.entries:
        per_unit[result.entry.unit] = per_unit.get(result.entry.unit, 0) + 1
    # The twin must get the same unit-quota verdict as the model: from a unit within its
    # quota if the model is within it, else a later entry of the model's own unit.
    candidates = [r.entry for r in ranked[last_tier:]
                  if (not over_quota and per_unit[r.entry.unit] <= quota)
                  or (over_quota and r.entry.unit == model.unit and r.entry.id > model.id)]
    if not candidates:
        print("note: no entry could be made a twin of the last prize winner; no boundary tie")
        return
    twin = candidates[0]
    entries = {r[0]: r for r in rows["entries"][1:]}
    for column in (5, 6, 7):  # format, submission time, letter: the same checks, the same 规范性
        entries[twin.id][column] = entries[model.id][column]
    marks = {(r[0], r[1]): r[3:] for r in rows["scores"][1:] if r[2] == model.id}
    for row in rows["scores"][1:]:
        if row[2] == twin.id:
            row[3:] = marks[(row[0], row[1])]
    votes = {r[1]: r[2] for r in rows["votes"][1:] if r[0] == model.id}
    for row in rows["votes"][1:]:
        if row[0] == twin.id and row[1] == "人气":
            row[2] = votes["人气"]
    rows["checks"] = [r for r in rows["checks"] if r[0] != twin.id]
    write(rows, folder)
    if folders:
        submissions = folder / "submissions"
        model_folder, twin_folder = folders[model.id], folders[twin.id]
        shutil.rmtree(twin_folder)
        correct = model_folder.name == f"{model.title}+{model.unit}+{model.participants}"
        name = f"{twin.title}+{twin.unit}+{twin.participants}" if correct else f"{twin.title}-{twin.unit}"
        shutil.copytree(model_folder, submissions / name)
    rubric, evaluation, _ = _evaluate(folder, rubric_path, (first, twin.id))
    ranks = {r.entry.id: r.rank for r in evaluation.entries}
    if ranks[model.id] != ranks[twin.id]:
        m, t = evaluation.entry(model.id), evaluation.entry(twin.id)
        raise SystemExit(f"the twins do not tie: {model.id} {m.final} {m.conformity.violations} {m.tie_key} vs "
                         f"{twin.id} {t.final} {t.conformity.violations} {t.tie_key}")


def write_submissions(rows: dict, folder: Path, seed: int) -> dict[str, Path]:
    """One folder per entry, with files that pass or break the 2018 rules in realistic shares.

    Returns each entry's folder."""
    import shutil

    from rubric_engine import samples

    rng = random.Random(seed + 1)
    target = folder / "submissions"
    if target.exists():
        shutil.rmtree(target)
    mb = 1024 * 1024
    folders = {}
    for entry_id, title, unit, people, _team, fmt, _time, letter in rows["entries"][1:]:
        number = int(entry_id[1:])
        name = f"{title}+{unit}+{people}"
        if number % 17 == 0:
            name = f"{title}-{unit}"  # named the wrong way
        entry = target / name
        entry.mkdir(parents=True)
        folders[entry_id] = entry
        photo = rng.choice([3 * mb + rng.randint(0, mb // 2)] * 4 + [rng.randint(mb, 3 * mb - 1)])
        samples.write_jpeg(entry / f"{people.split('、')[0]}工作照.jpg", photo)
        if letter == "是" and number % 3 == 0:
            samples.write_pdf(entry / "推荐函.pdf", f"推荐函：兹推荐{people}参加比赛。")
        if fmt == "图文":
            chars = rng.choice([rng.randint(820, 1180)] * 5 + [rng.randint(600, 790), rng.randint(1210, 1400)])
            signature = ["作者：" + people, f"联系电话：13{rng.randint(100000000, 999999999)}", "工作单位：" + unit]
            if number % 11 == 0:
                signature = signature[:1] + signature[2:]  # no phone number
            fonts = {"title_font": "黑体", "body_font": "仿宋", "title_pt": 16, "body_pt": 16}
            if number % 7 == 0:
                fonts["title_font"] = "宋体"
            if number % 9 == 0:
                fonts["body_pt"] = 14
            if number % 23 == 0:
                (entry / "文章.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
            else:
                samples.write_docx(entry / "文章.docx", title=title, body_chars=chars, signature=tuple(signature),
                                   via_styles=number % 2 == 0, **fonts)
            if number % 13 != 0:  # a few forget the PDF
                samples.write_pdf(entry / "文章.pdf", title)
        else:
            seconds = rng.choice([rng.randint(245, 355)] * 5 + [rng.randint(180, 235), rng.randint(365, 420)])
            extension = "mov" if number % 19 == 0 else rng.choice(["mp4", "mp4", "avi", "flv"])
            samples.write_video(entry / f"{title}.{extension}", seconds)
            if number % 29 == 0:
                samples.write_video(entry / "花絮.mp4", 30)  # two videos
    return folders


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
    parser.add_argument("--no-submissions", dest="submissions", action="store_false",
                        help="write only the tables, no submissions/ folder")
    args = parser.parse_args()
    rows = generate(args.entries, args.units, args.seed)
    write(rows, args.out)
    folders = write_submissions(rows, args.out, args.seed) if args.submissions else {}
    make_boundary_tie(rows, args.out, args.rubric, folders)
    print(f"wrote {args.entries} entries from {args.units} units to {args.out}")


if __name__ == "__main__":
    main()
