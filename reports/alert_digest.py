"""The words of the alerts sent out: a plain-text Vietnamese digest per subscriber, the webhook's JSON,
and an alert's one-line detail (shared with the pages). Every string from the database goes in as text."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from data_access.alerts.digests import Digest, StoredAlert
from data_access.alerts.rules import ITEM_KIND
from data_access.core import clock
from i18n import fmt_date, fmt_datetime, fmt_int, t

DIGEST_ITEMS_PER_RULE = 20  # a long list ends with the count of the rest and the link to all of them
PAGE_OF_KIND = {"task": "tasks", "document": "documents", "point": "points", "meeting": "meetings"}


def item_url(base: str, rule: str, link: str | None) -> str:
    """The address that opens an alert's item: /tasks?task=…, /documents?document=…, /points?point=…"""
    kind = ITEM_KIND[rule]
    if not link:
        return f"{base}/alerts"
    return f"{base}/{PAGE_OF_KIND[kind]}?{urlencode({kind: link})}"


def state_text(state: str | None) -> str:
    if state == "stale":
        return t("alert_state.stale")
    return t(f"pstatus.{state}") if state else ""


def detail_text(rule: str, today: dt.date, on_date=None, n=None, state=None, point=None) -> str:
    """An alert's one-line detail: "quá hạn 8 ngày (hạn 20/08/2025)", "Mất kết nối", …"""
    due = fmt_date(on_date) if on_date else "—"

    def counted(count: int, **params) -> str:  # "1 day", not "1 days"
        key = f"alert_item.{rule}_one" if count == 1 else f"alert_item.{rule}"
        return t(key, due=due, **params)

    if rule in ("task_overdue", "document_overdue"):
        days = (today - on_date).days
        return counted(days, days=fmt_int(days))
    if rule == "task_due_soon":
        days = (on_date - today).days
        return t("alert_item.due_today") if days == 0 else counted(days, days=fmt_int(days))
    if rule in ("task_extended", "point_failing"):
        return counted(n or 0, n=fmt_int(n or 0))
    if rule == "meeting_points":
        return t("alert_item.meeting_points", point=point or "", state=state_text(state))
    return t("alert_item.point_down", state=state_text(state))


def render_digest(d: Digest, base: str, now: dt.datetime | None = None) -> tuple[str, str]:
    """(subject, body) of one subscriber's digest, in the current language (Vietnamese by default)."""
    now = now or clock.now_utc()
    today = now.astimezone(clock.VN_TZ).date()
    subject = t("digest.subject", count=fmt_int(len(d.new)), date=fmt_date(today))
    lines = [t("digest.greeting", name=d.full_name), ""]
    lines.append(t("digest.summary", at=fmt_datetime(now), total=fmt_int(d.open_total)))
    for rule, count in d.open_by_rule.items():
        lines.append(t("digest.rule_count", rule=t(f"alert_rule.{rule}"), count=fmt_int(count)))
    lines += ["", t("digest.new", count=fmt_int(len(d.new)))]
    by_rule: dict[str, list[StoredAlert]] = {}
    for a in d.new:
        by_rule.setdefault(a.rule, []).append(a)
    for rule, items in by_rule.items():
        lines += ["", t(f"alert_rule.{rule}").upper()]
        for a in items[:DIGEST_ITEMS_PER_RULE]:
            lines.append(_item_line(a, today))
            lines.append(t("digest.link", url=item_url(base, a.rule, a.link)))
        rest = len(items) - DIGEST_ITEMS_PER_RULE
        if rest > 0:
            lines.append(t("digest.more", count=fmt_int(rest), url=f"{base}/alerts?{urlencode({'rule': rule})}"))
    lines += ["", "--", t("digest.footer", url=f"{base}/alerts")]
    return subject, "\n".join(lines) + "\n"


def _item_line(a: StoredAlert, today: dt.date) -> str:
    point = a.unit_name if a.rule == "meeting_points" else None
    code = f" ({a.code})" if a.code and ITEM_KIND[a.rule] in ("task", "document") else ""
    unit = f" – {a.unit_name}" if a.unit_name and ITEM_KIND[a.rule] in ("task", "document") else ""
    return t(
        "digest.item",
        label=a.label,
        code=code,
        unit=unit,
        detail=detail_text(a.rule, today, a.on_date, a.n, a.state, point),
    )


def render_webhook(new: list[StoredAlert], counts: dict[str, int], base: str, now: dt.datetime | None = None) -> dict:
    """The webhook's JSON: a text line for a chat tool, the open counts, and each new alert with its link."""
    now = now or clock.now_utc()
    today = now.astimezone(clock.VN_TZ).date()
    return {
        "source": "office-dashboard",
        "text": t("digest.webhook_text", count=fmt_int(len(new)), total=fmt_int(sum(counts.values()))),
        "at": now.isoformat(),
        "open_by_rule": counts,
        "alerts": [
            {
                "id": a.id,
                "rule": a.rule,
                "rule_title": t(f"alert_rule.{a.rule}"),
                "code": a.code,
                "label": a.label,
                "unit": a.unit_name,
                "detail": detail_text(a.rule, today, a.on_date, a.n, a.state, a.unit_name),
                "url": item_url(base, a.rule, a.link),
            }
            for a in new
        ],
    }
