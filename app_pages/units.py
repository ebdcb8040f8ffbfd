"""Đơn vị: one unit's whole picture (?unit=CODE), and every unit side by side for the emulation review."""

import streamlit as st

st.stop()
