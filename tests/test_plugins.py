"""The plugin host and every hook: docs examples are real plugins, loaded and used."""
from __future__ import annotations

import json
import re

import pytest

from rubric_engine import hookspecs
from tests.conftest import MINI_RUBRIC, ROOT, evaluate_json

DOC = "\n".join((ROOT / "docs" / name).read_text(encoding="utf-8") for name in ("plugins.md", "votes.md"))
HOOKS = sorted(name for name in dir(hookspecs) if name.startswith("register_"))


def doc_section(hook: str) -> str:
    match = re.search(rf"^## {hook}\n(.*?)(?=^## |\Z)", DOC, re.S | re.M)
    assert match, f"docs/plugins.md has no section for {hook}"
    return match.group(1)


def doc_example(hook: str) -> str:
    """The last python block of the hook's section: the worked example."""
    blocks = re.findall(r"```python\n(.*?)```", doc_section(hook), re.S)
    return blocks[-1]


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented_with_its_signature(hook):
    section = doc_section(hook)
    assert f"def {hook}(register): ..." in section


def test_every_hook_has_a_test():
    names = set(globals()) | set(re.findall(r"^def (test_hook_\w+)", (ROOT / "tests" / "votes" / "test_hook.py")
                                            .read_text(encoding="utf-8"), re.M))
    missing = [hook for hook in HOOKS if f"test_hook_{hook}" not in names]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def plugin_dir(tmp_path, hook: str):
    folder = tmp_path / "plugins"
    folder.mkdir(exist_ok=True)
    (folder / f"{hook}.py").write_text(doc_example(hook), encoding="utf-8")
    return folder


def small_contest(contest):
    contest.entry("E1", unit="甲").entry("E2", unit="甲").entry("E3", unit="乙", title="一个相当长的标题超过了二十个字的限制会被扣分")
    contest.sheet("experts", "X1", "E1", 30, 50, 10).sheet("experts", "X2", "E1", 20, 30, 6)
    contest.sheet("experts", "X1", "E2", 25, 40, 8).sheet("experts", "X2", "E2", 25, 40, 8)
    contest.sheet("experts", "X1", "E3", 10, 10, 4).sheet("experts", "X2", "E3", 12, 12, 4)
    for entry in ("E1", "E2", "E3"):
        contest.sheet("audience", "A1", entry, 20, 30, 5).vote(entry, 5)
    return contest.write()


def test_hook_register_checks(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_checks")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/register_checks.py]\nchecks:\n"
                                          "  - {id: title_length, label: 标题长度, type: title_length, "
                                          "params: {max_chars: 20}}\n"), encoding="utf-8")
    assert folder.exists()
    result = evaluate_json(rubric, small_contest(contest), "--trust-plugins")
    entries = {e["id"]: e for e in result["entries"]}
    assert entries["E3"]["conformity"]["violations"] == ["title_length"]
    assert entries["E1"]["conformity"]["violations"] == []
    code, out, err = cli("check", rubric, contest.folder, "--format", "json", "--trust-plugins")
    assert code == 0
    verdict = next(c for e in json.loads(out)["entries"] if e["id"] == "E3" for c in e["checks"]
                   if c["check"] == "title_length")
    assert verdict["status"] == "fail" and "超过 20 字" in verdict["reason"]["text"]
    assert verdict["reason"]["code"] == "checks.literal"  # a plugin's plain-text reason: kept as written


def test_hook_register_checks_bad_params_point_at_the_rubric(tmp_path, cli):
    plugin_dir(tmp_path, "register_checks")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/register_checks.py]\nchecks:\n"
                                          "  - {id: title_length, label: 标题长度, type: title_length, "
                                          "params: {max_chars: 0}}\n"), encoding="utf-8")
    code, out, err = cli("validate", rubric, "--trust-plugins")
    line = next(i for i, l in enumerate(rubric.read_text(encoding="utf-8").splitlines(), 1) if "max_chars: 0" in l)
    assert code == 1 and f"r.yaml:{line}:" in err and "max_chars must be a whole number" in err


def test_hook_register_aggregations(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_aggregations")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "{id: experts, label: 专家评分, type: judged, weight: 70%, criteria: [conformity, content, thought, innovation]}",
        "{id: experts, label: 专家评分, type: judged, weight: 70%, criteria: [conformity, content, thought, innovation],"
        " aggregation: midrange}"), encoding="utf-8")
    data = small_contest(contest)
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    entries = {e["id"]: e for e in json.loads(out)["entries"]}
    # E1: totals 30+50+10+10 = 100 and 20+30+6+10 = 66 -> midrange 83
    assert entries["E1"]["panels"]["experts"]["score"] == 83
    # without the plugin, the rubric names an aggregation nobody provides
    code, out, err = cli("validate", rubric)
    assert code == 1 and "unknown aggregation 'midrange'" in err


