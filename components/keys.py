"""Widget and session-state keys, shared by the pages and the tests."""

PERIOD = "period"  # bound to ?period= in the URL
PERIOD_RANGE = "period_range"
LANGUAGE = "lang"  # ?lang=en, kept for the session
DB_RETRY = "db_retry"
