"""Importing tasks from an Excel list: every row's problems in the preview; the save is all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from data_access.accounts.users import User
from data_access.core.edit_errors import EditError
from data_access.core.schema import tasks
from data_access.tasks import edits as task_edits
from data_access.tasks.imports import read_tasks
from i18n import CATALOGUES
from reports.task_import_template import build_template
from tests.builders import Office

TODAY = dt.date(2025, 8, 28)
SOURCES = {CATALOGUES["vi"][f"source.{code}"]: code for code in task_edits.TASK_SOURCES}
SPECIALIST = User(2, "mai", "Nguyễn Thị Mai", "specialist", True)


@pytest.fixture
def units(engine):
    with engine.begin() as conn:
        Office(conn).unit(code="SO-TC", name="Sở Tài chính")
        Office(conn).unit(code="SO-XD", name="Sở Xây dựng")


def _sheet(rows, header=("Nội dung nhiệm vụ", "nguon giao", "ĐƠN VỊ CHỦ TRÌ", "Ngày giao", "Hạn xử lý")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _with_member(book: io.BytesIO, name: str, data: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, data if info.filename == name else src.read(info.filename))
    out.seek(0)
    return out


def test_rows_with_their_problems(engine, units):
    sheet = _sheet(
        [
            ("Rà soát hồ sơ đất đai", "Chủ tịch UBND tỉnh", "Sở Tài chính", dt.datetime(2025, 8, 20), "15/09/2025"),
            ("Báo cáo đầu tư công", "chairman", "SO-XD", "01/08/2025", None),
            (None, None, None, None, None),  # blank rows are skipped
            ("", "Bộ Công an", "Sở Không Có", "32/13/2025", "01/07/2025"),
            ("Hạn trước ngày giao", "UBND tỉnh", "so tai chinh", "10/08/2025", "01/08/2025"),
        ]
    )
    with engine.connect() as conn:
        rows = read_tasks(conn, sheet, SOURCES, TODAY)
    assert [r.line for r in rows] == [2, 3, 5, 6]
    assert rows[0].task == task_edits.NewTask(
        "Rà soát hồ sơ đất đai", "chairman", "SO-TC", dt.date(2025, 8, 20), dt.date(2025, 9, 15)
    )
    assert rows[0].problems == [] and rows[1].problems == [] and rows[1].unit_name == "Sở Xây dựng"
    assert [(p.field, p.reason) for p in rows[2].problems] == [
        ("assigned_on", "bad_date"),
        ("unit", "unknown_unit"),  # a name that matches nothing is not "no code"
        ("title", "required"),
        ("source", "unknown_code"),
    ]
    assert [(p.field, p.reason) for p in rows[3].problems] == [("due_on", "before_assigned")]
    assert rows[3].task.unit_code == "SO-TC"  # a name written without diacritics still finds the unit


def test_the_whole_list_is_saved_or_nothing(engine, units):
    with engine.connect() as conn:
        rows = read_tasks(
            conn,
            _sheet(
                [
                    ("Một", "UBND tỉnh", "SO-TC", "01/08/2025", None),
                    ("Hai", "UBND tỉnh", "SO-TC", "02/08/2025", "30/09/2025"),
                ]
            ),
            SOURCES,
            TODAY,
        )
    codes = task_edits.create_tasks(engine, SPECIALIST, [r.task for r in rows], TODAY)
    assert codes == ["NV-2025-0001", "NV-2025-0002"]
    bad = task_edits.NewTask("Ba", "other", "SO-KHONG-CO", TODAY, None)
    with pytest.raises(EditError):
        task_edits.create_tasks(engine, SPECIALIST, [rows[0].task, bad], TODAY)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tasks)).scalar_one() == 2


def test_unusable_files(engine, units):
    with engine.connect() as conn:
        with pytest.raises(EditError, match="file: unreadable"):
            read_tasks(conn, io.BytesIO(b"not a workbook"), SOURCES, TODAY)
        with pytest.raises(EditError, match="file: unreadable"):  # a valid zip, broken XML: no ParseError
            read_tasks(
                conn, _with_member(_sheet([]), "xl/worksheets/sheet1.xml", b"<worksheet><sheetData"), SOURCES, TODAY
            )
        with pytest.raises(EditError) as missing:
            read_tasks(conn, _sheet([], header=("Nội dung nhiệm vụ", "Ngày giao")), SOURCES, TODAY)
    assert missing.value.params["value"] == "Nguồn giao, Đơn vị chủ trì, Hạn xử lý"


def test_the_template_reads_back_with_its_example_refused_and_offers_drop_down_lists(engine, units):
    from openpyxl import load_workbook

    data = build_template("Sở Tài chính", "Chủ tịch UBND tỉnh", TODAY, list(SOURCES), ["Sở Tài chính", "Sở Xây dựng"])
    with engine.connect() as conn:
        rows = read_tasks(conn, io.BytesIO(data), SOURCES, TODAY)
    assert len(rows) == 1 and rows[0].task.source == "chairman" and rows[0].task.unit_code == "SO-TC"
    assert [(p.field, p.reason) for p in rows[0].problems] == [("title", "example_row")]  # never imported as is
    book = load_workbook(io.BytesIO(data))
    lists = book["Danh mục"]
    assert lists.sheet_state == "hidden"
    assert [c.value for c in lists["B"]][1:3] == ["Sở Tài chính", "Sở Xây dựng"]
    assert "Chủ tịch UBND tỉnh" in [c.value for c in lists["A"]]
    rules = {str(v.sqref): v.formula1 for v in book["Nhiệm vụ"].data_validations.dataValidation}
    assert rules["B2:B2001"] == f"'Danh mục'!$A$2:$A${len(SOURCES) + 1}"
    assert rules["C2:C2001"] == "'Danh mục'!$B$2:$B$3"


def test_a_list_already_imported_or_a_repeated_row_is_refused(engine, units):
    rows = [("Một", "UBND tỉnh", "SO-TC", "01/08/2025", None), ("Hai", "UBND tỉnh", "SO-TC", "02/08/2025", None)]
    with engine.connect() as conn:
        first = read_tasks(conn, _sheet(rows), SOURCES, TODAY)
    task_edits.create_tasks(engine, SPECIALIST, [r.task for r in first], TODAY)
    with engine.connect() as conn:
        again = read_tasks(
            conn, _sheet(rows + [("hai ", "UBND tỉnh", "Sở Tài chính", "02/08/2025", None)]), SOURCES, TODAY
        )
    assert [[(p.reason, p.params) for p in r.problems] for r in again] == [
        [("already_saved", {"code": "NV-2025-0001"})],
        [("already_saved", {"code": "NV-2025-0002"})],
        [("repeated_in_file", {"line": 3}), ("already_saved", {"code": "NV-2025-0002"})],
    ]
