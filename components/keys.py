"""Widget and session-state keys, shared by the pages and the tests."""

PERIOD = "period"  # bound to ?period= in the URL
PERIOD_RANGE = "period_range"
LANGUAGE = "lang"  # ?lang=en, kept for the session
DB_RETRY = "db_retry"

# The tasks page
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
TASK_TABLE_NONCE = "_task_table_nonce"
TASK_BACK = "task_back"
