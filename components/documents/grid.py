"""The current page of the document list as an editable grid: mark many incoming documents processed
in one save (one transaction, all or none), each checked against the version the user saw."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.grid_rows import as_date, rows_as_shown
from components.shared.item_table import fitted_height
from data_access.documents import edits as document_edits
from data_access.documents.lists import DocumentRow
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.saving import save


def document_grid(rows: Sequence[DocumentRow], scope, user, today: dt.date) -> None:
    """`scope` is what chose the rows (filters, sort and page)."""
    shown = rows_as_shown(keys.DOCS_GRID_ROWS, keys.DOCS_GRID, rows, scope)
    col = {name: t(f"docs_grid.{name}") for name in ("number", "summary", "due_on", "processed_on")}
    frame = pd.DataFrame(
        {
            col["number"]: [r.number for r in shown],
            col["summary"]: [r.summary for r in shown],
            col["due_on"]: [r.due_on for r in shown],
            col["processed_on"]: [r.processed_on for r in shown],
        }
    )
    edited = st.data_editor(
        frame,
        height=fitted_height(len(frame)),
        hide_index=True,
        width="stretch",
        key=keys.DOCS_GRID,
        num_rows="fixed",
        disabled=[col["number"], col["summary"], col["due_on"]],
        column_config={
            col["summary"]: st.column_config.TextColumn(width="large"),
            col["due_on"]: st.column_config.DateColumn(format=DATE_INPUT_FORMAT),
            col["processed_on"]: st.column_config.DateColumn(format=DATE_INPUT_FORMAT, max_value=today),
        },
    )
    changes = [
        document_edits.ProcessedChange(row.id, row.number, row.seen(), as_date(new[col["processed_on"]]))
        for row, (_, new) in zip(shown, edited.iterrows())
        if as_date(new[col["processed_on"]]) != row.processed_on
    ]
    st.caption(t("docs_grid.hint", count=len(changes)))
    if st.button(t("grid.save"), type="primary", icon=":material/save:", key=keys.DOCS_GRID_SAVE, disabled=not changes):
        save(
            document_edits.mark_documents_processed,
            user,
            changes,
            today,
            forget_after=(keys.DOCS_GRID, keys.DOCS_GRID_ROWS),
        )
