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


def test_the_periods_an_office_reports_on_first_days_included():
    from data_access.core.periods import PERIOD_KINDS, current_period, default_period, previous_period

    dec1, jan1 = dt.date(2026, 12, 1), dt.date(2027, 1, 1)
    got = {k: (current_period(k, dec1).start, current_period(k, dec1).end) for k in PERIOD_KINDS if k != "custom"}
    assert got["last_month"] == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert got["last_quarter"] == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert got["first_half"] == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert got["last_30_days"] == (dt.date(2026, 11, 2), dt.date(2026, 12, 1))
    assert got["month"] == (dec1, dec1)
    last_quarter = current_period("last_quarter", jan1)
    assert (last_quarter.start, last_quarter.end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    before = previous_period(last_quarter)
    assert (before.start, before.end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    before = previous_period(current_period("last_month", dt.date(2026, 3, 5)))  # February: the whole January
    assert (before.start, before.end) == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    half = previous_period(current_period("first_half", dec1))
    assert (half.start, half.end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    # a default that always holds data; a one-day period is not compared, a week to date is
    assert [default_period(d) for d in (dec1, jan1, dt.date(2026, 12, 7), dt.date(2026, 12, 8))] == [
        "last_month",
        "last_month",
        "last_month",
        "month",
    ]
    assert not current_period("month", dec1).comparable and current_period("last_month", dec1).comparable
    assert current_period("week", dec1).comparable


def test_comparison_labels_carry_the_year_and_a_zero_change_is_neutral(monkeypatch):
    from components.shared.kpi import is_zero_change
    from i18n import fmt_range

    today = dt.date(2026, 12, 1)
    assert fmt_range(dt.date(2026, 10, 1), dt.date(2026, 10, 23), today) == "01/10 – 23/10"
    assert fmt_range(dt.date(2025, 1, 1), dt.date(2025, 12, 1), today) == "01/01/2025 – 01/12/2025"
    assert fmt_range(dt.date(2025, 12, 3), dt.date(2026, 1, 1), today) == "03/12/2025 – 01/01/2026"
    assert [is_zero_change(d) for d in ("0", "+0", "0,00", "0; 0,0%", "+2", "-0,31", None, "từ 23/11")] == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        False,
    ]
