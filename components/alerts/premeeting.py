"""The pre-meeting check on a planned online meeting's page: the expected points' board with their status
now, the ones to call, and the IT specialist's "re-checked" for one of them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.points.sections import BOARD_COLUMNS, ago
from components.shared.charts import build_board_chart, draw
from components.shared.item_table import item_table
from components.shared.palette import POINT_SYMBOLS, tone
from components.shared.selection import chart_pick
from data_access.alerts.premeeting import PreMeeting
from data_access.core.schema import CHECK_STATUSES, POINT_KINDS
from data_access.points import edits as point_edits
from i18n import fmt_int, language, t
from reports.alert_digest import state_text
from ui import keys
from ui.keys import edit_key
from ui.saving import save

POINTS_PAGE = "app_pages/points.py"
BOARD_KEY = "premeeting_board"


def _open_tapped() -> None:
    picked = chart_pick(BOARD_KEY, "point")
    if picked:
        st.session_state[keys.PENDING_SWITCH] = (POINTS_PAGE, {"point": picked["code"]})


def premeeting_board(board: PreMeeting, now: dt.datetime, meeting_id: int, user, may_edit: bool) -> None:
    st.markdown(f"#### {t('premeeting.section')}")
    st.caption(t("premeeting.caption", fresh_hours=fmt_int(board.fresh_hours)))
    total = len(board.points)
    st.markdown(f"**{t('premeeting.ready', ready=fmt_int(board.ready), total=fmt_int(total))}**")
    to_call = board.to_call
    st.markdown(f"**{t('premeeting.to_call', count=fmt_int(len(to_call)))}**")
    if not to_call:
        st.success(t("premeeting.none_to_call"), icon=":material/check_circle:")
    urgent = [p for p in to_call if p.trouble != "stale"]  # not connected, or never checked: call them first
    stale = [p for p in to_call if p.trouble == "stale"]
    if urgent:
        _call_table(urgent, now, f"premeeting_call_{meeting_id}")
    if stale:
        with st.expander(t("premeeting.stale", count=fmt_int(len(stale)), hours=fmt_int(board.fresh_hours))):
            _call_table(stale, now, f"premeeting_stale_{meeting_id}")
    st.markdown(f"**{t('premeeting.board')}**")
    rows = [
        {
            "code": p.code,
            "status": p.status,
            "status_label": t(f"pstatus.{p.status}"),
            "label": f"{POINT_SYMBOLS[p.status]} {_short(p.name)}",
            "detail": ("* " if p.trouble == "stale" else "") + ago(p.checked_at, now),
            "ink": tone(p.status).ink,
        }
        for p in board.points
    ]
    if rows:
        chart = build_board_chart(
            rows,
            code="code",
            status="status",
            status_label="status_label",
            label="label",
            detail="detail",
            columns=BOARD_COLUMNS,
            selection="point",
            lang=language(),
            font_size=12,
        )
        draw(chart, key=BOARD_KEY, selection_mode="point", width="stretch", on_select=_open_tapped)
        st.caption(t("premeeting.board_hint", hours=fmt_int(board.fresh_hours)))
    if may_edit and to_call:
        recheck_form(meeting_id, [(p.code, p.name) for p in to_call], user)


def _short(name: str) -> str:
    """The name without its kind word ("Xã", "Phường", "Đặc khu"): the tile is small."""
    for kind in POINT_KINDS:
        prefix = t(f"pkind.{kind}") + " "
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _call_table(points, now: dt.datetime, key_prefix: str) -> None:
    frame = pd.DataFrame(
        {
            t("alerts.col_item"): [p.name for p in points],
            t("alerts.col_code"): [p.code for p in points],
            t("alerts.col_detail"): [
                f"{state_text(p.trouble)} · {ago(p.checked_at, now)}" if p.checked_at else state_text(p.trouble)
                for p in points
            ],
        }
    )
    item_table(frame, [p.code for p in points], key_prefix, "point", page=POINTS_PAGE)


def recheck_form(meeting_id: int, points: list[tuple[str, str]], user) -> None:
    """The IT specialist records a new check of a point to call: its status now, noted as a pre-meeting re-check."""
    st.markdown(f"**{t('premeeting.recheck')}**")
    names = dict(points)
    with st.form(edit_key(keys.PREMEETING_FORM, meeting_id), border=False):
        code = st.selectbox(
            t("premeeting.recheck_point"),
            list(names),
            format_func=lambda c: names[c],
            key=edit_key(keys.PREMEETING_POINT, meeting_id),
        )
        status = st.segmented_control(
            t("premeeting.recheck_status"),
            CHECK_STATUSES,
            default="connected",
            required=True,
            format_func=lambda s: t(f"pstatus.{s}"),
            key=edit_key(keys.PREMEETING_STATUS, meeting_id),
        )
        submitted = st.form_submit_button(
            t("premeeting.recheck_save"),
            type="primary",
            icon=":material/task_alt:",
            key=edit_key(keys.PREMEETING_SAVE, meeting_id),
        )
    if submitted and code:
        save(point_edits.record_point_check, user, code, status or "", t("premeeting.recheck_note"))
