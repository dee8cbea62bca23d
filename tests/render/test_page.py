"""The results page as a reader sees it: what is on it, what is not, and how it looks in Chromium."""
from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import RUBRIC_2018, ROOT

SCREENSHOTS = ROOT / "tests" / "render" / "screenshots"  # look at them after a run; the README shows results-*.png
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def results(checked_example, tmp_path_factory):
    """The example's page, its WeChat fragment and its JSON, from one set of saved verdicts."""
    from typer.testing import CliRunner

    from rubric_engine.cli import app

    out = tmp_path_factory.mktemp("page")
    made = {}
    for fmt, name in (("html", "page.html"), ("wechat", "wechat.html"), ("json", "result.json")):
        result = CliRunner().invoke(app, ["evaluate", str(RUBRIC_2018), str(checked_example.folder), "--verdicts",
                                          str(checked_example.verdicts), "--format", fmt, "--output",
                                          str(out / name)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        made[fmt] = out / name
    return made


def test_the_page_shows_the_winners_with_their_names_and_units(results):
    page = results["html"].read_text(encoding="utf-8")
    document = json.loads(results["json"].read_text(encoding="utf-8"))
    entries = {e["id"]: e for e in document["entries"]}
    awards_part = page.split("<h2>最终得分</h2>")[0]
    for award in document["awards"]:
        assert award["name"] in awards_part
        for winner in award["winners"]:
            if award["subject"] == "entries":
                entry = entries[winner]
                assert entry["title"] in awards_part and entry["participants"] in awards_part
            else:
                assert winner in awards_part
    assert document["contest"]["theme"] in page and document["contest"]["period"] in page


def test_every_number_shown_has_the_display_decimals(results):
    page = results["html"].read_text(encoding="utf-8")
    document = json.loads(results["json"].read_text(encoding="utf-8"))
    ranking = page.split("<h2>成绩排名</h2>")[1]
    finals = re.findall(r'data-label="最终得分">([\d.]+)', ranking)
    assert finals and all(re.fullmatch(r"\d+\.\d{2}", f) for f in finals), finals
    first = document["entries"][0]
    assert first["final_exact"] and f'data-label="最终得分">{float(first["final"]):.2f}' in ranking


def test_a_tie_broken_by_the_chain_is_marked_with_its_rule(results):
    page = results["html"].read_text(encoding="utf-8")
    assert "＊" in page and "决胜规则" in page and "专家评分 → 专业观众评分" in page


def test_nothing_private_is_published(results):
    for path in (results["html"], results["wechat"]):
        page = path.read_text(encoding="utf-8")
        document = json.loads(results["json"].read_text(encoding="utf-8"))
        assert document["rubric_sha256"] not in page
        assert "warning" not in page and "submissions" not in page and ".yaml" not in page
        assert not re.search(r"1[3-9]\d{9}", page)  # no phone number
        assert "<script" not in page and "http://" not in page
        assert "https://" not in page and "<link" not in page


def test_the_page_is_responsive_and_self_contained(results):
    page = results["html"].read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "@media (max-width: 600px)" in page and "<svg" in page


def test_the_wechat_fragment_has_only_inline_styles(results):
    fragment = results["wechat"].read_text(encoding="utf-8")
    assert "<style" not in fragment and "<script" not in fragment and "<html" not in fragment
    assert "class=" not in fragment and 'style="' in fragment
    assert "“最美客服人”一等奖" in fragment


MIN_WINDOW = 500  # headless Chromium makes no window narrower: a phone's width is an iframe of that width


def _chromium(page: Path, width: int, out: Path, *extra: str) -> subprocess.CompletedProcess:
    """``page`` in headless Chromium with a viewport ``width`` CSS px wide (a phone's inside a frame)."""
    if width < MIN_WINDOW:
        framed = out / f"framed-{page.stem}-{width}.html"
        framed.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head>'
                          '<body style="margin:0;background:#d5d9de">'
                          f'<iframe width="{width}" height="3000" style="display:block;margin:0 auto;border:0;'
                          f'background:#fff" srcdoc="{html.escape(page.read_text(encoding="utf-8"))}"></iframe>'
                          '</body></html>', encoding="utf-8")
        page = framed
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={out / f'profile-{width}'}", "--hide-scrollbars",
                           f"--window-size={max(width, MIN_WINDOW)},2000", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120)


NEEDS_CHROMIUM = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get "
                                                                "install chromium fonts-noto-cjk; .ci/run installs it)")

