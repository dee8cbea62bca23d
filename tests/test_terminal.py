"""What a person sees on an 80-column terminal, and what `--output` may and may not do.

User text never acts as Rich markup, emoji codes or terminal control; `rubric check` fits 80
columns; warnings reach stderr grouped by kind; `--output` takes its format from the
extension and never overwrites an input; a short write or SIGTERM never looks like success.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from tests.conftest import RUBRIC_2018, ROOT, run_inprocess, run_module, write_csv

ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE_TITLES = {"E1": "a[/]", "E2": "[video] 我的故事", "E3": "[link=http://x]y[/link]", "E4": "[bold red]x"}


@pytest.fixture
def columns80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")


def _hostile(contest):
    for entry_id, title in HOSTILE_TITLES.items():
        contest.entry(entry_id, title=title, unit=":100: 单位").marks(entry_id, (20, 30, 5)).vote(entry_id, 3)
    return contest.write()


@pytest.fixture
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the subject here is the text, not the width: no folded cells


def test_titles_are_never_markup_or_emoji(contest, mini_rubric, cli, wide, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a real terminal: colours and hyperlinks are possible
    folder = _hostile(contest)
    code, out, err = cli("evaluate", mini_rubric, folder)
    assert code == 0, err
    plain = ANSI.sub("", out)
    for title in HOSTILE_TITLES.values():
        assert title in plain
    assert "\x1b]8;" not in out  # no live terminal hyperlink
    assert ":100: 单位" in plain and "💯" not in out
    code, out, err = cli("explain", mini_rubric, folder, "E3")
    assert code == 0 and "[link=http://x]y[/link]" in ANSI.sub("", out) and "\x1b]8;" not in out
    code, out, err = cli("check", mini_rubric, folder)
    assert code == 0 and "[video] 我的故事" in ANSI.sub("", out) and "a[/]" in ANSI.sub("", out)


def test_an_error_at_line_100_keeps_its_location(contest, mini_rubric, cli):
    for number in range(2, 101):
        contest.entry(f"E{number}", team="maybe" if number == 100 else "否")
    code, out, err = cli("evaluate", mini_rubric, contest.write())
    assert code == 1
    assert "entries.csv:100:5: error" in err and "💯" not in err


def test_control_characters_and_bidi_overrides_are_shown_escaped(contest, mini_rubric, cli, wide, tmp_path):
    contest.entry("E1", title="a\x1b[31mred\x07", unit="\u202eevil").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    for command in (("evaluate",), ("check",), ("check", "--grid"), ("explain",)):
        args = [command[0], mini_rubric, folder, *command[1:]] + (["E1"] if command[0] == "explain" else [])
        code, out, err = cli(*args)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "\\u202eevil" in out or command[0] == "check"
        assert "a\\x1b[31mred\\x07" in out or "--grid" in command  # the grid shows ids only
    out_file = tmp_path / "r.xlsx"
    code, _, err = cli("evaluate", mini_rubric, folder, "--output", out_file)
    assert code == 0, err
    titles = [row[2] for row in load_workbook(out_file)["Results"].iter_rows(min_row=2, values_only=True)]
    assert titles == ["a\\x1b[31mred\\x07"]


def test_output_takes_its_format_from_the_extension(contest, mini_rubric, cli, tmp_path):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    starts = {".json": b"{", ".csv": "\ufeffRank".encode(), ".md": "# 小型比赛".encode(), ".html": b"<!DOCTYPE html>",
              ".xlsx": b"PK", ".txt": "Results".encode()}
    for extension, start in starts.items():
        out = tmp_path / f"r{extension.upper()}"  # the case of an extension does not matter
        code, stdout, err = cli("evaluate", mini_rubric, folder, "--output", out)
        assert code == 0, err
        assert out.read_bytes().startswith(start), extension
    code, _, err = cli("evaluate", mini_rubric, folder, "--output", tmp_path / "r.pdf")
    assert code == 2 and ".json" in err and ".xlsx" in err and not (tmp_path / "r.pdf").exists()
    code, _, err = cli("evaluate", mini_rubric, folder, "--format", "csv", "--output", tmp_path / "x.json")
    assert code == 0 and (tmp_path / "x.json").read_bytes().startswith("\ufeffRank".encode())


@pytest.mark.parametrize("command", [None, "validate", "show", "check", "evaluate", "explain", "plugins", "schema"])
def test_version_and_short_help_everywhere(cli, command):
    prefix = [command] if command else []
    code, out, _ = cli(*prefix, "-h")
    assert code == 0 and "Usage:" in out and "--help" in out
    code, out, _ = cli(*prefix, "--version")
    assert code == 0 and re.fullmatch(r"rubric-engine \d+\.\d+\.\d+\n", out)


def test_warnings_reach_stderr_grouped_also_with_output(contest, mini_rubric, cli, tmp_path):
    for number in range(1, 16):  # 14 entries without a vote row: 14 warnings of one kind
        contest.entry(f"E{number:02}").marks(f"E{number:02}", (20, 30, number % 10))
    contest.vote("E01", 5)
    folder = contest.write()
    out = tmp_path / "r.csv"
    code, stdout, err = cli("evaluate", mini_rubric, folder, "--output", out)
    assert code == 0 and stdout == ""
    vote_lines = [line for line in err.splitlines() if "no vote" in line]
    assert len(vote_lines) == 10, err
    assert "4 more of this kind (data.no_votes)" in err and f"wrote {out}" in err
    data = out.read_bytes()
    code, stdout, quiet_err = cli("evaluate", mini_rubric, folder, "--output", out, "--quiet")
    assert code == 0 and quiet_err == f"wrote {out}\n" and out.read_bytes() == data
    code, stdout, err = cli("evaluate", mini_rubric, folder, "--format", "json")
    assert "4 more of this kind" in err and len(__import__("json").loads(stdout)["warnings"]) >= 14  # data unchanged
    code, stdout, err = cli("check", mini_rubric, folder, "--format", "json", "--quiet")
    assert code == 0 and err == ""


def _check_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"E\d{3} ", line)]


def test_check_fits_80_columns_one_line_per_entry(checked_example):
    # in the rubric's language (zh-CN), as the README's tour shows it
    process = run_inprocess("check", RUBRIC_2018, checked_example.folder, env={"COLUMNS": "80"}, lang=None)
    assert process.returncode == 0, process.stderr
    lines = process.stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    entries = {line.split()[0]: line for line in _check_lines(process.stdout)}
    assert len(entries) == 60 and len(lines) < 70
    assert re.search(r"E014 .* 7  ✗照片大小 ✗文章字数 ✗标题字体$", entries["E014"])
    assert "?文章字数" in entries["E046"] and "全部通过" in entries["E001"]
    assert entries["E017"].endswith("✗文件夹命名 ~提交时间")  # a waived failure is shown after the problems
    assert entries["E023"].endswith("✗照片大小 ?文章字数 ?标题字体 等另 3 项")  # what does not fit is counted
    assert "需人工复核" in process.stdout and "人工判定项未记录的按通过计" in process.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("```\n编号", 1)[1].split("```", 1)[0]
    for line in ("编号" + shown).splitlines():  # the README's tour shows what the command prints
        assert line == "…" or line in lines, line


def test_long_titles_are_shortened_by_display_width(contest, mini_rubric, cli, columns80):
    contest.entry("E1", title="很" * 40).entry("E2", title="x" * 60)
    code, out, err = cli("check", mini_rubric, contest.write())
    assert code == 0, err
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith("E")}
    assert "很" * 11 + "…" in lines["E1"] and "很" * 12 not in lines["E1"]
    assert "x" * 23 + "…" in lines["E2"]
    assert all(cell_len(line) <= 80 for line in out.splitlines())


def test_check_grid_has_short_headers_and_a_legend(checked_example, cli, columns80):
    code, out, err = cli("check", RUBRIC_2018, checked_example.folder, "--grid", "--lang", "zh-CN")
    assert code == 0
    assert all(cell_len(line) <= 80 for line in out.splitlines())
    header = next(line for line in out.splitlines() if line.startswith("编号"))
    assert header.split()[1:4] == ["1", "2", "3"] and header.split()[-1] == "规范性"
    row = next(line for line in out.splitlines() if line.startswith("E005 "))
    assert row.split()[1:-1][13:] == ["✗", "○"]  # 工作照片 failed by hand; 非诗歌 never recorded
    assert "14 工作照片" in out and "○ 人工判定项未记录（按通过计）" in out and "– 不适用" in out and "· 未检查" in out
    assert "照片为生活照" in out  # the reasons follow the grid


def test_only_problems(checked_example, cli, columns80):
    code, out, err = cli("check", RUBRIC_2018, checked_example.folder, "--only-problems", "--lang", "zh-CN")
    ids = {line.split()[0] for line in _check_lines(out)}
    assert code == 0 and "E003" in ids and "E046" in ids and "E001" not in ids
    assert len(ids) == 43 and "只列出有问题的 43 个" in out
    code, grid, err = cli("check", RUBRIC_2018, checked_example.folder, "--only-problems", "--grid")
    assert {line.split()[0] for line in _check_lines(grid)} == ids


# --- --output safety ---------------------------------------------------------------------------

def test_output_never_overwrites_an_input(contest, mini_rubric, cli, tmp_path):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    (folder / "submissions" / "E1").mkdir(parents=True)
    before = {p: p.read_bytes() for p in [mini_rubric, *folder.glob("*.csv")]}
    os.link(folder / "votes.csv", tmp_path / "hardlink.csv")
    for target in (mini_rubric, folder / "entries.csv", folder / "scores.csv", folder / "x" / ".." / "votes.csv",
                   tmp_path / "hardlink.csv", folder / "submissions" / "E1" / "r.json"):
        code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json", "--output", target)
        assert code == 2 and "nothing was written" in err, (target, err)
    assert {p: p.read_bytes() for p in before} == before
    assert not (folder / "submissions" / "E1" / "r.json").exists()
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "mine.py").write_text("", encoding="utf-8")
    code, out, err = cli("check", mini_rubric, folder, "--plugins-dir", plugins, "--output", plugins / "mine.py",
                         "--format", "json")
    assert code == 2 and "input" in err and (plugins / "mine.py").read_text(encoding="utf-8") == ""
    code, out, err = cli("check", mini_rubric, folder, "--output", folder / "checks.csv")
    assert code == 0  # a new file beside the data is fine


def test_output_follows_a_symlink_and_refuses_fifos_and_devices(contest, mini_rubric, cli, tmp_path):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, out, err = cli("evaluate", mini_rubric, folder, "--output", link)
    assert code == 0, err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("{")
    (tmp_path / "to-rubric.json").symlink_to(mini_rubric)
    (tmp_path / "dangling.json").symlink_to(tmp_path / "nowhere" / "x.json")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target, words in ((tmp_path / "to-rubric.json", "input"), (tmp_path / "dangling.json", "does not exist"),
                          (fifo, "FIFO"), ("/dev/null", "device"), (tmp_path, "directory")):
        code, out, err = cli("evaluate", mini_rubric, folder, "--format", "json", "--output", target)
        assert code == 2 and words in err, (target, err)
    assert not (tmp_path / "nowhere").exists()


def test_a_short_write_to_stdout_is_never_success(contest, mini_rubric):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)  # a small contest: the pipe is the subject
    command = [sys.executable, "-m", "rubric_engine", "evaluate", str(mini_rubric), str(contest.write()), "--lang",
               "zh-CN", "--format", "json"]
    for fmt in ("json", "table"):  # bytes of a format, and the Rich view
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader went away before the first byte
        process = subprocess.run(command[:-1] + [fmt], stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                 timeout=120)
        os.close(write_end)
        assert process.returncode == 1 and "无法把输出写到标准输出（Broken pipe）" in process.stderr
        assert "Traceback" not in process.stderr
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            process = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
        assert process.returncode == 1 and "No space left" in process.stderr, process.stderr


SLOW_FSYNC = """
import os, sys, time
real_fsync = os.fsync
def slow_fsync(fd):
    sys.stderr.write("writing\\n"); sys.stderr.flush(); time.sleep(60)
