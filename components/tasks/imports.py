"""Importing a batch of tasks from an Excel list: the template, the upload, a preview with every row's
problems, and one save for the whole list (all rows or none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from components.shared.item_table import fitted_height
from data_access.core.edit_errors import EditError
from data_access.core.schema import TASK_SOURCES
from data_access.tasks import edits as task_edits
from data_access.tasks.imports import ImportRow
from i18n import fmt_date, fmt_int, language, set_language, t
from reports import XLSX_MIME
from reports.task_import_template import build_template
from ui import keys
from ui.saving import refusal_text, save


def task_import(
    user, today: dt.date, preview: Callable[..., list[ImportRow]], example_unit: str, unit_names: Sequence[str]
) -> None:
    with st.expander(t("import.heading"), icon=":material/upload_file:"):
        st.caption(t("import.how"))
        lang = language()

        def template() -> bytes:  # built only when the button is pressed, not on every rerun
            set_language(lang)
            return build_template(
                example_unit, t("source.chairman"), today, [t(f"source.{s}") for s in TASK_SOURCES], list(unit_names)
            )

        st.download_button(
            t("import.template"),
            icon=":material/download:",
            file_name="mau-nhap-nhiem-vu.xlsx",
            data=template,
            mime=XLSX_MIME,
            on_click="ignore",
        )
        upload = st.file_uploader(t("import.file"), type=["xlsx"], key=keys.TASKS_IMPORT_FILE)
        if upload is None:
            return
        try:
            rows = preview(upload)
        except EditError as error:
            st.error(refusal_text(error), icon=":material/error:")
            return
        if not rows:
            st.warning(t("import.empty"), icon=":material/warning:")
            return
        bad = sum(1 for r in rows if r.problems)
        st.dataframe(
            pd.DataFrame(
                {
                    t("import.line"): [r.line for r in rows],
                    t("field.title"): [r.task.title for r in rows],
                    t("field.unit"): [r.unit_name or r.task.unit_code or "" for r in rows],
                    t("field.source"): [
                        t(f"source.{r.task.source}") if r.task.source in TASK_SOURCES else (r.task.source or "")
                        for r in rows
                    ],
                    t("field.assigned_on"): [fmt_date(r.task.assigned_on) if r.task.assigned_on else "" for r in rows],
                    t("field.due_on"): [fmt_date(r.task.due_on) if r.task.due_on else "" for r in rows],
                    t("import.problems"): ["; ".join(refusal_text(p) for p in r.problems) or "✓" for r in rows],
                }
            ),
            height=fitted_height(len(rows)),
            hide_index=True,
            width="stretch",
            column_order=[  # the problems next to the line number: in sight on a 1024 px tablet
                t("import.line"),
                t("import.problems"),
                t("field.title"),
                t("field.unit"),
                t("field.source"),
                t("field.assigned_on"),
                t("field.due_on"),
            ],
            column_config={
                t("import.line"): st.column_config.NumberColumn(width=60),
                t("import.problems"): st.column_config.TextColumn(width=380),
                t("field.title"): st.column_config.TextColumn(width=260),
            },
        )
        if bad:
            st.error(t("import.has_problems", bad=fmt_int(bad), total=fmt_int(len(rows))), icon=":material/error:")
        if st.button(
            t("import.save", count=fmt_int(len(rows))),
            type="primary",
            icon=":material/playlist_add:",
            key=keys.TASKS_IMPORT_SAVE,
            disabled=bool(bad),
        ):
            save(task_edits.create_tasks, user, [r.task for r in rows], today, forget_after=[keys.TASKS_IMPORT_FILE])
