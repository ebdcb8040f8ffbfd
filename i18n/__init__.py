"""Every user-facing string and number format goes through here.

`t("nav.overview")` looks the message up in the catalogue of the current
language (Vietnamese by default, English second); the `fmt_*` functions
format numbers and dates with Babel for that language (vi: 12.996, 82,08,
28/08/2025). The language is a context variable, set by app.py at the start
of every script run, so concurrent sessions never see each other's choice.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from data_access.core import clock
from data_access.core.clock import VN_TZ
from i18n.catalogues import merged

CATALOGUES = {"vi": merged("vi"), "en": merged("en")}
LANGUAGES = tuple(CATALOGUES)
DEFAULT_LANGUAGE = "vi"
BABEL_LOCALES = {"vi": "vi_VN", "en": "en_GB"}
DATE_INPUT_FORMAT = "DD/MM/YYYY"  # how date pickers and date columns show a day, in both languages

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


def set_language(lang: str) -> None:
    _language.set(lang if lang in CATALOGUES else DEFAULT_LANGUAGE)


def language() -> str:
    return _language.get()


def t(key: str, **params) -> str:
    """The message `key` in the current language; a missing English text falls back to Vietnamese."""
    text = CATALOGUES[language()].get(key) or CATALOGUES[DEFAULT_LANGUAGE][key]
    return text.format(**params) if params else text


def known(key: str) -> bool:
    """Whether the catalogue has `key` (codes written by other systems may have no label)."""
    return key in CATALOGUES[DEFAULT_LANGUAGE]


def _locale() -> str:
    return BABEL_LOCALES[language()]


def fmt_int(value: int) -> str:
    return format_decimal(value, format="#,##0", locale=_locale())


def fmt_decimal(value: float, digits: int = 2) -> str:
    return format_decimal(value, format="#,##0." + "0" * digits, locale=_locale())


def fmt_signed_int(value: int) -> str:
    """+12, -3, 0: the sign st.metric reads to draw its arrow."""
    return ("+" if value > 0 else "") + fmt_int(value)


def fmt_signed_decimal(value: float, digits: int = 2) -> str:
    return ("+" if value > 0 else "") + fmt_decimal(value, digits)


def fmt_percent(fraction: float, digits: int = 1) -> str:
    return fmt_decimal(fraction * 100, digits) + "%"


def fmt_date(day: dt.date) -> str:
    return format_date(day, "dd/MM/yyyy", locale=_locale())


def fmt_short_date(day: dt.date) -> str:
    return format_date(day, "dd/MM", locale=_locale())


def fmt_datetime(instant: dt.datetime) -> str:
    """An instant as wall-clock time in Vietnam, whatever the server's zone: 14:30 28/08/2025."""
    return format_datetime(instant, "HH:mm dd/MM/yyyy", tzinfo=VN_TZ, locale=_locale())


def fmt_time_span(start: dt.datetime, end: dt.datetime | None = None) -> str:
    """A meeting's time in Vietnam: 08:00–10:30 28/08/2025, or 08:00 28/08/2025 when it has no end."""
    begins = start.astimezone(VN_TZ)
    ends = f"–{end.astimezone(VN_TZ):%H:%M}" if end else ""
    return f"{begins:%H:%M}{ends} {fmt_date(begins.date())}"


def fmt_range(start: dt.date, end: dt.date, today: dt.date | None = None) -> str:
    """Two days of a comparison: 01/10 – 23/10 within the current year, with the years otherwise
    (01/01/2025 – 01/12/2025), so a label never leaves the reader to guess which year."""
    this_year = (today or clock.today_vn()).year
    if start.year == end.year == this_year:
        return f"{fmt_short_date(start)} – {fmt_short_date(end)}"
    return f"{fmt_date(start)} – {fmt_date(end)}"


def fmt_extensions(count: int, original_due_on: dt.date | None) -> str | None:
    """ "Đã gia hạn 2 lần, hạn ban đầu 24/06/2025" (or without the first deadline when unknown); None if never."""
    if not count:
        return None
    if original_due_on is None:
        return t("task.extended_one" if count == 1 else "task.extended", count=fmt_int(count))
    key = "task.extended_from_one" if count == 1 else "task.extended_from"
    return t(key, count=fmt_int(count), date=fmt_date(original_due_on))
