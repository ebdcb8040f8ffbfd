"""The current page of the task list as an editable grid: status, progress and completion date of many
tasks, saved together in one transaction.

The rows are kept as they were when the grid was first shown, so that a
task someone else saved meanwhile is refused (with what changed) rather
than overwritten; saving or reloading starts again from the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.grid_rows import as_date, rows_as_shown
from components.shared.item_table import fitted_height
from data_access.core.schema import TASK_STATUSES
from data_access.tasks import edits as task_edits
from data_access.tasks.lists import TaskRow
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.saving import save

GRID_KEYS = (keys.TASKS_GRID, keys.TASKS_GRID_ROWS)


def task_grid(rows: Sequence[TaskRow], scope, user, today: dt.date) -> None:
    """`scope` is what chose the rows (filters, sort and page)."""
    shown = rows_as_shown(keys.TASKS_GRID_ROWS, keys.TASKS_GRID, rows, scope)
    labels = {s: t(f"status.{s}") for s in TASK_STATUSES}
    codes = {label: code for code, label in labels.items()}
    col = {name: t(f"grid.{name}") for name in ("code", "title", "status", "progress", "completed_on")}
    frame = pd.DataFrame(
        {
            col["code"]: [r.code for r in shown],
            col["title"]: [r.title for r in shown],
            col["status"]: [labels[r.status] for r in shown],
            col["progress"]: [r.progress_pct for r in shown],
            col["completed_on"]: [r.completed_on for r in shown],
        }
    )
    edited = st.data_editor(
        frame,
        height=fitted_height(len(frame)),
        hide_index=True,
        width="stretch",
        key=keys.TASKS_GRID,
        num_rows="fixed",
        disabled=[col["code"], col["title"]],
        column_config={
            col["title"]: st.column_config.TextColumn(width="large"),
            col["status"]: st.column_config.SelectboxColumn(options=list(codes), required=True),
            col["progress"]: st.column_config.NumberColumn(min_value=0, max_value=100, step=5, format="%d%%"),
            col["completed_on"]: st.column_config.DateColumn(format=DATE_INPUT_FORMAT, max_value=today),
        },
    )
    changes = []
    for row, (_, new) in zip(shown, edited.iterrows()):
        done_on = as_date(new[col["completed_on"]])
        progress = new[col["progress"]]
        change = task_edits.TaskChange(
            row.id,
            row.code,
            row.seen(),
            codes.get(new[col["status"]], row.status),
            int(progress) if not pd.isna(progress) else -1,
            done_on,
        )
        if (change.status, change.progress_pct, change.completed_on) != (
            row.status,
            row.progress_pct,
            row.completed_on,
        ):
            changes.append(change)
    st.caption(t("grid.hint", count=len(changes)))
    if st.button(
        t("grid.save"), type="primary", icon=":material/save:", key=keys.TASKS_GRID_SAVE, disabled=not changes
    ):
        save(task_edits.update_tasks, user, changes, today, forget_after=GRID_KEYS)
