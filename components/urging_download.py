"""The download of the urging list: built only when the button is pressed."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Callable, Sequence

import streamlit as st

from data_access.task_list import UrgingRow
from i18n import fmt_int, t
from reports.urging_workbook import build_urging_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def urging_download(rows: Sequence[UrgingRow], as_of: dt.date) -> None:
    units = sum(1 for _ in groupby(rows, key=lambda r: r.unit_name))
    st.caption(t("tasks.urging_caption", count=fmt_int(len(rows)), units=fmt_int(units)))
    build: Callable[[], bytes] = lambda: build_urging_workbook(rows, as_of)  # noqa: E731
    st.download_button(t("tasks.urging_download"), data=build, mime=XLSX, icon=":material/download:",
                       file_name=f"{t('tasks.urging_file')}-{as_of.isoformat()}.xlsx",
                       on_click="ignore", disabled=not rows)
