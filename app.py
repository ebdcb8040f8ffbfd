"""The router: page config, language, the database check, login, the shared period filter, navigation.

Run with `streamlit run app.py`. With nothing configured it creates the
embedded SQLite database with the demo province on first start. Nothing but
the login form shows until someone signs in; the pages offered follow the
role. Any page with ?mode=present becomes the slide show for a projector.
"""

import streamlit as st

import i18n
from components.overview.show import run_show
from components.shared.db_problem import show_database_problem
from components.shared.login import login_form, user_menu
from components.shared.period_filter import period_filter
from components.shared.theme import tablet_style
from data_access.accounts.permissions import MANAGE_USERS, READ_AUDIT, may
from data_access.core import clock
from data_access.core.config import database_read_url, database_url, demo_accounts_file, is_embedded
from data_access.core.errors import DatabaseProblem
from i18n import t
from ui import keys
from ui import session as accounts
from ui.db import open_database
from ui.language import chosen_language, with_language
from ui.saving import show_flash
from ui.startup import ensure_ready, first_start_done, is_ready, wait_for_first_start


def _demo_hint(url: str, building: bool = False) -> str | None:
    """Where the demo accounts' passwords are, for the embedded demo database only (while the first start
    builds it, the file is about to be written)."""
    if is_embedded(url) and (building or demo_accounts_file().exists()):
        return t("login.demo_hint", path=demo_accounts_file())
    return None


def _first_start(url: str, db) -> None:
    """The login form at once while the demo is built in the background; a sign-in waits for the build."""
    st.navigation(_pages(None), position="hidden")
    st.title(t("app.title"))

    @st.fragment(run_every=2)
    def progress() -> None:
        try:
            done = first_start_done(url)
        except DatabaseProblem as problem:  # said once; the build is tried again a while later
            st.error(t(f"db.{problem.reason}"), icon=":material/error:")
            return
        if done:
            st.success(t("first_start_done"), icon=":material/check_circle:")
        else:
            st.info(t("first_start"), icon=":material/hourglass_top:")

    def sign_in(login: str, password: str) -> None:
        wait_for_first_start(url)
        accounts.sign_in(db, login, password)

    try:
        progress()
        login_form(sign_in, _demo_hint(url, building=True))
    except DatabaseProblem as problem:
        show_database_problem(problem, lambda: is_ready(url, db))
    st.stop()


def _pages(role: str | None) -> list:
    """The pages a role may open: the audit trail for leaders and administrators, accounts for administrators."""
    pages = [
        st.Page("app_pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:", default=True),
        st.Page("app_pages/tasks.py", title=t("nav.tasks"), icon=":material/assignment_late:", url_path="tasks"),
        st.Page(
            "app_pages/documents.py", title=t("nav.documents"), icon=":material/description:", url_path="documents"
        ),
        st.Page("app_pages/meetings.py", title=t("nav.meetings"), icon=":material/groups:", url_path="meetings"),
        st.Page(
            "app_pages/points.py", title=t("nav.points"), icon=":material/settings_input_antenna:", url_path="points"
        ),
        st.Page(
            "app_pages/services.py", title=t("nav.services"), icon=":material/account_balance:", url_path="services"
        ),
        st.Page("app_pages/units.py", title=t("nav.units"), icon=":material/apartment:", url_path="units"),
    ]
    pages.append(
        st.Page("app_pages/alerts.py", title=t("nav.alerts"), icon=":material/notifications:", url_path="alerts")
    )
    pages.append(
        st.Page("app_pages/reports.py", title=t("nav.reports"), icon=":material/summarize:", url_path="reports")
    )
    if role is None or may(role, READ_AUDIT):  # before login all are known, so /audit survives signing in
        pages.append(st.Page("app_pages/audit.py", title=t("nav.audit"), icon=":material/history:", url_path="audit"))
    if role is None or may(role, MANAGE_USERS):
        pages.append(
            st.Page("app_pages/users.py", title=t("nav.users"), icon=":material/manage_accounts:", url_path="users")
        )
    return pages


i18n.set_language(chosen_language())
st.set_page_config(
    page_title=t("app.title"), page_icon=":material/account_balance:", layout="wide", initial_sidebar_state="collapsed"
)
presenting = st.query_params.get("mode") == "present"
tablet_style()

url = database_url()
db = open_database(url, database_read_url())  # the one handle every page reads and writes through (ui.db.current)
db.begin_run()  # the data version is read again: any write since the last run, by anyone, is seen
try:
    if not first_start_done(url):
        _first_start(url, db)
    ensure_ready(url, db)
    user = accounts.signed_in_user(db)
except DatabaseProblem as problem:
    show_database_problem(problem, lambda: is_ready(url, db))
    st.stop()
accounts.write_cookie()
if user is None:  # the pages are registered (hidden) so that a bookmarked /tasks?task=… opens after login
    st.navigation(_pages(None), position="hidden")
    st.title(t("app.title"))
    try:
        login_form(lambda login, password: accounts.sign_in(db, login, password), _demo_hint(url))
    except DatabaseProblem as problem:
        show_database_problem(problem, lambda: is_ready(url, db))
    st.stop()

presenting = presenting or user.role == accounts.DISPLAY_ROLE  # a projector's account shows the slides only
navigation = st.navigation(_pages(user.role), position="hidden" if presenting else "top")
if presenting:
    # A display account's show keeps its session alive; any other's ends at the idle limit.
    run_show(lambda: accounts.signed_in_user(db, activity=user.role == accounts.DISPLAY_ROLE))
    st.stop()
pending = st.session_state.pop(keys.PENDING_SWITCH, None)
if pending:  # a tap on another page's item (a commune point on the meetings page)
    st.switch_page(pending[0], query_params=with_language(pending[1]))
with st.container(horizontal=True, vertical_alignment="center"):
    st.title(navigation.title)
    try:
        user_menu(
            user,
            lambda: accounts.sign_out(db),
            lambda current_password, new_password: accounts.change_password(db, current_password, new_password),
        )
    except DatabaseProblem as problem:
        show_database_problem(problem, lambda: is_ready(url, db))
        st.stop()
show_flash()
if db.read_only():  # the primary is down: the replica's figures, no saving until it is back
    st.warning(t("db.read_only_banner"), icon=":material/edit_off:")
drill_down = any(st.query_params.get(p) for p in ("task", "document", "meeting", "point", "procedure", "dossier"))
if not drill_down and navigation.url_path not in ("users", "alerts"):  # no period on one item, accounts, alerts
    period_filter(clock.today_vn())
try:
    navigation.run()
except DatabaseProblem as problem:
    show_database_problem(problem, lambda: is_ready(url, db))
