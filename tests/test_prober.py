"""The prober against loopback listeners that accept, answer slowly, answer now and then, and refuse;
its checks on the board and in the alerts; the information systems' board; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlalchemy import select, update

from data_access.alerts import lists, rules
from data_access.core.schema import audit_log, info_systems, point_checks, units
from data_access.points import figures
from data_access.probe import prober, systems
from tests import known_alerts as K
from tests.builders import read

KNOWN = K


class Slow(BaseHTTPRequestHandler):
    calls = 0

    def do_GET(self):  # noqa: N802
        path = self.path
        if path == "/slow":
            time.sleep(0.4)
        if path == "/flaky":
            Slow.calls += 1
            self.send_response(503 if Slow.calls % 2 == 0 else 200)
        elif path == "/hang":
            time.sleep(3)
            self.send_response(200)
        else:
            self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class _Listener(ThreadingHTTPServer):
    # 80 probes connect at once: the standard backlog of 5 made some wait for SYN retries, and under load
    # one was counted disconnected. A real endpoint's backlog is the endpoint's business, not this test's.
    request_queue_size = 128


@pytest.fixture(scope="module")
def listeners():
    accept = socket.socket()
    accept.bind(("127.0.0.1", 0))
    accept.listen(64)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused_port = closed.getsockname()[1]
    closed.close()  # nothing listens there: refused
    http = _Listener(("127.0.0.1", 0), Slow)
    threading.Thread(target=http.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{http.server_address[1]}"
    yield {
        "accept": f"127.0.0.1:{accept.getsockname()[1]}",
        "refuse": f"127.0.0.1:{refused_port}",
        "fast": f"{base}/ok",
        "slow": f"{base}/slow",
        "flaky": f"{base}/flaky",
        "hang": f"{base}/hang",
    }
    http.shutdown()
    accept.close()


def test_parse_endpoint():
    assert prober.parse_endpoint("10.0.0.5:5060") == ("tcp", "10.0.0.5", 5060)
    assert prober.parse_endpoint("[::1]:443") == ("tcp", "::1", 443)
    assert prober.parse_endpoint("https://dvc.example.vn/health") == ("http", "https://dvc.example.vn/health")
    assert prober.parse_endpoint("no-port") is None and prober.parse_endpoint("h:99999") is None


def test_classification(listeners):
    names = ("accept", "refuse", "fast", "slow", "flaky", "hang")
    targets = [prober.Target("point", i, n, listeners[n]) for i, n in enumerate(names)]
    started = time.perf_counter()
    got = asyncio.run(prober.probe_many(targets, timeout=1.0, run_timeout=10, tries=2, slow_ms=250))
    elapsed = time.perf_counter() - started
    by = {o.target.code: o for o in got}
    assert {n: (by[n].status, by[n].why) for n in names} == {
        "accept": ("connected", "connected"),
        "refuse": ("disconnected", "disconnected"),
        "fast": ("connected", "connected"),
        "slow": ("degraded", "slow"),
        "flaky": ("degraded", "intermittent"),
        "hang": ("disconnected", "disconnected"),
    }
    assert by["refuse"].reason == "refused" and by["hang"].reason == "timeout"
    assert by["accept"].latency_ms is not None and by["slow"].latency_ms >= 400
    assert elapsed < 4  # concurrently: the hanging one's two tries bound the run, not the sum


def test_many_slow_endpoints_at_once(listeners):
    targets = [prober.Target("point", i, f"p{i}", listeners["slow"]) for i in range(80)]
    started = time.perf_counter()
    got = asyncio.run(prober.probe_many(targets, timeout=8, run_timeout=20, tries=1, slow_ms=250))
    assert {o.why for o in got} == {"slow"}
    # 80 answers of 0.4 s: 32 s one after another, 5.3 s on the default pool's 6 threads; side by side ~0.5 s
    assert time.perf_counter() - started < 4


def test_run_time_limit(listeners):
    targets = [prober.Target("point", 1, "hang", listeners["hang"])]
    got = asyncio.run(prober.probe_many(targets, timeout=5, run_timeout=0.5, tries=1))
    assert (got[0].status, got[0].reason) == ("disconnected", "run time limit")


def test_probe_writes_checks_the_board_and_alerts_show(engine, listeners, monkeypatch):
    monkeypatch.setenv("OFFICE_FROZEN_NOW", K.NOW_ISO)
    with engine.begin() as c:
        K.fill(c)
        for code, name in (("XA-BINH-DUC", "accept"), ("XA-TAN-LOI", "slow"), ("DK-THO-SON", "refuse")):
            c.execute(update(units).where(units.c.code == code).values(endpoint=listeners[name]))
        systems.declare_office_systems(c, K.NOW, history=False)
        c.execute(update(info_systems).where(info_systems.c.code == "CONG-DVC").values(endpoint=listeners["fast"]))
    run = prober.probe_all(engine, timeout=1.0, run_timeout=10, tries=2, slow_ms=250, now=K.NOW)
    assert (run.points, run.systems, run.counts()) == (3, 1, {"connected": 2, "degraded": 1, "disconnected": 1})
    board = {p.code: p for p in read(engine, figures.board, K.NOW)}
    assert board["XA-BINH-DUC"].status == "connected" and board["XA-BINH-DUC"].note.startswith("probe: connected")
    assert board["XA-TAN-LOI"].status == "degraded" and board["DK-THO-SON"].status == "disconnected"
    with engine.connect() as c:
        assert set(c.execute(select(point_checks.c.author).where(point_checks.c.checked_at == K.NOW)).scalars()) == {
            "probe"
        }
        assert c.execute(select(audit_log.c.user_login).distinct()).scalars().all() == ["probe"]
    down = read(engine, lists.open_page, read(engine, rules.rule_settings), K.TODAY, K.NOW, "point_down").rows
    assert {a.code: a.state for a in down} == {
        "XA-TAN-LOI": "degraded",
        "DK-THO-SON": "disconnected",
        "PHUONG-LONG-XUYEN": "stale",
    }  # XA-BINH-DUC is back: its alert has ended
    sys_board = {s.code: s for s in read(engine, systems.system_board, K.NOW)}
    assert sys_board["CONG-DVC"].status == "connected" and sys_board["CONG-DVC"].latency_ms is not None
    assert sys_board["QLVB"].status == "not_checked"


def test_system_board_failures(engine):
    with engine.begin() as c:
        systems.declare_office_systems(c, K.NOW)
    got = {s.code: s for s in read(engine, systems.system_board, K.NOW)}
    assert set(got) == {code for code, _ in systems.OFFICE_SYSTEMS}
    assert got["THU-CONG-VU"].failures == 3 and got["CONG-DVC"].failures == 5
    assert got["QLVB"].failures == 0 and got["QLVB"].last_failure_at is None and got["QLVB"].status == "connected"


def test_the_command_line_probes(engine, db_url, listeners, monkeypatch, capsys):
    from data_access.__main__ import main

    monkeypatch.setenv("OFFICE_FROZEN_NOW", K.NOW_ISO)
    monkeypatch.setenv("DATABASE_URL", db_url)
    with engine.begin() as c:
        K.fill(c)
        c.execute(update(units).where(units.c.code == "XA-BINH-DUC").values(endpoint=listeners["accept"]))
        c.execute(update(units).where(units.c.code == "XA-TAN-LOI").values(endpoint=listeners["refuse"]))
    assert main(["probe", "--timeout", "1", "--run-timeout", "10"]) == 0
    out = capsys.readouterr().out
    assert "Đã dò 2 điểm cầu và 0 hệ thống thông tin: 1 kết nối, 0 chập chờn, 1 mất kết nối." in out
    board = {p.code: p for p in read(engine, figures.board, K.NOW)}
    assert board["XA-BINH-DUC"].status == "connected" and board["XA-BINH-DUC"].note.startswith("dò tự động: kết nối")
    assert board["XA-TAN-LOI"].note == "dò tự động: không kết nối được (refused)"


def test_setting_an_endpoint(engine, db_url, monkeypatch, capsys):
    from data_access.__main__ import main
    from data_access.accounts.users import User
    from data_access.core.edit_errors import EditError, Forbidden
    from data_access.probe.edits import set_endpoint

    monkeypatch.setenv("DATABASE_URL", db_url)
    with engine.begin() as c:
        K.fill(c)
        systems.declare_office_systems(c, K.NOW, history=False)
    assert main(["set-endpoint", "XA-BINH-DUC", "127.0.0.1:5060"]) == 0
    assert main(["set-endpoint", "CONG-DVC", "https://dichvucong.example/health"]) == 0
    assert main(["set-endpoint", "XA-BINH-DUC", "not an endpoint"]) == 1
    assert "phải là máy:cổng" in capsys.readouterr().err
    assert [t.endpoint for t in prober.targets(engine)] == ["127.0.0.1:5060", "https://dichvucong.example/health"]
    with pytest.raises(Forbidden):
        set_endpoint(engine, User(5, "cv", "CV", "specialist", True), "XA-BINH-DUC", None)
    with pytest.raises(EditError):
        set_endpoint(engine, User(6, "qt", "QT", "admin", True), "SO-TC", "127.0.0.1:1")  # not a point
    set_endpoint(engine, User(6, "qt", "QT", "admin", True), "XA-BINH-DUC", "")  # cleared
    assert [t.code for t in prober.targets(engine)] == ["CONG-DVC"]
    with engine.connect() as c:
        assert c.execute(select(audit_log.c.action).distinct()).scalars().all() == ["set_endpoint"]
