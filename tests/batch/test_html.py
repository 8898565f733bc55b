"""The HTML page in a real headless browser (Debian's chromium): self-contained, highlights in place."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.batch.helpers import Server, batch, read_jsonl, write_records

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
PAGE = (
    "国务院常务会议部署稳外贸工作\n本报北京3月2日电 国务院总理日前主持召开国务院常务会议，部署稳外贸稳外资工作。"
    "会议指出，要支持企业开拓多元化市场，扩大进出口规模。海关要提高通关效率，降低企业成本。\n\n"
    "春耕备耕有序推进\n本报讯 各地抓紧春耕备耕，粮食播种面积稳定增长。农业农村部门加强技术指导，保障化肥种子供应。"
    "大豆种植面积进一步扩大。\n"
)


class Marks(HTMLParser):
    """The text inside the <mark class="s"> elements of each article of the rendered DOM, joined."""

    def __init__(self) -> None:
        super().__init__()
        self.articles: dict[str, str] = {}
        self._article: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self._article = values.get("id")
            self.articles[self._article or ""] = ""
        if tag == "mark" and values.get("class") == "s" and self._article is not None:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark" and self._depth:
            self._depth -= 1
        if tag == "article":
            self._article = None

    def handle_data(self, data: str) -> None:
        if self._depth and self._article is not None:
            self.articles[self._article] += data


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    directory = tmp_path_factory.mktemp("html")
    records = directory / "in.jsonl"
    write_records(records, 6)
    (directory / "page.txt").write_text(PAGE, encoding="utf-8")
    server = Server(directory / "server.log").start()
    try:
        out = directory / "digest.html"
        done = batch(str(records), str(directory / "page.txt"), "-f", "html", "-o", str(out), "--target", server.target)
    finally:
        server.stop(signal.SIGTERM)
    assert done.returncode == 0, done.stderr
    return out, read_jsonl(directory / "digest.results.jsonl")


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess[str]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: apt-get install -y chromium (.ci/run installs it)")
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=90, check=False
    )


def test_the_page_is_self_contained(page: tuple[Path, list[dict[str, object]]]) -> None:
    html = page[0].read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b", html)
    assert not re.search(r"""(src|href)=["'](?!#)""", html), "only in-page links"
    assert "url(" not in html and "@import" not in html


def test_summary_sentences_are_highlighted_in_the_rendered_text(
    page: tuple[Path, list[dict[str, object]]], tmp_path: Path
) -> None:
    out, results = page
    shown = chromium("--dump-dom", out.as_uri(), profile=tmp_path / "profile")
    assert shown.returncode == 0, shown.stderr
    dom = shown.stdout
    assert "<nav" in dom and "Contents" in dom
    marks = Marks()
    marks.feed(dom)
    articles = [a for r in results for a in r["articles"]]  # type: ignore[attr-defined]
    assert len(marks.articles) == len(articles) >= 7
    # Sentence texts have line wraps and layout spaces removed; the page shows the original text.
    rendered = sorted(re.sub(r"\s", "", text) for text in marks.articles.values())
    expected = sorted(re.sub(r"\s", "", "".join(s["text"] for s in a["summary"])) for a in articles)
    assert rendered == expected
    assert all(rendered)
    for article in articles:
        for tag in article["tags"]:
            assert tag["category"] in dom
    # Every category section link of the contents points at an element of the page.
    for anchor in re.findall(r'href="#([^"]+)"', dom):
        assert f'id="{anchor}"' in dom


def test_screenshot(page: tuple[Path, list[dict[str, object]]], tmp_path: Path) -> None:
    shot = tmp_path / "digest.png"
    taken = chromium(f"--screenshot={shot}", "--window-size=1200,1600", page[0].as_uri(), profile=tmp_path / "p")
    assert taken.returncode == 0, taken.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
