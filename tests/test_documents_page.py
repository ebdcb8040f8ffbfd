"""The documents page through AppTest, and its queries at 400.000 documents on PostgreSQL."""

import time

import pytest
from sqlalchemy import event, text

from tests import known_documents as K
from tests.apptest import metrics, run_app

DOCUMENTS = "app_pages/documents.py"


@pytest.fixture
def docs_url(db_url, engine):
    with engine.begin() as conn:
        K.fill(conn)
    return db_url


def _open(monkeypatch, url, **kwargs):
    at = run_app(monkeypatch, url, K.NOW_ISO, page=DOCUMENTS, **kwargs)
    assert not at.exception, at.exception
    return at


def _numbers(at):
    return list(at.dataframe[-1].value["Số, ký hiệu"])


def test_headline_figures_this_month(monkeypatch, docs_url):
    at = _open(monkeypatch, docs_url)
    got = metrics(at)
    assert got["Văn bản đến"] == ("6", "+5")  # a base of 1 or 2 documents: no percentage
    assert got["Văn bản đi"] == ("3", "+1")
    assert got["Đã ký số"][0] == "77,8%"
    assert got["Xử lý đúng hạn"][0] == "33,3%"
    assert got["Quá hạn chưa xử lý"][0] == "1"
    captions = " ".join(c.value for c in at.caption)
    assert "Cùng kỳ năm trước (01/08/2024 – 28/08/2024): 1 văn bản đến (+5), 1 văn bản đi (+2)" in captions
    assert "Văn bản vào sổ từ 01/08/2025 đến 28/08/2025" in captions


def test_processing_by_unit_and_list(monkeypatch, docs_url):
    at = _open(monkeypatch, docs_url)
    units = at.dataframe[1].value
    assert list(units["Đơn vị"]) == ["Sở Y tế", "Sở Tài chính"]
    assert list(units["Quá hạn chưa xử lý"]) == [1, 0]
    assert _numbers(at) == ["5/D5", "4/D4", "55/KH-UBND", "6/D6", "123/UBND-KT", "3/D3", "101/QĐ-UBND", "2/D2", "1/D1"]


@pytest.mark.parametrize(
    "query, numbers",
    [
        ({"state": "overdue"}, ["3/D3"]),
        ({"dir": "outgoing"}, ["55/KH-UBND", "123/UBND-KT", "101/QĐ-UBND"]),
        ({"urgency": "flash"}, ["4/D4"]),
        ({"issuer": "Tỉnh ủy"}, ["4/D4"]),
        ({"q": "giải ngân"}, ["123/UBND-KT"]),
    ],
)
def test_filters_from_the_url(monkeypatch, docs_url, query, numbers):
    assert _numbers(_open(monkeypatch, docs_url, query=query)) == numbers


def test_one_document_and_its_task(monkeypatch, docs_url):
    at = _open(monkeypatch, docs_url, query={"document": str(K.IDS["o2"])})
    assert at.subheader[0].value == "123/UBND-KT · Công văn"
    links = [link.proto.label for link in at.get("page_link")]
    assert any(label.startswith("NV-2025-0100 · Đẩy nhanh giải ngân") for label in links)


@pytest.mark.parametrize("raw, words", [("987654", "Không tìm thấy văn bản số 987654"), ("abc", "không hợp lệ")])
def test_bad_document_links(monkeypatch, docs_url, raw, words):
    at = _open(monkeypatch, docs_url, query={"document": raw})
    assert words in at.warning[0].value


FILL_400K = text("""
    INSERT INTO documents (direction, number, doc_type, summary, registered_on, urgency, due_on,
                           processed_on, digitally_signed, unit_id, issuer)
    SELECT CASE WHEN g % 3 = 0 THEN 'outgoing' ELSE 'incoming' END, g || '/UBND',
           (ARRAY['Công văn', 'Quyết định', 'Báo cáo', 'Kế hoạch'])[1 + g % 4], 'V/v thử ' || g,
           DATE '2025-08-28' - (g % 540), (ARRAY['normal', 'urgent', 'very_urgent', 'flash'])[1 + g % 4],
           CASE WHEN g % 2 = 0 THEN DATE '2025-08-28' - (g % 540) + 5 END,
           CASE WHEN g % 5 <> 0 THEN DATE '2025-08-28' - (g % 540) + 3 END,
           g % 10 <> 0, :unit, 'Cơ quan ' || (g % 50)
    FROM generate_series(1, 400000) AS g""")


@pytest.mark.postgres
def test_at_400k_documents_no_query_returns_more_rows_than_shown(monkeypatch, migrated):
    """Every statement of a page run returns at most the rows drawn (a month has 31 days x 2 bars), for this
    month and for the year (one fill of 400,000 documents for both)."""
    from data_access.core.engine import get_engine
    from tests.conftest import empty_all_tables

    url = migrated("postgres")
    engine = get_engine(url)
    empty_all_tables(engine)
    with engine.begin() as conn:
        unit = conn.execute(
            text("INSERT INTO units (code, name, kind) VALUES ('SO-X', 'Sở X', 'department') RETURNING id")
        ).scalar_one()
        conn.execute(FILL_400K, {"unit": unit})
        conn.execute(text("ANALYZE documents"))
    try:
        for period in ("month", "year"):
            returned = []

            def count_rows(conn, cursor, statement, parameters, context, executemany, returned=returned):
                if statement.lstrip().upper().startswith("SELECT"):
                    returned.append((cursor.rowcount, statement.split("FROM")[0][:80]))

            event.listen(engine, "after_cursor_execute", count_rows)
            try:
                started = time.perf_counter()
                at = _open(monkeypatch, url, query={"period": period})
                elapsed = time.perf_counter() - started
            finally:
                event.remove(engine, "after_cursor_execute", count_rows)
            assert metrics(at)["Văn bản đến"][0] != "0"
            assert returned, "no statement was seen"
            biggest = max(returned)
            print(f"\n{period}: {len(returned)} statements, largest result {biggest[0]} rows, run {elapsed:.2f} s")
            assert biggest[0] <= 62, (period, biggest)
    finally:
        with engine.begin() as conn:  # the 400,000 at once (its trigger empties the summary), not row by row
            conn.execute(text("TRUNCATE documents CASCADE"))
        empty_all_tables(engine)


def test_the_overdue_backlog_never_hides_behind_the_period(monkeypatch, docs_url):
    """On 01/09 "this month" is one day and holds no overdue document; the backlog still counts
    d3 (due 12/08) and d4 (due 29/08), both unprocessed, with the period's own count beside it."""
    at = run_app(monkeypatch, docs_url, "2025-09-01T08:00:00+07:00", page=DOCUMENTS, query={"period": "month"})
    assert not at.exception
    assert metrics(at)["Quá hạn chưa xử lý"] == ("2", "0 vào sổ trong kỳ")
    default = run_app(monkeypatch, docs_url, "2025-09-01T08:00:00+07:00", page=DOCUMENTS)  # last month, August
    assert metrics(default)["Quá hạn chưa xử lý"] == ("2", "2 vào sổ trong kỳ")
