"""Importing a batch of tasks from an Excel list: the template, the upload, a preview with every row's
problems, and one save for the whole list (all rows or none).

An upload is read once: its rows (or its refusal) stay in the session under the uploader's file id, so the
reruns that follow every click while it sits in the uploader never parse it again."""

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
from i18n import fmt_date, fmt_int, known, language, set_language, t
from reports import XLSX_MIME
from reports.task_import_template import build_template
from ui import keys
from ui.display import plain_md, shown
from ui.saving import refusal_text, save

PARSED = f"_{keys.TASKS_IMPORT_FILE}_parsed"  # (file id, rows or the EditError) of the upload read last


def file_refusal(error: EditError) -> str:
    """Why the file as a whole was refused, saying what to do; a field's refusal as every form says it."""
    key = f"import.refused_{error.reason}"
    if error.field != "file" or not known(key):
        return refusal_text(error)
    return t(key, **{name: fmt_int(v) if type(v) is int else plain_md(shown(v)) for name, v in error.params.items()})


def parsed_once(upload, preview: Callable[..., list[ImportRow]]) -> list[ImportRow] | EditError:
    """The upload's rows, or why it was refused: read on the first run that sees this file, then kept."""
    kept = st.session_state.get(PARSED)
    if kept is not None and kept[0] == upload.file_id:
        return kept[1]
    try:
        result: list[ImportRow] | EditError = preview(upload)
    except EditError as error:
        result = error
    st.session_state[PARSED] = (upload.file_id, result)
    return result


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
            st.session_state.pop(PARSED, None)  # the file was removed: so are its rows
            return
        rows = parsed_once(upload, preview)
        if isinstance(rows, EditError):
            st.error(file_refusal(rows), icon=":material/error:")
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
                    t("import.problems"): [
                        "; ".join(refusal_text(p, markdown=False) for p in r.problems) or "✓" for r in rows
                    ],
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
            save(
                task_edits.create_tasks,
                user,
                [r.task for r in rows],
                today,
                forget_after=[keys.TASKS_IMPORT_FILE, PARSED],
            )
