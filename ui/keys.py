"""Widget and session-state keys, shared by the pages and the tests.

An edit form's widgets are keyed by the row they edit, e.g. edit_key(TASK_STATUS, 12).
"""

# Shared by every page
PERIOD = "period"  # bound to ?period= in the URL
PERIOD_RANGE = "period_range"
LANGUAGE = "lang"  # ?lang=en, kept for the session
DB_RETRY = "db_retry"
TABLE_NONCE = "_table_nonce"
SHOW_CLICKER = "show_clicker"  # the presenter's keys on a slide show
PENDING_SWITCH = "_pending_switch"  # (page script, query params) for the router to open
FLASH = "_flash"  # a message to show after the rerun that follows a save

# The overview
OVERVIEW_UNITS_TABLE = "overview_units"
OVERVIEW_OLDEST_TABLE = "overview_oldest"

# Signing in
USER = "_user"  # the signed-in data_access.accounts.users.User
SESSION_TOKEN = "_session_token"
COOKIE_TO_SET = "_cookie_to_set"  # a one-time code: send the browser to set the cookie; "": to clear it
PASSWORD_OPEN = "password_open"
PASSWORD_FORM = "password_form"
PASSWORD_CURRENT = "password_current"
PASSWORD_NEW = "password_new"
PASSWORD_REPEAT = "password_repeat"
SIGNED_OUT = "_signed_out"  # this browser session signed out: its old cookie no longer counts
LOGIN_FORM = "login_form"
LOGIN_NAME = "login_name"
LOGIN_PASSWORD = "login_password"
LOGIN_REFUSAL = "_login_refusal"  # why the last attempt was refused, shown after the rerun that drops the password
LOGOUT = "logout"

# The tasks page, a task's drill-down and its edits
TASKS_SCOPE = "tasks_scope"
TASKS_UNIT = "tasks_unit"
TASKS_SOURCE = "tasks_source"
TASKS_TEXT = "tasks_text"
TASKS_CATEGORY = "tasks_category"
TASKS_AGE = "tasks_age"
TASKS_SORT = "tasks_sort"
TASKS_PAGE = "tasks_page"
TASKS_UNIT_CHART = "tasks_unit_chart"
TASKS_AGE_CHART = "tasks_age_chart"
TASKS_SOURCE_TABLE = "tasks_source_table"
TASKS_DUE_SOON_TABLE = "tasks_due_soon"
TASKS_LIST_TABLE = "tasks_list"
TASK_BACK = "task_back"
TASK_SEEN = "task_seen"  # the task as loaded when its form was first shown
TASK_STATUS = "task_status"
TASK_PROGRESS = "task_progress"
TASK_DONE_ON = "task_done_on"
TASK_SAVE = "task_save"
TASK_EVENT_KIND = "task_event_kind"
TASK_EVENT_NOTE = "task_event_note"
TASK_EVENT_SAVE = "task_event_save"
TASK_NEW_DUE = "task_new_due"
TASK_REASON = "task_reason"
TASK_EXTEND = "task_extend"
NEW_TASK_TITLE = "new_task_title"
NEW_TASK_SOURCE = "new_task_source"
NEW_TASK_UNIT = "new_task_unit"
NEW_TASK_ASSIGNED = "new_task_assigned"
NEW_TASK_DUE = "new_task_due"
NEW_TASK_SAVE = "new_task_save"
TASKS_GRID_ON = "tasks_grid_on"
TASKS_GRID = "tasks_grid"
TASKS_GRID_ROWS = "tasks_grid_rows"  # the page's rows as first shown in the grid (their versions)
TASKS_GRID_SAVE = "tasks_grid_save"
TASKS_IMPORT_FILE = "tasks_import_file"
TASKS_IMPORT_SAVE = "tasks_import_save"

# The documents page, a document's drill-down and its edits
DOCS_DIRECTION = "docs_direction"
DOCS_TYPE = "docs_type"
DOCS_URGENCY = "docs_urgency"
DOCS_UNIT = "docs_unit"
DOCS_ISSUER = "docs_issuer"
DOCS_STATE = "docs_state"
DOCS_TEXT = "docs_text"
DOCS_BUCKET = "docs_bucket"
DOCS_SORT = "docs_sort"
DOCS_PAGE = "docs_page"
DOCS_VOLUME_CHART = "docs_volume_chart"
DOCS_TYPE_CHART = "docs_type_chart"
DOCS_URGENCY_CHART = "docs_urgency_chart"
DOCS_ISSUER_TABLE = "docs_issuer_table"
DOCS_UNIT_TABLE = "docs_unit_table"
DOCS_LIST_TABLE = "docs_list"
DOC_BACK = "doc_back"
DOC_SEEN = "doc_seen"
DOC_PROCESSED_ON = "doc_processed_on"
DOC_SAVE = "doc_save"
DOCS_GRID_ON = "docs_grid_on"
DOCS_GRID = "docs_grid"
DOCS_GRID_ROWS = "docs_grid_rows"
DOCS_GRID_SAVE = "docs_grid_save"

# The meetings page, a meeting's drill-down and its edits
MEETINGS_DAY = "meetings_day"
MEETINGS_CALENDAR = "meetings_calendar"
MEETINGS_UPCOMING_TABLE = "meetings_upcoming"
MEETINGS_ONLINE_TABLE = "meetings_online"
MEETINGS_DAY_TABLE = "meetings_day_table"
MEETINGS_MISSED_TABLE = "meetings_missed"
MEETING_BACK = "meeting_back"
MEETING_DAY_CLOSE = "meeting_day_close"
MEETING_SEEN = "meeting_seen"
MEETING_STATUS = "meeting_status"
MEETING_STATUS_SAVE = "meeting_status_save"
MEETING_JOINS = "meeting_joins"
MEETING_JOINS_SAVE = "meeting_joins_save"
NEW_MEETING_TITLE = "new_meeting_title"
NEW_MEETING_KIND = "new_meeting_kind"
NEW_MEETING_DAY = "new_meeting_day"
NEW_MEETING_START = "new_meeting_start"
NEW_MEETING_END = "new_meeting_end"
NEW_MEETING_PLACE = "new_meeting_place"
NEW_MEETING_CHAIR = "new_meeting_chair"
NEW_MEETING_ONLINE = "new_meeting_online"
NEW_MEETING_SAVE = "new_meeting_save"

