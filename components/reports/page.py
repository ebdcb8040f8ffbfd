"""The reports page: the period's figures as the report will state them, the downloads, the urging
letters (for those who may edit) and the office's details on the documents (administrators)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict

import streamlit as st

from components.shared.kpi import Kpi, kpi_row
from data_access.accounts.settings import SETTING_NAMES, OfficeSettings
from data_access.overview.report import ReportFigures
from data_access.tasks.lists import UrgingRow
from i18n import DATE_INPUT_FORMAT, fmt_date, fmt_decimal, fmt_int, fmt_percent, language, set_language, t
from reports import DOCX_MIME, PDF_MIME, PPTX_MIME, ZIP_MIME
from reports.pdf import PdfUnavailable
from ui import keys


def _share(value: float | None) -> str:
    return "—" if value is None else fmt_percent(value)


def report_preview(f: ReportFigures) -> None:
    """The headline figures exactly as the report states them."""
    per_day = f.meeting_load.per_working_day
    kpi_row(
        [
            Kpi(t("reports_page.incoming"), fmt_int(f.documents.volume.incoming)),
            Kpi(t("reports_page.outgoing"), fmt_int(f.documents.volume.outgoing)),
            Kpi(t("reports_page.signed"), _share(f.documents.signed.share)),
            Kpi(t("reports_page.on_time"), _share(f.documents.processing.on_time_share)),
        ]
    )
    kpi_row(
        [
            Kpi(t("reports_page.meetings"), fmt_int(f.meeting_load.meetings)),
            Kpi(t("reports_page.per_day"), "—" if per_day is None else fmt_decimal(per_day)),
            Kpi(t("reports_page.delegations"), fmt_int(f.meetings.delegations)),
            Kpi(
                t("reports_page.online"),
                fmt_int(f.meetings.online_held),
                t("reports_page.online_points", count=fmt_int(f.online_points)),
                delta_color="off",
                delta_arrow="off",
            ),
        ]
    )
    kpi_row(
        [
            Kpi(t("reports_page.tasks"), fmt_int(f.tasks.total)),
            Kpi(t("reports_page.completion"), _share(f.tasks.completion_rate)),
            Kpi(t("reports_page.overdue"), fmt_int(f.tasks.open_overdue)),
            Kpi(t("reports_page.overdue_now"), fmt_int(f.overdue_now)),
            Kpi(t("reports_page.points"), _share(f.points_connected_share)),
        ]
    )
    if f.services is not None:  # only when the province keeps its public services here, as the report
        _services_preview(f)


def _services_preview(f: ReportFigures) -> None:
    """The report's public-services figures: the period's dossiers (as /services), the index and rank today."""
    now = f.services.dossiers
    cards = [
        Kpi(t("reports_page.services_received"), fmt_int(now.received)),
        Kpi(t("reports_page.services_on_time"), _share(now.on_time_rate)),
        Kpi(t("reports_page.services_overdue"), fmt_int(now.open_overdue)),
        Kpi(t("reports_page.services_online"), _share(now.online_share)),
    ]
    index = f.services.index
    if index is not None and index.total is not None:
        month = f"{index.period_end.month:02d}/{index.period_end.year}"
        rank = index.total.rank
        cards.append(
            Kpi(
                t("reports_page.services_index", month=month),
                fmt_decimal(index.total.score),
                t("reports_page.services_rank", rank=fmt_int(rank), of=fmt_int(index.total.rank_of or 0))
                if rank is not None
                else None,
                delta_color="off",
                delta_arrow="off",
            )
        )
    kpi_row(cards)


def report_downloads(
    period_slug: str,
    word: Callable[[], bytes],
    pdf: Callable[[], bytes],
    deck: Callable[[], bytes],
    pdf_problem: str | None,
    made_from: str = "",
) -> None:
    """Word and PowerPoint, each built only when its button is pressed; the PDF made in the page run by its
    own button (LibreOffice takes seconds and may fail: a failure is said here, never an empty file), then
    offered for download until what it was made from (`made_from`: the period, figures, settings) changes.
    `pdf()` raises PdfUnavailable when it cannot."""
    lang = language()

    def in_language(build: Callable[[], bytes]) -> Callable[[], bytes]:
        def run() -> bytes:
            set_language(lang)  # a download may be served outside the script run that drew the button
            return build()

        return run

    name = f"{t('reports_page.file')}-{period_slug}"
    made = st.session_state.get(keys.REPORTS_PDF_READY)
    pdf_made = made[1] if made is not None and made[0] == made_from else None  # its bytes, or why it failed
    with st.container(horizontal=True, wrap=True):
        st.download_button(
            t("reports_page.download_docx"),
            data=in_language(word),
            file_name=f"{name}.docx",
            mime=DOCX_MIME,
            icon=":material/description:",
            on_click="ignore",
            type="primary",
        )
        if isinstance(pdf_made, bytes):
            st.download_button(
                t("reports_page.download_pdf"),
                data=pdf_made,
                file_name=f"{name}.pdf",
                mime=PDF_MIME,
                icon=":material/picture_as_pdf:",
                on_click="ignore",
            )
        elif st.button(
            t("reports_page.make_pdf"),
            key=keys.REPORTS_PDF_MAKE,
            icon=":material/picture_as_pdf:",
            disabled=pdf_problem is not None,
            help=pdf_problem,
        ):
            with st.spinner(t("reports_page.making_pdf")):
                try:
                    st.session_state[keys.REPORTS_PDF_READY] = (made_from, pdf())
                except PdfUnavailable as problem:
                    st.session_state[keys.REPORTS_PDF_READY] = (made_from, problem.reason)
            st.rerun()
        st.download_button(
            t("reports_page.download_pptx"),
            data=in_language(deck),
            file_name=f"{name}.pptx",
            mime=PPTX_MIME,
            icon=":material/slideshow:",
            on_click="ignore",
        )
    if isinstance(pdf_made, str):
        st.error(t("reports_cli.pdf_failed", reason=t(f"report.{pdf_made}")), icon=":material/error:")


def urging_letters(
    today: dt.date,
    count_on: Callable[[dt.date], tuple[int, int]],
    rows_on: Callable[[dt.date], Sequence[UrgingRow]],
    build: Callable[[Sequence[UrgingRow], dt.date, bool], bytes],
    record: Callable[[Sequence[str], str], bool],
) -> None:
    """Letters to the lead units of the overdue tasks as of a day; making them records an urging on each task.

    `record(codes, note)` saves the urgings (True when saved; the page then reruns).
    """
    ready = st.session_state.get(keys.REPORTS_LETTERS_READY)
    if ready:
        st.success(t("reports_page.letters_recorded", count=fmt_int(ready["count"])), icon=":material/check_circle:")
        st.download_button(
            t("reports_page.letters_download"),
            data=ready["data"],
            file_name=ready["name"],
            mime=ready["mime"],
            icon=":material/download:",
            on_click="ignore",
            type="primary",
        )
    with st.container(horizontal=True, wrap=True, vertical_alignment="bottom"):
        as_of = st.date_input(
            t("reports_page.letters_as_of"),
            value=today,
            max_value=today,
            format=DATE_INPUT_FORMAT,
            key=keys.REPORTS_LETTERS_AS_OF,
            width=220,
        )
        one_file = st.segmented_control(
            t("reports_page.letters_form"),
            options=[True, False],
            format_func=lambda one: t("reports_page.letters_one_file" if one else "reports_page.letters_zip"),
            default=True,
            key=keys.REPORTS_LETTERS_ONE_FILE,
        )
    tasks_n, units_n = count_on(as_of)
    st.caption(t("reports_page.letters_caption", count=fmt_int(tasks_n), units=fmt_int(units_n), day=fmt_date(as_of)))
    if st.button(
        t("reports_page.letters_make"),
        icon=":material/mail:",
        key=keys.REPORTS_LETTERS_MAKE,
        disabled=not tasks_n,
    ):
        rows = list(rows_on(as_of))
        one = one_file is not False
        data = build(rows, as_of, one)
        name = f"{t('reports_page.letters_file')}-{as_of.isoformat()}.{'docx' if one else 'zip'}"
        st.session_state[keys.REPORTS_LETTERS_READY] = {
            "data": data,
            "name": name,
            "mime": DOCX_MIME if one else ZIP_MIME,
            "count": len(rows),
        }
        if not record([r.code for r in rows], t("reports_page.letters_note", day=fmt_date(as_of))):
            st.session_state.pop(keys.REPORTS_LETTERS_READY, None)  # nothing recorded: no letters either


def settings_form(current: OfficeSettings, save: Callable[[dict[str, str]], bool]) -> None:
    """The office's details printed on every document (administrators)."""
    values = asdict(current)
    with st.form(keys.REPORTS_SETTINGS_FORM, border=False):
        typed = {}
        for name in SETTING_NAMES:
            label = t(f"settings.{name}")
            key = f"{keys.REPORTS_SETTING}_{name}"
            if name == "recipients":
                typed[name] = st.text_area(label, value=values[name], max_chars=2000, key=key, height=140)
            else:
                typed[name] = st.text_input(label, value=values[name], max_chars=200, key=key)
        submitted = st.form_submit_button(
            t("settings.save"), type="primary", icon=":material/save:", key=keys.REPORTS_SETTINGS_SAVE
        )
    if submitted:
        save({k: v for k, v in typed.items() if v != values[k]})
