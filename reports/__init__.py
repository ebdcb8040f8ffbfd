"""Files the dashboard hands out (Excel lists), built from data_access rows; no Streamlit."""