def test_a_full_form_aggregation_tells_explain_which_sheet_it_dropped(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_aggregations")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace(
        "{id: audience, label: 专业观众评分, type: judged, weight: 10%, criteria: [conformity, content, thought, innovation]}",
        "{id: audience, label: 专业观众评分, type: judged, weight: 10%, criteria: [conformity, content, thought, innovation],"
        " aggregation: without_outlier}"), encoding="utf-8")
    contest.entry("E1").entry("E2")
    for entry in ("E1", "E2"):
        contest.sheet("experts", "X1", entry, 20, 30, 5).vote(entry, 5)
    contest.sheet("audience", "A1", "E1", 20, 30, 5).sheet("audience", "A2", "E1", 21, 30, 5)
    contest.sheet("audience", "A3", "E1", 5, 10, 1)
    for judge in ("A1", "A2", "A3"):
        contest.sheet("audience", judge, "E2", 20, 30, 5)
    data = contest.write()
    code, out, err = cli("explain", rubric, data, "E1", "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    audience = json.loads(out)["panels"]["audience"]
    assert [s["judge"] for s in audience["sheets"] if s.get("dropped")] == ["A3"]
    assert audience["score"] == 65.5  # (55 + 10 + 56 + 10) / 2: A3's 16 + 10 is left out
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--plugins-dir", folder)
    assert {e["id"]: e["panels"]["audience"]["score"] for e in json.loads(out)["entries"]} == {"E1": 65.5, "E2": 65}


def test_hook_register_award_strategies(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_award_strategies")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "  - {id: newcomer, label: 最佳新人奖, strategy: best_newcomer}\n", encoding="utf-8")
    code, out, err = cli("evaluate", rubric, small_contest(contest), "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    awards = {a["id"]: a["winners"] for a in json.loads(out)["awards"]}
    assert awards["newcomer"] == ["E3"]


def test_hook_register_output_formats(tmp_path, contest, cli, mini_rubric):
    folder = plugin_dir(tmp_path, "register_output_formats")
    code, out, err = cli("evaluate", mini_rubric, small_contest(contest), "--format", "board", "--plugins-dir", folder)
    assert code == 0, err
    assert out.splitlines()[0].startswith("1. 作品E") and len(out.splitlines()) == 3


def test_rubric_plugins_lists_builtins_and_files(tmp_path, cli):
    folder = plugin_dir(tmp_path, "register_output_formats")
    code, out, err = cli("plugins", "--plugins-dir", folder, "--format", "json")
    assert code == 0
    plugins = {p["name"]: p for p in json.loads(out)}
    assert plugins["rubric_engine.builtins.awards"]["provides"]["award_strategies"] == [
        "rank_tier", "most_votes", "unit_composite"]
    assert plugins["register_output_formats"]["source"].endswith("register_output_formats.py")
    assert plugins["register_output_formats"]["provides"] == {"output_formats": ["board"]}


@pytest.mark.parametrize("source,message", [
    ("def broken(:\n    pass\n", "syntax error"),
    ("import no_such_module_here\n", "failed to load: ModuleNotFoundError"),
    ("from rubric_engine import hookimpl\n\n@hookimpl\ndef register_check(register):\n    pass\n",
     "unknown hook 'register_check'"),
    ("from rubric_engine import hookimpl, Aggregation\n\n@hookimpl\ndef register_aggregations(register):\n"
     "    register(Aggregation('mean', lambda m, p: m[0]))\n", "already provides"),
    ("from rubric_engine import hookimpl\n\n@hookimpl\ndef register_checks(register):\n    register('x')\n",
     "expected a CheckType"),
])
def test_broken_plugins_get_a_clear_error_naming_the_file(tmp_path, cli, source, message):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "bad_plugin.py").write_text(source, encoding="utf-8")
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 1
    assert "Traceback" not in out + err
    assert "bad_plugin" in err and message in err


def test_syntax_error_is_located(tmp_path, cli):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "bad.py").write_text("x = 1\ndef broken(:\n", encoding="utf-8")
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 1 and f"{folder / 'bad.py'}:2:" in err


def test_rubric_plugin_file_that_does_not_exist(tmp_path, cli):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "plugins: [plugins/nope.py]\n", encoding="utf-8")
    code, out, err = cli("validate", rubric)
    assert code == 1 and "plugin file plugins/nope.py does not exist" in err


