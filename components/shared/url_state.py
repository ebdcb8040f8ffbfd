"""Keeping a filter's value in the URL, so a view can be bookmarked or sent.

Before drawing a widget, `adopt_from_url` takes the URL's value when the URL
changed since this session last saw it (first load, a bookmark, a link from
another page); after it, `publish_to_url` writes the widget's value back.
URLs hold codes, never labels, so a link works in either language. A bad
value gets a message and is ignored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from i18n import t
from ui.display import plain_md

_SEEN = "_url_seen"
_MISSING = object()


def adopt_from_url(key: str, param: str, parse: Callable[[str], Any]) -> None:
    """Put the URL's value of `param` into st.session_state[key] if the URL changed.

    `parse` returns the widget value for a raw URL value, or None if it is not valid.
    """
    seen = st.session_state.setdefault(_SEEN, {})
    raw = st.query_params.get(param)
    if raw == seen.get(param, _MISSING):
        return
    seen[param] = raw
    if raw is None:
        return
    value = parse(raw)
    if value is None:
        st.toast(t("url.bad_value", param=param, value=plain_md(raw[:40])), icon=":material/warning:")
        return
    st.session_state[key] = value


def publish_to_url(param: str, raw: str | None) -> None:
    """Write a widget's value to the URL (None removes the parameter)."""
    if raw is None:
        if param in st.query_params:
            del st.query_params[param]
    elif st.query_params.get(param) != raw:
        st.query_params[param] = raw
    st.session_state.setdefault(_SEEN, {})[param] = raw


def choice_parser(allowed) -> Callable[[str], Any]:
    allowed = tuple(allowed)
    return lambda raw: raw if raw in allowed else None
