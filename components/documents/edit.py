"""Marking a document processed from its drill-down (roles that may write; the data layer checks again).

The form keeps the row's version from when it was first shown, so a save
over someone else's newer change is refused with what changed.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.documents import edits as document_edits
from data_access.documents.detail import DocumentDetail
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.keys import edit_key
from ui.saving import save


def document_edit(detail: DocumentDetail, user, today: dt.date) -> None:
    seen_key = edit_key(keys.DOC_SEEN, detail.id)
    seen = st.session_state.setdefault(seen_key, detail.seen())
    form_keys = [seen_key, edit_key(keys.DOC_PROCESSED_ON, detail.id, seen["version"])]
    st.markdown(f"#### {t('doc_edit.heading')}")
    with st.form(edit_key("doc_form", detail.id), border=False):
        processed_on = st.date_input(
            t("doc_edit.processed_on"),
            value=seen["processed_on"] or today,
            max_value=max(today, seen["processed_on"] or today),
            format=DATE_INPUT_FORMAT,
            width=260,
            key=edit_key(keys.DOC_PROCESSED_ON, detail.id, seen["version"]),
        )
        submitted = st.form_submit_button(
            t("doc_edit.save"), type="primary", icon=":material/task_alt:", key=edit_key(keys.DOC_SAVE, detail.id)
        )
    if submitted:
        save(
            document_edits.mark_document_processed,
            user,
            detail.id,
            seen["version"],
            seen,
            processed_on,
            today,
            forget_after=form_keys,
        )
