"""The entry point in production: `streamlit run serve.py` (uvicorn under Streamlit's st.App).

It serves the router app.py unchanged, plus the routes of ui/routes.py that
set the session cookie from the server, HttpOnly. `streamlit run app.py`
still works, without those routes: a login then lasts until the page is
reloaded.

Memory and the collector: `.streamlit/config.toml` turns off the full garbage
collection Streamlit runs after every script run (`runner.postScriptGC`):
over the ~200.000 objects of a warm server it took 145-232 ms of each page,
70 % of the server's time under load. Python's own generational collector
still runs, so cycles are still freed; and the modules every page needs are
imported here once and frozen (`gc.freeze()`), so those collections do not
walk them again. The load benchmark's soak (`python -m benchmarks load
--soak 30`) shows the memory stays bounded.
"""

import gc

import streamlit as st

from ui.routes import serve
from ui.warm import import_app_modules

import_app_modules()
gc.collect()
gc.freeze()

app = st.App("app.py", routes=serve())