def test_installed_plugins_load_from_entry_points(tmp_path):
    """A package that declares an entry point in the group `rubric_engine` is loaded."""
    from tests.conftest import run_module

    site = tmp_path / "site"
    dist = site / "rubric_board-1.0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rubric-board\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[rubric_engine]\nboard = rubric_board\n", encoding="utf-8")
    (site / "rubric_board.py").write_text(doc_example("register_output_formats"), encoding="utf-8")
    process = run_module("plugins", "--format", "json", env={"PYTHONPATH": str(site)})
    assert process.returncode == 0, process.stderr
    plugins = {p["name"]: p for p in json.loads(process.stdout)}
    assert plugins["board"]["source"] == "entry point rubric_board"
    assert plugins["board"]["provides"] == {"output_formats": ["board"]}


def test_entry_points_are_read_again_when_an_installed_folder_changes(tmp_path, monkeypatch):
    """A process that loads many hosts reads the installed packages' metadata once, and again when a
    package is installed into a folder on ``sys.path`` (the folder's modification time changes)."""
    import os

    from rubric_engine.plugins import installed_entry_points

    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    assert "board" not in {ep.name for ep in installed_entry_points()}
    assert installed_entry_points() is installed_entry_points()  # read once
    dist = site / "rubric_board-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: rubric-board\nVersion: 1.0\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[rubric_engine]\nboard = rubric_board\n", encoding="utf-8")
    os.utime(site, ns=(os.stat(site).st_atime_ns, os.stat(site).st_mtime_ns + 10**9))  # a later install
    assert "board" in {ep.name for ep in installed_entry_points()}


def _doc_block(containing: str) -> str:
    """The python block of docs/plugins.md that contains ``containing``."""
    blocks = [b for b in re.findall(r"```python\n(.*?)```", DOC, re.S) if containing in b]
    assert len(blocks) == 1, containing
    return blocks[0]


def test_hook_register_messages(tmp_path, contest, cli):
    """The example ships its messages in both languages; the one it left without English falls back and is named."""
    folder = plugin_dir(tmp_path, "register_messages")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "checks:\n  - {id: has_word, label: 含字, type: has_word, "
                                          "params: {word: 标题}}\n"), encoding="utf-8")
    data = small_contest(contest)
    verdicts = {}
    for language in ("en", "zh-CN"):
        code, out, err = cli("check", rubric, data, "--format", "json", "--plugins-dir", folder, "--lang", language)
        assert code == 0, err
        verdicts[language] = {e["id"]: c for e in json.loads(out)["entries"] for c in e["checks"]
                              if c["check"] == "has_word"}
    assert verdicts["en"]["E3"]["status"] == "pass" and verdicts["en"]["E3"]["reason"]["text"] == "the title has “标题”"
    assert verdicts["zh-CN"]["E3"]["reason"]["text"] == "标题含“标题”"  # one cached verdict, words per run
    assert verdicts["zh-CN"]["E3"]["reason"]["code"] == "has_word.found"
    assert verdicts["en"]["E1"]["status"] == "fail" and verdicts["en"]["E1"]["reason"]["text"] == "标题不含“标题”"  # fallback
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 0 and "has_word.missing" in err and "no en text" in err
    rubric.write_text(rubric.read_text(encoding="utf-8").replace("params: {word: 标题}", "params: {word: 3}"),
                      encoding="utf-8")
    code, out, err = cli("validate", rubric, "--plugins-dir", folder)
    assert code == 1 and "word must be text" in err
    code, out, err = cli("validate", rubric, "--plugins-dir", folder, "--lang", "zh-CN")
    assert code == 1 and "word 应为文字" in err


def test_a_plugin_may_not_redefine_a_builtin_message(tmp_path, cli):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "loud.py").write_text("from rubric_engine import hookimpl\n\n@hookimpl\ndef register_messages(register):\n"
                                    "    register({'en': {'cli.errors': 'nothing is wrong'}})\n", encoding="utf-8")
    code, out, err = cli("plugins", "--plugins-dir", folder)
    assert code == 1 and "loud" in err and "cli.errors" in err and "Traceback" not in err


