"""The Word and PDF files handed out: the office's report and the urging letters, in the form of Decree 30.

The known office (tests/known_office.py, seen 28/08/2025 09:00) and two more lead units with tasks overdue
since 30/06 (assigned 01/06, before both periods, so the periods' task counts stay the known office's), one
named "=HYPERLINK(...)" with a task titled "**x** …", on SQLite and PostgreSQL. The report for August and for
July-August is read back with python-docx: every figure in the text and the annex equals the ReportFigures
value written as Vietnamese write it (checked against EXPECTED where the known office says), the heading and
signature blocks, the page, margins, fonts and sizes, database text kept as text. The letters: one file or a
zip, the annex rows equal to the urging list. The PDF (LibreOffice, once per file for the module): pages,
fonts embedded, every glyph in Liberation Serif, the texts; page 1 of each goes to SCREENSHOT_DIR (default
artifacts/screenshots) as report-page1.png and letter-page1.png, and its heading blocks and margins are
measured on the picture. Beside the known office, the known public services (tests/known_report_services.py):
section V and Biểu số 05 equal /services' figures and the known answers; without public-service data neither
is written. The PDF's page with section V goes to SCREENSHOT_DIR as report-services.png.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
import subprocess
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader
from sqlalchemy import insert

from data_access.accounts.settings import OfficeSettings
from data_access.core.config import PROJECT_ROOT
from data_access.core.engine import dispose_engine, get_engine
from data_access.core.migrate import upgrade
from data_access.core.periods import Period
from data_access.core.schema import procedures
from data_access.overview.report import report_figures
from data_access.services.figures import dossier_counts, index_now, procedures_published, units_by_late
from data_access.services.filters import DossierFilter
from data_access.tasks.filters import TaskFilter
from data_access.tasks.lists import urging_list
from i18n import fmt_date, fmt_decimal, fmt_int, fmt_percent, fmt_signed_int, t
from reports import decree30, pdf
from reports.conference_report import build_report_docx
from reports.decree30 import count
from reports.urging_letters import build_urging_letter, build_urging_letters, letter_file_name
from tests import known_office, known_report_services
from tests.builders import Office
from tests.known_office import EXPECTED as E
from tests.known_office import NOW, TODAY
from tests.known_report_services import EXPECTED as S
from tests.known_report_services import HOSTILE, JUSTICE

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", PROJECT_ROOT / "artifacts" / "screenshots"))
EVIL = '=HYPERLINK("http://127.0.0.1/x","bấm")'
MARKDOWN = "**x** Rà soát, báo cáo [kết quả](http://127.0.0.1/y) =1+1"
LONG = (
    "Chủ trì, phối hợp với các sở, ban, ngành và UBND các xã, phường, đặc khu rà soát toàn bộ hồ sơ đất đai, "
    "đề xuất phương án tháo gỡ vướng mắc trong công tác bồi thường, hỗ trợ, tái định cư các dự án trọng điểm"
)
SLASHED = "Ban Quản lý các khu công nghiệp / Khu kinh tế: Phù Sa*"
AUGUST = Period("custom", dt.date(2025, 8, 1), TODAY)
JULY_AUGUST = Period("custom", dt.date(2025, 7, 1), TODAY)
PERIODS = [pytest.param(AUGUST, id="august"), pytest.param(JULY_AUGUST, id="july-august")]
SETTINGS = OfficeSettings(signer_name="Trần Thị Bình")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CATEGORIES = ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")


def _fill(conn) -> None:
    known_office.fill(conn)
    known_report_services.fill(conn)  # public services only: the office's own figures stay the known office's
    o = Office(conn)
    for name, titles in ((EVIL, (MARKDOWN, LONG)), (SLASHED, ("Rà soát quy hoạch",))):
        unit = o.unit("department", name)
        for title in titles:
            o.task(unit, due_on=dt.date(2025, 6, 30), assigned_on=dt.date(2025, 6, 1), title=title)


KNOWN = SimpleNamespace(fill=_fill)  # the conftest's `conn` fixture fills the database with it


# ---------------------------------------------------------------- reading the files back


def _open(data: bytes):
    return Document(io.BytesIO(data))


def _body(doc) -> str:
    """The paragraphs outside tables, one per line."""
    return "\n".join(p.text for p in doc.paragraphs)


def _rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def _texts(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def _run_of(cell, text: str):
    return next(r for p in cell.paragraphs for r in p.runs if r.text == text)


def _annexes(doc) -> list:
    """The bordered tables, in order (the heading and the signature are borderless)."""
    found = []
    for table in doc.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        if borders is not None and borders.find(qn("w:top")).get(qn("w:val")) == "single":
            found.append(table)
    return found


def _width_mm(table) -> float:
    return sum(int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iterchildren(qn("w:gridCol"))) / 1440 * 25.4


def _report(conn, period: Period, number: str | None = None):
    figures = report_figures(conn, period, NOW)
    return figures, _open(build_report_docx(figures, SETTINGS, TODAY, number))


def _units_of(rows) -> list[str]:
    return list(dict.fromkeys(r.unit_name for r in rows))


def _letter_rows(rows) -> list[list[str]]:
    return [
        [
            fmt_int(i),
            r.code,
            r.title,
            t(f"source.{r.source}"),
            fmt_date(r.due_on),
            fmt_int(r.days_overdue),
            fmt_int(r.urgings),
        ]
        for i, r in enumerate(rows, start=1)
    ]


# ---------------------------------------------------------------- the report: figures


@pytest.mark.parametrize("period", PERIODS)
def test_every_figure_in_the_text_is_the_dashboards(conn, period):
    f, doc = _report(conn, period)
    text = _body(doc)
    d, m, load, tasks, p = f.documents, f.meetings, f.meeting_load, f.tasks, f.points
    expected = [
        f"tiếp nhận {count(d.volume.incoming)} văn bản đến, phát hành {count(d.volume.outgoing)} văn bản đi.",
        f"(từ ngày {fmt_date(f.last_year.start)} đến ngày {fmt_date(f.last_year.end)}: {count(d.last_year.incoming)} "
        f"văn bản đến, {count(d.last_year.outgoing)} văn bản đi)",
        f"xử lý đúng hạn {count(d.processing.on_time)}, xử lý trễ hạn {count(d.processing.late)}, quá hạn chưa xử "
        f"lý {count(d.processing.overdue)}, chưa đến hạn {count(d.processing.pending)}; ngoài ra có "
        f"{count(d.processing.no_deadline)} văn bản đến không có hạn xử lý.",
        f"đến ngày 28/08/2025 còn {count(d.backlog_overdue)} văn bản đến quá hạn chưa xử lý.",
        f"Tỷ lệ văn bản được ký số đạt {fmt_percent(d.signed.share)} ({count(d.signed.signed)}/"
        f"{count(d.signed.total)} văn bản trong kỳ).",
        f"phục vụ {count(load.meetings)} cuộc họp, hội nghị của UBND tỉnh, tiếp đón {count(m.delegations)} đoàn "
        f"công tác Trung ương (trung bình {fmt_decimal(load.per_working_day)} cuộc họp, hội nghị/ngày làm việc, "
        f"trong {count(load.working_days)} ngày làm việc).",
        f"Trong kỳ có {count(tasks.total)} nhiệm vụ được giao (không tính nhiệm vụ đã hủy). Tính đến ngày "
        f"{fmt_date(f.as_of)}: đã hoàn thành đúng hạn {count(tasks.completed_on_time)}; đã hoàn thành quá hạn "
        f"{count(tasks.completed_late)}; chưa hoàn thành, trong hạn {count(tasks.open_in_time)}; chưa hoàn "
        f"thành, quá hạn {count(tasks.open_overdue)}; trong tổng số có {count(tasks.no_deadline)} nhiệm vụ "
        "không có thời hạn.",
        f"Tỷ lệ hoàn thành đạt {fmt_percent(tasks.completion_rate)}; tỷ lệ nhiệm vụ quá hạn "
        f"{fmt_percent(tasks.overdue_share)}.",
        f"có {count(p.connected)}/{count(p.total)} điểm cầu xã, phường, đặc khu kết nối ổn định (đạt "
        f"{fmt_percent(f.points_connected_share)}); {count(p.degraded)} điểm cầu kết nối chập chờn, "
        f"{count(p.disconnected)} điểm cầu mất kết nối, {count(p.not_checked)} điểm cầu chưa được kiểm tra.",
        "Sở Tài chính (05/13 nhiệm vụ), " + EVIL + " (02/02 nhiệm vụ), " + SLASHED + " (01/01 nhiệm vụ)",
        f"còn {count(f.overdue_now)} nhiệm vụ quá hạn chưa hoàn thành",  # the overview's figure, whenever assigned
    ]
    if d.processing.on_time_share is not None:
        on_time = fmt_percent(d.processing.on_time_share)
        expected.append(f"Tỷ lệ xử lý đúng hạn trên số văn bản đến đã xử lý đạt {on_time}.")
    if m.online_held:
        online, points = count(m.online_held), count(f.online_points)
        expected.append(f"Tổ chức {online} cuộc họp trực tuyến kết nối với {points} xã, phường, đặc khu.")
    for phrase in expected:
        assert phrase in text
    assert "None" not in text and "{" not in text


def test_known_answers_in_the_text(conn):
    """The known office's own figures, as the office would write them by hand."""
    _, doc = _report(conn, AUGUST)
    text = _body(doc)
    assert f"{E['incoming']:02d}" == "02" and f"{E['outgoing']:02d}" == "03"
    assert "Trong kỳ, Văn phòng tiếp nhận 02 văn bản đến, phát hành 03 văn bản đi." in text
    assert "văn bản đến tăng 02, văn bản đi tăng 03." in text  # nothing a year before
    assert "Tỷ lệ văn bản được ký số đạt 60,0% (03/05 văn bản trong kỳ)." in text
    assert E["period_meetings"] == 6 and E["period_working_days"] == 20
    assert "phục vụ 06 cuộc họp, hội nghị của UBND tỉnh, tiếp đón 01 đoàn công tác Trung ương" in text
    assert "(trung bình 0,30 cuộc họp, hội nghị/ngày làm việc, trong 20 ngày làm việc)" in text
    assert "Trong kỳ không tổ chức cuộc họp trực tuyến." in text
    points = E["points"]
    assert (points["connected"], sum(points.values())) == (3, 6)
    assert "có 03/06 điểm cầu xã, phường, đặc khu kết nối ổn định (đạt 50,0%); 01 điểm cầu kết nối chập chờn" in text
    assert "Cùng kỳ năm trước (từ ngày 01/08/2024 đến ngày 28/08/2024) không có nhiệm vụ nào được giao" in text
    closing = "Trên đây là báo cáo kết quả công tác của Văn phòng từ ngày 01/08/2025 đến ngày 28/08/2025./."
    assert closing in text.splitlines()

    _, doc = _report(conn, JULY_AUGUST)  # every known task was assigned from 01/07: the five categories of E
    text = _body(doc)
    assert (
        "Trong kỳ có 13 nhiệm vụ được giao (không tính nhiệm vụ đã hủy). Tính đến ngày 28/08/2025: đã hoàn thành "
        f"đúng hạn {E['completed_on_time']:02d}; đã hoàn thành quá hạn {E['completed_late']:02d}; chưa hoàn thành, "
        f"trong hạn {E['open_in_time']:02d}; chưa hoàn thành, quá hạn {E['open_overdue']:02d}; trong tổng số có "
        f"{E['no_deadline']:02d} nhiệm vụ không có thời hạn."
    ) in text
    assert "Tỷ lệ hoàn thành đạt 30,8%; tỷ lệ nhiệm vụ quá hạn 38,5%." in text  # 4/13 and 5/13
    assert "tiếp nhận 05 văn bản đến, phát hành 04 văn bản đi." in text


