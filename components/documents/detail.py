"""One document in full, opened by /documents?document=<id>."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.shared.detail_frame import assigned_tasks, back_button, field, share_link
from components.shared.palette import GOOD, NEUTRAL, badge_colour
from data_access.documents.detail import DocumentDetail
from i18n import fmt_date, t
from ui import keys
from ui.display import plain_md


def document_detail_view(
    detail: DocumentDetail | None, raw_id: str, editor: Callable[[DocumentDetail], None] | None = None
) -> None:
    """The document in full; `editor` draws the edits a role may make, above the link to share."""
    back_button(t("doc.back"), "document", keys.DOC_BACK)
    if detail is None:
        shown_id = plain_md(raw_id[:20])
        message = t("doc.not_found", id=shown_id) if raw_id.isdigit() else t("doc.bad_id", id=shown_id)
        st.warning(message, icon=":material/search_off:")
        return
    st.subheader(f"{plain_md(detail.number)} · {plain_md(detail.doc_type)}")
    st.text(detail.summary)  # as written by the registry: no Markdown, its line breaks kept
    with st.container(horizontal=True, wrap=True):
        st.badge(t(f"direction.{detail.direction}"), color="blue" if detail.direction == "incoming" else "orange")
        if detail.direction == "incoming":
            st.badge(t(f"state.{detail.state}"), color=badge_colour(detail.state))
        st.badge(
            t("doc.signed_yes") if detail.digitally_signed else t("doc.signed_no"),
            color=GOOD.badge if detail.digitally_signed else NEUTRAL.badge,
        )

    with st.container(horizontal=True, wrap=True, gap="small"):
        if detail.direction == "incoming":
            field(t("doc.issuer"), detail.issuer or t("doc.none"))
        field(t(f"doc.unit_{detail.direction}"), detail.unit_name or t("doc.none"))
        field(t(f"doc.registered_{detail.direction}"), fmt_date(detail.registered_on))
        field(t("doc.urgency"), t(f"urgency.{detail.urgency}"))
        field(t("doc.due_on"), fmt_date(detail.due_on) if detail.due_on else t("doc.none"))
        field(t("doc.processed_on"), fmt_date(detail.processed_on) if detail.processed_on else t("doc.not_processed"))

    assigned_tasks(t("doc.tasks"), t("doc.tasks_none"), detail.tasks)

    if editor:
        editor(detail)
    share_link(t("doc.link"), "document", str(detail.id), "/documents")
