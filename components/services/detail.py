"""One procedure (/services?procedure=CODE) or one dossier (/services?dossier=CODE) in full."""

from __future__ import annotations

import streamlit as st

from components.services.sections import UNITS_PAGE, dossier_kpis
from components.shared.detail_frame import back_button, field, share_link
from data_access.services.detail import DossierDetail, ProcedureDetail
from i18n import fmt_date, fmt_int, t
from ui import keys
from ui.display import plain_md
from ui.language import with_language

PAGE = "app_pages/services.py"


def procedure_view(found: ProcedureDetail | None, code: str) -> None:
    back_button(t("services.procedure_back"), "procedure", keys.SERVICES_BACK)
    if found is None:
        st.warning(t("services.procedure_not_found", code=plain_md(code[:60])), icon=":material/search_off:")
        return
    st.subheader(plain_md(found.name))
    st.badge(
        t("services.in_force") if found.in_force else t("services.not_in_force"),
        color="green" if found.in_force else "gray",
    )
    with st.container(horizontal=True, wrap=True, gap="small"):
        field(t("services.field_code"), found.code)
        field(t("services.field_level"), t(f"svclevel.{found.level}"))
        field(t("services.field_field"), found.field or t("services.none"))
        field(t("services.field_owner"), found.unit_name or t("services.none"))
        field(t("services.field_online"), t(f"svconline.{found.online}"))
        field(t("services.field_published"), fmt_date(found.published_on))
        if found.withdrawn_on:
            field(t("services.field_withdrawn"), fmt_date(found.withdrawn_on))
    if found.unit_code:
        st.page_link(
            UNITS_PAGE,
            label=t("services.open_unit", name=plain_md(found.unit_name)),
            query_params=with_language({"unit": found.unit_code}),
            icon=":material/apartment:",
        )
    st.markdown(f"#### {t('services.procedure_dossiers')}")
    dossier_kpis(found.dossiers, None)
    share_link(t("services.share_caption"), "procedure", found.code, PAGE)


def _open_procedure(code: str) -> None:
    if "dossier" in st.query_params:
        del st.query_params["dossier"]
    st.query_params["procedure"] = code


def dossier_view(found: DossierDetail | None, code: str) -> None:
    back_button(t("services.procedure_back"), "dossier", keys.SERVICES_BACK)
    if found is None:
        st.warning(t("services.dossier_not_found", code=plain_md(code[:60])), icon=":material/search_off:")
        return
    st.subheader(t("services.dossier_title", code=plain_md(found.code)))
    state = t(f"svccat.{found.category}")
    if found.days_overdue is not None:
        state += " · " + t("services.days_overdue", days=fmt_int(found.days_overdue))
    if found.days_late is not None:
        state += " · " + t("services.days_late", days=fmt_int(found.days_late))
    colour = {"open_overdue": "red", "resolved_late": "orange", "open_in_time": "blue"}.get(found.category, "green")
    st.badge(state, color=colour)
    with st.container(horizontal=True, wrap=True, gap="small"):
        field(t("services.field_procedure"), f"{found.procedure_code} · {found.procedure_name}")
        field(t("services.field_unit"), found.unit_name)
        field(t("services.field_channel"), t(f"svcchannel.{found.channel}"))
        field(t("services.field_centre"), t("services.yes") if found.at_centre else t("services.no"))
        field(t("services.field_received"), fmt_date(found.received_on))
        field(t("services.field_due"), fmt_date(found.due_on) if found.due_on else t("services.none"))
        field(t("services.field_resolved"), fmt_date(found.resolved_on) if found.resolved_on else t("services.none"))
        field(t("services.field_outcome"), t(f"svcoutcome.{found.outcome}") if found.outcome else t("services.none"))
    st.button(  # the same page: a link to it would be a no-op, so the parameters change in place
        t("services.open_procedure", code=plain_md(found.procedure_code)),
        icon=":material/gavel:",
        key=keys.SERVICES_OPEN_PROCEDURE,
        on_click=_open_procedure,
        args=(found.procedure_code,),
    )
    st.page_link(
        UNITS_PAGE,
        label=t("services.open_unit", name=plain_md(found.unit_name)),
        query_params=with_language({"unit": found.unit_code}),
        icon=":material/apartment:",
    )
    share_link(t("services.share_caption"), "dossier", found.code, PAGE)
