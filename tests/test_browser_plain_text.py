"""Text from the database or the URL in a real browser: shown as written, and nothing fetched from outside.

One server on a database whose titles, summaries, names and notes hold
Markdown (an outside image and link among them, see tests/test_plain_text.py).
Every request a page makes is recorded: none may go to the payload's address,
as an <img> would on the office's tablets. One screenshot of a task with such a
title at 1024x768 goes to SCREENSHOT_DIR (default artifacts/screenshots).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from data_access.core.clock import FROZEN_NOW_ENV
from data_access.core.engine import dispose_engine, get_engine
from data_access.core.migrate import upgrade
from tests.apptest import signed_in_token
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, _settle, _start_server, _stop
from tests.test_plain_text import HOSTILE, NOW_ISO, URL_PAYLOAD, WORD_JOINER, fill_hostile
from ui.session import COOKIE

pytestmark = pytest.mark.browser

TABLET = (1024, 768)
OUTSIDE = ("127.0.0.1", 9)  # where the payload's image and links point


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app on a database holding the payload everywhere; a leader signed in (the audit page is theirs)."""
    tmp = tmp_path_factory.mktemp("plain_text")
    db_url = f"sqlite:///{tmp / 'office.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(FROZEN_NOW_ENV, NOW_ISO)
        upgrade(get_engine(db_url))
        ids = fill_hostile(get_engine(db_url))
        token = signed_in_token(db_url, "leader")
    dispose_engine(db_url)
    proc, base = _start_server({"DATABASE_URL": db_url, FROZEN_NOW_ENV: NOW_ISO}, tmp / "server.log")
    yield base, token, ids
    _stop(proc)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's Chromium is needed: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _outside(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.hostname, parts.port) == OUTSIDE


def _open(browser, server, path: str, expect: str):
    """The page at `path`, every request it makes recorded, once `expect` (words of ours or a code, there
    whatever the values turn into) is on screen and the script is done."""
    base, token, _ = server
    context = browser.new_context(viewport={"width": TABLET[0], "height": TABLET[1]}, locale="vi-VN")
    context.add_cookies([{"name": COOKIE, "value": token, "url": base}])
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(base + path)
    page.get_by_text(expect).filter(visible=True).first.wait_for(timeout=90_000)
    _settle(page)
    page.wait_for_load_state("networkidle")
    return page, requests


def _assert_plain(page, requests: list[str], literal: str, whole: str) -> None:
    """Nothing fetched from or linked to the outside address, no image, bold, HTML or formula from a value;
    `literal` visible as typed and `whole` in the page's text (the invisible word joiners left out)."""
    assert not [u for u in requests if _outside(u)], "a request to the payload's address"
    assert page.locator("img[src*='127.0.0.1:9/']").count() == 0
    assert page.locator("a[href*='127.0.0.1:9/']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.locator(".katex").count() == 0, "a formula from $x^2$"
    assert page.locator("b", has_text="thẻ").count() == 0, "HTML from a value"
    assert page.locator("strong, em", has_text=re.compile(r"^\s*(Đậm|x)\s*$")).count() == 0, "bold from a value"
    assert page.get_by_text(literal).filter(visible=True).count() >= 1
    text = " ".join(page.evaluate("document.body.innerText").replace(WORD_JOINER, "").split())
    assert whole in text


def test_a_task_with_markdown_in_its_title(browser, hostile_server):
    page, requests = _open(browser, hostile_server, f"/tasks?task={HOSTILE['task_code']}", HOSTILE["task_code"])
    _assert_plain(page, requests, "**Đậm**", f"{HOSTILE['task_code']} · {HOSTILE['task_title']}")
    heading = page.locator("[data-testid='stHeading'] h3", has_text=HOSTILE["task_code"])
    assert heading.count() == 1  # still the task's heading, at a heading's size
    size = heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 1.3 * page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    for words in (HOSTILE["event_note"].splitlines()[0], HOSTILE["person"], HOSTILE["meeting_title"]):
        assert words in " ".join(page.evaluate("document.body.innerText").replace(WORD_JOINER, "").split())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "plain-text-task-1024x768.png")
    page.context.close()


@pytest.mark.parametrize(
    "kind, path, expect, whole",
    [
        ("document", "/documents?document={document}", "12/UBND-H", HOSTILE["issuer"]),
        ("meeting", "/meetings?meeting={meeting}", "Điểm cầu tham gia", HOSTILE["meeting_title"]),
        ("point", "/points?point=XA-H1", "?point=XA-H1", HOSTILE["commune_failed"]),
        ("audit", "/audit", "lần thay đổi trong kỳ", HOSTILE["person"]),
    ],
    ids=["document", "meeting", "point", "audit"],
)
def test_a_page_with_markdown_in_its_rows(browser, hostile_server, kind, path, expect, whole):
    page, requests = _open(browser, hostile_server, path.format(**hostile_server[2]), expect)
    _assert_plain(page, requests, "**Đậm**", whole)
    if kind == "document":  # the summary as plain text, its lines kept
        summary = page.locator("[data-testid='stText']", has_text="Tóm tắt").first.inner_text()
        assert summary.splitlines() == HOSTILE["summary"].splitlines()
    page.context.close()


def test_a_crafted_link_in_the_address(browser, hostile_server):
    page, requests = _open(browser, hostile_server, f"/tasks?task={quote(URL_PAYLOAD)}", "Không tìm thấy nhiệm vụ")
    _assert_plain(page, requests, "**x**[lnk]", f"«{URL_PAYLOAD}»")
    page.context.close()
