"""The documents page's queries against known documents, on SQLite and PostgreSQL."""

import dataclasses
import datetime as dt

import pytest

from data_access.documents import detail as document_detail
from data_access.documents import figures as documents
from data_access.documents import lists as document_list
from data_access.documents.filters import DocumentFilter
from tests import known_documents as K

MONTH = DocumentFilter(K.TODAY, dt.date(2025, 8, 1), K.TODAY)


KNOWN = K  # the conftest's `conn` fixture fills the database with it


def test_volumes_now_before_and_a_year_ago(conn):
    assert dataclasses.asdict(documents.volume(conn, MONTH.registered_from, MONTH.registered_to)) == K.VOLUME
    assert dataclasses.asdict(documents.volume(conn, dt.date(2025, 7, 1), dt.date(2025, 7, 28))) == K.PREVIOUS
    assert dataclasses.asdict(documents.volume(conn, dt.date(2024, 8, 1), dt.date(2024, 8, 28))) == K.LAST_YEAR


def test_volume_series_by_week_and_month(conn):
    quarter = MONTH.between(dt.date(2025, 7, 1), K.TODAY)
    assert documents.grain_for(quarter.registered_from, quarter.registered_to) == "week"
    weeks = documents.volume_series(conn, quarter, "week")
    assert [(p.start.isoformat(), p.direction, p.count) for p in weeks] == K.QUARTER_WEEKS
    months = documents.volume_series(conn, MONTH.between(dt.date(2025, 1, 1), K.TODAY), "month")
    assert [(p.start.isoformat(), p.direction, p.count) for p in months] == [
        ("2025-07-01", "incoming", 1),
        ("2025-07-01", "outgoing", 2),
        ("2025-08-01", "incoming", 6),
        ("2025-08-01", "outgoing", 3),
    ]
    days = documents.volume_series(conn, MONTH, "day")
    assert sum(p.count for p in days) == 9 and days[0].start == dt.date(2025, 8, 1)


def test_what_they_are(conn):
    assert [(s.key, s.incoming, s.outgoing) for s in documents.by_type(conn, MONTH)] == K.BY_TYPE
    assert {s.key: (s.incoming, s.outgoing) for s in documents.by_urgency(conn, MONTH)} == K.BY_URGENCY
    assert [(s.key, s.total) for s in documents.top_issuers(conn, MONTH)] == K.ISSUERS


def test_processing_on_deadline_late_overdue_pending(conn):
    got = documents.processing_counts(conn, MONTH)
    assert dataclasses.asdict(got) == K.PROCESSING
    assert got.on_time_share == pytest.approx(1 / 3)
    by_unit = documents.processing_by_unit(conn, MONTH)
    assert [(u.unit_name, u.total, u.on_time, u.late, u.overdue) for u in by_unit] == K.BY_UNIT


def test_processing_as_it_stood_on_a_past_day(conn):
    """On 06/08 the document processed on 07/08 was still unprocessed and past its deadline."""
    got = documents.processing_counts(
        conn, DocumentFilter(dt.date(2025, 8, 6), dt.date(2025, 8, 1), dt.date(2025, 8, 6))
    )
    assert (got.on_time, got.late, got.overdue, got.pending) == (1, 0, 0, 1)
    got = documents.processing_counts(
        conn, DocumentFilter(dt.date(2025, 8, 7), dt.date(2025, 8, 1), dt.date(2025, 8, 7))
    )
    assert (got.on_time, got.late) == (1, 1)


def test_signed_share(conn):
    got = documents.signed_share(conn, MONTH)
    assert (got.signed, got.total) == K.SIGNED


@pytest.mark.parametrize(
    "change, numbers",
    [
        ({"state": "overdue"}, ["3/D3"]),
        ({"state": "late"}, ["6/D6", "2/D2"]),
        ({"direction": "outgoing"}, ["55/KH-UBND", "123/UBND-KT", "101/QĐ-UBND"]),
        ({"urgency": "flash"}, ["4/D4"]),
        ({"doc_type": "Giấy mời"}, ["5/D5"]),
        ({"issuer": "Tỉnh ủy"}, ["4/D4"]),
        ({"text": "GIẢI NGÂN"}, ["123/UBND-KT"]),
        ({"text": "ubnd-kt"}, ["123/UBND-KT"]),
    ],
    ids=["overdue", "late", "outgoing", "flash", "type", "issuer", "text-summary", "text-number"],
)
def test_list_filters(conn, change, numbers):
    page = document_list.document_page(conn, dataclasses.replace(MONTH, **change))
    assert [r.number for r in page.rows] == numbers
    assert page.total == len(numbers)


def test_list_is_paged(conn):
    page = document_list.document_page(conn, MONTH, "registered_asc", page=2, page_size=4)
    assert (page.total, page.pages, page.page) == (9, 3, 2)
    assert [r.number for r in page.rows] == ["123/UBND-KT", "6/D6", "55/KH-UBND", "4/D4"]


def test_one_document_with_the_tasks_it_assigned(conn):
    detail = document_detail.document_by_id(conn, K.IDS["o2"], K.TODAY)
    assert (detail.number, detail.direction, detail.digitally_signed) == ("123/UBND-KT", "outgoing", True)
    assert [t.code for t in detail.tasks] == ["NV-2025-0100"]
    overdue = document_detail.document_by_id(conn, K.IDS["d3"], K.TODAY)
    assert (overdue.state, overdue.unit_name, overdue.issuer) == ("overdue", "Sở Y tế", "Văn phòng Chính phủ")
    assert document_detail.document_by_id(conn, 987654321, K.TODAY) is None


def test_search_ignores_case_and_diacritics(conn):
    """ "day nhanh giai ngan" finds "V/v đẩy nhanh giải ngân vốn đầu tư công"; numbers match without case."""

    def numbers(text):
        page = document_list.document_page(conn, dataclasses.replace(MONTH, text=text))
        return sorted(r.number for r in page.rows)

    assert numbers("day nhanh giai ngan") == numbers("ĐẨY NHANH GIẢI NGÂN") == ["123/UBND-KT"]
    assert numbers("ubnd-kt") == ["123/UBND-KT"]
