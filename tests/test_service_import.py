"""Importing the procedure system's exports: row by row checks, idempotent by code, audited, 50,000 rows fast."""

import csv
import datetime as dt
import io
import time
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

from data_access.__main__ import main
from data_access.accounts.users import User
from data_access.core.edit_errors import Forbidden
from data_access.core.schema import audit_log, dossiers, procedures, service_index
from data_access.services import imports
from data_access.services.figures import index_now
from tests import known_services as S

KNOWN = S
SPECIALIST = User(1, "chuyenvien", "Chuyên viên", "specialist", True)
VIEWER = User(2, "nguoixem", "Người xem", "viewer", True)
HEADER = ["Mã hồ sơ", "Mã thủ tục", "Đơn vị", "Hình thức", "Tại trung tâm", "Ngày tiếp nhận", "Hạn trả kết quả",
          "Ngày trả kết quả", "Kết quả"]  # fmt: skip


def _csv(rows, header=HEADER) -> io.BytesIO:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode("utf-8-sig"))


ROWS = [
    ["HS-N1", "1.000001", S.DEPT, "Trực tuyến", "có", "01/08/2025", "10/08/2025", "09/08/2025", "Chấp thuận"],
    ["HS-N2", "1.000005", S.COMMUNE_NAME, "counter", "", "2025-08-02", "", "", ""],  # a name for the unit
    ["HS-D1", "1.000001", S.DEPT, "online", "x", "2025-08-01", "2025-08-10", "2025-08-10", "approved"],  # as stored
]


def _plan(conn, kind, stream, name="tep.csv"):
    return imports.read_import(conn, kind, stream, name)


def test_preview_then_save_then_again(conn, engine):
    plan = _plan(conn, "dossiers", _csv(ROWS))
    assert (plan.rows, len(plan.new), len(plan.changed), plan.unchanged, plan.refused_lines) == (3, 2, 0, 1, 0)
    conn.commit()
    done = imports.save_import(engine, SPECIALIST, plan)
    assert (done.inserted, done.updated) == (2, 0)
    with engine.connect() as c:
        row = c.execute(select(dossiers).where(dossiers.c.code == "HS-N2")).one()
        assert (row.unit_id, row.channel, row.at_centre, row.due_on, row.outcome) == (
            S.IDS["commune"],
            "counter",
            False,
            None,
            None,
        )
        again = _plan(c, "dossiers", _csv(ROWS))
        assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 3)  # idempotent
        trail = c.execute(
            select(audit_log.c.action, audit_log.c.user_login).where(audit_log.c.table_name == "dossiers")
        ).all()
        assert trail == [("import_dossiers", "chuyenvien")] * 2
        changed = [r[:] for r in ROWS]
        changed[1][7], changed[1][8] = "20/08/2025", "Từ chối"  # the dossier was resolved since
        plan = _plan(c, "dossiers", _csv(changed))
    assert (len(plan.new), len(plan.changed), plan.unchanged) == (0, 1, 2)
    imports.save_import(engine, SPECIALIST, plan)
    with engine.connect() as c:
        row = c.execute(select(dossiers.c.resolved_on, dossiers.c.outcome).where(dossiers.c.code == "HS-N2")).one()
        assert tuple(row) == (dt.date(2025, 8, 20), "refused")
        assert (
            c.execute(select(func.count()).select_from(dossiers).where(dossiers.c.code.like("HS-N%"))).scalar_one() == 2
        )
        last = c.execute(select(audit_log.c.before, audit_log.c.after).order_by(audit_log.c.id.desc()).limit(1)).one()
        assert '"resolved_on": null' in last.before and '"2025-08-20"' in last.after


