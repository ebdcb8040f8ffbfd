"""The import on /services for specialists: an export of the procedure system, its preview (what saving
would do, every problem with its line and column), and one save. An upload is read once per file."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from data_access.services import imports
from data_access.services.imports import ImportFileError, ImportPlan
from i18n import fmt_int, t
from ui import keys
from ui.display import plain_md
from ui.saving import save

PARSED = f"_{keys.SERVICES_IMPORT_FILE}_parsed"  # (file id, kind, plan or the refusal) of the upload read last


def summary_text(plan: ImportPlan) -> str:
    return t(
        "svcimport.summary",
        rows=fmt_int(plan.rows),
        new=fmt_int(len(plan.new)),
        changed=fmt_int(len(plan.changed)),
        unchanged=fmt_int(plan.unchanged),
        refused=fmt_int(plan.refused_lines),
    )


def _parsed_once(upload, kind: str, preview: Callable) -> ImportPlan | ImportFileError:
    kept = st.session_state.get(PARSED)
    if kept is not None and kept[:2] == (upload.file_id, kind):
        return kept[2]
    try:
        result = preview(kind, upload, upload.name)
    except ImportFileError as refused:
        result = refused
    st.session_state[PARSED] = (upload.file_id, kind, result)
    return result


def service_import(user, preview: Callable[[str, object, str], ImportPlan]) -> None:
    with st.expander(t("svcimport.title"), icon=":material/upload_file:"):
        st.caption(t("svcimport.hint"))
        kind = st.segmented_control(
            t("svcimport.kind"),
            imports.KINDS,
            default="dossiers",
            key=keys.SERVICES_IMPORT_KIND,
            format_func=lambda k: t(f"svcimport.kind_{k}"),
        )
        upload = st.file_uploader(t("svcimport.file"), type=["xlsx", "csv"], key=keys.SERVICES_IMPORT_FILE)
        if upload is None or kind is None:
            st.session_state.pop(PARSED, None)
            return
        plan = _parsed_once(upload, kind, preview)
        if isinstance(plan, ImportFileError):
            st.error(t(f"svcimport.{plan.reason}", value=plain_md(plan.value)), icon=":material/error:")
            return
        st.markdown(summary_text(plan))
        if plan.problems:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("import.line"): [p.line for p in plan.problems],
                        t("svcimport.column"): [t(f"svccol.{p.column}") for p in plan.problems],
                        t("import.problems"): [t(f"svcimport.{p.reason}", value=p.value) for p in plan.problems],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
            if plan.problem_count > len(plan.problems):
                st.caption(t("svcimport.more_problems", count=fmt_int(plan.problem_count - len(plan.problems))))
        if not plan.writes:
            st.caption(t("svcimport.nothing"))
            return
        label = "svcimport.save_valid" if plan.refused_lines else "svcimport.save"
        if st.button(
            t(label, count=fmt_int(plan.writes)),
            type="primary",
            icon=":material/upload:",
            key=keys.SERVICES_IMPORT_SAVE,
        ):
            save(
                imports.save_import,
                user,
                plan,
                skip_refused=True,
                forget_after=[keys.SERVICES_IMPORT_FILE, PARSED],
            )