@pytest.mark.parametrize("period", PERIODS)
def test_annex_tables_hold_the_figures(conn, period):
    f, doc = _report(conn, period)
    types, urgencies, tasks, units, service_units = _annexes(doc)
    d = f.documents

    def shares(items, label=lambda key: key):
        rows = [
            [fmt_int(i), label(s.key), fmt_int(s.incoming), fmt_int(s.outgoing), fmt_int(s.total)]
            for i, s in enumerate(items, start=1)
        ]
        total_in, total_out = sum(s.incoming for s in items), sum(s.outgoing for s in items)
        return [*rows, ["", "Tổng cộng", fmt_int(total_in), fmt_int(total_out), fmt_int(total_in + total_out)]]

    assert _rows(types) == [["STT", "Loại văn bản", "Văn bản đến", "Văn bản đi", "Tổng số"], *shares(d.types)]
    assert _rows(urgencies)[1:] == shares(d.urgencies, lambda key: t(f"urgency.{key}"))
    incoming, outgoing = d.volume.incoming, d.volume.outgoing
    assert _rows(types)[-1][2:] == [fmt_int(incoming), fmt_int(outgoing), fmt_int(incoming + outgoing)]

    now, before = f.tasks, f.tasks_last_year
    assert _rows(tasks)[0] == [
        "STT",
        "Chỉ tiêu",
        f"Kỳ báo cáo ({fmt_date(period.start)} – {fmt_date(period.end)})",
        f"Cùng kỳ năm trước ({fmt_date(f.last_year.start)} – {fmt_date(f.last_year.end)})",
        "Tăng (+), giảm (-)",
    ]
    total = ["", "Tổng số nhiệm vụ được giao", fmt_int(now.total), fmt_int(before.total)]
    expected = [[*total, fmt_signed_int(now.total - before.total)]]
    for i, name in enumerate(CATEGORIES, start=1):
        label = "Trong tổng số: nhiệm vụ không có thời hạn" if name == "no_deadline" else t(f"category.{name}")
        a, b = getattr(now, name), getattr(before, name)
        expected.append([fmt_int(i), label, fmt_int(a), fmt_int(b), fmt_signed_int(a - b)])
    assert _rows(tasks)[1:7] == expected
    assert _rows(tasks)[7][:3] == ["", "Tỷ lệ hoàn thành", fmt_percent(now.completion_rate)]
    assert _rows(tasks)[8][:3] == ["", "Tỷ lệ quá hạn", fmt_percent(now.overdue_share)]
    assert _rows(tasks)[7][3:] == ["—", "—"]  # nothing assigned a year before: no rate, no change
    if period is JULY_AUGUST:  # every known task: the five categories of E
        assert [row[2] for row in _rows(tasks)[2:7]] == [fmt_int(E[name]) for name in CATEGORIES]

    assert [u.unit_name for u in f.overdue_units] == ["Sở Tài chính", EVIL, SLASHED]
    assert _rows(units) == [
        ["STT", "Đơn vị chủ trì", "Tổng số nhiệm vụ", "Quá hạn", "Tỷ lệ quá hạn"],
        ["1", "Sở Tài chính", "13", fmt_int(E["overdue_now"]), "38,5%"],
        ["2", EVIL, "2", "2", "100,0%"],
        ["3", SLASHED, "1", "1", "100,0%"],
    ]
    for table in (types, urgencies, tasks, units, service_units):
        assert _width_mm(table) == pytest.approx(decree30.TEXT_WIDTH_MM, abs=0.2)  # inside the margins
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # the header on every page
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"  # long titles wrap


