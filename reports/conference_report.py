"""The office's report for a period ("Báo cáo kết quả công tác"), as a Word file in the form of Decree 30.

Written from ReportFigures, the very figures the dashboard shows for the
same period, in the office's administrative style ("tiếp nhận 12.996 văn bản
đến, phát hành 4.397 văn bản; phục vụ 50 cuộc họp, hội nghị …"): I. documents,
II. meetings, III. tasks, IV. commune points, V. public administrative services
(as /services counts them; left out with its table when the province keeps no
public-service data here), then the annex tables (documents by type and by
urgency, tasks by category against cùng kỳ, the lead units with most overdue
tasks, the units with most dossiers late or overdue). An empty period reads as
zeros and "không có"; a rate without a base reads "—".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH

from data_access.accounts.settings import OfficeSettings
from data_access.core.clock import VN_TZ
from data_access.documents.figures import Share
from data_access.overview.report import ReportFigures
from data_access.services.figures import IndexNow, ProcedureCounts, ServiceHeadline
from data_access.tasks.figures import TaskCategoryCounts
from i18n import fmt_date, fmt_decimal, fmt_int, fmt_percent, fmt_signed_decimal, fmt_signed_int, known, t
from reports import decree30
from reports.decree30 import BODY, SECTION, Heading, Style, count, paragraph

REPORT_KIND = "BC"  # báo cáo, in the number and symbol: Số: 12/BC-VP
MIN_PERCENT_BASE = 20  # as the documents page: a percentage of fewer than 20 says nothing
LISTED = 5  # types, urgencies and lead units named in the text; the annex lists them all
CATEGORIES = ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")

TYPE_WIDTHS_MM = (12, 75, 26, 26, 26)
TASK_WIDTHS_MM = (12, 66, 29, 29, 29)
UNIT_WIDTHS_MM = (12, 83, 25, 20, 25)
SERVICE_UNIT_WIDTHS_MM = (12, 77, 25, 26, 25)


# --- figures as the report writes them -----------------------------------------------------------------------


def share(value: float | None) -> str:
    """82,1%, or "—" when there is nothing to divide by (as the dashboard's tiles)."""
    return t("report.no_value") if value is None else fmt_percent(value)


def per_day(value: float | None) -> str:
    return t("report.no_value") if value is None else fmt_decimal(value)


def change(now: int, before: int) -> str:
    """ "tăng 12 (15,0%)", "giảm 3", "không thay đổi"; a percentage only on a base of 20 or more."""
    if now == before:
        return t("report.same")
    key = "report.up" if now > before else "report.down"
    amount = count(abs(now - before))
    if before >= MIN_PERCENT_BASE:
        return t(f"{key}_percent", count=amount, percent=fmt_percent(abs(now - before) / before))
    return t(key, count=amount)


def points_change(now: float, before: float) -> str:
    """ "tăng 8,3 điểm phần trăm", "giảm 16,7 điểm phần trăm", "không thay đổi" (rounded to a tenth)."""
    points = round((now - before) * 100, 1)
    if not points:
        return t("report.same")
    return t("report.rate_up" if points > 0 else "report.rate_down", points=fmt_decimal(abs(points), 1))


def score_text(value: float) -> str:
    """An index score: 82,08; a whole maximum as 100."""
    return fmt_decimal(value, 0) if value == int(value) else fmt_decimal(value)


def rate_change(now: float | None, before: float | None) -> str:
    if now is None or before is None:
        return t("report.no_value")
    return t("report.points", value=fmt_signed_decimal((now - before) * 100, 1))


def listing(items: Sequence[str], more: int = 0) -> str:
    """ "A (05), B (03)"; "không có" when empty; "… và 04 mục khác" when some are left to the annex."""
    if not items:
        return t("report.none")
    text = ", ".join(items)
    return t("report.and_more", items=text, count=count(more)) if more else text


def today_of(f: ReportFigures) -> dt.date:
    """The day the figures were read, in Vietnam: the backlog and the lead units are counted on it."""
    return f.read_at.astimezone(VN_TZ).date()


def urgency_label(key: str) -> str:
    return t(f"urgency.{key}") if known(f"urgency.{key}") else key


def _shares(shares: Sequence[Share], label=lambda key: key) -> str:
    items = [t("report.item", name=label(s.key), count=count(s.total)) for s in shares[:LISTED]]
    return listing(items, max(0, len(shares) - LISTED))


# --- the body ------------------------------------------------------------------------------------------------


def _documents(doc, f: ReportFigures, office: str) -> None:
    d = f.documents
    paragraph(doc, t("report.section_documents"), SECTION)
    volume = {"incoming": count(d.volume.incoming), "outgoing": count(d.volume.outgoing)}
    paragraph(doc, t("report.docs_volume", office=office, **volume))
    paragraph(
        doc,
        t(
            "report.docs_last_year",
            start=fmt_date(f.last_year.start),
            end=fmt_date(f.last_year.end),
            incoming=count(d.last_year.incoming),
            outgoing=count(d.last_year.outgoing),
            incoming_change=change(d.volume.incoming, d.last_year.incoming),
            outgoing_change=change(d.volume.outgoing, d.last_year.outgoing),
        ),
    )
    paragraph(doc, t("report.docs_kinds", types=_shares(d.types), urgencies=_shares(d.urgencies, urgency_label)))
    p = d.processing
    states = {name: count(getattr(p, name)) for name in ("on_time", "late", "overdue", "pending", "no_deadline")}
    processing = t("report.docs_processing", as_of=fmt_date(f.as_of), **states)
    if p.on_time_share is not None:  # nothing processed yet: no rate to state
        processing += " " + t("report.docs_on_time", share=share(p.on_time_share))
    paragraph(doc, processing)
    paragraph(doc, t("report.docs_backlog", today=fmt_date(today_of(f)), count=count(d.backlog_overdue)))
    s = d.signed
    if s.total:
        paragraph(doc, t("report.docs_signed", share=share(s.share), signed=count(s.signed), total=count(s.total)))


def _meetings(doc, f: ReportFigures, office: str) -> None:
    m, load = f.meetings, f.meeting_load
    paragraph(doc, t("report.section_meetings"), SECTION)
    paragraph(
        doc,
        t(
            "report.meetings_served",
            office=office,
            meetings=count(load.meetings),
            delegations=count(m.delegations),
            per_day=per_day(load.per_working_day),
            working_days=count(load.working_days),
        ),
    )
    if m.kinds:
        kinds = [t("report.item", name=t(f"kind.{k.kind}"), count=count(k.online + k.in_person)) for k in m.kinds]
        paragraph(doc, t("report.meetings_kinds", kinds=listing(kinds)))
    if m.online_held:
        paragraph(doc, t("report.meetings_online", online=count(m.online_held), points=count(f.online_points)))
    else:
        paragraph(doc, t("report.meetings_no_online"))


def _tasks(doc, f: ReportFigures) -> None:
    now, before = f.tasks, f.tasks_last_year
    paragraph(doc, t("report.section_tasks"), SECTION)
    if now.total:
        paragraph(
            doc,
            t("report.tasks_assigned", total=count(now.total), as_of=fmt_date(f.as_of), **_categories(now)),
        )
    else:
        paragraph(doc, t("report.tasks_none"))
    if now.total:
        paragraph(doc, t("report.tasks_rates", completion=share(now.completion_rate), overdue=share(now.overdue_share)))
    year_ago = {"start": fmt_date(f.last_year.start), "end": fmt_date(f.last_year.end)}
    if before.total:
        rates = {"completion": share(before.completion_rate), "overdue": share(before.overdue_share)}
        paragraph(doc, t("report.tasks_last_year", total=count(before.total), **year_ago, **rates))
    else:
        paragraph(doc, t("report.tasks_last_year_none", **year_ago))
    if f.overdue_units:
        units = [
            t("report.unit_item", unit=decree30.plain(u.unit_name), overdue=count(u.overdue), total=count(u.total))
            for u in f.overdue_units[:LISTED]
        ]
        more = max(0, len(f.overdue_units) - LISTED)
        paragraph(
            doc,
            t(
                "report.tasks_units",
                today=fmt_date(today_of(f)),
                overdue=count(f.overdue_now),
                units=listing(units, more),
            ),
        )
    else:
        paragraph(doc, t("report.tasks_units_none", today=fmt_date(today_of(f))))


def _categories(c: TaskCategoryCounts) -> dict[str, str]:
    return {name: count(getattr(c, name)) for name in CATEGORIES}


def _points(doc, f: ReportFigures) -> None:
    p = f.points
    paragraph(doc, t("report.section_points"), SECTION)
    if not p.total:
        paragraph(doc, t("report.points_none"))
        return
    paragraph(
        doc,
        t(
            "report.points_status",
            as_of=fmt_date(f.as_of),
            connected=count(p.connected),
            total=count(p.total),
            share=share(f.points_connected_share),
            degraded=count(p.degraded),
            disconnected=count(p.disconnected),
            not_checked=count(p.not_checked),
        ),
    )


def _services(doc, f: ReportFigures) -> None:
    """V. Public administrative services, as /services counts them: procedures in force and the index today,
    the period's dossiers against cùng kỳ, the units with most dossiers late or overdue."""
    h = f.services
    if h is None:
        return
    paragraph(doc, t("report.section_services"), SECTION)
    today = fmt_date(today_of(f))
    if f.service_procedures is not None:
        paragraph(doc, _procedures_text(f.service_procedures, today))
    _dossiers(doc, f, h)
    if f.service_units:
        units = [
            t(
                "report.service_unit_item",
                unit=decree30.plain(u.unit_name),
                behind=count(u.behind),
                received=count(u.received),
            )
            for u in f.service_units[:LISTED]
        ]
        paragraph(doc, t("report.services_units", units=listing(units, max(0, len(f.service_units) - LISTED))))
    elif h.dossiers.received:
        paragraph(doc, t("report.services_units_none"))
    _index(doc, h.index)


def _procedures_text(p: ProcedureCounts, today: str) -> str:
    if not p.total:
        return t("report.services_procedures_none", today=today)
    return t(
        "report.services_procedures",
        today=today,
        total=count(p.total),
        province=count(p.by_level.get("province", 0)),
        commune=count(p.by_level.get("commune", 0)),
        full=count(p.by_online.get("full", 0)),
        partial=count(p.by_online.get("partial", 0)),
    )


def _dossiers(doc, f: ReportFigures, h: ServiceHeadline) -> None:
    now, before = h.dossiers, h.dossiers_last_year
    year_ago = {"start": fmt_date(f.last_year.start), "end": fmt_date(f.last_year.end)}
    if not now.received:
        paragraph(doc, t("report.services_dossiers_none"))
    else:
        paragraph(
            doc,
            t(
                "report.services_dossiers",
                received=count(now.received),
                online=count(now.online),
                online_share=share(now.online_share),
                centre=count(now.at_centre),
                as_of=fmt_date(f.services_as_of),
                on_time=count(now.resolved_on_time),
                late=count(now.resolved_late),
                open_in_time=count(now.open_in_time),
                overdue=count(now.open_overdue),
            ),
        )
        if now.on_time_rate is not None:
            paragraph(doc, t("report.services_rate", rate=share(now.on_time_rate)))
    if not before.received:
        paragraph(doc, t("report.services_last_year_none", **year_ago))
        return
    text = t(
        "report.services_last_year",
        **year_ago,
        received=count(before.received),
        rate=share(before.on_time_rate),
        received_change=change(now.received, before.received),
        overdue_change=change(now.open_overdue, before.open_overdue),
    )
    if now.on_time_rate is not None and before.on_time_rate is not None:
        text += " " + t("report.services_rate_change", change=points_change(now.on_time_rate, before.on_time_rate))
    paragraph(doc, text)


def _index(doc, index: IndexNow | None) -> None:
    if index is None or index.total is None:
        paragraph(doc, t("report.services_index_none"))
        return
    total = index.total
    values = {
        "month": f"{index.period_end.month:02d}/{index.period_end.year}",
        "score": fmt_decimal(total.score),
        "max": score_text(total.max_score),
    }
    if total.rank is None:
        text = t("report.services_index", **values)
    elif total.rank_of is None:
        text = t("report.services_index_rank", **values, rank=fmt_int(total.rank))
    else:
        text = t("report.services_index_rank_of", **values, rank=fmt_int(total.rank), of=fmt_int(total.rank_of))
    if index.change is not None:
        score_change = round(index.change, 2)
        if not score_change:
            moved = t("report.same")
        else:
            key = "report.score_up" if score_change > 0 else "report.score_down"
            moved = t(key, value=fmt_decimal(abs(score_change)))
        places = index.rank_change
        if places is None:
            text += " " + t("report.services_index_change", score=moved)
        else:
            rank = (
                t("report.same")
                if not places
                else t("report.rank_up" if places > 0 else "report.rank_down", places=fmt_int(abs(places)))
            )
            text += " " + t("report.services_index_change_rank", score=moved, rank=rank)
    if index.components:
        parts = [
            t(
                "report.component_item",
                name=t(f"svcindex.{c.component}") if known(f"svcindex.{c.component}") else c.component,
                score=fmt_decimal(c.score),
                max=score_text(c.max_score),
            )
            for c in index.components
        ]
        text += " " + t("report.services_components", components="; ".join(parts))
    paragraph(doc, text)


# --- the annex -----------------------------------------------------------------------------------------------


def _caption(doc, text: str) -> None:
    paragraph(doc, text, Style(bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=12, after=6, keep_with_next=True))


def share_rows(shares: Sequence[Share], label=lambda key: key) -> list[list[str]]:
    rows = [
        [fmt_int(i), label(s.key), fmt_int(s.incoming), fmt_int(s.outgoing), fmt_int(s.total)]
        for i, s in enumerate(shares, start=1)
    ]
    if rows:
        incoming, outgoing = sum(s.incoming for s in shares), sum(s.outgoing for s in shares)
        rows.append(["", t("report.row_total"), fmt_int(incoming), fmt_int(outgoing), fmt_int(incoming + outgoing)])
    return rows


def task_rows(now: TaskCategoryCounts, before: TaskCategoryCounts) -> list[list[str]]:
    rows = [
        [
            "",
            t("report.row_tasks_total"),
            fmt_int(now.total),
            fmt_int(before.total),
            fmt_signed_int(now.total - before.total),
        ]
    ]
    for i, name in enumerate(CATEGORIES, start=1):
        label = t("report.row_no_deadline") if name == "no_deadline" else t(f"category.{name}")
        a, b = getattr(now, name), getattr(before, name)
        rows.append([fmt_int(i), label, fmt_int(a), fmt_int(b), fmt_signed_int(a - b)])
    for label, a, b in (
        (t("report.row_completion"), now.completion_rate, before.completion_rate),
        (t("report.row_overdue_share"), now.overdue_share, before.overdue_share),
    ):
        rows.append(["", label, share(a), share(b), rate_change(a, b)])
    return rows


def unit_rows(f: ReportFigures) -> list[list[str]]:
    return [
        [fmt_int(i), u.unit_name, fmt_int(u.total), fmt_int(u.overdue), fmt_percent(u.overdue_share)]
        for i, u in enumerate(f.overdue_units, start=1)
    ]


def service_unit_rows(f: ReportFigures) -> list[list[str]]:
    return [
        [fmt_int(i), u.unit_name, fmt_int(u.received), fmt_int(u.late), fmt_int(u.overdue)]
        for i, u in enumerate(f.service_units, start=1)
    ]


def _annex(doc, f: ReportFigures, settings: OfficeSettings, issued_on: dt.date, number: str | None) -> None:
    reference = decree30.number_code(settings.office_symbol, REPORT_KIND, number)
    office = decree30.plain(settings.office_name)
    decree30.annex_heading(
        doc,
        t("report.annex"),
        t("report.annex_title"),
        t("report.annex_ref", number=reference, date=fmt_date(issued_on), office=office),
    )
    d = f.documents
    docs_headers = [
        t("report.col_no"),
        t("report.col_type"),
        t("report.col_incoming"),
        t("report.col_outgoing"),
        t("report.col_total"),
    ]
    _caption(doc, t("report.table_types"))
    rows = share_rows(d.types)
    decree30.annex_table(doc, docs_headers, rows, TYPE_WIDTHS_MM, "clrrr", [len(rows) - 1], t("report.table_empty"))
    _caption(doc, t("report.table_urgency"))
    rows = share_rows(d.urgencies, urgency_label)
    headers = [docs_headers[0], t("report.col_urgency"), *docs_headers[2:]]
    decree30.annex_table(doc, headers, rows, TYPE_WIDTHS_MM, "clrrr", [len(rows) - 1], t("report.table_empty"))

    _caption(doc, t("report.table_tasks"))
    period = t("report.col_period", start=fmt_date(f.period.start), end=fmt_date(f.period.end))
    last_year = t("report.col_last_year", start=fmt_date(f.last_year.start), end=fmt_date(f.last_year.end))
    headers = [t("report.col_no"), t("report.col_item"), period, last_year, t("report.col_change")]
    decree30.annex_table(doc, headers, task_rows(f.tasks, f.tasks_last_year), TASK_WIDTHS_MM, "clrrr", [0])

    _caption(doc, t("report.table_units", today=fmt_date(today_of(f))))
    headers = [
        t("report.col_no"),
        t("report.col_unit"),
        t("report.col_unit_total"),
        t("report.col_unit_overdue"),
        t("report.col_unit_share"),
    ]
    decree30.annex_table(doc, headers, unit_rows(f), UNIT_WIDTHS_MM, "clrrr", (), t("report.units_empty"))

    if f.services is not None:  # the public services' table, as their section: only with their data
        _caption(doc, t("report.table_service_units", as_of=fmt_date(f.services_as_of)))
        headers = [
            t("report.col_no"),
            t("report.col_service_unit"),
            t("report.col_dossiers_received"),
            t("report.col_dossiers_late"),
            t("report.col_dossiers_overdue"),
        ]
        rows = service_unit_rows(f)
        empty = t("report.service_units_empty")
        decree30.annex_table(doc, headers, rows, SERVICE_UNIT_WIDTHS_MM, "clrrr", (), empty)
    paragraph(doc, "", Style(size=2))


def report_title_lines(f: ReportFigures, settings: OfficeSettings) -> list[str]:
    return [
        t("report.subject", office=decree30.plain(settings.office_name)),
        t("report.subject_period", start=fmt_date(f.period.start), end=fmt_date(f.period.end)),
    ]


def build_report_docx(
    figures: ReportFigures, settings: OfficeSettings, issued_on: dt.date, number: str | None = None
) -> bytes:
    """The report for the figures' period, issued on `issued_on` (its number left blank unless given)."""
    f = figures
    office = decree30.plain(settings.office_name)
    lines = report_title_lines(f, settings)
    doc = decree30.new_document(" ".join([t("report.kind_title"), *lines]), office, issued_on)
    decree30.heading(doc, settings, Heading(REPORT_KIND, issued_on, number))
    decree30.title(doc, t("report.kind_title"), lines)
    start, end = fmt_date(f.period.start), fmt_date(f.period.end)
    paragraph(doc, t("report.intro", office=office, start=start, end=end, as_of=fmt_date(f.as_of)), BODY)
    _documents(doc, f, office)
    _meetings(doc, f, office)
    _tasks(doc, f)
    _points(doc, f)
    _services(doc, f)
    paragraph(doc, t("report.closing", office=office, start=start, end=end), BODY)
    decree30.signature(doc, settings, settings.recipient_lines)
    _annex(doc, f, settings, issued_on, number)
    return decree30.to_bytes(doc)
