"""Issue 16 in a real browser: the HttpOnly cookie, the show and its session, a note kept across an outage.

One server for the module (`streamlit run serve.py`, as in production) on its own
copy of the demo database, named by DATABASE_URL so that moving the file away is
an outage (the page says the database is not set up) and moving it back a recovery.
"""

from __future__ import annotations

import datetime as dt
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select, update

from data_access.accounts import sessions, users
from data_access.core.engine import dispose_engine, get_engine
from data_access.core.schema import login_sessions, tasks
from data_access.core.schema import users as users_table
from tests.test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    NOW,
    SIZES,
    _prepare_demo,
    _screenshot,
    _settle,
    _start_server,
    _stop,
)
from ui.session import COOKIE

pytestmark = pytest.mark.browser

PASSWORD = "sông hồng mùa thu chín"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hardening")
    db_file = tmp / "office.db"
    _prepare_demo(db_file)
    db_url = f"sqlite:///{db_file}"
    engine = get_engine(db_url)
    for login, role, name in (
        ("hoitruong", "display", "Màn hình hội trường"),
        ("hoitruong2", "display", "Màn hình phòng họp"),
        ("xem", "viewer", "Phạm Thu Hà"),
        ("mai", "specialist", "Nguyễn Thị Mai"),
    ):
        users.create_user(engine, login, role, name, PASSWORD)
    proc, url = _start_server(
        {"DATABASE_URL": db_url, "OFFICE_FROZEN_NOW": NOW.isoformat(), "OFFICE_SESSION_IDLE_MINUTES": "30"},
        tmp / "server.log",
    )
    yield url, db_url, db_file
    _stop(proc)
    dispose_engine(db_url)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's Chromium is needed: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _context(browser, size=SIZES["tablet-landscape"], touch=False):
    return browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="vi-VN", has_touch=touch, is_mobile=False
    )


def _sign_in(page, login: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(login, timeout=60_000)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _session_cookie(context):
    return next((c for c in context.cookies() if c["name"] == COOKIE), None)


def test_item2_the_session_cookie_is_set_by_the_server_and_no_script_reads_it(browser, server):
    url, db_url, _ = server
    context = _context(browser)
    page = context.new_page()
    page.goto(url + "/tasks?period=month")
    _sign_in(page, "mai")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    cookie = _session_cookie(context)
    assert cookie and cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert COOKIE not in page.evaluate("document.cookie")  # no page script can read it
    assert "/tasks" in page.url and "period=month" in page.url and "grant=" not in page.url  # back where it was
    # the cookie holds the session: a reload, or a new tab, opens signed in
    page.reload()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    assert page.get_by_label("Tên đăng nhập").count() == 0
    # signing out ends the session and the server clears the cookie
    page.get_by_role("button", name="Nguyễn Thị Mai").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    assert _session_cookie(context) is None
    assert sessions.session_user(get_engine(db_url), cookie["value"]) is None
    page.reload()
    page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
    context.close()


def test_item2_secure_behind_https_and_a_grant_works_once(server):
    url, db_url, _ = server
    engine = get_engine(db_url)
    user = next(u for u in users.list_users(engine) if u.login == "xem")
    token = sessions.start_session(engine, user, NOW)

    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(Keep)

    def ask(grant: str, https: bool, next_path: str = "/tasks"):
        request = urllib.request.Request(f"{url}/_office/session?grant={grant}&next={next_path}")
        if https:
            request.add_header("X-Forwarded-Proto", "https")  # a TLS proxy on loopback
        try:
            opener.open(request)
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location"), answer.headers.get_all("Set-Cookie") or []
        raise AssertionError("expected a redirect")

    grant = sessions.issue_grant(engine, token, NOW)
    code, location, cookies = ask(grant, https=True)
    assert code == 303 and location == "/tasks"
    assert len(cookies) == 1
    flags = {part.strip().lower() for part in cookies[0].split(";")}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= flags
    again = ask(grant, https=True)
    assert again[0] == 303 and again[2] == []  # used: no cookie the second time
    plain = ask(sessions.issue_grant(engine, cookies[0].split(";")[0].split("=", 1)[1], NOW), https=False)
    assert plain[2] and "secure" not in plain[2][0].lower()
    assert ask("x", https=False, next_path="//evil.example/")[1] == "/"  # never sent to another site


def _present(browser, url, login):
    context = _context(browser, SIZES["projector"])
    page = context.new_page()
    page.goto(url + "/?mode=present&interval=3&refresh=5")
    _sign_in(page, login)
    page.get_by_text("Cập nhật lúc").first.wait_for(timeout=60_000)
    return context, page


def test_item1_a_display_account_shows_the_slides_only_and_its_show_keeps_the_session(browser, server):
    url, db_url, _ = server
    engine = get_engine(db_url)
    context, page = _present(browser, url, "hoitruong")
    # without ?mode=present too: a display account gets the show and nothing else
    page.goto(url + "/tasks?interval=3&refresh=5")
    page.get_by_text("Cập nhật lúc").first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stSidebar"], [data-testid="stNavigation"]').count() == 0
    with engine.begin() as conn:  # as if the show had run unattended for 29 minutes
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.ended_at.is_(None))
            .where(
                login_sessions.c.user_id
                == select(users_table.c.id).where(users_table.c.login == "hoitruong").scalar_subquery()
            )
            .values(last_seen_at=NOW.astimezone(dt.UTC) - dt.timedelta(minutes=29))
        )
    page.wait_for_timeout(8_000)  # two refreshes of the show
    with engine.connect() as conn:
        seen = conn.execute(
            select(login_sessions.c.last_seen_at)
            .join(users_table, users_table.c.id == login_sessions.c.user_id)
            .where(users_table.c.login == "hoitruong", login_sessions.c.ended_at.is_(None))
        ).scalar_one()
    assert seen >= NOW.astimezone(dt.UTC) - dt.timedelta(minutes=1)  # the show counted as use
    # the account disabled: the show says so at its next refresh and reads no more figures
    users.set_active(engine, "hoitruong", False)
    page.get_by_text("Phiên đã hết hạn").wait_for(timeout=20_000)
    assert page.get_by_text("Cập nhật lúc").count() == 0
    _screenshot(page, "show-session-ended-projector")
    context.close()