def test_an_empty_period_reads_as_zeros_and_none(engine):
    """No rows at all: zeros, "không có", "—", never "None"."""
    with engine.connect() as c:
        f = report_figures(c, AUGUST, NOW)
    doc = _open(build_report_docx(f, SETTINGS, TODAY))
    text = _body(doc)
    assert "tiếp nhận 0 văn bản đến, phát hành 0 văn bản đi." in text
    assert "Theo loại văn bản: không có. Theo độ khẩn: không có" in text
    assert "Trong kỳ không có nhiệm vụ nào được giao." in text
    assert "Đến ngày 28/08/2025, không có đơn vị chủ trì nào có nhiệm vụ quá hạn." in text
    assert "Chưa có điểm cầu xã, phường, đặc khu nào trong hệ thống." in text
    assert "ký số" not in text and "Tỷ lệ xử lý đúng hạn" not in text  # no rate without a base
    assert "None" not in text and "{" not in text
    assert "\nV. " not in text and "hồ sơ" not in text and "Biểu số 05" not in text  # no public services kept here
    types, urgencies, tasks, units = _annexes(doc)  # and no table of theirs
    assert _rows(types)[1] == ["Không có văn bản trong kỳ."] * 5  # one row across the columns
    assert _rows(units)[1] == ["Không có đơn vị chủ trì nào có nhiệm vụ quá hạn."] * 5
    assert _rows(tasks)[7] == ["", "Tỷ lệ hoàn thành", "—", "—", "—"]


# ---------------------------------------------------------------- the report: public services


@pytest.mark.parametrize("period", PERIODS)
def test_the_services_figures_are_the_services_pages(conn, period):
    """The report's public-service figures are /services' queries for the period, and the known answers."""
    f = report_figures(conn, period, NOW)
    known = S[period.start]
    page = DossierFilter.of_period(period.start, period.end, TODAY)  # as app_pages/services.py reads them
    assert f.services is not None and f.services_as_of == page.as_of == TODAY
    assert f.services.dossiers == dossier_counts(conn, page) == known["now"]
    assert f.services.dossiers_last_year == dossier_counts(conn, page.a_year_before()) == known["last_year"]
    assert f.service_procedures == procedures_published(conn, TODAY)
    p = S["procedures"]
    assert f.services.procedures == f.service_procedures.total == p["total"]
    assert f.service_procedures.by_level == {"province": p["province"], "commune": p["commune"]}
    assert f.service_procedures.by_online == {"full": p["full"], "partial": p["partial"], "none": p["none"]}
    assert list(f.service_units) == units_by_late(conn, page)
    assert [(u.unit_name, u.received, u.late, u.overdue) for u in f.service_units] == known["units"]
    assert f.services.index == index_now(conn, TODAY)
    index = S["index"]
    assert (f.services.index.period_end, f.services.index.total.score) == (index["month"], index["score"])
    assert (f.services.index.total.rank, f.services.index.total.rank_of) == (index["rank"], index["rank_of"])
    assert f.services.index.change == pytest.approx(index["change"]) and f.services.index.rank_change == 2


