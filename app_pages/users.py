"""Tài khoản: who may use the dashboard and with which role; for administrators only."""

import streamlit as st

from components.admin.users import add_user_form, change_user_form, user_list
from components.shared.login import allowed_user
from data_access.accounts.permissions import MANAGE_USERS
from data_access.accounts.users import list_users_in
from i18n import t
from ui.db import current

user = allowed_user(MANAGE_USERS, "users.forbidden")

st.caption(t("users.caption"))
people = current().read(list_users_in, user)
user_list(people)
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=420):
        add_user_form(user)
    with st.container(width=420):
        change_user_form(user, people)