os.fsync = slow_fsync
sys.argv = ["rubric"] + sys.argv[1:]
from rubric_engine.cli import main
main()
"""


@pytest.mark.parametrize("signal_number, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_while_writing_removes_the_temporary_file(contest, mini_rubric, tmp_path, signal_number, code):
    contest.entry("E1").marks("E1", (20, 30, 5)).vote("E1", 3)
    folder = contest.write()
    out = tmp_path / "out" / "r.json"
    out.parent.mkdir()
    out.write_text("previous", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", SLOW_FSYNC, "evaluate", str(mini_rubric), str(folder),
                                "--output", str(out)], stderr=subprocess.PIPE, text=True, cwd=ROOT,
                               # a shell that runs the suite in the background ignores SIGINT for its children
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stderr.readline() == "writing\n"  # inside write_atomic, the temporary file exists
    assert len(list(out.parent.iterdir())) == 2
    process.send_signal(signal_number)
    rest = process.stderr.read()
    assert process.wait(timeout=30) == code
    assert "已中断，未写入任何文件" in rest and "Traceback" not in rest
    assert [p.name for p in out.parent.iterdir()] == ["r.json"] and out.read_text(encoding="utf-8") == "previous"


# --- Markdown -----------------------------------------------------------------------------------

def test_markdown_cells_are_text(contest, mini_rubric, cli):
    titles = {"E1": "<script>alert(1)</script>", "E2": "a|b", "E3": "c\r\nd\re\nf", "E4": "back\\|slash\\"}
    for entry_id, title in titles.items():
        contest.entry(entry_id, title=title).marks(entry_id, (20, 30, 5)).vote(entry_id, 3)
    code, out, err = cli("evaluate", mini_rubric, contest.write(), "--format", "md")
    assert code == 0, err
    assert "<script" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    results = out.split("## Results")[1].split("##")[0]
    rows = [line for line in results.strip().splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(titles)  # header, rule, one line per entry: no row broken
    width = len(re.findall(r"(?<!\\)\|", rows[0]))
    for row in rows[2:]:
        unescaped = re.findall(r"(?<!\\)(?:\\\\)*\|", row)
        assert len(unescaped) == width, row
    assert "a\\|b" in out and "c<br>d<br>e<br>f" in out and "back\\\\\\|slash\\\\" in out


def test_show_prints_the_rubric_as_written(tmp_path, cli, wide, monkeypatch):
    from tests.conftest import MINI_RUBRIC

    monkeypatch.setenv("FORCE_COLOR", "1")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("name: 小型比赛", 'name: "小型[/]比赛 :100: [link=http://x]y[/link]"')
                      .replace("label: 推荐函", 'label: "推荐函\\u202e\\u001b[2J"'), encoding="utf-8")
    code, out, err = cli("show", rubric)
    assert code == 0, err
    plain = ANSI.sub("", out)
    assert "小型[/]比赛 :100: [link=http://x]y[/link]" in plain and "💯" not in out and "\x1b]8;" not in out
    assert "推荐函\\u202e\\x1b[2J" in plain and "\u202e" not in out


def test_every_command_reports_its_warnings_on_stderr(cli):
    for command in (("validate", RUBRIC_2018), ("show", RUBRIC_2018)):
        code, out, err = cli(*command)
        assert code == 0 and err.count("marks 0..9 fall in no band") == 1 and "fall in no band" not in out
        code, out, err = cli(*command, "--quiet")
        assert code == 0 and "fall in no band" not in err


def test_evaluate_at_80_columns_shortens_long_titles_and_keeps_ids_whole(contest, mini_rubric, cli, columns80):
    titles = {"E1001": "很" * 40, "E1002": "x" * 60, "E1003": "短题"}
    for entry_id, title in titles.items():
        contest.entry(entry_id, title=title, unit="一个名字非常非常长的参赛单位客户服务中心").marks(entry_id, (20, 30, 5))
        contest.vote(entry_id, 3)
    code, out, err = cli("evaluate", mini_rubric, contest.write())
    assert code == 0, err
    lines = out.splitlines()
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    rows = {}  # the results table's row of each entry: the first line naming it
    for line in lines:
        if re.search(r"\sE100\d\s", line):
            rows.setdefault(re.search(r"E100\d", line).group(), line)
    assert set(rows) == set(titles)  # each id whole, on one row
    assert "很很很很很很…" in rows["E1001"] and "xxxxxxxxxxxx…" in rows["E1002"] and "短题" in rows["E1003"]
    assert len([line for line in lines if line.strip()]) < 40  # not one character per line