def test_rows_refused_with_their_line_and_column(conn, engine):
    bad = [
        ["HS-B1", "9.999999", S.DEPT, "online", "", "01/08/2025", "", "", ""],  # line 2: unknown procedure
        ["HS-B2", "1.000001", "XA-KHONG-CO", "fax", "", "31/02/2025", "", "", ""],  # line 3: unit, channel, date
        ["HS-B3", "1.000001", S.DEPT, "online", "", "10/08/2025", "01/08/2025", "", "approved"],  # line 4
        ["", "1.000001", S.DEPT, "online", "", "10/08/2025", "", "", ""],  # line 5: no code
        ["HS-OK", "1.000001", S.DEPT, "online", "", "10/08/2025", "", "", ""],  # line 6: fine
        ["HS-OK", "1.000001", S.DEPT, "online", "", "10/08/2025", "", "", ""],  # line 7: repeats line 6
        ["", "", "", "", "", "", "", "", ""],  # blank: skipped
    ]
    plan = _plan(conn, "dossiers", _csv(bad))
    got = {(p.line, p.column, p.reason) for p in plan.problems}
    assert got == {
        (2, "procedure", "unknown_procedure"),
        (3, "unit", "unknown_unit"),
        (3, "channel", "bad_value"),
        (3, "received_on", "bad_value"),
        (4, "due_on", "before_received"),
        (4, "outcome", "outcome_while_open"),
        (5, "code", "required"),
        (7, "code", "repeated_in_file"),
    }
    assert (plan.rows, plan.refused_lines, len(plan.new)) == (6, 5, 1)
    conn.commit()
    with pytest.raises(imports.ImportRefused):
        imports.save_import(engine, SPECIALIST, plan)
    with pytest.raises(Forbidden):
        imports.save_import(engine, VIEWER, plan, skip_refused=True)
    assert imports.save_import(engine, SPECIALIST, plan, skip_refused=True).inserted == 1