def test_item1_another_accounts_show_ends_at_the_idle_limit(browser, server):
    url, db_url, _ = server
    engine = get_engine(db_url)
    context, page = _present(browser, url, "xem")
    with engine.begin() as conn:  # 31 minutes without a page opened
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.ended_at.is_(None))
            .where(
                login_sessions.c.user_id
                == select(users_table.c.id).where(users_table.c.login == "xem").scalar_subquery()
            )
            .values(last_seen_at=NOW.astimezone(dt.UTC) - dt.timedelta(minutes=31))
        )
    page.get_by_text("Phiên đã hết hạn").wait_for(timeout=20_000)
    context.close()


def test_item1_a_password_reset_ends_a_display_show_at_once(browser, server):
    url, db_url, _ = server
    context, page = _present(browser, url, "hoitruong2")
    users.reset_password(get_engine(db_url), "hoitruong2", "bàn phím xanh lá cây")
    page.get_by_text("Phiên đã hết hạn").wait_for(timeout=20_000)
    context.close()


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory):
    """A second server, on a private PostgreSQL cluster this test may stop and start again."""
    from data_access.core.migrate import upgrade
    from data_access.demo.seed import seed_demo
    from tests.private_postgres import private_cluster

    tmp = tmp_path_factory.mktemp("outage")
    with private_cluster() as cluster:
        engine = get_engine(cluster.url)
        upgrade(engine)
        seed_demo(engine, NOW.astimezone(dt.UTC), scale=0.1)  # a task to type a note on is all it needs
        users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
        dispose_engine(cluster.url)
        proc, url = _start_server(
            {"DATABASE_URL": cluster.url, "OFFICE_FROZEN_NOW": NOW.isoformat(), "OFFICE_DB_CONNECT_TIMEOUT": "2"},
            tmp / "server.log",
        )
        yield url, cluster
        _stop(proc)
        dispose_engine(cluster.url)


@pytest.mark.postgres
def test_item8_a_note_typed_when_the_database_drops_is_there_when_it_is_back(browser, pg_server):
    url, cluster = pg_server
    with get_engine(cluster.url).connect() as conn:
        code = conn.execute(select(tasks.c.code).where(tasks.c.status == "in_progress").limit(1)).scalar_one()
    dispose_engine(cluster.url)
    context = _context(browser, touch=True)
    page = context.new_page()
    page.goto(f"{url}/tasks?task={code}")
    _sign_in(page, "mai")
    note = "Đã gọi điện cho Sở Tài chính, hẹn gửi báo cáo thứ Sáu."
    tab = page.get_by_role("tab", name="Báo cáo, đôn đốc, ghi chú")
    tab.wait_for(timeout=60_000)
    _settle(page)
    tab.click()
    page.get_by_label("Nội dung").fill(note)
    page.get_by_label("Nội dung").blur()  # the typed text reaches the server (its own rerun), then the save
    _settle(page)
    cluster._pg_ctl("-m", "immediate", "stop")  # the database server goes down as the note is sent
    try:
        page.get_by_role("button", name="Thêm vào lịch sử").click()
        page.get_by_text("được giữ lại").wait_for(timeout=60_000)
        _screenshot(page, "note-kept-during-outage-tablet-landscape")
        page.wait_for_timeout(12_000)  # the page tries again by itself, still in vain
        assert page.get_by_text("được giữ lại").count() == 1
    finally:
        cluster.start()
    started = time.monotonic()
    page.get_by_text("được giữ lại").wait_for(state="detached", timeout=40_000)  # back by itself
    print(f"back after {time.monotonic() - started:.1f} s")
    _settle(page)
    tab.click()
    assert page.get_by_label("Nội dung").input_value() == note
    context.close()