# What a reader sees, measured in the page itself: overflow, the first winner, the breakdown charts' labels.
LAYOUT_PROBE = """<script>
  const first = document.querySelector(%(winner)s);
  const box = first ? first.getBoundingClientRect() : {width: 0, height: 0, right: 0};
  const charts = [...document.querySelectorAll('svg.breakdown, svg.finals')].map(svg => {
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')];
    const labels = texts.map(t => t.getBoundingClientRect());
    const scale = frame.width / svg.viewBox.baseVal.width;  // the font size as drawn on the screen
    return {width: frame.width, right: frame.right,
            smallest: Math.min(...texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
            inside: labels.every(l => l.left >= frame.left - 0.5 && l.right <= frame.right + 0.5),
            labels: labels.length};
  });
  (parent !== window ? parent.document : document).title = JSON.stringify({scroll: document.documentElement.scrollWidth, inner: innerWidth,
                                   winnerVisible: box.width > 0 && box.height > 0 && box.right <= innerWidth,
                                   winner: first ? first.innerText : "", charts});
</script></body>"""


def measure(page: Path, width: int, tmp_path: Path, winner: str = ".award li", shot: str | None = None) -> dict:
    """The layout of ``page`` at ``width`` px, from a copy that reports it (the published page has no script).

    ``shot``: the same Chromium run also takes a screenshot, kept as ``screenshots/<shot>-<width>.png``
    (the probe changes only the page's title, nothing drawn): one browser start instead of two."""
    probe = tmp_path / f"probe-{page.stem}-{width}.html"
    text = page.read_text(encoding="utf-8")
    text = text if "</body>" in text else text + "</body>"  # a fragment (WeChat) has no body of its own
    probe.write_text(text.replace("</body>", LAYOUT_PROBE % {"winner": json.dumps(winner)}), encoding="utf-8")
    taken = tmp_path / f"{shot}-{width}.png"
    process = _chromium(probe, width, tmp_path, "--dump-dom", *([f"--screenshot={taken}"] if shot else []))
    if shot:
        assert taken.is_file() and taken.stat().st_size > 10_000, process.stderr
        SCREENSHOTS.mkdir(exist_ok=True)
        shutil.copyfile(taken, SCREENSHOTS / taken.name)
    title = re.search(r"<title>(.*?)</title>", process.stdout, re.S).group(1)
    return json.loads(title.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


@pytest.fixture(scope="module")
def page_layout(results, tmp_path_factory):
    """The page's layout at a width, measured (and its screenshot taken) once for the tests that read it."""
    measured = {}

    def at(width: int) -> dict:
        if width not in measured:
            measured[width] = measure(results["html"], width, tmp_path_factory.mktemp("layout"), shot="results")
        return measured[width]

    return at


@NEEDS_CHROMIUM
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_page_fits_and_the_winners_are_visible(page_layout, width):
    layout = page_layout(width)
    assert layout["inner"] == width, layout  # the viewport is the width asked for
    assert layout["scroll"] <= layout["inner"], layout  # no horizontal overflow
    assert layout["winnerVisible"] and layout["winner"].strip(), layout


@NEEDS_CHROMIUM
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_charts_are_visible_and_legible(results, page_layout, width):
    document = json.loads(results["json"].read_text(encoding="utf-8"))
    layout = page_layout(width)
    assert len(layout["charts"]) == len(document["final_terms"]) + 1 > 1  # + the finals chart
    for chart in layout["charts"]:
        assert chart["width"] > 200 and chart["right"] <= layout["inner"], chart  # visible, on the screen
        assert chart["labels"] >= 4 and chart["inside"], chart  # every term labelled, no label cut off
        assert chart["smallest"] >= 11, chart  # labels drawn at 11 CSS px or more: legible on a phone


@NEEDS_CHROMIUM
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_wechat_fragment_fits_a_phone(results, tmp_path, width):
    layout = measure(results["wechat"], width, tmp_path, winner="section section p strong")
    assert layout["inner"] == width and layout["scroll"] <= width, layout
    assert layout["winnerVisible"] and layout["winner"].strip(), layout


def test_provisional_results_say_so(results):
    document = json.loads(results["json"].read_text(encoding="utf-8"))
    assert document["provisional"] == [e["id"] for e in document["entries"] if e["conformity"]["review"]]
    assert document["provisional"]  # the example has .doc articles a person must read
    assert document["manual_verdicts"] > 0
    for path in (results["html"], results["wechat"]):
        page = path.read_text(encoding="utf-8")
        assert "暂定结果" in page and page.count("待复核") >= len(document["provisional"]) + 1


def test_the_readme_shows_the_page_as_the_tests_render_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shots = re.findall(r'<img src="(tests/render/screenshots/[^"]+)"', readme)
    assert shots == [f"tests/render/screenshots/{name}.png" for name in
                     ("results-390", "results-1280", "wechat-390", "wechat-1280", "certificate")]
    assert all((ROOT / shot).is_file() for shot in shots)  # committed, and rewritten by the Chromium tests
    set_up = readme.split("## Set up")[1].split("## ")[0]
    assert len(re.findall(r"```sh\n(.*?)```", set_up, re.S)) == 2  # exactly two set-up commands
    assert "--audit" in readme and "docs/templates.md" in readme