def test_a_plugin_locale_folder_is_read_like_the_packages(tmp_path):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    from rubric_engine import Message
    from rubric_engine.messages import set_language
    from rubric_engine.plugins import load_host

    locale = tmp_path / "locale"
    for folder, said in (("zh_CN", "你好，{name}"), ("en", "hello, {name}")):
        catalog = Catalog(locale=folder)
        catalog.add("greeting.hello", said)
        (locale / folder / "LC_MESSAGES").mkdir(parents=True)
        with open(locale / folder / "LC_MESSAGES" / "greeting.mo", "wb") as stream:
            write_mo(stream, catalog)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "greeting.py").write_text(
        "from rubric_engine import hookimpl\n\n@hookimpl\ndef register_messages(register):\n"
        f"    register({str(locale)!r})\n", encoding="utf-8")
    host = load_host(plugin_dirs=[plugins], entry_points=False)
    assert not host.infos["greeting"].message_gaps()
    set_language("en")
    try:
        assert str(Message("greeting.hello", name="Li")) == "hello, Li"
        set_language("zh-CN")
        assert str(Message("greeting.hello", name="Li")) == "你好，Li"
    finally:
        set_language("en")


def test_the_file_check_example_reads_the_folder_through_the_face(tmp_path):
    import types

    from rubric_engine.plugins import load_host

    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "photo_count.py").write_text(_doc_block("def photo_count"), encoding="utf-8")
    check = load_host(plugin_dirs=[plugins], entry_points=False).get("checks", "photo_count")
    folder = tmp_path / "E1"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "b.png").write_bytes(b"\x89PNG")
    entry = types.SimpleNamespace(id="E1")
    context = types.SimpleNamespace(folder_of=lambda e: folder)
    assert check.run(entry, {"min": 2}, context).status == "pass"
    assert check.run(entry, {"min": 3}, context).status == "fail"
    (folder / "text.docx").write_bytes(b"not a zip at all")
    verdict = check.run(entry, {"min": 2}, context)
    assert verdict.status == "review" and "text.docx" in str(verdict.reason)
    assert check.run(entry, {}, types.SimpleNamespace(folder_of=lambda e: None)).status == "not_run"


def test_the_award_strategy_example_explains_why_not(tmp_path, contest, cli):
    folder = plugin_dir(tmp_path, "register_award_strategies")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC + "  - {id: newcomer, label: 最佳新人奖, strategy: best_newcomer}\n", encoding="utf-8")
    data = small_contest(contest)
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    award = next(a for a in json.loads(out)["awards"] if a["id"] == "newcomer")
    assert award["reasons"]["E3"] == {"code": "single.reason", "fields": {},
                                      "text": "best-ranked entry of a single-entry unit"}
    code, out, err = cli("explain", rubric, data, "E1", "--format", "json", "--plugins-dir", folder)
    assert code == 0, err
    item = next(a for a in json.loads(out)["awards"] if a["award"] == "newcomer")
    assert item["won"] is False and item["why_not"]["text"] == "its unit sent 2 entries"


