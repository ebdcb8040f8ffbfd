"""A table of tasks in which a tap on a row opens that task."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.item_table import item_table
from data_access.tasks.detail import TaskDetail
from data_access.tasks.lists import TaskRow
from i18n import DATE_INPUT_FORMAT, fmt_extensions, fmt_int, t


def timing_text(task: TaskRow | TaskDetail) -> str | None:
    """How the deadline stands: "Quá hạn 14 ngày", "Đến hạn hôm nay", "Còn 3 ngày"; None when it does not apply."""
    one = "_one" if 1 in (task.days_overdue, task.days_left) else ""  # "1 day left", not "1 days left"
    if task.days_overdue is not None:
        return t(f"task.overdue_days{one}", days=fmt_int(task.days_overdue))
    if task.days_left == 0:
        return t("task.due_today")
    if task.days_left is not None:
        return t(f"task.days_left{one}", days=fmt_int(task.days_left))
    return None


def status_text(row: TaskRow) -> str:
    """One short phrase for the state of a task: its timing, else its category ("Đã hoàn thành đúng hạn"),
    and its extensions ("Còn 30 ngày · Đã gia hạn 1 lần, hạn ban đầu 24/06/2025")."""
    state = timing_text(row) or t(f"category.{row.category}")
    extended = fmt_extensions(row.extensions.count, row.extensions.original_due_on)
    return f"{state} · {extended}" if extended else state


def task_table(rows: Sequence[TaskRow], key_prefix: str, page: str | None = None) -> None:
    """Code, title, lead unit, deadline, state and progress: sized to fit a 1024 px screen.

    `page`: the tasks page, when the table stands on another page (the overview)."""
    codes = [r.code for r in rows]
    col = {name: t(f"tasks.col_{name}") for name in ("code", "title", "lead", "due", "category", "progress")}
    frame = pd.DataFrame(
        {
            col["code"]: codes,
            col["title"]: [r.title for r in rows],
            col["lead"]: [r.unit_name for r in rows],
            col["due"]: [r.due_on for r in rows],
            col["category"]: [status_text(r) for r in rows],
            col["progress"]: [r.progress_pct for r in rows],
        }
    )
    item_table(
        frame,
        codes,
        key_prefix,
        "task",
        page=page,
        column_config={
            # 700 px of columns with the row box: a 768 px tablet in portrait shows every column, no sideways scroll
            col["code"]: st.column_config.TextColumn(width=110, pinned=True),
            col["title"]: st.column_config.TextColumn(width=160),
            col["lead"]: st.column_config.TextColumn(width=120),
            col["due"]: st.column_config.DateColumn(format=DATE_INPUT_FORMAT, width=90),
            col["category"]: st.column_config.TextColumn(width=145),
            col["progress"]: st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d%%", width=75),
        },
    )