@pytest.mark.parametrize("period", PERIODS)
def test_the_services_section_states_the_figures(conn, period):
    f, doc = _report(conn, period)
    text = _body(doc)
    now, before = f.services.dossiers, f.services.dossiers_last_year
    paragraphs = [p.text for p in doc.paragraphs]
    heading = paragraphs.index("V. CÔNG TÁC KIỂM SOÁT, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert heading > paragraphs.index("IV. HỆ THỐNG ĐIỂM CẦU TRỰC TUYẾN CẤP XÃ")  # after the office's own work
    assert paragraphs[heading + 1 :].index(next(p for p in paragraphs if p.startswith("Trên đây"))) == 6
    assert (
        "Đến ngày 28/08/2025, toàn tỉnh có 04 thủ tục hành chính đang công khai (cấp tỉnh 03, cấp xã 01); trong đó "
        "01 thủ tục cung cấp dịch vụ công trực tuyến toàn trình, 02 thủ tục trực tuyến một phần."
    ) in paragraphs
    assert (
        f"Trong kỳ, các cơ quan, đơn vị tiếp nhận {count(now.received)} hồ sơ thủ tục hành chính (tiếp nhận trực "
        f"tuyến {count(now.online)} hồ sơ, đạt {fmt_percent(now.online_share)}; tiếp nhận tại Trung tâm Phục vụ "
        f"hành chính công {count(now.at_centre)} hồ sơ). Tính đến ngày 28/08/2025: đã giải quyết đúng hạn "
        f"{count(now.resolved_on_time)}, đã giải quyết quá hạn {count(now.resolved_late)}; đang giải quyết trong "
        f"hạn {count(now.open_in_time)}, đang giải quyết quá hạn {count(now.open_overdue)}."
    ) in paragraphs
    rate = f"Tỷ lệ hồ sơ giải quyết đúng hạn trên số hồ sơ đã giải quyết đạt {fmt_percent(now.on_time_rate)}."
    assert rate in paragraphs
    assert (
        f"Cùng kỳ năm trước (từ ngày {fmt_date(f.last_year.start)} đến ngày 28/08/2024) tiếp nhận "
        f"{count(before.received)} hồ sơ, tỷ lệ giải quyết đúng hạn {fmt_percent(before.on_time_rate)}; so với "
        f"cùng kỳ, số hồ sơ tiếp nhận tăng {count(now.received - before.received)}, số hồ sơ đang giải quyết quá "
        f"hạn tăng {count(now.open_overdue)}."
    ) in text
    units = ", ".join(f"{u.unit_name} ({count(u.behind)}/{count(u.received)} hồ sơ)" for u in f.service_units)
    assert (
        f"Các đơn vị có nhiều hồ sơ giải quyết quá hạn và đang quá hạn nhất: {units} (chi tiết tại Biểu số 05 kèm "
        "theo)."
    ) in paragraphs
    assert (
        "Chỉ số phục vụ người dân, doanh nghiệp của tỉnh tháng 07/2025 đạt 82,08/100 điểm, xếp thứ 16/34 tỉnh, "
        "thành phố. So với tháng trước, điểm chỉ số tăng 1,58 điểm, thứ hạng tăng 2 bậc. Điểm các chỉ số thành "
        "phần: Công khai, minh bạch 17,50/18; Tiến độ giải quyết 19,00/20; Dịch vụ công trực tuyến 16,20/22; Số "
        "hóa hồ sơ 15,00/20; Mức độ hài lòng 14,38/20."
    ) in paragraphs
    if period is AUGUST:  # the known answers, as the office would write them by hand
        assert (
            "Trong kỳ, các cơ quan, đơn vị tiếp nhận 08 hồ sơ thủ tục hành chính (tiếp nhận trực tuyến 05 hồ sơ, đạt "
            "62,5%; tiếp nhận tại Trung tâm Phục vụ hành chính công 03 hồ sơ). Tính đến ngày 28/08/2025: đã giải "
            "quyết đúng hạn 02, đã giải quyết quá hạn 02; đang giải quyết trong hạn 02, đang giải quyết quá hạn 02."
        ) in paragraphs
        assert "Tỷ lệ hồ sơ giải quyết đúng hạn trên số hồ sơ đã giải quyết đạt 50,0%." in paragraphs  # 2 of 4
        assert (
            "Cùng kỳ năm trước (từ ngày 01/08/2024 đến ngày 28/08/2024) tiếp nhận 04 hồ sơ, tỷ lệ giải quyết đúng "
            "hạn 66,7%; so với cùng kỳ, số hồ sơ tiếp nhận tăng 04, số hồ sơ đang giải quyết quá hạn tăng 02. Tỷ lệ "
            "giải quyết đúng hạn giảm 16,7 điểm phần trăm so với cùng kỳ."
        ) in paragraphs
        assert f"{HOSTILE} (03/04 hồ sơ), {JUSTICE} (01/04 hồ sơ)" in text
    else:  # 11 received, 3 of 6 resolved on time; a year before 3 of 4
        assert "tiếp nhận 11 hồ sơ thủ tục hành chính (tiếp nhận trực tuyến 06 hồ sơ, đạt 54,5%" in text
        assert "tỷ lệ giải quyết đúng hạn 75,0%; so với cùng kỳ, số hồ sơ tiếp nhận tăng 06" in text
        assert "Tỷ lệ giải quyết đúng hạn giảm 25,0 điểm phần trăm so với cùng kỳ." in text
        assert f"{HOSTILE} (04/05 hồ sơ), {JUSTICE} (02/06 hồ sơ)" in text

    table = _annexes(doc)[4]
    captions = [p.text for p in doc.paragraphs if p.text.startswith("Biểu số")]
    assert captions[-1] == (
        "Biểu số 05. Đơn vị có nhiều hồ sơ thủ tục hành chính giải quyết quá hạn và đang quá hạn nhất (hồ sơ tiếp "
        "nhận trong kỳ, tính đến ngày 28/08/2025)"
    )
    assert _rows(table) == [
        ["STT", "Đơn vị", "Hồ sơ tiếp nhận", "Giải quyết quá hạn", "Đang quá hạn"],
        *[
            [str(i), name, str(received), str(late), str(overdue)]
            for i, (name, received, late, overdue) in enumerate(S[period.start]["units"], start=1)
        ],
    ]


def test_the_services_section_without_dossiers_or_index(engine):
    """Procedures only: the section says there were no dossiers and no index, with no rate and an empty table."""
    with engine.begin() as c:
        known_office.fill(c)
        unit = Office(c).unit("department", JUSTICE)
        c.execute(
            insert(procedures).values(
                code="P",
                name="Thủ tục P",
                level="province",
                online="none",
                published_on=dt.date(2025, 1, 1),
                unit_id=unit,
            )
        )
    with engine.connect() as c:
        f = report_figures(c, AUGUST, NOW)
    doc = _open(build_report_docx(f, SETTINGS, TODAY))
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("V. CÔNG TÁC KIỂM SOÁT, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")
    assert paragraphs[start + 1 : start + 5] == [
        "Đến ngày 28/08/2025, toàn tỉnh có 01 thủ tục hành chính đang công khai (cấp tỉnh 01, cấp xã 0); trong đó 0 "
        "thủ tục cung cấp dịch vụ công trực tuyến toàn trình, 0 thủ tục trực tuyến một phần.",
        "Trong kỳ không có hồ sơ thủ tục hành chính nào được tiếp nhận.",
        "Cùng kỳ năm trước (từ ngày 01/08/2024 đến ngày 28/08/2024) không có hồ sơ thủ tục hành chính nào được "
        "tiếp nhận.",
        "Chưa có số liệu Chỉ số phục vụ người dân, doanh nghiệp.",
    ]
    assert "None" not in _body(doc) and "{" not in _body(doc)
    assert _rows(_annexes(doc)[4])[1] == ["Không có đơn vị nào có hồ sơ giải quyết quá hạn hoặc đang quá hạn."] * 5


# ---------------------------------------------------------------- the report: the decree's layout


def test_heading_blocks(conn):
    _, doc = _report(conn, AUGUST, number="7")
    heading = doc.tables[0]
    assert [c.width.mm for c in heading.rows[0].cells] == pytest.approx(decree30.HEADING_COLUMNS_MM, abs=0.1)
    (top_left, top_right), (bottom_left, bottom_right) = (row.cells for row in heading.rows)
    assert _texts(top_left) == ["UBND TỈNH PHÙ SA", "VĂN PHÒNG"]
    assert _texts(top_right) == [NATION, MOTTO]
    assert _texts(bottom_left) == ["Số: 07/BC-VP"]  # a number below 10 takes a zero
    assert _texts(bottom_right) == ["Phù Sa, ngày 28 tháng 8 năm 2025"]
    for cell in (top_left, top_right, bottom_left, bottom_right):
        assert {p.alignment for p in cell.paragraphs if p.text} == {WD_ALIGN_PARAGRAPH.CENTER}
    committee, office = _run_of(top_left, "UBND TỈNH PHÙ SA"), _run_of(top_left, "VĂN PHÒNG")
    assert (committee.font.size.pt, bool(committee.bold), office.font.size.pt, office.bold) == (13, False, 13, True)
    nation, motto = _run_of(top_right, NATION), _run_of(top_right, MOTTO)
    assert nation.bold and motto.bold and 12 <= nation.font.size.pt <= 13 and 13 <= motto.font.size.pt <= 14
    date = _run_of(bottom_right, "Phù Sa, ngày 28 tháng 8 năm 2025")
    assert date.italic and date.font.size.pt == 14
    assert _run_of(bottom_left, "Số: 07/BC-VP").font.size.pt == 13

    def line_under(cell, text):
        """The paragraph after `text`: an empty one with a top border, and its length in mm."""
        paragraphs = cell.paragraphs
        after = paragraphs[[p.text for p in paragraphs].index(text) + 1]
        assert after.text == "" and after._p.pPr.find(qn("w:pBdr")).find(qn("w:top")).get(qn("w:val")) == "single"
        pf = after.paragraph_format
        assert pf.left_indent == pf.right_indent  # centred in its column
        return cell.width.mm - 2 * pf.left_indent.mm

    office_name = decree30.text_width_mm("VĂN PHÒNG", 13, bold=True)
    assert office_name / 3 <= line_under(top_left, "VĂN PHÒNG") <= office_name / 2  # a third to a half
    motto_width = decree30.text_width_mm(MOTTO, motto.font.size.pt, bold=True)
    assert line_under(top_right, MOTTO) == pytest.approx(motto_width, abs=0.5)  # as long as the motto

    title = [p for p in doc.paragraphs if p.text == "BÁO CÁO"][0]
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].bold and title.runs[0].font.size.pt == 14
    assert "Kết quả công tác của Văn phòng\ntừ ngày 01/08/2025 đến ngày 28/08/2025" in _body(doc)
    assert "(Kèm theo Báo cáo số 07/BC-VP ngày 28/08/2025 của Văn phòng)" in _body(doc)