# The commune points page, a point's drill-down and its check form
POINTS_KIND = "points_kind"
POINTS_STATUS = "points_status"
POINTS_BOARD = "points_board"
POINTS_MAP = "points_map"
POINTS_TROUBLE_TABLE = "points_trouble"
POINT_CHECKS_TABLE = "point_checks"
POINT_MEETINGS_TABLE = "point_meetings"
POINT_BACK = "point_back"
POINT_CHECK_STATUS = "point_check_status"
POINT_CHECK_NOTE = "point_check_note"
POINT_CHECK_SAVE = "point_check_save"

# The audit page
AUDIT_USER = "audit_user"
AUDIT_TABLE = "audit_table"
AUDIT_PAGE = "audit_page"

# The reports page
REPORTS_LETTERS_AS_OF = "reports_letters_as_of"
REPORTS_LETTERS_ONE_FILE = "reports_letters_one_file"
REPORTS_LETTERS_MAKE = "reports_letters_make"
REPORTS_LETTERS_READY = "_reports_letters_ready"  # the letters built before their urgings were saved
REPORTS_PDF_MAKE = "reports_pdf_make"
REPORTS_PDF_READY = "_reports_pdf_ready"  # (what it was made from, its bytes) or (what, the reason it failed)
REPORTS_SETTINGS_FORM = "reports_settings_form"
REPORTS_SETTINGS_SAVE = "reports_settings_save"
REPORTS_SETTING = "reports_setting"  # + the setting's name

# The accounts page
NEW_USER_LOGIN = "new_user_login"
NEW_USER_NAME = "new_user_name"
NEW_USER_ROLE = "new_user_role"
NEW_USER_PASSWORD = "new_user_password"
NEW_USER_SAVE = "new_user_save"
USER_PICK = "user_pick"
USER_ACTION = "user_action"
USER_NEW_PASSWORD = "user_new_password"
USER_ACTION_SAVE = "user_action_save"


# Widgets holding text a user typed into an edit form (with edit_key's suffixes): the database
# message says that such text is kept while it waits (components.shared.db_problem).
TYPED_FIELDS = (
    TASK_EVENT_NOTE,
    TASK_REASON,
    NEW_TASK_TITLE,
    NEW_MEETING_TITLE,
    NEW_MEETING_PLACE,
    NEW_MEETING_CHAIR,
    POINT_CHECK_NOTE,
    NEW_USER_LOGIN,
    NEW_USER_NAME,
)


def edit_key(name: str, row_id, version: int | None = None) -> str:
    """A form widget's key for one row; with the row's version, so that reloading a newer version
    after a conflict draws new widgets holding the current values, never the stale ones typed before."""
    return f"{name}_{row_id}" if version is None else f"{name}_{row_id}_v{version}"


# Hành chính công (/services) and the units' page (/units)
SERVICES_FIELDS_TABLE = "services_fields"
SERVICES_UNITS_TABLE = "services_units"
SERVICES_OVERDUE_TABLE = "services_overdue"
SERVICES_INDEX_TABLE = "services_index"
SERVICES_TREND_CHART = "services_trend"
SERVICES_BACK = "services_back"
SERVICES_OPEN_PROCEDURE = "services_open_procedure"
SERVICES_IMPORT_KIND = "services_import_kind"
SERVICES_IMPORT_FILE = "services_import_file"
SERVICES_IMPORT_SAVE = "services_import_save"
UNITS_RANKING_TABLE = "units_ranking"
UNITS_SORT = "units_sort"
UNITS_BACK = "units_back"
UNITS_OVERDUE_TABLE = "units_overdue"
UNITS_DOSSIERS_TABLE = "units_dossiers"
UNITS_CHECKS_TABLE = "units_checks"
UNITS_MISSED_TABLE = "units_missed"
# Watch and warn: "Cần chú ý" on the overview, /alerts, the pre-meeting check
OVERVIEW_ALERTS_TABLE = "overview_alerts"
ALERTS_RULE = "alerts_rule"  # bound to ?rule=
ALERTS_UNIT = "alerts_unit"  # bound to ?unit=
ALERTS_PAGE = "alerts_page"
ALERTS_TABLE = "alerts_table"
ALERT_RULE_FORM = "alert_rule_form"  # edit_key(ALERT_RULE_FORM, rule)
ALERT_RULE_ENABLED = "alert_rule_enabled"
ALERT_RULE_PARAM = "alert_rule_param"  # edit_key(ALERT_RULE_PARAM, f"{rule}.{name}")
ALERT_RULE_SAVE = "alert_rule_save"
ALERT_SUB_FORM = "alert_sub_form"
ALERT_SUB_EMAIL = "alert_sub_email"
ALERT_SUB_RULES = "alert_sub_rules"
ALERT_SUB_UNITS = "alert_sub_units"
ALERT_SUB_SAVE = "alert_sub_save"
PREMEETING_POINT = "premeeting_point"  # edit_key(PREMEETING_POINT, meeting id)
PREMEETING_STATUS = "premeeting_status"
PREMEETING_SAVE = "premeeting_save"
PREMEETING_FORM = "premeeting_form"
