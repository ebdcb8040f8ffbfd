"""The filters of the documents page: direction, type, urgency, handling unit, issuer,
processing state, text, and a day, week or month picked on the volume chart.

All but the picked bucket travel in the URL (?dir=incoming&type=...&urgency=flash&unit=12&state=overdue&q=...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from data_access.core.periods import Period
from data_access.core.schema import DOC_DIRECTIONS, DOC_URGENCIES
from data_access.core.units import UnitChoice
from data_access.documents.figures import ProcessingCounts
from data_access.documents.filters import PROCESSING_STATES, DocumentFilter
from i18n import fmt_date, fmt_int, t
from ui import keys
from ui.display import plain_md

_CLEARABLE = (
    keys.DOCS_DIRECTION,
    keys.DOCS_TYPE,
    keys.DOCS_URGENCY,
    keys.DOCS_UNIT,
    keys.DOCS_ISSUER,
    keys.DOCS_STATE,
    keys.DOCS_BUCKET,
)


def _clear_filters() -> None:
    for key in _CLEARABLE:
        st.session_state[key] = None
    st.session_state[keys.DOCS_TEXT] = ""


def _clear_bucket() -> None:
    st.session_state[keys.DOCS_BUCKET] = None


def _int_or_none(raw: str):
    return int(raw) if raw.isdigit() else None


def document_filters(
    today: dt.date, period: Period, types: Sequence[str], units: Sequence[UnitChoice]
) -> DocumentFilter:
    names = {u.id: u.name for u in units}
    adopt_from_url(keys.DOCS_DIRECTION, "dir", choice_parser(DOC_DIRECTIONS))
    adopt_from_url(keys.DOCS_TYPE, "type", choice_parser(types))
    adopt_from_url(keys.DOCS_URGENCY, "urgency", choice_parser(DOC_URGENCIES))
    adopt_from_url(keys.DOCS_UNIT, "unit", lambda raw: _int_or_none(raw) if _int_or_none(raw) in names else None)
    adopt_from_url(keys.DOCS_ISSUER, "issuer", lambda raw: raw[:200])
    adopt_from_url(keys.DOCS_STATE, "state", choice_parser(PROCESSING_STATES))
    adopt_from_url(keys.DOCS_TEXT, "q", lambda raw: raw[:100])

    with st.container(horizontal=True, wrap=True, vertical_alignment="bottom"):
        direction = st.segmented_control(
            t("docs.filter_direction"),
            DOC_DIRECTIONS,
            key=keys.DOCS_DIRECTION,
            format_func=lambda d: t(f"direction.{d}"),
        )
        doc_type = st.selectbox(
            t("docs.filter_type"),
            (None, *types),
            key=keys.DOCS_TYPE,
            width=200,
            format_func=lambda x: t("tasks.filter_all") if x is None else x,
        )
        urgency = st.selectbox(
            t("docs.filter_urgency"),
            (None, *DOC_URGENCIES),
            key=keys.DOCS_URGENCY,
            width=170,
            format_func=lambda x: t("tasks.filter_all") if x is None else t(f"urgency.{x}"),
        )
        unit_id = st.selectbox(
            t("docs.filter_unit"),
            (None, *names),
            key=keys.DOCS_UNIT,
            width=280,
            format_func=lambda i: t("tasks.filter_all") if i is None else names[i],
        )
        text = st.text_input(
            t("docs.filter_text"),
            key=keys.DOCS_TEXT,
            width=300,
            max_chars=100,
            placeholder=t("docs.filter_text_placeholder"),
        )
        st.button(t("tasks.clear_filters"), on_click=_clear_filters, icon=":material/filter_alt_off:", key="docs_clear")
    issuer = st.session_state.get(keys.DOCS_ISSUER)
    publish_to_url("dir", direction)
    publish_to_url("type", doc_type)
    publish_to_url("urgency", urgency)
    publish_to_url("unit", str(unit_id) if unit_id is not None else None)
    publish_to_url("issuer", issuer)
    publish_to_url("q", text.strip() or None)
    if issuer:
        st.caption(f"{t('docs.filter_issuer')}: **{plain_md(issuer)}**")

    return DocumentFilter(
        as_of=min(period.end, today),
        registered_from=period.start,
        registered_to=period.end,
        direction=direction,
        doc_type=doc_type,
        urgency=urgency,
        unit_id=unit_id,
        issuer=issuer,
        state=st.session_state.get(keys.DOCS_STATE),
        text=text.strip() or None,
    )


def bucket_of(f: DocumentFilter) -> DocumentFilter:
    """The filter narrowed to the day, week or month picked on the chart, if it lies in the period."""
    picked = st.session_state.get(keys.DOCS_BUCKET)
    if not picked:
        return f
    start, end = (dt.date.fromisoformat(d) for d in picked)
    start, end = max(start, f.registered_from), min(end, f.registered_to)
    if start > end:
        return f
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(t("docs.filter_bucket", start=fmt_date(start), end=fmt_date(end)))
        st.button(t("docs.clear_bucket"), on_click=_clear_bucket, icon=":material/close:", key="docs_bucket_clear")
    return f.between(start, end)


def state_pills(counts: ProcessingCounts) -> None:
    label = {s: f"{t('state.' + s)} · {fmt_int(getattr(counts, s))}" for s in PROCESSING_STATES}
    state = st.pills(t("docs.filter_state"), PROCESSING_STATES, key=keys.DOCS_STATE, format_func=label.get)
    publish_to_url("state", state)


def scope_caption(f: DocumentFilter) -> str:
    return t("docs.scope_caption", start=fmt_date(f.registered_from), end=fmt_date(f.registered_to))