def test_decree_dates_and_numbers():
    assert decree30.decree_date(dt.date(2025, 2, 5)) == ("05", "02", "2025")
    assert decree30.decree_date(dt.date(2025, 8, 28)) == ("28", "8", "2025")
    assert decree30.decree_date(dt.date(2025, 12, 1)) == ("01", "12", "2025")
    assert decree30.place_and_date("Phù Sa", dt.date(2025, 1, 9)) == "Phù Sa, ngày 09 tháng 01 năm 2025"
    assert decree30.number_line("VP", "BC") == "Số: …/BC-VP"
    assert decree30.number_line("VP", "BC", "125") == "Số: 125/BC-VP"
    assert decree30.number_line("VP") == "Số: …/VP"
    assert decree30.recipient_lines(["UBND tỉnh", "Lưu: VT, TH"]) == ["- UBND tỉnh;", "- Lưu: VT, TH."]


def test_signature_block(conn):
    _, doc = _report(conn, AUGUST)
    left, right = doc.tables[1].rows[0].cells
    assert _texts(left) == [
        "Nơi nhận:",
        "- UBND tỉnh (để báo cáo);",
        "- Lãnh đạo Văn phòng;",
        "- Các phòng, đơn vị thuộc Văn phòng;",
        "- Lưu: VT, TH.",
    ]
    label = _run_of(left, "Nơi nhận:")
    assert label.bold and label.italic and label.font.size.pt == 12
    assert {r.font.size.pt for p in left.paragraphs[1:] for r in p.runs} == {11}
    assert _texts(right) == ["CHÁNH VĂN PHÒNG", "Trần Thị Bình"]
    signer, name = _run_of(right, "CHÁNH VĂN PHÒNG"), _run_of(right, "Trần Thị Bình")
    assert signer.bold and name.bold and signer.font.size.pt == name.font.size.pt == 14
    name_paragraph = next(p for p in right.paragraphs if p.text == "Trần Thị Bình")
    assert name_paragraph.paragraph_format.space_before.pt >= 48  # room for the signature and the seal


