"""Tài khoản: who may use the dashboard and with which role; for administrators only."""

import streamlit as st

from ui import db as cached_reads
from components.shared.login import allowed_user
from components.admin.users import add_user_form, change_user_form, user_list
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.accounts.permissions import MANAGE_USERS
from i18n import t

url = database_url()
user = allowed_user(MANAGE_USERS, "users.forbidden")

st.caption(t("users.caption"))
people = cached_reads.user_list(url)
user_list(people)
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=420):
        add_user_form(user, lambda: get_engine(url))
    with st.container(width=420):
        change_user_form(user, lambda: get_engine(url), people)
