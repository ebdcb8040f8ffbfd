"""The alert rules' settings (administrators) and each person's digest subscription."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from data_access.alerts import rules as alert_rules
from data_access.alerts import subscriptions
from data_access.alerts.rules import BOUNDS, RULES, RuleSetting
from data_access.alerts.subscriptions import Subscription
from data_access.core.units import UnitChoice
from i18n import fmt_datetime, t
from ui import keys
from ui.display import plain_md
from ui.keys import edit_key
from ui.saving import save


def rule_editor(settings: Sequence[RuleSetting], user) -> None:
    st.subheader(t("alerts.section_rules"))
    st.caption(t("alerts.rules_hint"))
    for s in settings:
        state = t("alerts.rule_enabled") if s.enabled else t("alerts.rule_disabled")
        with st.expander(f"{t(f'alert_rule.{s.rule}')} · {state}"):
            st.caption(t(f"alert_help.{s.rule}", **s.params))
            if s.updated_at:
                st.caption(t("alerts.rule_updated", at=fmt_datetime(s.updated_at), by=plain_md(s.updated_by or "")))
            with st.form(edit_key(keys.ALERT_RULE_FORM, s.rule), border=False):
                enabled = st.toggle(
                    t("alerts.rule_enable"), value=s.enabled, key=edit_key(keys.ALERT_RULE_ENABLED, s.rule)
                )
                values = {}
                with st.container(horizontal=True, wrap=True):
                    for name, value in s.params.items():
                        low, high = BOUNDS[name]
                        values[name] = st.number_input(
                            t(f"alert_param.{name}"),
                            min_value=low,
                            max_value=high,
                            value=value,
                            step=1,
                            width=240,
                            key=edit_key(keys.ALERT_RULE_PARAM, f"{s.rule}.{name}"),
                        )
                submitted = st.form_submit_button(
                    t("alerts.rule_save"), type="primary", key=edit_key(keys.ALERT_RULE_SAVE, s.rule)
                )
            if submitted:
                save(alert_rules.save_rule, user, s.rule, enabled, values)


def subscription_form(current: Subscription, units: Sequence[UnitChoice], user, follows_units: bool) -> None:
    st.subheader(t("alerts.section_subscribe"))
    st.caption(t("alerts.subscribe_hint"))
    names = {u.id: u.name for u in units}
    with st.form(keys.ALERT_SUB_FORM, border=False):
        email = st.text_input(
            t("alerts.subscribe_email"), value=current.email or "", max_chars=254, key=keys.ALERT_SUB_EMAIL
        )
        chosen = st.multiselect(
            t("alerts.subscribe_rules"),
            RULES,
            default=list(current.rules),
            format_func=lambda r: t(f"alert_rule.{r}"),
            key=keys.ALERT_SUB_RULES,
        )
        followed = list(current.unit_ids)
        if follows_units:
            followed = st.multiselect(
                t("alerts.subscribe_units"),
                list(names),
                default=[u for u in current.unit_ids if u in names],
                format_func=lambda u: names[u],
                key=keys.ALERT_SUB_UNITS,
            )
        submitted = st.form_submit_button(t("alerts.subscribe_save"), type="primary", key=keys.ALERT_SUB_SAVE)
    if submitted:
        save(subscriptions.save_subscription, user, email, chosen, followed)
