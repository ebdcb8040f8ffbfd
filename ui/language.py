"""The page language: ?lang=en switches it, it stays for the session and rides on every address.

The router keeps `lang` in the address bar on every run (the top navigation
drops query parameters when it switches pages), so a reload, a bookmark or a
copied address opens in the same language; every link the app builds adds it
with `with_language`.
"""

from __future__ import annotations

import streamlit as st

import i18n
from ui import keys


def chosen_language() -> str:
    """The session's language, from ?lang= if given, written back into the address when not the default."""
    asked = st.query_params.get(keys.LANGUAGE)
    if asked in i18n.LANGUAGES:
        st.session_state[keys.LANGUAGE] = asked
    language = st.session_state.get(keys.LANGUAGE, i18n.DEFAULT_LANGUAGE)
    if language != i18n.DEFAULT_LANGUAGE and asked != language:
        st.query_params[keys.LANGUAGE] = language
    elif language == i18n.DEFAULT_LANGUAGE and asked is not None and asked not in i18n.LANGUAGES:
        del st.query_params[keys.LANGUAGE]  # an unknown language is dropped, Vietnamese stays
    return language


def with_language(params: dict[str, str] | None = None) -> dict[str, str]:
    """Query parameters of a link the app builds, with the session's language when it is not the default."""
    params = dict(params or {})
    language = i18n.language()
    if language != i18n.DEFAULT_LANGUAGE:
        params[keys.LANGUAGE] = language
    return params


def language_suffix() -> str:
    """`&lang=en` for an address written out as text (the link to send), or nothing."""
    language = i18n.language()
    return f"&{keys.LANGUAGE}={language}" if language != i18n.DEFAULT_LANGUAGE else ""
