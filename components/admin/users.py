"""The accounts page's pieces: the list of users, adding one, disabling, enabling, resetting a password."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.item_table import fitted_height
from data_access.accounts import admin as user_admin
from data_access.accounts.users import User
from data_access.core.schema import ROLES
from i18n import t
from ui import keys
from ui.saving import save

ACTIONS = ("disable", "enable", "reset")


def user_list(people: Sequence[User]) -> None:
    st.dataframe(
        pd.DataFrame(
            {
                t("users.login"): [u.login for u in people],
                t("users.name"): [u.full_name for u in people],
                t("users.role"): [t(f"role.{u.role}") for u in people],
                t("users.state"): [t("users.active") if u.active else t("users.disabled") for u in people],
            }
        ),
        height=fitted_height(len(people)),
        hide_index=True,
        width="stretch",
    )


def add_user_form(actor: User) -> None:
    st.markdown(f"#### {t('users.add')}")
    with st.form("new_user_form"):
        login = st.text_input(t("users.login"), max_chars=60, key=keys.NEW_USER_LOGIN)
        name = st.text_input(t("users.name"), max_chars=200, key=keys.NEW_USER_NAME)
        role = st.selectbox(
            t("users.role"),
            ROLES,
            index=ROLES.index("specialist"),
            format_func=lambda r: t(f"role.{r}"),
            key=keys.NEW_USER_ROLE,
        )
        password = st.text_input(
            t("users.password"), type="password", key=keys.NEW_USER_PASSWORD, autocomplete="new-password"
        )
        submitted = st.form_submit_button(
            t("users.add_save"), type="primary", icon=":material/person_add:", key=keys.NEW_USER_SAVE
        )
    if submitted:
        save(
            user_admin.add_user,
            actor,
            login,
            role,
            name,
            password,
            forget_after=[keys.NEW_USER_LOGIN, keys.NEW_USER_NAME, keys.NEW_USER_PASSWORD],
        )


def change_user_form(actor: User, people: Sequence[User]) -> None:
    st.markdown(f"#### {t('users.change')}")
    with st.form("user_action_form"):
        login = st.selectbox(
            t("users.login"), [u.login for u in people], index=None, key=keys.USER_PICK, placeholder=t("users.pick")
        )
        action = st.segmented_control(
            t("users.action"),
            ACTIONS,
            default="reset",
            required=True,  # a tap on the chosen one keeps it chosen: never an empty choice
            format_func=lambda a: t(f"users.action_{a}"),
            key=keys.USER_ACTION,
        )
        password = st.text_input(
            t("users.new_password"), type="password", key=keys.USER_NEW_PASSWORD, autocomplete="new-password"
        )
        submitted = st.form_submit_button(
            t("users.change_save"), type="primary", icon=":material/save:", key=keys.USER_ACTION_SAVE
        )
    if submitted:
        if not login:
            st.error(t("users.pick_first"), icon=":material/error:")
        elif action == "reset":
            save(user_admin.set_password, actor, login, password, forget_after=[keys.USER_NEW_PASSWORD])
        else:
            save(user_admin.set_user_active, actor, login, action == "enable", forget_after=[keys.USER_NEW_PASSWORD])
