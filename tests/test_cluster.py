"""The scale-out cluster (scripts/cluster): a PostgreSQL primary and a hot standby, three app processes,
HAProxy in front, all on loopback, started once for this module and stopped after.

- it starts, and the front address serves the dashboard signed in;
- a save through process A shows on process B's next page run, and a write straight into the primary's
  tables by another system shows on both (the data version, migration 0009);
- a killed process: the browser reconnects through HAProxy to another one and is still signed in;
- the replica stopped: the pages go on from the primary, without a message;
- the primary stopped: the pages go on from the replica with the read-only banner, a save is refused
  with that message and nothing is written; once the primary is back, saving resumes by itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from benchmarks.load import warm_up
from data_access.accounts.sessions import start_session
from data_access.accounts.users import list_users
from data_access.core.schema import point_checks, units
from data_access.demo.accounts import read_demo_passwords
from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, SIZES, _assert_fits, _metric_value, _screenshot, _settle
from ui.session import COOKIE

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = [sys.executable, str(ROOT / "scripts" / "cluster.py")]
TABLET = {"width": 1024, "height": 768}
READ_ONLY = "Đang chỉ đọc, tạm dừng chỉnh sửa"


def _cluster(folder: Path, *args: str, timeout: float = 600) -> str:
    done = subprocess.run(
        [*CLUSTER, "--dir", str(folder), *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert done.returncode == 0, f"scripts/cluster {' '.join(args)}: {done.stdout[-3000:]}{done.stderr[-3000:]}"
    return done.stdout


class Running:
    def __init__(self, folder: Path):
        self.folder = folder
        self.state = json.loads((folder / "cluster.json").read_text())
        password = self.state["pg_password"]  # the cluster's servers take a password over TCP (scram)
        self.primary = f"postgresql://postgres:{password}@127.0.0.1:{self.state['primary_port']}/office"
        self.replica = f"postgresql://postgres:{password}@127.0.0.1:{self.state['replica_port']}/office"
        self.front = f"http://127.0.0.1:{self.state['front_port']}"
        # plain engines of the test's own (the app's engines bound waits and would be shared)
        self.primary_engine = create_engine(
            self.primary.replace("postgresql://", "postgresql+psycopg2://"), pool_pre_ping=True
        )
        self.replica_engine = create_engine(
            self.replica.replace("postgresql://", "postgresql+psycopg2://"), pool_pre_ping=True
        )

    def app(self, name: str) -> str:
        port = next(a["port"] for a in self.state["apps"] if a["name"] == name)
        return f"http://127.0.0.1:{port}"

    def token(self, login: str) -> str:
        user = next(u for u in list_users(self.primary_engine) if u.login == login)
        return start_session(self.primary_engine, user)

    def status(self) -> dict:
        return json.loads(_cluster(self.folder, "status", "--json"))

    def replica_caught_up(self, timeout: float = 10) -> None:
        with self.primary_engine.connect() as conn:
            position = conn.execute(text("SELECT CAST(pg_current_wal_lsn() AS text)")).scalar_one()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.replica_engine.connect() as conn:
                replayed = text("SELECT pg_last_wal_replay_lsn() >= CAST(:p AS pg_lsn)")
                if conn.execute(replayed, {"p": position}).scalar():
                    return
            time.sleep(0.05)
        raise AssertionError("the replica did not replay the primary's last write")

    def connected_points(self, count: int) -> list[str]:
        """Communes whose latest check says connected, and only those: a new disconnected check adds one."""
        latest = (
            select(point_checks.c.unit_id, func.max(point_checks.c.checked_at).label("at"))
            .group_by(point_checks.c.unit_id)
            .subquery()
        )
        query = (
            select(units.c.code)
            .join(latest, latest.c.unit_id == units.c.id)
            .join(
                point_checks,
                (point_checks.c.unit_id == latest.c.unit_id) & (point_checks.c.checked_at == latest.c.at),
            )
            .where(units.c.kind == "commune", point_checks.c.status == "connected")
            .order_by(units.c.code)
            .limit(count)
        )
        with self.primary_engine.connect() as conn:
            return list(conn.execute(query).scalars())


@pytest.fixture(scope="module")
def cluster():
    # Not pytest's tmp_path: as root, the PostgreSQL servers run as `postgres`, which must reach the folder.
    folder = Path(tempfile.mkdtemp(prefix="office-cluster-"))
    folder.chmod(0o755)
    started = time.monotonic()
    try:
        _cluster(folder, "up", "--replicas", "3", "--port", "0")
        print(f"cluster up in {time.monotonic() - started:.0f} s")
        running = Running(folder)
        yield running
        running.primary_engine.dispose()
        running.replica_engine.dispose()
    finally:
        state = json.loads((folder / "cluster.json").read_text()) if (folder / "cluster.json").exists() else {}
        pids = [a.get("pid") for a in state.get("apps", [])] + [(state.get("balancer") or {}).get("pid")]
        for name in ("primary", "replica"):  # the postmasters, read before `down --clean` removes their folders
            pidfile = folder / name / "postmaster.pid"
            if pidfile.exists():
                pids.append(int(pidfile.read_text().split()[0]))
        _cluster(folder, "down", "--clean")
        alive = [p for p in pids if p and Path(f"/proc/{p}").exists() and "Z" not in _proc_state(p)]
        assert not alive, f"still running after down: {alive}"
        assert not folder.exists()


def _retry_written(written) -> bool:
    """Whether the save landed after all (the primary answering again): then it must not be tapped again."""
    try:
        return written() > 0
    except Exception:  # noqa: BLE001 (the primary is not back yet)
        time.sleep(2)
        return False


def _visit(base: str, token: str) -> dict:
    """Every page through `base` as the load benchmark's websocket client does (its own thread: Playwright's
    sync API holds this thread's event loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(warm_up(base, token, 90))).result()