def test_page_margins_fonts_and_paragraphs(conn):
    _, doc = _report(conn, AUGUST)
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
        margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
        assert [round(m.mm, 1) for m in margins] == [20, 20, 30, 15]
        assert 20 <= section.top_margin.mm <= 25 and 30 <= section.left_margin.mm <= 35  # the decree's ranges
        assert section.different_first_page_header_footer  # no number on page 1
        assert '<w:fldSimple w:instr="PAGE">' in section.header._element.xml  # centred at the top from page 2
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
    runs = list(doc.element.body.iter(qn("w:r")))
    assert runs
    for run in runs:  # every run names the font for every script, no theme font left to pick another
        fonts = run.find(qn("w:rPr")).find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
        assert not any("Theme" in key or "theme" in key for key in fonts.attrib)
    sizes = {float(s.get(qn("w:val"))) / 2 for s in doc.element.body.iter(qn("w:sz"))}
    assert {11, 12, 13, 14} <= sizes
    body = [p for p in doc.paragraphs if p.text.startswith(("Trong kỳ, Văn phòng tiếp nhận", "Thực hiện chế độ"))]
    assert len(body) == 2
    for p in body:
        pf = p.paragraph_format
        assert p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert 10 <= pf.first_line_indent.mm <= 12.8
        assert pf.space_after.pt == 6 and 1.15 <= pf.line_spacing <= 1.3
        assert {r.font.size.pt for r in p.runs} == {14}
    sections = [p for p in doc.paragraphs if p.text.startswith(("I. ", "II. ", "III. ", "IV. ", "V. "))]
    assert [p.text.split(".")[0] for p in sections] == ["I", "II", "III", "IV", "V"]
    assert all(r.bold for p in sections for r in p.runs)
    annex = next(p for p in doc.paragraphs if p.text == "PHỤ LỤC")
    assert annex.paragraph_format.page_break_before


def test_database_text_stays_text(conn):
    """A unit named "=HYPERLINK(...)" and a title with "**x**" are printed as written: runs of text, no field,
    no link, no formula."""
    f, doc = _report(conn, AUGUST)
    assert EVIL in _body(doc)
    assert _rows(_annexes(doc)[3])[2][1] == EVIL
    assert HOSTILE in _body(doc) and _rows(_annexes(doc)[4])[1][1] == HOSTILE  # a unit of the dossiers
    rows = urging_list(conn, TaskFilter(TODAY))
    letters = _open(build_urging_letters(rows, TODAY, SETTINGS, TODAY, one_file=True))
    for d in (doc, letters):
        xml = d.element.xml
        assert "<w:fldSimple" not in xml and "<w:instrText" not in xml and "<w:hyperlink" not in xml
        assert "<w:fldChar" not in xml
    texts = [r.text for r in letters.element.body.iter(qn("w:t"))]
    assert MARKDOWN in texts and f"Kính gửi: {EVIL}." in texts
    assert any(EVIL.upper() in text for text in texts)  # the annex's title


# ---------------------------------------------------------------- the urging letters


def test_one_file_of_letters(conn):
    rows = urging_list(conn, TaskFilter(TODAY))
    units = _units_of(rows)
    assert set(units) == {"Sở Tài chính", EVIL, SLASHED}
    doc = _open(build_urging_letters(rows, TODAY, SETTINGS, TODAY, one_file=True))
    assert len(doc.sections) == len(units)
    for i, section in enumerate(doc.sections):
        assert section.start_type == WD_SECTION.NEW_PAGE  # each letter on its own pages
        assert section.different_first_page_header_footer
        if i:  # each letter numbers its pages from 1
            assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    text = _body(doc)
    assert [p.text for p in doc.paragraphs if p.text.startswith("Kính gửi:")] == [f"Kính gửi: {u}." for u in units]
    annexes = _annexes(doc)
    assert len(annexes) == len(units)
    for unit, table in zip(units, annexes):
        mine = [r for r in rows if r.unit_name == unit]
        assert _rows(table) == [
            ["STT", "Mã nhiệm vụ", "Nhiệm vụ", "Nguồn giao", "Hạn xử lý", "Số ngày quá hạn", "Số lần đã đôn đốc"],
            *_letter_rows(mine),
        ]
        assert f"tính đến ngày 28/08/2025, {unit} còn {count(len(mine))} nhiệm vụ được giao chủ trì" in text
        assert _width_mm(table) == pytest.approx(decree30.TEXT_WIDTH_MM, abs=0.2)
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    finance = [r for r in rows if r.unit_name == "Sở Tài chính"]
    assert len(finance) == E["overdue_now"]
    assert [r.days_overdue for r in finance] == [27, 8, 6, 2, 1]  # longest overdue first
    assert [row[5] for row in _rows(annexes[units.index("Sở Tài chính")])[1:]] == ["27", "8", "6", "2", "1"]
    assert "báo cáo kết quả thực hiện" in text and "trước ngày 04/09/2025" in text  # a week after the letter
    assert text.count("Trân trọng./.") == len(units)

    heading = doc.tables[0]
    assert _texts(heading.rows[1].cells[0]) == ["Số: …/VP", "V/v đôn đốc thực hiện\nnhiệm vụ quá hạn"]
    assert _texts(heading.rows[0].cells[1]) == [NATION, MOTTO]
    abstract = _run_of(heading.rows[1].cells[0], "V/v đôn đốc thực hiện\nnhiệm vụ quá hạn")
    assert 12 <= abstract.font.size.pt <= 13 and not abstract.bold
    left = doc.tables[1].rows[0].cells[0]
    assert _texts(left)[:2] == ["Nơi nhận:", "- Như trên;"]


