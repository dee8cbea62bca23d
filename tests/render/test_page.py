"""The results page as a reader sees it: what is on it, what is not, and how it looks in Chromium."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import RUBRIC_2018, ROOT

SCREENSHOTS = ROOT / "tests" / "render" / "screenshots"  # git-ignored: look at them after a run
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


def _chromium(page: Path, width: int, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                           "--disable-background-networking", "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={out / f'profile-{width}'}", "--hide-scrollbars",
                           f"--window-size={width},2000", *extra, page.as_uri()],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (Debian: apt-get install chromium "
                                             "fonts-noto-cjk; .ci/run installs it)")
@pytest.mark.parametrize("width", [390, 1280])
def test_in_chromium_the_page_fits_and_the_winners_are_visible(results, tmp_path, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"results-{width}.png"
    process = _chromium(results["html"], width, tmp_path, f"--screenshot={shot}")
    assert shot.is_file() and shot.stat().st_size > 10_000, process.stderr
    # measure in a copy that reports its own layout (the published page has no script)
    probe = tmp_path / "probe.html"
    probe.write_text(results["html"].read_text(encoding="utf-8").replace("</body>", """<script>
      const first = document.querySelector('.award li');
      const box = first.getBoundingClientRect();
      document.title = JSON.stringify({scroll: document.documentElement.scrollWidth, inner: innerWidth,
                                       winnerVisible: box.width > 0 && box.height > 0 && box.right <= innerWidth,
                                       winner: first.innerText});
    </script></body>"""), encoding="utf-8")
    process = _chromium(probe, width, tmp_path, "--dump-dom")
    title = re.search(r"<title>(.*?)</title>", process.stdout, re.S).group(1)
    layout = json.loads(title.replace("&quot;", '"').replace("&amp;", "&"))
    assert layout["scroll"] <= layout["inner"], layout  # no horizontal overflow
    assert layout["winnerVisible"] and layout["winner"].strip(), layout


def test_provisional_results_say_so(results):
    document = json.loads(results["json"].read_text(encoding="utf-8"))
    assert document["provisional"] == [e["id"] for e in document["entries"] if e["conformity"]["review"]]
    assert document["provisional"]  # the example has .doc articles a person must read
    assert document["manual_verdicts"] > 0
    for path in (results["html"], results["wechat"]):
        page = path.read_text(encoding="utf-8")
        assert "暂定结果" in page and page.count("待复核") >= len(document["provisional"]) + 1