@pytest.mark.parametrize("where", ["aggregation", "strategy", "format"])
def test_a_plugins_exception_is_reported_as_the_plugins(tmp_path, contest, cli, where):
    """Any exception (not only ValueError) in a plugin's callable: its name, file:line and message; exit 1."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    plugin = folder / "faulty.py"
    plugin.write_text(
        "from rubric_engine import Aggregation, AwardStrategy, OutputFormat, hookimpl\n\n\n"
        "def broken(*args):\n"
        "    return {}['no such key']\n\n\n"
        "@hookimpl\ndef register_aggregations(register):\n    register(Aggregation('faulty', broken))\n\n\n"
        "@hookimpl\ndef register_award_strategies(register):\n    register(AwardStrategy('faulty', broken))\n\n\n"
        "@hookimpl\ndef register_output_formats(register):\n    register(OutputFormat('faulty', broken))\n",
        encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    text = MINI_RUBRIC
    if where == "aggregation":
        text = text.replace("criteria: [conformity, content, thought, innovation]}",
                            "criteria: [conformity, content, thought, innovation], aggregation: faulty}", 1)
    elif where == "strategy":
        text += "  - {id: faulty, label: 坏奖, strategy: faulty}\n"
    rubric.write_text(text, encoding="utf-8")
    output = tmp_path / "out.json"
    code, out, err = cli("evaluate", rubric, small_contest(contest), "--plugins-dir", folder, "--output", output,
                         "--format", "faulty" if where == "format" else "json")
    assert code == 1, err
    assert "faulty" in err and f"{plugin}:5" in err and "KeyError" in err and "no such key" in err
    assert "bug in rubric-engine" not in err and "Traceback" not in err
    assert not output.exists()


def test_rubric_show_asks_each_strategy_for_its_places_and_param_labels(tmp_path, cli):
    """No strategy is known by name: a plugin's places and labels are shown as the built-ins' are."""
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "podium.py").write_text(
        "from rubric_engine import AwardOutcome, AwardStrategy, hookimpl\n\n"
        "@hookimpl\ndef register_award_strategies(register):\n"
        "    register(AwardStrategy('podium', lambda award, context: AwardOutcome(award.id), places=lambda a: 7,\n"
        "                           params_schema={'type': 'object'},\n"
        "                           param_labels=lambda rubric: {'lane': {'fast': 'the fast lane'}}))\n",
        encoding="utf-8")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.split("awards:\n")[0] + "awards:\n"
                      "  - {id: podium, label: 领奖台, strategy: podium, params: {lane: fast}}\n", encoding="utf-8")
    code, out, err = cli("show", rubric, "--plugins-dir", folder)
    assert code == 0, err
    assert "Awards (7 places by rank)" in out and "the fast lane" in out


def test_hook_register_commands(tmp_path, contest, cli, mini_rubric):
    """The docs' `rubric winners` command: from --plugins-dir, built on Contest, listed by `rubric plugins`."""
    folder = plugin_dir(tmp_path, "register_commands")
    data = small_contest(contest)
    awards = {a["id"]: a["winners"] for a in evaluate_json(mini_rubric, data)["awards"]}
    code, out, err = cli("winners", mini_rubric, data, "--plugins-dir", folder)
    assert code == 0, err
    assert [line.split() for line in out.splitlines()] == [[award, *winners] for award, winners in awards.items()]
    first = next(iter(awards))
    code, out, err = cli("winners", mini_rubric, data, "--award", first, "--plugins-dir", folder)
    assert (code, out.split()) == (0, [first, *awards[first]])
    code, out, err = cli("plugins", "--plugins-dir", folder, "--format", "json")
    assert {"commands": ["winners"]} in [p["provides"] for p in json.loads(out)]
    code, out, err = cli("--help", "--plugins-dir", folder)
    assert "winners" in out and "Each award's winners" in out
    assert cli("winners", mini_rubric, data)[0] == 2  # without the folder there is no such command
    code, out, err = cli("winners", mini_rubric, tmp_path / "nowhere", "--plugins-dir", folder)
    assert code == 1 and "nowhere" in err and "Traceback" not in err  # shown as the built-in commands' errors


def test_hook_register_commands_never_from_a_rubric(tmp_path, cli):
    plugin_dir(tmp_path, "register_commands")
    rubric = tmp_path / "r.yaml"
    rubric.write_text(MINI_RUBRIC.replace("checks:\n", "plugins: [plugins/register_commands.py]\nchecks:\n", 1),
                      encoding="utf-8")
    code, out, err = cli("validate", rubric, "--trust-plugins")
    assert code == 1
    assert "register_commands" in err and "winners" in err and "--plugins-dir" in err


def test_hook_register_commands_cannot_take_a_built_in_name(tmp_path, contest, cli, mini_rubric):
    folder = tmp_path / "plugins"
    folder.mkdir()
    (folder / "clash.py").write_text(doc_example("register_commands").replace('Command("winners"', 'Command("check"'),
                                     encoding="utf-8")
    code, out, err = cli("nothing-such", mini_rubric, "--plugins-dir", folder)
    assert code == 1 and "clash" in err and "check" in err


def test_hook_register_normalisations(tmp_path, cli):
    """The docs' example normalisation sees the whole panel: each judge's totals as a share of that judge's best."""
    from fractions import Fraction

    from tests.engine.test_normalise import SHEETS, contest

    folder = plugin_dir(tmp_path, "register_normalisations")
    rubric, data = contest(tmp_path, ", normalise: of_best")
    code, out, err = cli("evaluate", rubric, data, "--format", "json", "-q", "--plugins-dir", folder)
    assert code == 0, err
    best = {}
    for judge, _, a, b in SHEETS:
        best[judge] = max(best.get(judge, 0), a + b)
    shares = {}
    for judge, entry, a, b in SHEETS:
        shares.setdefault(entry, []).append(Fraction(100 * (a + b), best[judge]))
    assert {e["id"]: Fraction(e["final_exact"]) for e in json.loads(out)["entries"]} == \
        {e: sum(v) / len(v) for e, v in shares.items()}
