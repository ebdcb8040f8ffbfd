"""Báo cáo: the office's report, its slides and the urging letters for any period, in one tap."""

import streamlit as st

from components.reports.page import report_downloads, report_preview, settings_form, urging_letters
from components.shared.page_header import freshness_caption
from components.shared.period_filter import period_caption, selected_period
from data_access.accounts.permissions import EDIT, MANAGE_USERS, may
from data_access.accounts.settings import office_settings_in, save_office_settings
from data_access.core import clock
from data_access.core.database import NOW
from data_access.overview.report import report_figures
from data_access.tasks import edits as task_edits
from data_access.tasks import lists as task_lists
from data_access.tasks.filters import TaskFilter
from i18n import t
from reports.conference_report import build_report_docx
from reports.conference_slides import build_report_deck
from reports.pdf import docx_to_pdf, pdf_available
from reports.urging_letters import build_urging_letters
from ui import keys
from ui.db import current
from ui.saving import save
from ui.session import current_user

db = current()
user = current_user()
today = clock.today_vn()
period = selected_period()

read = db.timed(report_figures, period, NOW)
figures = read.value
settings = db.read(office_settings_in)
freshness_caption(read.read_at, period_caption(period))

st.subheader(t("reports_page.section_report"))
st.caption(t("reports_page.report_caption"))
report_preview(figures)


def word() -> bytes:
    return build_report_docx(figures, settings, today)


def pdf() -> bytes:
    return docx_to_pdf(word())


report_downloads(
    f"{period.start.isoformat()}-{period.end.isoformat()}",
    word,
    pdf,
    lambda: build_report_deck(figures, settings),
    None if pdf_available() else t("reports_page.pdf_unavailable"),
    made_from=repr((period, read.read_at, settings, today)),
)

if may(user.role, EDIT):
    st.subheader(t("reports_page.section_letters"))
    st.caption(t("reports_page.letters_how"))
    urging_letters(
        today,
        lambda day: db.read(task_lists.urging_summary, TaskFilter(day)),
        lambda day: db.read(task_lists.urging_list, TaskFilter(day)),
        lambda rows, day, one: build_urging_letters(rows, day, settings, today, one_file=one),
        lambda codes, note: save(task_edits.record_urging_letters, user, codes, note),
    )

if may(user.role, MANAGE_USERS):
    with st.expander(t("settings.heading"), icon=":material/edit_document:"):
        settings_form(
            settings,
            lambda values: save(
                save_office_settings,
                user,
                values,
                forget_after=[k for k in st.session_state if str(k).startswith(keys.REPORTS_SETTING)],
            ),
        )