def test_letters_as_a_zip(conn):
    rows = urging_list(conn, TaskFilter(TODAY))
    units = _units_of(rows)
    bundle = zipfile.ZipFile(io.BytesIO(build_urging_letters(rows, TODAY, SETTINGS, TODAY, one_file=False)))
    names = bundle.namelist()
    assert names == [letter_file_name(u, TODAY) for u in units]
    assert "Sở-Tài-chính_2025-08-28.docx" in names  # Vietnamese letters kept
    for name in names:
        assert not re.search(r'[<>:"/\\|?*\x00-\x1f]', name) and not name.startswith((".", "-", "="))
    for unit, name in zip(units, names):
        doc = _open(bundle.read(name))
        assert [p.text for p in doc.paragraphs if p.text.startswith("Kính gửi:")] == [f"Kính gửi: {unit}."]
        assert _rows(_annexes(doc)[0])[1:] == _letter_rows([r for r in rows if r.unit_name == unit])
    one = build_urging_letter(units[0], [r for r in rows if r.unit_name == units[0]], TODAY, SETTINGS, TODAY)
    assert _rows(_annexes(_open(one))[0]) == _rows(_annexes(_open(bundle.read(names[0])))[0])


def test_letter_file_names():
    assert letter_file_name("Sở Tài chính", TODAY) == "Sở-Tài-chính_2025-08-28.docx"
    assert letter_file_name(SLASHED, TODAY) == "Ban-Quản-lý-các-khu-công-nghiệp-Khu-kinh-tế-Phù-Sa_2025-08-28.docx"
    assert letter_file_name(EVIL, TODAY) == "HYPERLINK-http-127-0-0-1-x-bấm_2025-08-28.docx"
    assert letter_file_name("../..", TODAY) == "don-vi_2025-08-28.docx"
    decomposed = unicodedata.normalize("NFD", "Xã Mỹ Hòa Hưng")
    assert letter_file_name(decomposed, TODAY) == "Xã-Mỹ-Hòa-Hưng_2025-08-28.docx"  # one form of each letter


def test_two_units_alike_once_made_safe_get_two_files():
    row = SimpleNamespace(code="NV-1", title="Việc", source="other", due_on=TODAY, days_overdue=1, urgings=0)
    rows = [SimpleNamespace(**vars(row), unit_name=name) for name in ("Sở A/B", "Sở A:B")]
    names = zipfile.ZipFile(io.BytesIO(build_urging_letters(rows, TODAY, SETTINGS, TODAY, one_file=False))).namelist()
    assert names == ["Sở-A-B_2025-08-28.docx", "Sở-A-B_2025-08-28-2.docx"]


# ---------------------------------------------------------------- PDF


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """The August report and the letters of the known office as PDF: both converted once, side by side."""
    url = f"sqlite:///{tmp_path_factory.mktemp('pdf-db') / 'office.db'}"
    engine = get_engine(url)
    upgrade(engine)
    with engine.begin() as c:
        _fill(c)
    with engine.connect() as c:
        figures = report_figures(c, AUGUST, NOW)
        rows = urging_list(c, TaskFilter(TODAY))
    dispose_engine(url)
    report = build_report_docx(figures, SETTINGS, TODAY)
    letters = build_urging_letters(rows, TODAY, SETTINGS, TODAY, one_file=True)
    with ThreadPoolExecutor(2) as pool:
        report_pdf, letters_pdf = pool.map(pdf.docx_to_pdf, (report, letters))
    return SimpleNamespace(report=report_pdf, letter=letters_pdf, units=_units_of(rows))


def _words(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(unicodedata.normalize("NFC", page.extract_text()).split()) for page in reader.pages)


