"""The login form, and the signed-in user's name with the way out."""

from __future__ import annotations

import streamlit as st

from data_access.accounts.permissions import may
from data_access.accounts.users import User, UserError
from i18n import t
from ui import keys
from ui.display import plain_md


def login_form(sign_in, demo_hint: str | None) -> None:
    """The only thing shown until someone signs in; `sign_in(login, password)` raises UserError if refused."""
    with st.container(width=420):
        st.subheader(t("login.heading"))
        with st.form(keys.LOGIN_FORM, border=True):
            login = st.text_input(t("login.name"), key=keys.LOGIN_NAME, autocomplete="username")
            password = st.text_input(
                t("login.password"), type="password", key=keys.LOGIN_PASSWORD, autocomplete="current-password"
            )
            submitted = st.form_submit_button(
                t("login.submit"), type="primary", icon=":material/login:", width="stretch"
            )
        refusal = st.session_state.pop(keys.LOGIN_REFUSAL, None)
        if submitted:
            try:
                if not login.strip() or not password:
                    refusal = "missing"
                else:
                    try:
                        sign_in(login, password)
                    except UserError as refused:
                        refusal = refused.reason
            finally:  # the typed password is dropped at once, whatever happens (a database failure too)
                st.session_state.pop(keys.LOGIN_PASSWORD, None)
            st.session_state[keys.LOGIN_REFUSAL] = refusal
            st.rerun()
        if refusal == "session_ended":
            st.info(t("login.session_ended"), icon=":material/schedule:")
        elif refusal:
            st.error(t(f"login.{refusal}"), icon=":material/error:")
        if demo_hint:
            st.caption(demo_hint)


def user_menu(user: User, sign_out, change_password) -> None:
    """Who is signed in, the way to a new password and the logout button, top right, out of the way.

    `change_password(current, new)` raises UserError if refused.
    """
    with (
        st.container(horizontal=True, horizontal_alignment="right", width="content"),
        st.popover(plain_md(user.full_name), icon=":material/account_circle:"),  # a label is Markdown
    ):
        st.text(f"{user.login} · {t('role.' + user.role)}")  # plain text: the login comes from the database
        if st.button(t("password.change"), icon=":material/password:", key=keys.PASSWORD_OPEN):
            _password_dialog(change_password)
        if st.button(t("login.logout"), icon=":material/logout:", key=keys.LOGOUT):
            sign_out()
            st.rerun()


@st.dialog(" ", width="small")
def _password_dialog(change_password) -> None:
    """Current password, the new one twice; what was typed is dropped whatever happens."""
    st.subheader(t("password.change"))
    st.caption(t("password.rules"))
    with st.form(keys.PASSWORD_FORM, border=False):
        current_password = st.text_input(
            t("password.current"), type="password", key=keys.PASSWORD_CURRENT, autocomplete="current-password"
        )
        new_password = st.text_input(
            t("password.new"), type="password", key=keys.PASSWORD_NEW, autocomplete="new-password"
        )
        repeated = st.text_input(
            t("password.repeat"), type="password", key=keys.PASSWORD_REPEAT, autocomplete="new-password"
        )
        submitted = st.form_submit_button(t("password.submit"), type="primary", width="stretch")
    if not submitted:
        return
    try:
        if new_password != repeated:
            st.error(t("password.mismatch"), icon=":material/error:")
            return
        change_password(current_password, new_password)
    except UserError as refused:
        st.error(t(f"user_error.{refused.reason}"), icon=":material/error:")
        return
    finally:
        for key in (keys.PASSWORD_CURRENT, keys.PASSWORD_NEW, keys.PASSWORD_REPEAT):
            st.session_state.pop(key, None)
    st.session_state[keys.FLASH] = t("password.changed")
    st.rerun()


def allowed_user(permission: str, refusal_key: str) -> User:
    """The signed-in user if their role grants `permission`; otherwise a message and the page stops.

    Navigation already hides such pages from other roles; this guards a page opened some other way.
    """
    user = st.session_state.get(keys.USER)
    if user is None or not may(user.role, permission):
        st.warning(t(refusal_key), icon=":material/lock:")
        st.stop()
    return user
