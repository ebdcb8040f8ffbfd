"""Cần chú ý: every open alert with its filters, the rules' settings (administrators), one's own digest."""

import streamlit as st

from components.alerts.lists import alert_table, counts_row
from components.alerts.settings import rule_editor, subscription_form
from components.shared.page_header import freshness_caption
from components.shared.pager import page_to_read, pager
from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from data_access.accounts.permissions import MANAGE_ALERTS, may
from data_access.alerts import lists, rules, subscriptions
from data_access.core.database import NOW
from data_access.core.units import all_units
from i18n import fmt_int, t
from ui import keys
from ui.db import current
from ui.session import current_user

db = current()
user = current_user()
units = db.read(all_units)
by_code = {u.code: u for u in units}

adopt_from_url(keys.ALERTS_RULE, "rule", choice_parser(rules.RULES))
adopt_from_url(keys.ALERTS_UNIT, "unit", choice_parser(by_code))
with st.container(horizontal=True, wrap=True):
    rule = st.selectbox(
        t("alerts.filter_rule"),
        rules.RULES,
        index=None,
        placeholder=t("alerts.all_rules"),
        format_func=lambda r: t(f"alert_rule.{r}"),
        key=keys.ALERTS_RULE,
        width=420,
    )
    unit = st.selectbox(
        t("alerts.filter_unit"),
        list(by_code),
        index=None,
        placeholder=t("alerts.all_units"),
        format_func=lambda c: by_code[c].name,
        key=keys.ALERTS_UNIT,
        width=320,
    )
publish_to_url("rule", rule)
publish_to_url("unit", unit)

page_key, page_no = page_to_read(keys.ALERTS_PAGE, (rule, unit))
read = db.timed(lists.alerts_page, NOW, rule, by_code[unit].id if unit else None, page_no)
today, counts, page = read.value
freshness_caption(read.read_at, t("alerts.scope_caption"))
st.markdown(f"**{t('alerts.total', total=fmt_int(counts.total))}**")
counts_row(counts)

st.subheader(t("alerts.section_list"))
if page.rows:
    st.caption(t("alerts.list_hint"))
    alert_table(page.rows, today, keys.ALERTS_TABLE, with_rule=rule is None)
    pager(page_key, page.pages)
else:
    st.info(t("alerts.none"))

if user.role != "display":
    subscription_form(
        db.read(subscriptions.subscription_of, user.id), units, user, user.role == subscriptions.FOLLOWS_UNITS
    )
if may(user.role, MANAGE_ALERTS):
    rule_editor(db.read(rules.rule_settings), user)
