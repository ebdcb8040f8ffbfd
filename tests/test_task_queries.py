"""The tasks page's queries against known tasks, on SQLite and PostgreSQL."""

import dataclasses
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from data_access.tasks import figures as tasks
from data_access.tasks import lists as task_list
from data_access.tasks.detail import task_by_code
from data_access.tasks.filters import TaskFilter
from reports.urging_workbook import build_urging_workbook
from tests import known_tasks as K

MONTH = TaskFilter(K.TODAY, dt.date(2025, 8, 1), K.TODAY)
ALL = TaskFilter(K.TODAY)
CATEGORY_FIELDS = ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")


KNOWN = K  # the conftest's `conn` fixture fills the database with it


def _counts(counts):
    return {k: v for k, v in dataclasses.asdict(counts).items() if k in CATEGORY_FIELDS}


def test_status_picture_this_month_and_a_year_before(conn):
    now = tasks.count_by_category(conn, MONTH)
    before = tasks.count_by_category(conn, MONTH.a_year_before())
    assert _counts(now) == K.MONTH
    assert _counts(before) == K.MONTH_LAST_YEAR
    assert now.total == 10 and now.completion_rate == pytest.approx(0.3)
    assert now.overdue_share == pytest.approx(0.4)
    assert before.total == 3 and before.completion_rate == pytest.approx(1 / 3)


def test_status_picture_of_all_tasks(conn):
    assert _counts(tasks.count_by_category(conn, ALL)) == K.ALL
    assert _counts(tasks.count_by_category(conn, ALL.a_year_before())) == K.ALL_LAST_YEAR


def test_units_ranked_by_overdue_tasks(conn):
    month = [(u.unit_name, u.total, u.overdue) for u in tasks.overdue_by_unit(conn, MONTH)]
    assert month == K.MONTH_RANKING
    everything = tasks.overdue_by_unit(conn, ALL)
    assert [(u.unit_name, u.total, u.overdue) for u in everything] == K.ALL_RANKING
    assert everything[0].overdue_share == pytest.approx(0.5)
    # the ranking ignores the unit filter, so the chosen unit stays among the others
    assert len(tasks.overdue_by_unit(conn, dataclasses.replace(ALL, unit_id=everything[0].unit_id))) == 3


def test_tasks_by_source(conn):
    got = {s.source: (s.total, s.completed, s.overdue) for s in tasks.by_source(conn, MONTH)}
    assert got == K.MONTH_SOURCES


def test_how_long_overdue(conn):
    """Seven days overdue is in 1-7, eight in 8-30; 59 in 31-90; 119 over 90."""
    assert tasks.overdue_ages(conn, MONTH) == K.MONTH_AGES
    assert tasks.overdue_ages(conn, ALL) == K.ALL_AGES


def test_due_soon_ignores_the_period(conn):
    got = task_list.due_soon(conn, dataclasses.replace(MONTH, assigned_from=K.TODAY))
    assert [r.code for r in got] == K.DUE_SOON
    assert [r.days_left for r in got] == [0, 6]


@pytest.mark.parametrize(
    "change, codes",
    [
        ({"category": "open_overdue"}, ["NV-2025-0008", "NV-2025-0007", "NV-2025-0014", "NV-2025-0001"]),
        ({"category": "no_deadline"}, ["NV-2025-0005", "NV-2025-0010"]),
        ({"age": "8-30"}, ["NV-2025-0008", "NV-2025-0007"]),
        ({"source": "government"}, ["NV-2025-0004", "NV-2025-0003"]),
        ({"text": "BÁO CÁO"}, ["NV-2025-0002"]),  # Vietnamese capitals match lower-case text
        ({"text": "nv-2025-0008"}, ["NV-2025-0008"]),
        ({"text": "100%"}, []),  # LIKE wildcards are taken literally
    ],
    ids=["overdue", "no-deadline", "age", "source", "text-title", "text-code", "text-wildcard"],
)
def test_list_filters(conn, change, codes):
    page = task_list.task_page(conn, dataclasses.replace(MONTH, **change))
    assert [r.code for r in page.rows] == codes
    assert page.total == len(codes)


def test_search_over_all_tasks_finds_older_ones(conn):
    page = task_list.task_page(conn, dataclasses.replace(ALL, text="báo cáo"))
    assert sorted(r.code for r in page.rows) == ["NV-2025-0002", "NV-2025-0012"]


def test_list_is_paged_and_sorted(conn):
    first = task_list.task_page(conn, ALL, "code", page=1, page_size=5)
    second = task_list.task_page(conn, ALL, "code", page=2, page_size=5)
    assert (first.total, first.pages) == (17, 4)
    assert [r.code for r in first.rows] == [
        "NV-2024-0001",
        "NV-2024-0002",
        "NV-2024-0003",
        "NV-2024-0004",
        "NV-2025-0001",
    ]
    assert second.rows[0].code == "NV-2025-0002"
    assert task_list.task_page(conn, ALL, "code", page=99, page_size=5).page == 4
    overdue = task_list.task_page(conn, dataclasses.replace(ALL, category="open_overdue"), "due_asc")
    assert [r.days_overdue for r in overdue.rows] == [119, 59, 15, 8, 7, 1]


