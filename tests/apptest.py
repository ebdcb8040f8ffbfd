"""Running app.py in-process with AppTest against a chosen database and a frozen clock."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access.clock import FROZEN_NOW_ENV

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run_app(monkeypatch, url: str, now_iso: str | None = None, query: dict | None = None,
            state: dict | None = None, page: str | None = None) -> AppTest:
    """One fresh run of the app.

    Widgets are set through `state` (session state before the run), not by
    set_value().run(): AppTest 1.67 reruns only the page script of an
    st.navigation app, so the router's shared filters would not run again.
    """
    monkeypatch.setenv("DATABASE_URL", url)
    if now_iso:
        monkeypatch.setenv(FROZEN_NOW_ENV, now_iso)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}
