"""Hệ thống thông tin: the office's own systems by their latest probe, with their failures of the week."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from data_access.probe.systems import SystemState
from i18n import fmt_datetime, t


def systems_table(systems: Sequence[SystemState]) -> None:
    st.caption(t("isys.caption"))
    if not systems:
        st.info(t("isys.none"))
        return
    col = {n: t(f"isys.col_{n}") for n in ("system", "status", "checked", "latency", "failures", "last_failure")}
    st.dataframe(
        pd.DataFrame(
            {
                col["system"]: [s.name for s in systems],
                col["status"]: [t(f"pstatus.{s.status}") for s in systems],
                col["checked"]: [fmt_datetime(s.checked_at) if s.checked_at else "" for s in systems],
                col["latency"]: [s.latency_ms for s in systems],
                col["failures"]: [s.failures for s in systems],
                col["last_failure"]: [fmt_datetime(s.last_failure_at) if s.last_failure_at else "" for s in systems],
            }
        ),
        hide_index=True,
        column_config={  # about 700 px: a tablet in portrait shows every column
            col["system"]: st.column_config.TextColumn(width=210),
            col["status"]: st.column_config.TextColumn(width=95),
            col["checked"]: st.column_config.TextColumn(width=125),
            col["latency"]: st.column_config.NumberColumn(width=75),
            col["failures"]: st.column_config.NumberColumn(width=75),
            col["last_failure"]: st.column_config.TextColumn(width=125),
        },
    )