def test_urging_list_and_its_workbook(conn):
    rows = task_list.urging_list(conn, MONTH)
    assert task_list.urging_summary(conn, MONTH) == (4, 2)
    assert [(r.unit_name, r.code, r.days_overdue, r.urgings) for r in rows] == K.URGING
    assert rows[0].last_urged_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date() == dt.date(2025, 8, 25)
    book = load_workbook(io.BytesIO(build_urging_workbook(rows, K.TODAY)))
    sheet = book.active
    assert sheet.title == "Danh sách đôn đốc"
    assert (sheet["A1"].value, sheet["A2"].value) == ("UBND TỈNH PHÙ SA", "VĂN PHÒNG")  # the heading, then
    assert sheet["A4"].value == "DANH SÁCH NHIỆM VỤ QUÁ HẠN CẦN ĐÔN ĐỐC"
    assert sheet["A5"].value == "Tính đến ngày 28/08/2025"
    assert [c.value for c in sheet[7]][:7] == [
        "STT",
        "Mã nhiệm vụ",
        "Tên nhiệm vụ",
        "Nguồn giao",
        "Ngày giao",
        "Hạn hoàn thành",
        "Số ngày quá hạn",
    ]
    codes = [row[1].value for row in sheet.iter_rows(min_row=8) if isinstance(row[0].value, int)]
    assert codes == [code for _, code, _, _ in K.URGING]
    assert sheet["A8"].value == "Sở Tài chính (3 nhiệm vụ)"
    assert sheet["F9"].value.date() == dt.date(2025, 8, 13) and sheet["F9"].number_format == "dd/mm/yyyy"
    assert sheet["H7"].value == "Gia hạn"  # extensions beside the days overdue
    assert sheet["K9"].value.date() == dt.date(2025, 8, 25)


def test_one_task_in_full(conn):
    detail = task_by_code(conn, "NV-2025-0008", K.TODAY)
    assert (detail.unit_name, detail.source, detail.days_overdue, detail.days_left) == (
        "Sở Tài chính",
        "peoples_council",
        15,
        None,
    )
    assert detail.document_number == "123/UBND-KT"
    assert detail.meeting_title == "Họp nghe báo cáo giải ngân vốn đầu tư công"
    assert [e.kind for e in detail.events] == ["urge", "urge", "report"]  # newest first
    assert task_by_code(conn, "NV-2025-0002", K.TODAY).days_left == 0
    assert task_by_code(conn, "NV-0000-0000", K.TODAY) is None


def test_units_offered_in_the_filter(conn):
    assert [u.name for u in task_list.units_with_tasks(conn)] == ["Sở Tài chính", "Sở Xây dựng", "Xã Mỹ Hòa Hưng"]


def test_search_ignores_case_and_diacritics(conn):
    """ "giai ngan", "GIẢI NGÂN" and "Giải ngân" find the same tasks on both databases; đ is d."""
    from data_access.tasks.filters import TaskFilter as F

    def found(text):
        return sorted(r.code for r in task_list.task_page(conn, F(K.TODAY, text=text), page_size=50).rows)

    assert found("Giải ngân") == ["NV-2025-0002"]
    assert found("giai ngan") == found("GIẢI NGÂN") == found("giải ngan") == ["NV-2025-0002"]
    assert found("ra soat bao cao quyet toan") == ["NV-2025-0012"]
    assert found("nv-2025-0012") == ["NV-2025-0012"]
    assert found("100%") == []  # LIKE's own characters still match only themselves


def test_overdue_month_by_month_against_a_year_before(conn):
    """End of July 2025: tasks 11 and 12 overdue (13 completed); 28/08: the six; a year before: none, then 0002."""
    got = tasks.overdue_trend(conn, K.TODAY, months=2)
    assert [(m.month, m.as_of, m.overdue, m.overdue_last_year) for m in got] == [
        (dt.date(2025, 7, 1), dt.date(2025, 7, 31), 2, 0),
        (dt.date(2025, 8, 1), dt.date(2025, 8, 28), K.ALL["open_overdue"], K.ALL_LAST_YEAR["open_overdue"]),
    ]
    assert len(tasks.overdue_trend(conn, K.TODAY)) == 12


def test_database_strings_are_text_in_the_urging_workbook_never_formulas():
    """A title or unit written "=HYPERLINK(...)" (by another system, or imported) stays text in the file."""
    import zipfile

    from data_access.tasks.extensions import Extensions
    from data_access.tasks.lists import UrgingRow

    evil = '=HYPERLINK("http://127.0.0.1/x","bấm")'
    row = UrgingRow(
        evil, "NV-2025-00001", evil, "chairman", dt.date(2025, 8, 1), dt.date(2025, 8, 2), 26, 0, 0, None, Extensions()
    )
    data = build_urging_workbook([row], dt.date(2025, 8, 28))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "HYPERLINK" in xml
    sheet = load_workbook(io.BytesIO(data)).active
    titles = [c.value for c in sheet["C"]]
    assert evil in titles and all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
