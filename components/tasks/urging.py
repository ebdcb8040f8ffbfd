"""The download of the urging list: its rows are read and the workbook built only when the
button is pressed, so the page itself brings back just the two counts it shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import streamlit as st

from data_access.accounts.settings import OfficeSettings
from data_access.tasks.lists import UrgingRow
from i18n import fmt_int, language, set_language, t
from reports import XLSX_MIME
from reports.urging_workbook import build_urging_workbook


def urging_download(
    count: int,
    units: int,
    as_of: dt.date,
    rows: Callable[[], Sequence[UrgingRow]],
    settings: Callable[[], OfficeSettings] = OfficeSettings,
) -> None:
    """`settings()`: the office's details for the printed heading and signature (read when pressed)."""
    st.caption(t("tasks.urging_caption", count=fmt_int(count), units=fmt_int(units)))
    lang = language()

    def build() -> bytes:
        set_language(lang)  # the download may be served outside the script run that drew the button
        return build_urging_workbook(rows(), as_of, settings())

    st.download_button(
        t("tasks.urging_download"),
        data=build,
        mime=XLSX_MIME,
        icon=":material/download:",
        file_name=f"{t('tasks.urging_file')}-{as_of.isoformat()}.xlsx",
        on_click="ignore",
        disabled=not count,
    )
