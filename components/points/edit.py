"""Recording a commune point's connection check from its drill-down."""

from __future__ import annotations

import streamlit as st

from data_access.core.schema import CHECK_STATUSES
from data_access.points import edits as point_edits
from i18n import t
from ui import keys
from ui.keys import edit_key
from ui.saving import save


def point_check_form(code: str, user) -> None:
    st.markdown(f"#### {t('point_edit.heading')}")
    with st.form(edit_key("point_form", code), border=False):
        status = st.segmented_control(
            t("field.check_status"),
            CHECK_STATUSES,
            default="connected",
            required=True,  # a tap on the chosen one keeps it chosen: never an empty choice
            format_func=lambda s: t(f"pstatus.{s}"),
            key=edit_key(keys.POINT_CHECK_STATUS, code),
        )
        note = st.text_input(t("point_edit.note"), max_chars=2000, key=edit_key(keys.POINT_CHECK_NOTE, code))
        submitted = st.form_submit_button(
            t("point_edit.save"), type="primary", icon=":material/save:", key=edit_key(keys.POINT_CHECK_SAVE, code)
        )
    if submitted:
        save(
            point_edits.record_point_check,
            user,
            code,
            status or "",
            note,
            forget_after=[edit_key(keys.POINT_CHECK_NOTE, code)],
        )
