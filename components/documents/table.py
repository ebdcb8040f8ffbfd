"""The paged list of documents: a tap on a row opens the document."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.item_table import item_table
from data_access.documents.lists import DocumentRow
from i18n import DATE_INPUT_FORMAT, t


def state_text(row: DocumentRow) -> str:
    if row.direction == "outgoing":
        return t("direction.outgoing")
    return t(f"state.{row.state}")


def document_table(rows: Sequence[DocumentRow], key_prefix: str) -> None:
    col = {n: t(f"docs.col_{n}") for n in ("number", "type", "summary", "date", "urgency", "state")}
    frame = pd.DataFrame(
        {
            col["number"]: [r.number for r in rows],
            col["type"]: [r.doc_type for r in rows],
            col["summary"]: [r.summary for r in rows],
            col["date"]: [r.registered_on for r in rows],
            col["urgency"]: [t(f"urgency.{r.urgency}") for r in rows],
            col["state"]: [state_text(r) for r in rows],
        }
    )
    item_table(
        frame,
        [str(r.id) for r in rows],
        key_prefix,
        "document",
        column_config={
            # every column in sight on a 768 px tablet in portrait (with the row box: 727 px)
            col["number"]: st.column_config.TextColumn(width=120, pinned=True),
            col["type"]: st.column_config.TextColumn(width=85),
            col["summary"]: st.column_config.TextColumn(width=180),
            col["date"]: st.column_config.DateColumn(format=DATE_INPUT_FORMAT, width=90),
            col["urgency"]: st.column_config.TextColumn(width=80),
            col["state"]: st.column_config.TextColumn(width=140),
        },
    )