def _proc_state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][:1]
    except OSError:
        return "Z"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, base: str, token: str, touch: bool = False):
    context = browser.new_context(viewport=TABLET, locale="vi-VN", has_touch=touch)
    context.add_cookies([{"name": COOKIE, "value": token, "url": base}])
    return context.new_page()


def _points_disconnected(page, base: str) -> int:
    page.goto(f"{base}/points")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    return int(_metric_value(page, "Mất kết nối").replace(".", ""))


def _record_check(page, base: str, code: str, status: str, note: str) -> None:
    page.goto(f"{base}/points?point={code}")
    page.get_by_role("heading", name="Kiểm tra kết nối", exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    page.get_by_role("radio", name=status, exact=True).tap()
    page.get_by_label("Ghi chú (không bắt buộc)").fill(note)
    page.get_by_label("Ghi chú (không bắt buộc)").blur()
    _settle(page)
    page.get_by_role("button", name="Ghi nhận", exact=True).tap()


def test_the_cluster_is_up_and_the_front_serves_the_dashboard_signed_in(cluster):
    report = cluster.status()
    assert report["primary"]["running"] and report["primary"]["in_recovery"] is False
    assert report["replica"]["running"] and report["replica"]["in_recovery"] is True
    assert [a["healthy"] for a in report["apps"]] == [True, True, True]
    assert report["balancer"]["running"]
    with cluster.replica_engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM pg_stat_wal_receiver")).scalar() == "streaming"
    # signed in through the front address: every page's heading, no login form, no error
    token = cluster.token("nguoixem")
    visit = _visit(cluster.front, token)
    assert visit["errors"] == []
    # the command line checks both servers
    env = {**os.environ, "DATABASE_URL": cluster.primary, "DATABASE_READ_URL": cluster.replica}
    checked = subprocess.run(
        [sys.executable, "-m", "data_access", "check"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert checked.returncode == 0, checked.stderr
    assert "Cơ sở dữ liệu sẵn sàng." in checked.stdout
    assert "Bản sao để đọc" in checked.stdout and "byte so với máy chủ chính" in checked.stdout
    # the balancer's affinity cookie names the process
    import urllib.request

    with urllib.request.urlopen(cluster.front + "/_stcore/health") as reply:
        assert any(c.startswith("OFFICE_APP=app") for c in reply.headers.get_all("Set-Cookie") or [])


def test_signing_in_with_the_form_through_the_front_address(cluster, browser):
    """The demo account's password typed into the login form at the front: the one-time code the page sends
    the browser with is redeemed by whichever process the balancer picks (it is in the database)."""
    password = read_demo_passwords(cluster.folder / "demo-accounts.txt")["lanhdao"]
    context = browser.new_context(viewport=TABLET, locale="vi-VN", has_touch=True)
    page = context.new_page()
    page.goto(cluster.front + "/tasks")
    page.get_by_label("Tên đăng nhập").fill("lanhdao", timeout=60_000)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").tap()
    page.wait_for_function("() => location.pathname.endsWith('/tasks')", timeout=30_000)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    assert any(c["name"] == COOKIE for c in context.cookies())  # the HttpOnly session cookie, set by the server
    page.reload()  # a reload stays signed in
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    assert page.get_by_label("Mật khẩu").count() == 0
    context.close()


def test_a_save_on_one_process_shows_on_the_others_next_page_run(cluster, browser):
    a, b, c = cluster.app("app1"), cluster.app("app2"), cluster.app("app3")
    token = cluster.token("chuyenvien")
    code = cluster.connected_points(1)[0]
    on_b = _page(browser, b, token)
    on_c = _page(browser, c, token)
    before_b = _points_disconnected(on_b, b)
    before_c = _points_disconnected(on_c, c)  # both processes have the figure in their caches now
    assert before_b == before_c
    on_a = _page(browser, a, token, touch=True)
    _record_check(on_a, a, code, "Mất kết nối", "cụm: lưu ở app1")
    on_a.get_by_text("Đã lưu.").wait_for(timeout=30_000)
    cluster.replica_caught_up()
    assert _points_disconnected(on_b, b) == before_b + 1  # the next page run, well within the cache's 60 s
    assert _points_disconnected(on_c, c) == before_c + 1
    # and the one who saved sees it at once too (read your writes)
    assert _points_disconnected(on_a, a) == before_b + 1
    for page in (on_a, on_b, on_c):
        page.context.close()


def test_read_your_writes_while_the_replica_lags(cluster, browser):
    """The replica's replay paused: the one who saved reads from the primary and sees the save; another
    session, reading from the replica, sees it once the replica has replayed it."""
    a, b = cluster.app("app1"), cluster.app("app2")
    token = cluster.token("chuyenvien")
    code = cluster.connected_points(1)[0]
    saver = _page(browser, a, token, touch=True)
    other = _page(browser, b, cluster.token("nguoixem"))
    before = _points_disconnected(other, b)
    with cluster.replica_engine.connect() as conn:
        conn.execute(text("SELECT pg_wal_replay_pause()"))
    try:
        _record_check(saver, a, code, "Mất kết nối", "cụm: bản sao tạm dừng")
        saver.get_by_text("Đã lưu.").wait_for(timeout=30_000)
        assert _points_disconnected(saver, a) == before + 1  # from the primary: the replica has not replayed it
        assert _points_disconnected(other, b) == before  # the replica's figure, honestly as of its replay
    finally:
        with cluster.replica_engine.connect() as conn:
            conn.execute(text("SELECT pg_wal_replay_resume()"))
    cluster.replica_caught_up()
    assert _points_disconnected(other, b) == before + 1
    assert _points_disconnected(saver, a) == before + 1  # and back on the replica, the same
    for page in (saver, other):
        page.context.close()


def test_a_write_by_another_system_into_the_primary_shows_on_every_process(cluster, browser):
    token = cluster.token("nguoixem")
    bases = [cluster.app("app1"), cluster.app("app2")]
    pages = [_page(browser, base, token) for base in bases]
    before = [_points_disconnected(page, base) for page, base in zip(pages, bases, strict=True)]
    code = cluster.connected_points(1)[0]
    with cluster.primary_engine.begin() as conn:  # only the contract's columns, as another system would
        unit_id = conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one()
        conn.execute(
            text(
                "INSERT INTO point_checks (unit_id, checked_at, status, note) "
                "VALUES (:u, now() AT TIME ZONE 'UTC', 'disconnected', 'hệ thống khác ghi thẳng vào bảng')"
            ),
            {"u": unit_id},
        )
    cluster.replica_caught_up()
    after = [_points_disconnected(page, base) for page, base in zip(pages, bases, strict=True)]
    assert after == [n + 1 for n in before]
    for page in pages:
        page.context.close()


def test_a_killed_process_the_browser_goes_on_signed_in_on_another(cluster, browser):
    token = cluster.token("nguoixem")
    page = _page(browser, cluster.front, token)
    page.goto(cluster.front + "/")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    serving = next(c["value"] for c in page.context.cookies() if c["name"] == "OFFICE_APP")
    _cluster(cluster.folder, "stop", serving, "--kill")
    try:
        # Streamlit's page reconnects by itself; HAProxy sends it to a live process (option redispatch)
        deadline = time.monotonic() + 60
        moved = None
        while time.monotonic() < deadline:
            moved = next((c["value"] for c in page.context.cookies() if c["name"] == "OFFICE_APP"), None)
            if moved and moved != serving:
                break
            page.wait_for_timeout(500)
        assert moved and moved != serving, "the browser was not sent to another process"
        _settle(page, 60_000)
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
        assert page.get_by_text("Đăng nhập", exact=True).count() == 0  # no login form: still signed in
        assert page.locator('[data-testid="stException"]').count() == 0
        # and a reload stays on the new process, signed in
        page.reload()
        page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
        assert next(c["value"] for c in page.context.cookies() if c["name"] == "OFFICE_APP") == moved
    finally:
        page.context.close()
        _cluster(cluster.folder, "start", serving)


def test_the_replica_stopped_the_pages_go_on_from_the_primary_without_a_word(cluster, browser):
    token = cluster.token("nguoixem")
    _cluster(cluster.folder, "stop", "replica")
    try:
        visit = _visit(cluster.front, token)
        assert visit["errors"] == []
        page = _page(browser, cluster.front, token)
        figure = _points_disconnected(page, cluster.front)
        assert figure >= 0
        assert page.get_by_text(READ_ONLY, exact=False).count() == 0
        assert page.get_by_text("Không kết nối được", exact=False).count() == 0
        page.context.close()
    finally:
        _cluster(cluster.folder, "start", "replica")
    deadline, streaming = time.monotonic() + 60, False
    while time.monotonic() < deadline and not streaming:
        with cluster.replica_engine.connect() as conn:
            streaming = conn.execute(text("SELECT status FROM pg_stat_wal_receiver")).scalar() == "streaming"
        time.sleep(0.5)
    assert streaming, "the replica does not stream again after its restart"


def test_the_primary_stopped_read_only_from_the_replica_then_saving_resumes(cluster, browser):
    token = cluster.token("chuyenvien")
    code = cluster.connected_points(1)[0]
    with cluster.replica_engine.connect() as conn:
        checks_before = conn.execute(select(func.count()).select_from(point_checks)).scalar_one()
    page = _page(browser, cluster.front, token, touch=True)
    before = _points_disconnected(page, cluster.front)
    _cluster(cluster.folder, "stop", "primary")
    try:
        # the figures still show, from the replica, with the banner
        assert _points_disconnected(page, cluster.front) == before
        page.get_by_text(READ_ONLY, exact=False).first.wait_for(timeout=20_000)
        for name, size in SIZES.items():  # the banner at the three sizes, on the overview
            shown = _page(browser, cluster.front, token)
            shown.set_viewport_size({"width": size[0], "height": size[1]})
            shown.goto(cluster.front + "/")
            shown.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            _settle(shown)
            shown.get_by_text(READ_ONLY, exact=False).first.wait_for(timeout=20_000)
            _assert_fits(shown)
            _screenshot(shown, f"cluster-read-only-{name}")
            shown.context.close()
        # a save is refused with that message; what was typed stays in its box
        started = time.monotonic()
        _record_check(page, cluster.front, code, "Mất kết nối", "cụm: khi máy chủ chính dừng")
        refusal = page.get_by_text("Chưa lưu được", exact=False).first
        refusal.wait_for(timeout=30_000)  # the save's own message, beside the banner
        assert "tạm dừng chỉnh sửa" in refusal.inner_text()
        assert time.monotonic() - started < 30
        assert page.get_by_label("Ghi chú (không bắt buộc)").input_value() == "cụm: khi máy chủ chính dừng"
        with cluster.replica_engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(point_checks)).scalar_one() == checks_before
    finally:
        _cluster(cluster.folder, "start", "primary")
    # writes resume by themselves: within the time a down server is passed over (10 s), the same tap saves
    deadline = time.monotonic() + 60
    saved = False

    def written() -> int:
        with cluster.primary_engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(point_checks)).scalar_one() - checks_before

    while time.monotonic() < deadline and not saved:
        page.get_by_role("button", name="Ghi nhận", exact=True).tap()
        try:
            page.get_by_text("Đã lưu.").wait_for(timeout=5_000)
            saved = True
        except Exception:  # noqa: BLE001 (still read-only, or slow: never tap again once it is written)
            _settle(page)
            saved = _retry_written(written)
    assert saved, "saving did not resume after the primary came back"
    page.goto(cluster.front + "/points")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    assert page.get_by_text(READ_ONLY, exact=False).count() == 0
    with cluster.primary_engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(point_checks)).scalar_one() == checks_before + 1
    page.context.close()


def test_down_leaves_nothing_running(tmp_path):
    """`down` on a folder with nothing started says so and exits cleanly (the module's fixture checks the real
    cluster's processes after its own `down`)."""
    out = _cluster(tmp_path, "down")
    assert "nothing of the cluster runs" in out
