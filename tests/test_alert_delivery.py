"""The digests over real SMTP (aiosmtpd on loopback, started here) and the webhook (a loopback HTTP
receiver): content, never twice, a refusing or absent server retried next run with nothing lost, every
attempt recorded; on SQLite and PostgreSQL."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, insert, select

from data_access.accounts.users import User
from data_access.alerts import delivery, lists, rules, state, subscriptions
from data_access.alerts.digests import email_digests
from data_access.core.edit_errors import EditError, Forbidden
from data_access.core.schema import alert_deliveries, users
from reports.alert_digest import render_digest, render_webhook
from tests import known_alerts as K
from tests.builders import Office

KNOWN = K
BASE = "http://dash.test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping what it accepts; `refuse` makes it answer 554 to every message."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "554 5.7.1 Refused for the test"
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


@pytest.fixture(scope="module")
def smtp_server():
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def inbox(smtp_server):
    box, port = smtp_server
    box.messages.clear()
    box.refuse = False
    return box, delivery.SmtpSettings("127.0.0.1", port, starttls=False, sender="canh-bao@vp.test", timeout=5)


def _user(conn, login, role, name) -> User:
    uid = conn.execute(
        insert(users)
        .values(login=login, full_name=name, role=role, password_hash="x", created_at=K.NOW)
        .returning(users.c.id)
    ).scalar_one()
    return User(uid, login, name, role, True)


@pytest.fixture
def office(engine, monkeypatch):
    monkeypatch.setenv("OFFICE_FROZEN_NOW", K.NOW_ISO)
    with engine.begin() as c:
        K.fill(c)
        people = {
            "admin": _user(c, "quantri", "admin", "Trần Văn Quản"),
            "specialist": _user(c, "chuyenvien", "specialist", "Nguyễn Thị Mai"),
            "leader": _user(c, "lanhdao", "leader", "Lê Văn Lãnh"),
            "viewer": _user(c, "nguoixem", "viewer", "Phạm Xem"),
        }
    subscriptions.save_subscription(engine, people["admin"], "quantri@vp.test", subscriptions.RULES)
    subscriptions.save_subscription(
        engine, people["specialist"], "mai@vp.test", ["task_overdue", "task_due_soon"], [K.IDS["xd"]]
    )
    subscriptions.save_subscription(engine, people["leader"], "lanhdao@vp.test", ["document_overdue"])
    subscriptions.save_subscription(engine, people["viewer"], None, ["task_overdue"])  # no address: nothing
    state.refresh(engine, K.NOW)
    return engine


def _send(engine, settings):
    return delivery.send_email_digests(engine, settings, lambda d: render_digest(d, BASE, K.NOW), K.NOW)


def _deliveries(engine):
    with engine.connect() as c:
        return dict(
            c.execute(select(alert_deliveries.c.status, func.count()).group_by(alert_deliveries.c.status)).all()
        )


def test_one_digest_per_subscriber_then_nothing_twice(office, inbox):
    box, settings = inbox
    report = _send(office, settings)
    assert (report.sent, report.failed, report.alerts) == (3, 0, 15 + 1 + 1)
    by_to = {m["To"]: m for m in box.messages}
    assert set(by_to) == {"quantri@vp.test", "mai@vp.test", "lanhdao@vp.test"}
    admin = by_to["quantri@vp.test"]
    assert admin["Subject"] == "[Bảng điều hành] 15 cảnh báo mới cần chú ý – 28/08/2025"
    body = admin.get_content()
    assert body.startswith("Kính gửi Trần Văn Quản,")
    assert "có 15 cảnh báo đang mở" in body
    assert "- Nhiệm vụ quá hạn: 2" in body and "- Trước cuộc họp trực tuyến: điểm cầu chưa sẵn sàng: 4" in body
    assert "- Giải ngân vốn đầu tư công (NV-A-01) – Sở Tài chính: quá hạn 8 ngày (hạn 20/08/2025)" in body
    assert f"{BASE}/tasks?task=NV-A-01" in body and f"{BASE}/documents?document={K.IDS['doc']}" in body
    assert f"{BASE}/meetings?meeting={K.IDS['meeting']}" in body and f"{BASE}/points?point=XA-BINH-DUC" in body
    mai = by_to["mai@vp.test"].get_content()  # a specialist: the tasks of the unit she follows only
    assert "NV-A-02" in mai and "NV-A-01" not in mai and "NV-A-03" not in mai
    assert "12/STC-KH" in by_to["lanhdao@vp.test"].get_content()
    assert _deliveries(office) == {"sent": 17}
    with office.connect() as c:  # the administrator follows every rule: the digest's figures are the dashboard's
        dashboard = lists.open_counts(c, rules.rule_settings(c), K.TODAY, K.NOW).by_rule
        admin_digest = next(d for d in email_digests(c) if d.login == "quantri")
    assert admin_digest.open_by_rule == dashboard == K.COUNTS

    box.messages.clear()
    again = _send(office, settings)
    assert (again.sent, again.failed, box.messages) == (0, 0, [])

    with office.begin() as c:  # a new cause: only it is sent, to those who follow it
        Office(c).document("incoming", K.TODAY, due_on=K.TODAY.replace(day=25), number="99/SXD-QLN")
    state.refresh(office, K.NOW)
    third = _send(office, settings)
    assert (third.sent, third.alerts) == (2, 2)
    assert {m["To"] for m in box.messages} == {"quantri@vp.test", "lanhdao@vp.test"}
    assert all("99/SXD-QLN" in m.get_content() and "NV-A-01" not in m.get_content() for m in box.messages)


def test_a_refusing_server_is_retried_next_run(office, inbox):
    box, settings = inbox
    box.refuse = True
    refused = _send(office, settings)
    assert (refused.sent, refused.failed, box.messages) == (0, 3, [])
    assert _deliveries(office) == {"failed": 17}  # every attempt recorded
    with office.connect() as c:
        errors = set(c.execute(select(alert_deliveries.c.error)).scalars())
    assert all("554" in e for e in errors)
    box.refuse = False
    accepted = _send(office, settings)
    assert (accepted.sent, accepted.failed, len(box.messages)) == (3, 0, 3)
    assert _deliveries(office) == {"failed": 17, "sent": 17}


def test_an_unreachable_server_loses_nothing(office, inbox):
    box, settings = inbox
    nowhere = delivery.SmtpSettings("127.0.0.1", _free_port(), starttls=False, timeout=2)
    down = _send(office, nowhere)
    assert (down.sent, down.failed) == (0, 3)
    assert "ConnectionRefusedError" in down.errors[0]
    later = _send(office, settings)
    assert (later.sent, later.alerts) == (3, 17)


def test_subscription_refusals(office):
    with pytest.raises(EditError) as e:
        subscriptions.save_subscription(office, User(9, "x", "X", "viewer", True), "not an address", [])
    assert (e.value.field, e.value.reason) == ("email", "bad_email")
    with pytest.raises(Forbidden):
        subscriptions.save_subscription(office, User(9, "tv", "TV", "display", True), "tv@vp.test", [])


class Receiver(BaseHTTPRequestHandler):
    bodies: list = []
    answers: list = []

    def do_POST(self):  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        status = self.answers.pop(0) if self.answers else 200
        if status == 200:
            self.bodies.append(json.loads(body))
        self.send_response(status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def webhook():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


def test_webhook_same_guarantees(office, webhook):
    Receiver.bodies.clear()
    Receiver.answers[:] = [500]

    def post():
        return delivery.send_webhook(office, webhook, lambda n, c: render_webhook(n, c, BASE, K.NOW), K.NOW, 5)

    failed = post()
    assert (failed.sent, failed.failed, Receiver.bodies) == (0, 1, [])
    ok = post()
    assert (ok.sent, ok.alerts) == (1, 15)
    payload = Receiver.bodies[0]
    assert payload["text"] == "15 cảnh báo mới cần chú ý (15 đang mở)"
    assert payload["open_by_rule"]["task_overdue"] == 2
    first = next(a for a in payload["alerts"] if a["code"] == "NV-A-01")
    assert first["url"] == f"{BASE}/tasks?task=NV-A-01" and first["detail"] == "quá hạn 8 ngày (hạn 20/08/2025)"
    assert post().sent == 0 and len(Receiver.bodies) == 1  # nothing new, nothing posted


def test_a_long_digest_lists_twenty_per_rule_then_links_to_the_rest():
    from data_access.alerts.digests import Digest, StoredAlert

    items = [
        StoredAlert(i, "document_overdue", str(i), f"{i}/UBND", f"V/v số {i}", str(i), None, None, K.TODAY, None)
        for i in range(1, 26)
    ]
    d = Digest(1, "lanhdao", "Trần Văn Hùng", "x@vp.test", items, {"document_overdue": 25})
    subject, body = render_digest(d, BASE, K.NOW)
    assert subject.startswith("[Bảng điều hành] 25 cảnh báo mới")
    assert body.count(f"{BASE}/documents?document=") == 20
    assert f"- … và 5 cảnh báo khác: {BASE}/alerts?rule=document_overdue" in body


@pytest.fixture(scope="module")
def tls_smtp(tmp_path_factory):
    """A loopback server that offers STARTTLS with its own certificate and requires it, and a login, first."""
    import ssl
    import subprocess

    from aiosmtpd.smtp import AuthResult

    tmp = tmp_path_factory.mktemp("tls")
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1"]
        + ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins = []

    def authenticate(server, session, envelope, mechanism, auth_data):
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == b"mat-khau-smtp-thu")

    inbox = Inbox()
    port = _free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticate,
        auth_required=True,
    )
    controller.start()
    yield inbox, port, str(cert), logins
    controller.stop()


def test_starttls_and_a_login(office, tls_smtp):
    box, port, cert, logins = tls_smtp
    box.messages.clear()
    settings = delivery.SmtpSettings(
        "127.0.0.1", port, starttls=True, user="canhbao", password="mat-khau-smtp-thu", ca_file=cert, timeout=5
    )
    report = _send(office, settings)
    assert (report.sent, report.failed) == (3, 0) and len(box.messages) == 3
    assert logins[-1] == (b"canhbao", b"mat-khau-smtp-thu")
    untrusted = delivery.SmtpSettings("127.0.0.1", port, starttls=True, user="canhbao", password="x", timeout=5)
    with office.begin() as c:  # something new to send
        Office(c).document("incoming", K.TODAY, due_on=K.TODAY.replace(day=25), number="7/VP-TH")
    state.refresh(office, K.NOW)
    refused = _send(office, untrusted)  # its certificate is not one the system trusts: nothing is sent
    assert (refused.sent, refused.failed) == (0, 2) and "CERTIFICATE_VERIFY_FAILED" in refused.errors[0]


def test_settings_from_the_environment_or_secrets(monkeypatch, tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[alerts]\nsmtp_host = "mail.vp.test"\nsmtp_port = 465\nsmtp_ssl = true\nsmtp_user = "u"\n')
    for name in ("OFFICE_SMTP_HOST", "OFFICE_SMTP_PORT", "OFFICE_SMTP_SSL", "OFFICE_SMTP_USER"):
        monkeypatch.delenv(name, raising=False)
    got = delivery.SmtpSettings.configured(secrets)
    assert (got.host, got.port, got.ssl, got.user) == ("mail.vp.test", 465, True, "u")
    monkeypatch.setenv("OFFICE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OFFICE_SMTP_PORT", "2525")
    got = delivery.SmtpSettings.configured(secrets)
    assert (got.host, got.port) == ("127.0.0.1", 2525)  # the environment first
    assert "password" not in repr(got)
    monkeypatch.delenv("OFFICE_SMTP_HOST")
    assert delivery.SmtpSettings.configured(tmp_path / "none.toml") is None  # no host: no e-mail


def test_the_command_line_sends_once(office, inbox, db_url, monkeypatch, capsys):
    from data_access.__main__ import main

    box, settings = inbox
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("OFFICE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OFFICE_SMTP_PORT", str(settings.port))
    monkeypatch.setenv("OFFICE_SMTP_STARTTLS", "0")
    monkeypatch.setenv("OFFICE_BASE_URL", BASE)
    monkeypatch.delenv("OFFICE_ALERT_WEBHOOK_URL", raising=False)
    assert main(["alerts", "send"]) == 0
    first = capsys.readouterr().out
    assert "Thư điện tử: đã gửi 3 thư (17 cảnh báo), 0 thư chưa gửi được" in first
    assert main(["alerts", "send"]) == 0
    assert "đã gửi 0 thư (0 cảnh báo)" in capsys.readouterr().out
    assert len(box.messages) == 3
