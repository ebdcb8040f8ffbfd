"""The entry point in production: `streamlit run serve.py` (uvicorn under Streamlit's st.App).

It serves the router app.py unchanged, plus the routes of ui/routes.py that
set the session cookie from the server, HttpOnly. `streamlit run app.py`
still works, without those routes: a login then lasts until the page is
reloaded.
"""

import streamlit as st

from ui.routes import serve

app = st.App("app.py", routes=serve())
