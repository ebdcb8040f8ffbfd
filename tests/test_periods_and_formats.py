"""Reporting periods, working days, the Vietnamese clock and the number formats."""

import datetime as dt

import pytest

import i18n
from data_access.core import clock
from data_access.core.periods import current_period, previous_period, same_period_last_year, working_days
from i18n import fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent, fmt_signed_int, t

D = dt.date


@pytest.mark.parametrize(
    "kind, start, end, prev_start, prev_end",
    [
        ("week", D(2025, 8, 25), D(2025, 8, 28), D(2025, 8, 18), D(2025, 8, 21)),
        ("month", D(2025, 8, 1), D(2025, 8, 28), D(2025, 7, 1), D(2025, 7, 28)),
        ("quarter", D(2025, 7, 1), D(2025, 8, 28), D(2025, 4, 1), D(2025, 5, 28)),
        ("year", D(2025, 1, 1), D(2025, 8, 28), D(2024, 1, 1), D(2024, 8, 28)),
    ],
)
def test_periods_to_date_and_the_one_before(kind, start, end, prev_start, prev_end):
    period = current_period(kind, D(2025, 8, 28))
    assert (period.start, period.end) == (start, end)
    before = previous_period(period)
    assert (before.start, before.end) == (prev_start, prev_end)


def test_month_end_is_clipped():
    before = previous_period(current_period("month", D(2025, 3, 31)))
    assert (before.start, before.end) == (D(2025, 2, 1), D(2025, 2, 28))


def test_custom_period_compares_with_the_same_length_before():
    period = current_period("custom", D(2025, 8, 28), D(2025, 8, 11), D(2025, 8, 20))
    before = previous_period(period)
    assert (before.start, before.end) == (D(2025, 8, 1), D(2025, 8, 10))
    assert same_period_last_year(period).start == D(2024, 8, 11)
    with pytest.raises(ValueError):
        current_period("custom", D(2025, 8, 28), D(2025, 8, 20), D(2025, 8, 11))


def test_working_days_monday_to_friday():
    assert working_days(D(2025, 8, 1), D(2025, 8, 28)) == 20
    assert working_days(D(2025, 8, 30), D(2025, 8, 31)) == 0  # a weekend
    assert working_days(D(2025, 8, 25), D(2025, 8, 31)) == 5
    assert working_days(D(2025, 8, 2), D(2025, 8, 1)) == 0


def test_today_is_vietnamese(monkeypatch):
    """At 18:00 UTC it is already tomorrow in Vietnam."""
    monkeypatch.setenv(clock.FROZEN_NOW_ENV, "2025-08-27T18:00:00+00:00")
    assert clock.today_vn() == D(2025, 8, 28)
    assert clock.vn_midnight_utc(D(2025, 8, 28)).isoformat() == "2025-08-27T17:00:00+00:00"


def test_vietnamese_formats():
    i18n.set_language("vi")
    assert fmt_int(12996) == "12.996"
    assert fmt_decimal(82.08) == "82,08"
    assert fmt_decimal(0.93) == "0,93"
    assert fmt_date(D(2025, 8, 28)) == "28/08/2025"
    assert fmt_datetime(dt.datetime(2025, 8, 28, 7, 30, tzinfo=dt.UTC)) == "14:30 28/08/2025"
    assert fmt_percent(0.1234) == "12,3%"
    assert fmt_signed_int(1200) == "+1.200" and fmt_signed_int(-3) == "-3" and fmt_signed_int(0) == "0"


def test_english_is_the_second_language():
    i18n.set_language("en")
    try:
        assert fmt_int(12996) == "12,996"
        assert t("kpi.overdue") == "Overdue tasks"
    finally:
        i18n.set_language("vi")
    assert t("kpi.overdue") == "Nhiệm vụ quá hạn"


def test_catalogues_have_the_same_keys_and_placeholders():
    import string

    vi, en = i18n.CATALOGUES["vi"], i18n.CATALOGUES["en"]
    assert set(vi) == set(en)
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key in vi:
        assert fields(vi[key]) == fields(en[key]), key