def test_a_file_without_its_columns(conn):
    with pytest.raises(imports.ImportFileError) as refused:
        _plan(conn, "dossiers", _csv([["x"]], header=["Mã hồ sơ", "Ghi chú"]))
    assert refused.value.reason == "missing_columns" and "procedure" in refused.value.value
    with pytest.raises(imports.ImportFileError):
        _plan(conn, "dossiers", io.BytesIO(b"not a zip"), "tep.xlsx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (20 * 1024 * 1024))  # 20 MB of zeros: 1000 to 1
    with pytest.raises(imports.ImportFileError):
        _plan(conn, "dossiers", io.BytesIO(bomb.getvalue()), "bom.xlsx")


def _xlsx(header, rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_procedures_and_index_from_excel(conn, engine):
    plan = _plan(
        conn,
        "procedures",
        _xlsx(
            [
                "Mã thủ tục",
                "Tên thủ tục",
                "Cấp thực hiện",
                "Lĩnh vực",
                "Cơ quan chủ quản",
                "Dịch vụ công trực tuyến",
                "Ngày công khai",
            ],  # fmt: skip
            [
                [
                    "2.000100",
                    "Đăng ký khai sinh",
                    "Cấp xã",
                    "Hộ tịch",
                    S.DEPT_NAME,
                    "Toàn trình",
                    dt.datetime(2025, 1, 2),
                ],
                ["1.000001", "Thủ tục 1.000001 (sửa tên)", "province", "Đất đai", S.DEPT, "full", "01/01/2025"],
            ],
        ),
        "thu-tuc.xlsx",
    )
    assert (len(plan.new), len(plan.changed), plan.refused_lines) == (1, 1, 0)
    conn.commit()
    imports.save_import(engine, SPECIALIST, plan)
    index_rows = [
        ["2025-08-15", "", "Tổng điểm", "84,5", "100", 14, 34],  # any day names its month
        ["31/08/2025", "", "transparency", 18.5, 18, "", ""],  # over its maximum: refused
        ["2025-07-31", "", "total", "82.08", "100", 16, 34],  # as stored: unchanged
    ]
    with engine.connect() as c:
        assert (
            c.execute(select(procedures.c.name).where(procedures.c.code == "1.000001"))
            .scalar_one()
            .endswith("(sửa tên)")
        )
        plan = _plan(
            c,
            "index",
            _xlsx(["Tháng", "Đơn vị", "Thành phần", "Điểm", "Điểm tối đa", "Xếp hạng", "Trên tổng số"], index_rows),
            "chi-so.xlsx",
        )
    assert [(p.line, p.column, p.reason) for p in plan.problems] == [(3, "score", "out_of_range")]
    assert (len(plan.new), len(plan.changed), plan.unchanged) == (0, 1, 1)  # August's total is there already
    imports.save_import(engine, SPECIALIST, plan, skip_refused=True)
    with engine.connect() as c:
        now = index_now(c, dt.date(2025, 8, 31))
        assert (now.total.score, now.total.rank) == (84.5, 14)
        assert c.execute(select(func.count()).select_from(service_index)).scalar_one() == 11


def test_the_command_line(conn, engine, db_url, monkeypatch, tmp_path, capsys):
    conn.commit()
    monkeypatch.setenv("DATABASE_URL", db_url)
    path = tmp_path / "ho-so.csv"
    path.write_bytes(_csv(ROWS).getvalue())
    assert main(["import", "dossiers", str(path), "--dry-run"]) == 0
    assert "3 dòng: 2 mới, 0 thay đổi, 1 không đổi, 0 bị từ chối." in capsys.readouterr().out
    assert main(["import", "dossiers", str(path)]) == 0
    assert "Đã ghi: 2 mới, 0 cập nhật" in capsys.readouterr().out
    assert main(["import", "dossiers", str(path)]) == 0
    assert "Không có gì để ghi" in capsys.readouterr().out
    bad = tmp_path / "loi.csv"
    bad.write_bytes(_csv([["HS-Z", "9.9", S.DEPT, "online", "", "01/08/2025", "", "", ""]]).getvalue())
    assert main(["import", "dossiers", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "Dòng 2, cột «Mã thủ tục»: không có thủ tục mã «9.9»" in err and "chưa ghi gì" in err
    with engine.connect() as c:
        trail = c.execute(select(audit_log.c.user_login).where(audit_log.c.action == "import_dossiers")).scalars().all()
    assert len(trail) == 2 and all(login.startswith("cli:") for login in trail)


def test_fifty_thousand_rows_in_under_a_minute_and_again_without_duplicates(conn, engine):
    conn.commit()
    first = dt.date(2025, 1, 1)
    rows = []
    for n in range(50_000):
        day = first + dt.timedelta(days=n % 200)
        resolved = (day + dt.timedelta(days=n % 12)).isoformat() if n % 5 else ""
        rows.append(
            [f"000.00.12.H01-{n:06d}", "1.000001" if n % 3 else "1.000005", S.DEPT if n % 2 else S.COMMUNE,
             "online" if n % 2 else "counter", "1" if n % 4 == 0 else "0", day.isoformat(),
             (day + dt.timedelta(days=10)).isoformat(), resolved, "approved" if resolved else ""]
        )  # fmt: skip
    data = _csv(rows).getvalue()
    started = time.perf_counter()
    with engine.connect() as c:
        plan = _plan(c, "dossiers", io.BytesIO(data))
    assert (len(plan.new), plan.refused_lines) == (50_000, 0)
    imports.save_import(engine, SPECIALIST, plan)
    first_run = time.perf_counter() - started
    started = time.perf_counter()
    with engine.connect() as c:
        again = _plan(c, "dossiers", io.BytesIO(data))
    second_run = time.perf_counter() - started
    assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 50_000)
    with engine.connect() as c:
        assert (
            c.execute(select(func.count()).select_from(dossiers).where(dossiers.c.code.like("000.%"))).scalar_one()
            == 50_000
        )
        audited = c.execute(select(func.count()).select_from(audit_log).where(audit_log.c.action == "import_dossiers"))
        assert audited.scalar_one() == 50_000
    print(f"\n50,000 dossiers on {engine.dialect.name}: preview and save {first_run:.1f} s, again {second_run:.1f} s")
    assert first_run < 60 and second_run < 60


def test_rows_written_straight_into_the_tables_are_read(conn, engine):
    """Another system writes only the contract's columns; the queries and the import see them."""
    with engine.begin() as c:
        procedure = c.execute(
            text(
                "INSERT INTO procedures (code, name, level, published_on) "
                "VALUES ('9.000001', 'Thủ tục ngoài', 'commune', '2025-01-01') RETURNING id"
            )
        ).scalar_one()
        c.execute(
            text(
                "INSERT INTO dossiers (code, procedure_id, unit_id, channel, received_on) "
                "VALUES ('HS-NGOAI', :p, :u, 'post', '2025-08-03')"
            ),
            {"p": procedure, "u": S.IDS["commune"]},
        )
    with engine.connect() as c:
        plan = _plan(c, "dossiers", _csv([["HS-NGOAI", "9.000001", S.COMMUNE, "post", "", "03/08/2025", "", "", ""]]))
    assert plan.unchanged == 1 and not plan.writes
