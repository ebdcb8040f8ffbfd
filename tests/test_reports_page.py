"""The reports page (issue 19): the preview equals the dashboard's figures, the letters record urgings,
the office's details are an administrator's; the figures of a period on both databases; the CLI. The known office
is filled with the known public services (tests/known_report_services.py): the preview's public-service row is
/services' figures; without public-service data it is not drawn."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from data_access.accounts import settings as office
from data_access.accounts.users import User
from data_access.core.config import PROJECT_ROOT
from data_access.core.edit_errors import EditError, Forbidden
from data_access.core.periods import current_period
from data_access.core.schema import audit_log, task_events
from data_access.overview.report import report_figures
from data_access.tasks import edits as task_edits
from data_access.tasks.filters import TaskFilter
from data_access.tasks.lists import urging_list
from tests import known_office, known_report_services
from tests.apptest import metrics, run_app
from tests.known_office import EXPECTED, NOW, NOW_ISO, TODAY
from tests.known_report_services import EXPECTED as SERVICES
from ui import keys

PAGE = "app_pages/reports.py"
AUGUST = current_period("custom", TODAY, dt.date(2025, 8, 1), TODAY)
SUMMER = current_period("custom", TODAY, dt.date(2025, 7, 1), TODAY)
SPECIALIST = User(900, "chuyenvien", "Nguyễn Thị Mai", "specialist", True)
VIEWER = User(901, "xem", "Phạm Thu Hà", "viewer", True)
ADMIN = User(902, "quantri", "Lê Hoàng Nam", "admin", True)


@pytest.fixture
def office_url(db_url, engine):
    with engine.begin() as conn:
        known_office.fill(conn)
        known_report_services.fill(conn)  # public services only: the office's own figures stay the known office's
    return db_url


def test_the_figures_of_a_period_are_the_pages_figures(engine, office_url):
    with engine.connect() as conn:
        f = report_figures(conn, AUGUST, NOW)
    assert (f.documents.volume.incoming, f.documents.volume.outgoing) == (EXPECTED["incoming"], EXPECTED["outgoing"])
    assert (f.meeting_load.meetings, f.meeting_load.working_days) == (
        EXPECTED["period_meetings"],
        EXPECTED["period_working_days"],
    )
    assert (f.points.connected, f.points.total) == (EXPECTED["points"]["connected"], 6)
    assert f.as_of == TODAY and f.last_year.start == dt.date(2024, 8, 1)
    assert sum(u.overdue for u in f.overdue_units) == f.overdue_now == EXPECTED["overdue_now"]
    with engine.connect() as conn:
        summer = report_figures(conn, SUMMER, NOW)
    assert summer.documents.volume.incoming >= f.documents.volume.incoming


def test_the_page_previews_the_figures_of_the_period(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="specialist", state={keys.PERIOD: "month"})
    assert not at.exception
    got = metrics(at)
    assert got["Văn bản đến"][0] == str(EXPECTED["incoming"])
    assert got["Văn bản phát hành"][0] == str(EXPECTED["outgoing"])
    assert got["Cuộc họp, hội nghị phục vụ"][0] == str(EXPECTED["period_meetings"])
    assert got["Cuộc họp mỗi ngày làm việc"][0] == "0,30"  # 6 meetings over 20 working days, as the overview
    assert got["Điểm cầu đang kết nối"][0] == "50,0%"  # 3 of 6
    assert got["Nhiệm vụ quá hạn hôm nay (giao bất kỳ lúc nào)"][0] == str(EXPECTED["overdue_now"])  # the overview's
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Báo cáo (Word)", "Trình chiếu (PowerPoint)"]  # the PDF is made by its own button first
    assert any(b.label == "Tạo bản PDF" for b in at.button)
    assert any(s.value == "Công văn đôn đốc" for s in at.subheader)
    # public services, as /services counts August: 8 received, 2 of 4 resolved on time, 2 overdue, 5 online
    assert SERVICES[dt.date(2025, 8, 1)]["now"].received == 8
    assert got["Hồ sơ hành chính công tiếp nhận"][0] == "8"
    assert got["Hồ sơ giải quyết đúng hạn"][0] == "50,0%"
    assert got["Hồ sơ đang quá hạn"][0] == "2"
    assert got["Tiếp nhận trực tuyến"][0] == "62,5%"
    assert got["Chỉ số phục vụ tháng 07/2025"] == ("82,08", "xếp thứ 16/34")


def test_without_public_service_data_the_preview_has_no_services_row(monkeypatch, db_url, engine):
    with engine.begin() as conn:
        known_office.fill(conn)
    at = run_app(monkeypatch, db_url, NOW_ISO, page=PAGE, role="viewer", state={keys.PERIOD: "month"})
    assert not at.exception
    got = metrics(at)
    assert got["Văn bản đến"][0] == str(EXPECTED["incoming"])
    assert not any(label.startswith(("Hồ sơ", "Chỉ số", "Tiếp nhận")) for label in got)


def test_a_viewer_gets_the_report_but_no_letters(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="viewer")
    assert not at.exception
    assert not any(s.value == "Công văn đôn đốc" for s in at.subheader)
    with pytest.raises(Forbidden):
        task_edits.record_urging_letters(None, VIEWER, ["X"], "x")


def test_a_specialist_makes_the_letters_and_every_task_listed_is_urged(monkeypatch, office_url, engine):
    with engine.connect() as conn:
        listed = urging_list(conn, TaskFilter(TODAY))
        before = conn.execute(select(func.count()).where(task_events.c.kind == "urge")).scalar_one()
    assert len(listed) == EXPECTED["overdue_now"]
    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="specialist")
    at.button(key=keys.REPORTS_LETTERS_MAKE).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        urged = conn.execute(
            select(task_events.c.task_id, task_events.c.note).where(task_events.c.kind == "urge")
        ).all()
        audited = conn.execute(select(func.count()).where(audit_log.c.action == "add_urge")).scalar_one()
    assert len(urged) == before + len(listed)
    assert audited == len(listed)
    assert all("28/08/2025" in note for _, note in urged[before:])
    assert any("Đã ghi đôn đốc vào lịch sử của 5 nhiệm vụ" in s.value for s in at.success)
    assert "Tải công văn đôn đốc" in [b.label for b in at.get("download_button")]


def test_the_letters_are_all_or_nothing(engine, office_url):
    with pytest.raises(EditError) as refused:
        task_edits.record_urging_letters(engine, SPECIALIST, ["NV-KHONG-CO"], "x")
    assert refused.value.item == "NV-KHONG-CO"
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).where(task_events.c.kind == "urge")).scalar_one() == 0


def test_the_office_details_are_an_administrators_and_audited(engine, office_url):
    assert office.read_office_settings(engine) == office.OfficeSettings()
    with pytest.raises(Forbidden):
        office.save_office_settings(engine, SPECIALIST, {"province": "An Giang"})
    office.save_office_settings(engine, ADMIN, {"province": "An Giang", "signer_name": "Trần Thị Bích"})
    saved = office.read_office_settings(engine)
    assert (saved.province, saved.signer_name, saved.office_symbol) == ("An Giang", "Trần Thị Bích", "VP")
    with engine.connect() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "update_settings")).one()
    assert "An Giang" in row.after and "Phù Sa" in row.before


def test_an_administrator_edits_the_details_on_the_page(monkeypatch, office_url, engine):
    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="admin")
    at.text_input(key=f"{keys.REPORTS_SETTING}_province").input("An Giang")
    at.button(key=keys.REPORTS_SETTINGS_SAVE).click().run()
    assert not at.exception and not at.error
    assert office.read_office_settings(engine).province == "An Giang"


def _cli(url: str, *args: str):
    return subprocess.run(
        [sys.executable, "-m", "reports", *args],
        cwd=PROJECT_ROOT,
        env={"DATABASE_URL": url, "OFFICE_FROZEN_NOW": NOW_ISO, "PATH": "/usr/bin:/bin", "HOME": "/tmp"},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.mark.parametrize("suffix", [".docx", ".pptx"])
def test_the_command_line_writes_the_report(office_url, tmp_path, suffix):
    out = tmp_path / f"bao-cao{suffix}"
    done = _cli(office_url, "summary", "--from", "2025-08-01", "--to", "2025-08-28", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 5000 and "Đã ghi" in done.stdout


def test_the_command_line_explains_bad_input(office_url, tmp_path):
    wrong = _cli(office_url, "summary", "--from", "2025-08-28", "--to", "2025-08-01", "--out", str(tmp_path / "x.docx"))
    assert wrong.returncode == 1 and "phải trước" in wrong.stderr and "Traceback" not in wrong.stderr
    odd = _cli(office_url, "summary", "--from", "2025-08-01", "--to", "2025-08-28", "--out", str(tmp_path / "x.txt"))
    assert odd.returncode == 1 and ".txt" in odd.stderr and "Traceback" not in odd.stderr


def test_the_command_line_writes_one_letter_per_unit_and_records_the_urgings(office_url, engine, tmp_path):
    with engine.connect() as conn:
        units = {r.unit_name for r in urging_list(conn, TaskFilter(TODAY))}
    done = _cli(office_url, "urging-letters", "--as-of", "2025-08-28", "--out", str(tmp_path / "letters"))
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "letters").glob("*.docx"))) == len(units)
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.user_login).where(audit_log.c.action == "add_urge")).scalars().all()
    assert len(rows) == EXPECTED["overdue_now"] and all(login.startswith("cli:") for login in rows)


def test_the_pdf_is_made_by_a_tap_then_offered_and_a_failure_is_said_not_an_empty_file(monkeypatch, office_url):
    """LibreOffice takes seconds and may fail after the check that it is there: the PDF is made in the page
    run, so a failure gets a message (and the Word file stays offered) instead of an empty download."""
    import reports.pdf

    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="specialist", state={keys.PERIOD: "month"})
    next(b for b in at.button if b.label == "Tạo bản PDF").click().run(timeout=120)
    assert not at.exception
    assert any(b.label == "Báo cáo (PDF)" for b in at.get("download_button"))
    ready = at.session_state[keys.REPORTS_PDF_READY]
    assert isinstance(ready[1], bytes) and ready[1].startswith(b"%PDF") and len(ready[1]) > 10_000

    def broken(_docx, timeout=60):
        raise reports.pdf.PdfUnavailable("pdf_failed", "soffice crashed")

    monkeypatch.setattr(reports.pdf, "docx_to_pdf", broken)
    at = run_app(monkeypatch, office_url, NOW_ISO, page=PAGE, role="specialist", state={keys.PERIOD: "quarter"})
    next(b for b in at.button if b.label == "Tạo bản PDF").click().run(timeout=60)
    assert not at.exception
    assert any("Chưa tạo được PDF" in e.value and "bản Word" in e.value for e in at.error)
    assert [b.label for b in at.get("download_button")] == ["Báo cáo (Word)", "Trình chiếu (PowerPoint)"]