def _fonts(data: bytes) -> dict[str, set[str]]:
    """Each font used, with the keys of its descriptor (a Type0 font's descendant's)."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            found[str(font["/BaseFont"])] = set(described["/FontDescriptor"].get_object().keys())
    return found


@pytest.mark.parametrize("name", ["report", "letter"])
def test_pdf_fonts_embedded_and_every_glyph_in_liberation_serif(pdfs, name):
    data = getattr(pdfs, name)
    assert data.startswith(b"%PDF") and len(PdfReader(io.BytesIO(data)).pages) > 0
    fonts = _fonts(data)
    assert fonts
    for font, keys in fonts.items():
        assert "/FontFile2" in keys, font  # embedded TrueType
        # Times New Roman printed with its metric twin; a letter it lacked would come from a fallback font
        assert re.fullmatch(r"/[A-Z]{6}\+LiberationSerif(-Bold|-Italic|-BoldItalic)?", font), font
    words = _words(data)
    assert NATION in words and MOTTO in words
    assert "UBND TỈNH PHÙ SA VĂN PHÒNG" in words and "Phù Sa, ngày 28 tháng 8 năm 2025" in words


def test_pdf_texts(pdfs):
    report, letters = _words(pdfs.report), _words(pdfs.letter)
    assert len(PdfReader(io.BytesIO(pdfs.report)).pages) >= 2  # the report, then its annex on a new page
    assert "Trong kỳ, Văn phòng tiếp nhận 02 văn bản đến, phát hành 03 văn bản đi." in report
    assert "phục vụ 06 cuộc họp, hội nghị của UBND tỉnh, tiếp đón 01 đoàn công tác Trung ương" in report
    assert "có 03/06 điểm cầu xã, phường, đặc khu kết nối ổn định (đạt 50,0%)" in report
    assert "Biểu số 04. Đơn vị chủ trì có nhiều nhiệm vụ quá hạn nhất" in report and EVIL in report
    assert "V. CÔNG TÁC KIỂM SOÁT, GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in report and "Biểu số 05." in report
    assert "xếp thứ 16/34 tỉnh, thành phố" in report and "giảm 16,7 điểm phần trăm" in report
    assert "CHÁNH VĂN PHÒNG" in report and "Trần Thị Bình" in report
    assert "V/v đôn đốc thực hiện nhiệm vụ quá hạn" in letters
    for unit in pdfs.units:
        assert f"Kính gửi: {unit}." in letters
    assert "**x**" in letters and "Số lần đã đôn đốc" in letters
    pages = [page.extract_text().split("\n", 1)[0] for page in PdfReader(io.BytesIO(pdfs.letter)).pages]
    assert pages == ["UBND TỈNH PHÙ SA", "2"] * len(pdfs.units)  # each letter's pages numbered from 1, not page 1


def _dark_columns(image: Image.Image, top: int, bottom: int) -> list[int]:
    """The x of every column holding a dark pixel between two rows."""
    grey = image.convert("L")
    width = grey.width
    pixels = grey.load()
    return [x for x in range(width) if any(pixels[x, y] < 128 for y in range(top, bottom))]


def _first_dark_row(image: Image.Image, left: int, right: int) -> int:
    grey = image.convert("L")
    pixels = grey.load()
    return next(y for y in range(grey.height) if any(pixels[x, y] < 128 for x in range(left, right)))


def _render(data: bytes, out: Path, page: int = 1) -> Image.Image:
    source = out.with_suffix(".pdf")
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), "-singlefile", source, out.with_suffix("")],
        check=True,
        timeout=60,
    )
    source.unlink()
    return Image.open(out)


@pytest.mark.parametrize("name", ["report", "letter"])
def test_page_one_as_a_picture(pdfs, name):
    """Page 1 at 80 dpi for a person to look at; measured too: the two heading blocks start on the same line,
    each centred in its column, and nothing is printed outside the margins."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = _render(getattr(pdfs, name), SCREENSHOTS / f"{name}-page1.png")
    px = 80 / 25.4  # pixels per mm
    assert image.width == pytest.approx(210 * px, abs=1) and image.height == pytest.approx(297 * px, abs=1)  # A4
    left, split, right = round(30 * px), round(95 * px), round(195 * px)
    top_left, top_right = _first_dark_row(image, left, split), _first_dark_row(image, split, right)
    assert abs(top_left - top_right) <= 2  # "UBND TỈNH …" and "CỘNG HÒA …" on one line
    assert top_left == pytest.approx(20 * px, abs=8)  # at the top margin

    # each block centred in its column: the first line's ink as far from both sides of its column
    line = range(top_left, top_left + round(4 * px))
    for start, end in ((left, split), (split, right)):
        ink = [x for x in _dark_columns(image, line.start, line.stop) if start <= x < end]
        assert abs((ink[0] - start) - (end - 1 - ink[-1])) <= 4
    ink = _dark_columns(image, 0, image.height)
    assert ink[0] >= left - 2 and ink[-1] <= right + 2  # within the margins


def test_the_services_page_as_a_picture(pdfs):
    """The page holding section V, at 80 dpi for a person to look at, its text within the margins."""
    reader = PdfReader(io.BytesIO(pdfs.report))
    page = next(
        i
        for i, p in enumerate(reader.pages, start=1)
        if "THỦ TỤC HÀNH CHÍNH" in unicodedata.normalize("NFC", p.extract_text())
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = _render(pdfs.report, SCREENSHOTS / "report-services.png", page=page)
    px = 80 / 25.4
    ink = _dark_columns(image, 0, image.height)
    assert ink[0] >= round(30 * px) - 2 and ink[-1] <= round(195 * px) + 2


def test_pdf_annex_tables_stay_within_the_margins(pdfs, tmp_path):
    px = 80 / 25.4
    pages = len(PdfReader(io.BytesIO(pdfs.report)).pages)
    image = _render(pdfs.report, tmp_path / "annex.png", page=pages)
    ink = _dark_columns(image, 0, image.height)
    assert ink[0] >= round(30 * px) - 2 and ink[-1] <= round(195 * px) + 2
    assert ink[-1] - ink[0] >= round(160 * px)  # the tables span the text width


# ---------------------------------------------------------------- PDF refusals


def _fake_soffice(tmp_path: Path, script: str) -> str:
    path = tmp_path / "soffice"
    path.write_text("#!/bin/sh\n" + script + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_no_soffice_is_a_clear_refusal(monkeypatch):
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    assert not pdf.pdf_available()
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.docx_to_pdf(b"PK")
    assert refused.value.reason == "pdf_missing"
    assert str(refused.value) == t("report.pdf_missing") and "LibreOffice" in str(refused.value)


def test_a_hung_soffice_is_stopped(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "sleep 30")
    monkeypatch.setattr(pdf, "soffice_path", lambda: fake)
    started = dt.datetime.now()
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.docx_to_pdf(b"PK", timeout=0.5)
    assert refused.value.reason == "pdf_timeout" and refused.value.key == "report.pdf_timeout"
    assert (dt.datetime.now() - started).total_seconds() < 10


def test_a_failing_soffice_says_so(monkeypatch, tmp_path):
    fake = _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")
    monkeypatch.setattr(pdf, "soffice_path", lambda: fake)
    with pytest.raises(pdf.PdfUnavailable) as refused:
        pdf.docx_to_pdf(b"PK")
    assert refused.value.reason == "pdf_failed" and "could not be loaded" in refused.value.detail
