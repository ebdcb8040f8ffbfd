"""Sending the digests (real SMTP) and the webhook (a JSON POST), each at most once per alert and recipient.

A delivery is claimed before it is sent: the "sent" rows are written in a transaction that commits only
once the server has accepted the message, and a unique index lets only one "sent" row exist per alert,
channel and recipient, so two runs at once never send the same alert twice. A refused or unreachable
server rolls the claim back and records "failed" rows with the reason: the next run tries again, and
nothing is lost. The words (subject, body, payload) come from the caller, which speaks from the catalogue.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import smtplib
import ssl
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError

from data_access.alerts.digests import Digest, StoredAlert, email_digests, webhook_alerts
from data_access.core.config import SECRETS_FILE
from data_access.core.schema import alert_deliveries

ERROR_LIMIT = 500


def _secrets(path: Path = SECRETS_FILE) -> dict:
    """The [alerts] table of .streamlit/secrets.toml (never committed), or nothing."""
    try:
        with path.open("rb") as f:
            return dict(tomllib.load(f).get("alerts", {}))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def _setting(env: str, secrets: dict, key: str, default=None):
    value = os.environ.get(env)
    if value is not None and value.strip() != "":
        return value.strip()
    value = secrets.get(key)
    return default if value is None or str(value).strip() == "" else value


def _flag(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    starttls: bool = True
    ssl: bool = False  # SMTP over TLS from the first byte (port 465)
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    sender: str = "canh-bao@localhost"
    timeout: float = 20.0
    ca_file: str | None = None  # a CA to trust besides the system's (an internal mail server's own CA)

    @classmethod
    def configured(cls, secrets_path: Path = SECRETS_FILE) -> SmtpSettings | None:
        """From OFFICE_SMTP_* in the environment, else [alerts] smtp_* in secrets.toml; None without a host."""
        s = _secrets(secrets_path)
        host = _setting("OFFICE_SMTP_HOST", s, "smtp_host")
        if not host:
            return None
        return cls(
            host=str(host),
            port=int(_setting("OFFICE_SMTP_PORT", s, "smtp_port", 587)),
            starttls=_flag(_setting("OFFICE_SMTP_STARTTLS", s, "smtp_starttls", "1")),
            ssl=_flag(_setting("OFFICE_SMTP_SSL", s, "smtp_ssl", "0")),
            user=_setting("OFFICE_SMTP_USER", s, "smtp_user"),
            password=_setting("OFFICE_SMTP_PASSWORD", s, "smtp_password"),
            sender=str(_setting("OFFICE_SMTP_FROM", s, "smtp_from", "canh-bao@localhost")),
            timeout=float(_setting("OFFICE_SMTP_TIMEOUT", s, "smtp_timeout", 20)),
            ca_file=_setting("OFFICE_SMTP_CA_FILE", s, "smtp_ca_file"),
        )


def webhook_url(secrets_path: Path = SECRETS_FILE) -> str | None:
    value = _setting("OFFICE_ALERT_WEBHOOK_URL", _secrets(secrets_path), "webhook_url")
    return str(value) if value else None


def base_url(secrets_path: Path = SECRETS_FILE) -> str:
    """The dashboard's address for the links in the digests."""
    return str(_setting("OFFICE_BASE_URL", _secrets(secrets_path), "base_url", "http://localhost:8501")).rstrip("/")


@dataclass
class SendReport:
    sent: int = 0  # messages accepted
    failed: int = 0  # messages refused or not sent
    alerts: int = 0  # alerts delivered
    errors: list[str] = field(default_factory=list)


def _rows(alerts: list[StoredAlert], channel: str, recipient: str, status: str, now, error=None) -> list[dict]:
    return [
        {
            "alert_id": a.id,
            "channel": channel,
            "recipient": recipient,
            "status": status,
            "attempted_at": now,
            "error": error[:ERROR_LIMIT] if error else None,
        }
        for a in alerts
    ]


def _deliver(engine: Engine, alerts, channel, recipient, now, send: Callable[[], None], report: SendReport) -> bool:
    """Claim, send, commit; or roll back and record the failure. True when the message went."""
    try:
        with engine.begin() as conn:
            conn.execute(insert(alert_deliveries), _rows(alerts, channel, recipient, "sent", now))
            send()
    except IntegrityError:  # another run has just sent them
        return False
    except (OSError, smtplib.SMTPException, urllib.error.URLError, ValueError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        with engine.begin() as conn:
            conn.execute(insert(alert_deliveries), _rows(alerts, channel, recipient, "failed", now, reason))
        report.failed += 1
        report.errors.append(f"{recipient}: {reason}")
        return False
    report.sent += 1
    report.alerts += len(alerts)
    return True


class _Smtp:
    """One SMTP session per run, opened at the first message."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings
        self.client: smtplib.SMTP | None = None

    def send(self, message: EmailMessage) -> None:
        s = self.settings
        if self.client is None:
            context = ssl.create_default_context(cafile=s.ca_file)
            if s.ssl:
                client = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
            else:
                client = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
                if s.starttls:
                    client.starttls(context=context)
            if s.user:
                client.login(s.user, s.password or "")
            self.client = client
        try:
            refused = self.client.send_message(message)
        except smtplib.SMTPServerDisconnected:
            self.client = None
            raise
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)

    def close(self) -> None:
        if self.client is not None:
            with contextlib.suppress(OSError, smtplib.SMTPException):
                self.client.quit()


def send_email_digests(
    engine: Engine, settings: SmtpSettings, render: Callable[[Digest], tuple[str, str]], now: dt.datetime
) -> SendReport:
    """One plain-text digest per subscriber with new alerts: `render(digest)` gives (subject, body)."""
    report = SendReport()
    with engine.connect() as conn:
        digests = [d for d in email_digests(conn) if d.new]
    smtp = _Smtp(settings)
    try:
        for d in digests:
            subject, body = render(d)
            message = EmailMessage()
            message["From"] = settings.sender
            message["To"] = d.email
            message["Subject"] = subject
            message["Date"] = format_datetime(now)
            message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or "localhost")
            message.set_content(body)
            _deliver(engine, d.new, "email", d.email, now, lambda m=message: smtp.send(m), report)
    finally:
        smtp.close()
    return report


def send_webhook(
    engine: Engine,
    url: str,
    render: Callable[[list[StoredAlert], dict[str, int]], dict],
    now: dt.datetime,
    timeout: float = 10.0,
) -> SendReport:
    """One JSON POST of every open alert not yet posted to `url`; a 2xx answer counts as delivered."""
    report = SendReport()
    with engine.connect() as conn:
        new, counts = webhook_alerts(conn, url)
    if not new:
        return report
    body = json.dumps(render(new, counts), ensure_ascii=False).encode()

    def post() -> None:
        request = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
        )
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (a configured URL)
            if not 200 <= answer.status < 300:
                raise urllib.error.URLError(f"HTTP {answer.status}")

    _deliver(engine, new, "webhook", url, now, post, report)
    return report
