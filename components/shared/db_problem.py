"""What a user sees when the database cannot serve the page: what is wrong, what to do,
and a page that tries again by itself until the database is back."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from data_access.core.errors import DatabaseProblem
from i18n import t
from ui import keys

RETRY_SECONDS = 10


def _something_typed() -> bool:
    """Whether an edit form holds typed text now hidden by this message.

    The browser keeps a widget's value while the page waits, and the retry (a rerun, never a reload)
    draws the form again with it; so the message says the text is kept, and not to reload the page.
    """
    for key in list(st.session_state.keys()):
        if isinstance(key, str) and any(key == k or key.startswith(f"{k}_") for k in keys.TYPED_FIELDS):
            value = st.session_state[key]
            if isinstance(value, str) and value.strip():
                return True
    return False


def show_database_problem(problem: DatabaseProblem, is_ready: Callable[[], bool]) -> None:
    kept = _something_typed()
    st.error(f"**{t('db.title')}**\n\n{t('db.' + problem.reason)}", icon=":material/cloud_off:")
    st.caption(t("db.retrying_kept" if kept else "db.retrying", seconds=RETRY_SECONDS))
    st.button(t("db.retry"), key=keys.DB_RETRY, icon=":material/refresh:")

    @st.fragment(run_every=RETRY_SECONDS)
    def _retry_when_back() -> None:
        if is_ready():
            st.rerun()

    _retry_when_back()
