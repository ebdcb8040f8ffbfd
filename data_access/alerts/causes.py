"""What each rule finds now: one SELECT per rule with the same columns, so that the open alerts can be
counted, paged and synchronised in the database.

A cause holds while its SELECT returns its row: an alert ends by itself when its cause does (the task
completed, the document processed, the point back), because the page reads the causes live and
`alerts.state.refresh` closes the stored alert the next time it runs.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Date,
    Integer,
    Select,
    Text,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
)

from data_access.alerts.rules import RULES, RuleSetting
from data_access.core.schema import (
    POINT_KINDS,
    UTCDateTime,
    documents,
    meeting_points,
    meetings,
    task_events,
    tasks,
    units,
)
from data_access.points.figures import latest_checks

OPEN_TASK = ("not_started", "in_progress", "paused")
COLUMNS = ("rule", "ord", "item_key", "code", "label", "link", "unit_id", "unit_name", "n", "on_date", "at", "state")


def _row(rule: str, item_key, code, label, link, unit_id, unit_name, n=None, on_date=None, at=None, state=None):
    """The columns every rule's SELECT returns, typed alike so that they can be united."""
    return (
        literal(rule, Text).label("rule"),
        literal(RULES.index(rule), Integer).label("ord"),
        cast(item_key, Text).label("item_key"),
        cast(code, Text).label("code"),
        cast(label, Text).label("label"),
        cast(link, Text).label("link"),
        cast(unit_id, Integer).label("unit_id") if unit_id is not None else cast(null(), Integer).label("unit_id"),
        cast(unit_name, Text).label("unit_name") if unit_name is not None else cast(null(), Text).label("unit_name"),
        (cast(n, Integer) if n is not None else cast(null(), Integer)).label("n"),
        (type_coerce(on_date, Date) if on_date is not None else cast(null(), Date)).label("on_date"),
        (at if at is not None else cast(null(), UTCDateTime)).label("at"),
        (cast(state, Text) if state is not None else cast(null(), Text)).label("state"),
    )


def _tasks(rule: str, *conditions, n=None) -> Select:
    t = tasks.c
    return (
        select(*_row(rule, t.code, t.code, t.title, t.code, t.assignee_unit_id, units.c.name, n=n, on_date=t.due_on))
        .select_from(tasks.join(units, units.c.id == t.assignee_unit_id))
        .where(t.status.in_(OPEN_TASK), *conditions)
    )


