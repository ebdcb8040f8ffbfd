"""Style the theme in .streamlit/config.toml cannot express: finger-sized tap targets on
tablets, and the large, high-contrast type of the presentation mode."""

from __future__ import annotations

import streamlit as st

TABLET_CSS = """
<style>
/* Tap targets of at least 44 px: buttons, segmented controls, pills, selects. */
.stButton button, .stDownloadButton button, button[data-variant="segmented_control"],
button[data-variant="pills"], [data-testid="stSelectbox"] div[data-baseweb="select"] > div,
[data-testid="stTextInput"] input, [data-testid="stPageLink"] a { min-height: 44px; }
[data-testid="stTopNavLink"] { min-height: 44px; display: flex; align-items: center; }
/* Every control a finger uses is at least 44 px: the pager, toggles, a table's toolbar, date pickers, sliders. */
[data-testid="stPagination"] button { min-height: 44px; min-width: 44px; }
[data-testid="stPopover"] button, [data-testid="stSelectbox"] input, [data-testid="stSelectbox"] button,
[data-testid="stMultiSelect"] input, [data-testid="stTextArea"] textarea, [data-testid="stNumberInput"] input,
[data-testid="stFileUploader"] button { min-height: 44px; }
[data-testid="stCheckbox"] label, [data-testid="stToggle"] label, .stToggle label, .stCheckbox label {
  min-height: 44px; display: flex; align-items: center; }
[data-testid="stElementToolbar"] button { min-height: 44px; min-width: 44px; }
[data-testid="stDateInput"] input, [data-testid="stDateInput"] button, [data-testid="stTimeInput"] input {
  min-height: 44px; }
[data-testid="stSlider"] [role="slider"] { width: 32px !important; height: 32px !important; }
[data-testid="stSlider"] > div > div { min-height: 44px; }
/* The title right under the menu, so a 1024x768 tablet shows the headline cards on its first screen. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
/* A segmented control with many choices (the periods) wraps to a second line instead of scrolling out of sight. */
[data-testid="stButtonGroup"] [role="radiogroup"] { flex-wrap: wrap; overflow-x: visible; row-gap: 4px; }
</style>
"""

PRESENTATION_CSS = """
<style>
/* No sidebar, toolbar, header or anything to touch; large type readable from 10 metres. */
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
.stApp { background: #ffffff; color: #000000; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
/* Every text at least 28 px, figures 80 px, black on white or on a pale tint (contrast above 7:1). */
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 80px !important;
  line-height: 1.1; font-weight: 700; color: #000000 !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  font-size: 32px !important; color: #000000 !important; }
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *, [data-testid="stMetricDeltaDescription"],
[data-testid="stMetricDeltaDescription"] * { font-size: 28px !important; color: #000000 !important; }
[data-testid="stMetricDelta"] svg { width: 28px !important; height: 28px !important; }
[data-testid="stTooltipIcon"], [data-testid="stElementToolbar"] { display: none !important; }
h1 { font-size: 56px !important; color: #000000 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 28px !important; color: #000000 !important; opacity: 1 !important; }
[data-testid="stAlertContainer"], [data-testid="stAlertContainer"] * {
  font-size: 28px !important; color: #000000 !important; }
[data-testid="stMetric"] { padding: 12px 16px; }
</style>
"""


def tablet_style() -> None:
    st.html(TABLET_CSS)


def presentation_style() -> None:
    st.html(PRESENTATION_CSS)
