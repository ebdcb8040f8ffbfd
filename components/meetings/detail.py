"""One meeting in full, opened by /meetings?meeting=<id>."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import streamlit as st

from components.shared.detail_frame import assigned_tasks, back_button, field, share_link
from components.shared.palette import badge_colour
from data_access.meetings.detail import MeetingDetail
from i18n import fmt_int, fmt_time_span, t
from ui import keys
from ui.display import plain_md
from ui.language import with_language


def meeting_detail_view(
    detail: MeetingDetail | None, raw_id: str, editor: Callable[[MeetingDetail], None] | None = None
) -> None:
    """The meeting in full; `editor` draws the edits a role may make, above the link to share."""
    back_button(t("meeting.back"), "meeting", keys.MEETING_BACK)
    if detail is None:
        shown_id = plain_md(raw_id[:20])
        message = t("meeting.not_found", id=shown_id) if raw_id.isdigit() else t("meeting.bad_id", id=shown_id)
        st.warning(message, icon=":material/search_off:")
        return
    m = detail.meeting
    st.subheader(plain_md(m.title))
    with st.container(horizontal=True, wrap=True):
        st.badge(t(f"kind.{m.kind}"), color="blue")
        st.badge(t(f"mstatus.{m.status}"), color=badge_colour(m.status))
        st.badge(t("mode.online") if m.is_online else t("mode.in_person"), color="violet")
    with st.container(horizontal=True, wrap=True, gap="small"):
        field(t("meeting.time"), fmt_time_span(m.starts_at, m.ends_at))
        field(t("meeting.place"), m.location or t("doc.none"))
        field(t("meeting.chair"), m.chaired_by or t("doc.none"))

    if m.is_online or detail.points:
        st.markdown(f"#### {t('meeting.points')}")
        if not detail.points:
            st.caption(t("meeting.points_none"))
        else:
            counts = Counter(p.status for p in detail.points)
            st.markdown(
                t(
                    "meeting.points_summary",
                    connected=fmt_int(counts["connected"]),
                    failed=fmt_int(counts["failed"]),
                    absent=fmt_int(counts["absent"]),
                )
            )
            for p in detail.points:
                if p.status != "connected":
                    icon = ":material/link_off:" if p.status == "failed" else ":material/person_off:"
                    st.page_link(
                        "app_pages/points.py",
                        label=f"{plain_md(p.unit_name)} · {t('join.' + p.status)}",
                        icon=icon,
                        query_params=with_language({"point": p.unit_code}),
                    )
            connected = [p.unit_name for p in detail.points if p.status == "connected"]
            if connected:
                with st.expander(t("meeting.points_connected", count=fmt_int(len(connected)))):
                    st.text(", ".join(connected))

    assigned_tasks(t("meeting.tasks"), t("meeting.tasks_none"), detail.tasks)
    if editor:
        editor(detail)
    share_link(t("meeting.link"), "meeting", str(m.id), "/meetings")
