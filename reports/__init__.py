"""Files the dashboard hands out (Excel lists), built from data_access rows; no Streamlit."""

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