def task_overdue(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    return _tasks("task_overdue", tasks.c.due_on < today)


def task_due_soon(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    last = today + dt.timedelta(days=s["days"])
    return _tasks("task_due_soon", tasks.c.due_on >= today, tasks.c.due_on <= last)


def task_extended(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    times = (
        select(task_events.c.task_id, func.count().label("n"))
        .where(task_events.c.kind == "extension")
        .group_by(task_events.c.task_id)
        .having(func.count() > s["times"])
        .subquery()
    )
    t = tasks.c
    return (
        select(
            *_row(
                "task_extended", t.code, t.code, t.title, t.code, t.assignee_unit_id, units.c.name, times.c.n, t.due_on
            )
        )
        .select_from(tasks.join(times, times.c.task_id == t.id).join(units, units.c.id == t.assignee_unit_id))
        .where(t.status.in_(OPEN_TASK))
    )


def document_overdue(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    d = documents.c
    return (
        select(*_row("document_overdue", d.id, d.number, d.summary, d.id, d.unit_id, units.c.name, on_date=d.due_on))
        .select_from(documents.outerjoin(units, units.c.id == d.unit_id))
        .where(d.direction == "incoming", d.processed_on.is_(None), d.due_on.is_not(None), d.due_on < today)
    )


def point_trouble(latest, stale_before: dt.datetime):
    """A point's trouble: its bad status, never checked, or "stale" (connected, but checked too long ago)."""
    return case(
        (latest.c.status.in_(("disconnected", "degraded")), latest.c.status),
        (latest.c.checked_at.is_(None), "not_checked"),
        (latest.c.checked_at < stale_before, "stale"),
        else_=null(),
    )


def point_down(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    latest = latest_checks(now)
    state = point_trouble(latest, now - dt.timedelta(hours=s["hours"]))
    u = units.c
    return (
        select(*_row("point_down", u.code, u.code, u.name, u.code, u.id, u.name, at=latest.c.checked_at, state=state))
        .select_from(units.outerjoin(latest, latest.c.unit_id == u.id))
        .where(u.kind.in_(POINT_KINDS), state.is_not(None))
    )


def point_failing(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    """Points failed or absent in at least K of the province's last M held online meetings."""
    last = (
        select(meetings.c.id)
        .where(meetings.c.status == "held", meetings.c.is_online.is_(true()), meetings.c.starts_at <= now)
        .order_by(meetings.c.starts_at.desc(), meetings.c.id.desc())
        .limit(s["meetings"])
        .subquery()
    )
    failed = (
        select(meeting_points.c.unit_id, func.count().label("n"))
        .select_from(meeting_points.join(last, last.c.id == meeting_points.c.meeting_id))
        .where(meeting_points.c.status != "connected")
        .group_by(meeting_points.c.unit_id)
        .having(func.count() >= s["failures"])
        .subquery()
    )
    u = units.c
    return (
        select(*_row("point_failing", u.code, u.code, u.name, u.code, u.id, u.name, n=failed.c.n))
        .select_from(units.join(failed, failed.c.unit_id == u.id))
        .where(u.kind.in_(POINT_KINDS))
    )


def upcoming_online(s: RuleSetting, now: dt.datetime):
    """The condition on meetings of the pre-meeting rule: planned, online, starting within T hours."""
    return and_(
        meetings.c.status == "planned",
        meetings.c.is_online.is_(true()),
        meetings.c.starts_at >= now,
        meetings.c.starts_at <= now + dt.timedelta(hours=s["hours_ahead"]),
    )


def expected_at(meeting_id_column):
    """The points expected at a meeting: those listed for it, or every point when none is listed yet."""
    listed = exists().where(meeting_points.c.meeting_id == meeting_id_column, meeting_points.c.unit_id == units.c.id)
    any_listed = exists().where(meeting_points.c.meeting_id == meeting_id_column)
    return and_(units.c.kind.in_(POINT_KINDS), or_(listed, not_(any_listed)))


def meeting_points_rule(s: RuleSetting, today: dt.date, now: dt.datetime) -> Select:
    """Before each online meeting: its expected points not connected at their last check, or not checked
    in the last `fresh_hours` hours. One alert per meeting and point."""
    latest = latest_checks(now)
    state = point_trouble(latest, now - dt.timedelta(hours=s["fresh_hours"]))
    u, m = units.c, meetings.c
    key = cast(m.id, Text) + literal(":") + u.code
    return (
        select(*_row("meeting_points", key, u.code, m.title, m.id, u.id, u.name, at=latest.c.checked_at, state=state))
        .select_from(units.join(meetings, upcoming_online(s, now)).outerjoin(latest, latest.c.unit_id == u.id))
        .where(expected_at(m.id), state.is_not(None))
    )


BUILDERS = {
    "meeting_points": meeting_points_rule,
    "point_down": point_down,
    "task_overdue": task_overdue,
    "task_due_soon": task_due_soon,
    "task_extended": task_extended,
    "document_overdue": document_overdue,
    "point_failing": point_failing,
}


def causes(settings, today: dt.date, now: dt.datetime, rules=None):
    """The union of the enabled rules' causes (optionally only `rules`) as a subquery, or None."""
    chosen = [s for s in settings if s.enabled and (rules is None or s.rule in rules)]
    if not chosen:
        return None
    selects = [BUILDERS[s.rule](s, today, now) for s in chosen]
    if len(selects) == 1:
        return selects[0].subquery("causes")
    return union_all(*selects).subquery("causes")
