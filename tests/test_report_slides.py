"""The files for the hall and the printer: the conference deck and the printable urging workbook.

The deck of the known office (tests/known_office.py, seen 28/08/2025 09:00) for August and for July-August,
on SQLite and PostgreSQL: 16:9, every chart native with the figures' categories and values, the big numbers
written as Vietnamese write them, type large enough for the back of a hall, a unit named "=HYPERLINK(...)"
kept as text. The urging workbook: A4 landscape, one page wide, the header row on every page, the heading
and the signature. LibreOffice renders both (a private profile per test); the PNGs go to SCREENSHOT_DIR
(default artifacts/screenshots) for a person to look at. Beside the known office, the known public services
(tests/known_report_services.py): the eighth slide holds /services' figures of the period and a native chart of
the dossiers' four categories against cùng kỳ; without public-service data there is no such slide.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.graphfrm import GraphicFrame
from pptx.util import Pt
from pypdf import PdfReader

from data_access.accounts.settings import OfficeSettings
from data_access.core.config import PROJECT_ROOT
from data_access.core.periods import Period, working_days
from data_access.documents.figures import (
    DocumentFigures,
    DocumentVolume,
    ProcessingCounts,
    SignedShare,
    VolumePoint,
)
from data_access.meetings.figures import KindCount, MeetingFigures, MeetingLoad
from data_access.overview.report import ReportFigures, report_figures
from data_access.points.figures import PointStatusCounts
from data_access.services.figures import DossierCounts, ServiceHeadline
from data_access.tasks import lists as task_list
from data_access.tasks.extensions import Extensions
from data_access.tasks.figures import TaskCategoryCounts, UnitLoad
from data_access.tasks.filters import TaskFilter
from i18n import fmt_int, t
from reports import conference_slides as deck
from reports.urging_workbook import HEADER_ROW, build_urging_workbook
from tests import known_office, known_report_services
from tests.builders import Office
from tests.known_office import EXPECTED as E
from tests.known_office import NOW, TODAY
from tests.known_report_services import EXPECTED as S

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", PROJECT_ROOT / "artifacts" / "screenshots"))
EVIL = '=HYPERLINK("http://127.0.0.1/x","bấm")'
LONG = "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh Phù Sa"
LONG_LABEL = "Ban Quản lý dự án đầu tư xây dựng các…"
COMMITTEE = "Ủy ban nhân dân xã Mỹ Hòa Hưng"
AUGUST = Period("custom", dt.date(2025, 8, 1), TODAY)
JULY_AUGUST = Period("custom", dt.date(2025, 7, 1), TODAY)
SETTINGS = OfficeSettings(
    province="Phù Sa",
    office_name="Văn phòng",
    place="Phù Sa",
    signer_title="Chánh Văn phòng",
    signer_name="Trần Thị Bình",
)
MIN_TITLE, MIN_FIGURE, MIN_TEXT = Pt(36), Pt(40), Pt(20)
CHART_NAMES = {"chart.units", "chart.tasks", "chart.documents", "chart.meetings", "chart.points", "chart.services"}
DOSSIER_CATEGORIES = ("resolved_on_time", "resolved_late", "open_in_time", "open_overdue")


def _fill(conn) -> None:
    """The known office, and three more lead units with tasks overdue since 30/06 (assigned 01/06, before
    both periods: the periods' task counts stay the known office's)."""
    known_office.fill(conn)
    known_report_services.fill(conn)  # public services only: the office's own figures stay the known office's
    o = Office(conn)
    for name, overdue in ((EVIL, 2), (LONG, 1), (COMMITTEE, 1)):
        unit = o.unit("department", name)
        for _ in range(overdue):
            o.task(unit, due_on=dt.date(2025, 6, 30), assigned_on=dt.date(2025, 6, 1), title=f"Việc của {name}")


KNOWN = SimpleNamespace(fill=_fill)  # the conftest's `conn` fixture fills the database with it


# ---------------------------------------------------------------- reading the deck back


def _open(data: bytes):
    return Presentation(io.BytesIO(data))


def _shapes(prs):
    return [(n, shape) for n, slide in enumerate(prs.slides, start=1) for shape in slide.shapes]


def _charts(prs) -> dict:
    return {shape.name: shape.chart for _, shape in _shapes(prs) if shape.has_chart}


def _texts(prs, slide_no: int, name: str) -> list[str]:
    """The paragraphs of the text box `name` on a slide."""
    shape = next(s for s in prs.slides[slide_no - 1].shapes if s.name == name)
    return [p.text for p in shape.text_frame.paragraphs]


def _figure(prs, slide_no: int, name: str) -> str:
    """The big number of a figure's text box: its first paragraph."""
    return _texts(prs, slide_no, name)[0]


def _values(chart) -> list[list[int]]:
    return [[int(v) for v in series.values] for series in chart.plots[0].series]


def _notes(prs, slide_no: int) -> str:
    return prs.slides[slide_no - 1].notes_slide.notes_text_frame.text


def _sizes_are_large(prs) -> None:
    """Titles at least 36 pt, figures at least 40 pt, every other run at least 20 pt, charts' text too."""
    for n, shape in _shapes(prs):
        if not shape.has_text_frame:
            continue
        paragraphs = shape.text_frame.paragraphs
        runs = [(i, run) for i, p in enumerate(paragraphs) for run in p.runs]
        assert runs or not shape.text_frame.text, (n, shape.name)
        floor = MIN_TEXT
        if shape == prs.slides[n - 1].shapes.title:
            floor = MIN_TITLE
        for i, run in runs:
            size = run.font.size
            wanted = MIN_FIGURE if shape.name.startswith("figure.") and i == 0 else floor
            assert size is not None and size >= wanted, (n, shape.name, run.text, size and size.pt)
    for name, chart in _charts(prs).items():
        assert chart.font.size >= MIN_TEXT, name
        assert chart.has_title is False, name  # the slide's title says it; a chart title would repeat it
        if chart.has_legend:
            assert chart.legend.font.size >= MIN_TEXT, name
        assert chart.category_axis.tick_labels.font.size >= MIN_TEXT, name
        if chart.plots[0].has_data_labels:
            assert chart.plots[0].data_labels.font.size >= MIN_TEXT, name


def _no_formula_behind_the_charts(data: bytes) -> str:
    """Every chart's embedded workbook holds its labels as text; returns their shared strings."""
    strings = []
    with zipfile.ZipFile(io.BytesIO(data)) as pptx:
        for name in pptx.namelist():
            if name.startswith("ppt/embeddings/") and name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(pptx.read(name))) as book:
                    sheet = book.read("xl/worksheets/sheet1.xml").decode()
                    assert "<f>" not in sheet and "<f " not in sheet, name
                    strings.append(book.read("xl/sharedStrings.xml").decode())
    return "".join(strings)


# ---------------------------------------------------------------- rendering


def _soffice(path: Path, profile: Path) -> Path:
    """`path` converted to PDF beside it by LibreOffice, with its own profile (no clash with other runs)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed to render the files"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(path.parent),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = path.with_suffix(".pdf")
    assert pdf.exists(), (
        f"LibreOffice made no PDF of {path.name} ({done.stderr.decode().strip()}); "
        "a workbook needs Calc: apt-get install libreoffice-calc-nogui"
    )
    return pdf


def _png(pdf: Path, page: int, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / name
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "96",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(target.with_suffix("")),
        ],
        check=True,
        timeout=120,
    )
    assert target.stat().st_size > 10_000  # a drawn page, not a blank one
    return target


def _pdf_pages(pdf: Path) -> list[str]:
    """Each page's text, as poppler reads it (pypdf scrambles Vietnamese letters drawn with two glyphs)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=120).stdout
    pages = [" ".join(page.split()) for page in text.decode().split("\f")]
    assert len(PdfReader(pdf).pages) == len(pages) - 1  # the text ends with a form feed
    return pages[:-1]


# ---------------------------------------------------------------- the deck of the known office


@pytest.mark.parametrize("period", [AUGUST, JULY_AUGUST], ids=["august", "july_august"])
def test_the_deck_holds_the_periods_figures_in_native_charts(conn, period):
    f = report_figures(conn, period, NOW)
    data = deck.build_report_deck(f, SETTINGS)
    prs = _open(data)

    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in: 16:9
    assert round(prs.slide_width / prs.slide_height, 3) == round(16 / 9, 3)
    assert len(prs.slides) == 8
    assert [s.shapes.title.text_frame.text for s in prs.slides][1:] == [
        "Tổng quan",
        "Nhiệm vụ quá hạn theo đơn vị chủ trì",
        "Nhiệm vụ giao trong kỳ so với cùng kỳ",
        "Văn bản đến và đi",
        "Hội họp",
        "Điểm cầu xã, phường, đặc khu",
        "Hành chính công",
    ]
    # every chart is PowerPoint's own, with its data: never a picture
    assert not [s.name for _, s in _shapes(prs) if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    charts = _charts(prs)
    assert set(charts) == CHART_NAMES
    assert all(s.has_chart for _, s in _shapes(prs) if isinstance(s, GraphicFrame))

    # the title slide
    title_slide = prs.slides[0]
    texts = [s.text_frame.text for s in title_slide.shapes if s.has_text_frame]
    assert "UBND TỈNH PHÙ SA\nVĂN PHÒNG" in texts
    start = period.start.strftime("%d/%m/%Y")
    assert title_slide.shapes.title.text_frame.text == f"KẾT QUẢ CÔNG TÁC\ntừ {start} đến 28/08/2025"
    assert "Số liệu cập nhật lúc 09:00 28/08/2025" in texts
    assert prs.core_properties.title == f"Kết quả công tác từ {start} đến 28/08/2025"

    # the headline figures, as the figures say and as Vietnamese write them
    assert (f.documents.volume.incoming, f.documents.volume.outgoing) == (
        (E["incoming"], E["outgoing"]) if period == AUGUST else (5, 4)
    )
    assert dataclasses.asdict(f.points) == E["points"]
    for key, text in deck.headline_figures(f).items():
        assert _figure(prs, 2, f"figure.{key}") == text
    assert _figure(prs, 2, "figure.docs_in") == fmt_int(f.documents.volume.incoming)
    assert _figure(prs, 2, "figure.points") == "3/6"
    assert _figure(prs, 2, "figure.overdue") == fmt_int(f.tasks.open_overdue)
    assert _texts(prs, 2, "figure.points") == ["3/6", "Điểm cầu xã đang kết nối", "50,0% số điểm cầu"]
    assert _texts(prs, 2, "figure.overdue")[1:] == ["Nhiệm vụ quá hạn, chưa hoàn thành", "cùng kỳ: 0"]

    # overdue tasks by lead unit: a bar chart of the figures' units, the hostile name as text
    units = charts["chart.units"]
    assert units.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert [(u.unit_name, u.overdue) for u in f.overdue_units] == [
        ("Sở Tài chính", E["overdue_now"]),
        (EVIL, 2),
        (LONG, 1),  # one each: by name
        (COMMITTEE, 1),
    ]
    assert list(units.plots[0].categories) == [deck.short_label(u.unit_name) for u in f.overdue_units]
    assert _values(units) == [[u.overdue for u in f.overdue_units]]
    labels = list(units.plots[0].categories)
    assert labels == ["Sở Tài chính", EVIL, LONG_LABEL, "UBND xã Mỹ Hòa Hưng"]  # EVIL literally, never a formula
    assert all(len(label) <= deck.UNIT_LABEL_CHARS for label in labels)
    assert units.plots[0].has_data_labels and units.category_axis.reverse_order  # most overdue on top
    notes = _notes(prs, 3)
    assert LONG in notes and COMMITTEE in notes and EVIL in notes  # the names in full in the notes
    assert f"Sở Tài chính: {E['overdue_now']} nhiệm vụ quá hạn trong" in notes
    shared = _no_formula_behind_the_charts(data)
    assert "=HYPERLINK(&quot;http://127.0.0.1/x&quot;,&quot;bấm&quot;)" in shared or EVIL in shared

    # the five categories against cùng kỳ: two series
    tasks = charts["chart.tasks"]
    assert tasks.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(tasks.plots[0].categories) == [
        "Đã hoàn thành đúng hạn",
        "Đã hoàn thành quá hạn",
        "Chưa hoàn thành, trong hạn",
        "Chưa hoàn thành, quá hạn",
        "Không thời hạn",
    ]
    assert _values(tasks) == [
        [getattr(f.tasks, c) for c in deck.CATEGORIES],
        [getattr(f.tasks_last_year, c) for c in deck.CATEGORIES],
    ]
    if period == JULY_AUGUST:  # every known task was assigned from 01/07
        assert _values(tasks)[0] == [E[c] for c in deck.CATEGORIES]
    else:  # two were assigned in August, both overdue now
        assert _values(tasks)[0] == [0, 0, 0, 2, 0]
    assert _values(tasks)[1] == [0, 0, 0, 0, 0]
    assert [s.name for s in tasks.plots[0].series] == [
        f"Kỳ này ({start} – 28/08/2025)",
        f"Cùng kỳ ({period.start.replace(year=2024).strftime('%d/%m/%Y')} – 28/08/2024)",
    ]

    # documents in and out per day (August) or week (July-August), empty buckets included
    documents = charts["chart.documents"]
    assert documents.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    buckets, incoming, outgoing = deck.document_buckets(f)
    assert list(documents.plots[0].categories) == buckets
    assert _values(documents) == [incoming, outgoing]
    assert (sum(incoming), sum(outgoing)) == (f.documents.volume.incoming, f.documents.volume.outgoing)
    if period == AUGUST:
        assert f.documents.grain == "day" and len(buckets) == 28 and buckets[0] == "01/08"
        assert (incoming[0], incoming[27], outgoing[14]) == (1, 1, 3)
    else:
        assert f.documents.grain == "week" and len(buckets) == 9 and buckets[:2] == ["30/06", "07/07"]
        assert (incoming[0], incoming[4]) == (1, 3)

    # meetings by kind, and the load per working day beside them
    meetings = charts["chart.meetings"]
    in_person = 5 if period == AUGUST else 6
    assert list(meetings.plots[0].categories) == ["Cuộc họp", "Đoàn công tác TW"]
    assert _values(meetings) == [[in_person, 1], [0, 0]]
    assert (f.meeting_load.meetings, f.meeting_load.working_days) == (
        (E["period_meetings"], E["period_working_days"])
        if period == AUGUST
        else (E["period_meetings"] + 1, working_days(period.start, period.end))
    )
    assert _figure(prs, 6, "figure.meetings") == fmt_int(f.meeting_load.meetings)
    assert _figure(prs, 6, "figure.per_day") == ("0,30" if period == AUGUST else "0,16")
    assert _figure(prs, 6, "figure.delegations") == "1"
    assert _figure(prs, 6, "figure.online") == fmt_int(f.meetings.online_held) == "0"
    assert _figure(prs, 6, "figure.online_points") == fmt_int(f.online_points)

    # the commune points now: a bar of each of the four states, in its colour
    points = charts["chart.points"]
    assert points.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(points.plots[0].categories) == ["Kết nối", "Chập chờn", "Mất kết nối", "Chưa kiểm tra"]
    assert _values(points) == [[3, 1, 1, 1]]
    assert _figure(prs, 7, "figure.points") == "3/6"
    assert _texts(prs, 7, "figure.points") == ["3/6", "điểm cầu đang kết nối", "50,0%"]

    # public services: the period's dossiers as /services counts them, the index, the categories against cùng kỳ
    known = S[period.start]
    assert f.services.dossiers == known["now"] and f.services.dossiers_last_year == known["last_year"]
    now, before = known["now"], known["last_year"]
    assert _texts(prs, 8, "subtitle") == [f"Hồ sơ tiếp nhận từ {start} đến 28/08/2025, tình trạng tính đến 28/08/2025"]
    assert _texts(prs, 8, "figure.received") == [
        fmt_int(now.received),
        "Hồ sơ tiếp nhận",
        f"cùng kỳ: {before.received}",
    ]
    rates = ("50,0%", "66,7%") if period == AUGUST else ("50,0%", "75,0%")
    assert _texts(prs, 8, "figure.on_time_rate") == [rates[0], "Giải quyết đúng hạn", f"cùng kỳ: {rates[1]}"]
    assert _texts(prs, 8, "figure.open_overdue") == [fmt_int(now.open_overdue), "Đang quá hạn", "cùng kỳ: 0"]
    assert _texts(prs, 8, "figure.index") == ["82,08", "Chỉ số phục vụ tháng 07/2025", "xếp thứ 16/34"]
    services = charts["chart.services"]
    assert services.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(services.plots[0].categories) == [
        "Giải quyết đúng hạn",
        "Giải quyết quá hạn",
        "Đang giải quyết trong hạn",
        "Đang giải quyết quá hạn",
    ]
    assert _values(services) == [
        [getattr(now, c) for c in DOSSIER_CATEGORIES],
        [getattr(before, c) for c in DOSSIER_CATEGORIES],
    ]
    assert _values(services) == ([[2, 2, 2, 2], [2, 1, 1, 0]] if period == AUGUST else [[3, 3, 2, 3], [3, 1, 1, 0]])
    assert [s.name for s in services.plots[0].series] == [s.name for s in tasks.plots[0].series]
    assert f"Tiếp nhận trực tuyến: {now.online} (" in _notes(prs, 8)
    assert f"Giải quyết quá hạn: {now.resolved_late} (cùng kỳ: {before.resolved_late})" in _notes(prs, 8)

    _sizes_are_large(prs)
    # the notes hold the exact figures
    assert f"Văn bản đến: {fmt_int(f.documents.volume.incoming)}" in _notes(prs, 2)
    assert "Chưa hoàn thành, quá hạn: " in _notes(prs, 4)
    assert "Kết nối: 3" in _notes(prs, 7)


def test_the_deck_renders_in_libreoffice(conn, tmp_path):
    """The August deck as LibreOffice prints it: eight pages, Vietnamese intact, the hostile name as text."""
    f = report_figures(conn, AUGUST, NOW)
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck.build_report_deck(f, SETTINGS))
    pdf = _soffice(path, tmp_path / "profile")
    pages = _pdf_pages(pdf)
    assert len(pages) == 8
    assert "KẾT QUẢ CÔNG TÁC" in pages[0] and "từ 01/08/2025 đến 28/08/2025" in pages[0]
    assert "Nhiệm vụ quá hạn theo đơn vị chủ trì" in pages[2] and "Sở Tài chính" in pages[2]
    assert "HYPERLINK" in pages[2]
    assert "Điểm cầu xã, phường, đặc khu" in pages[6]
    assert "Hành chính công" in pages[7] and "82,08" in pages[7] and "Đang giải quyết quá hạn" in pages[7]
    _png(pdf, 3, "deck-slide.png")
    _png(pdf, 8, "deck-services.png")


# ---------------------------------------------------------------- a busy office: large figures, long names


def _busy() -> ReportFigures:
    """A year to date of a large office: five-digit figures and ten lead units, some with long names."""
    period = Period("year", dt.date(2025, 1, 1), TODAY)
    names = [
        "Sở Kế hoạch và Đầu tư",
        EVIL,
        "Ủy ban nhân dân thành phố Long Xuyên",
        LONG,
        "Sở Nông nghiệp và Môi trường",
        "Ban Quản lý các khu công nghiệp, khu kinh tế cửa khẩu và khu kinh tế ven biển",
        "Sở Tài chính",
        "Sở Xây dựng",
        "Sở Giáo dục và Đào tạo",
        "Công an tỉnh",
    ]
    months = [dt.date(2025, m, 1) for m in range(1, 9)]
    series = [VolumePoint(m, "incoming", 1480 + 37 * i) for i, m in enumerate(months)]
    series += [VolumePoint(m, "outgoing", 1020 + 29 * i) for i, m in enumerate(months)]
    documents = DocumentFigures(
        volume=DocumentVolume(12996, 9180),
        previous=DocumentVolume(11000, 8000),
        last_year=DocumentVolume(12001, 8830),
        grain="month",
        series=series,
        types=[],
        urgencies=[],
        issuers=[],
        processing=ProcessingCounts(on_time=9000, late=800, overdue=120, pending=300, no_deadline=2776),
        units=[],
        signed=SignedShare(9011, 9180),
        backlog_overdue=120,
    )
    return ReportFigures(
        period=period,
        last_year=Period("year", dt.date(2024, 1, 1), dt.date(2024, 8, 28)),
        as_of=TODAY,
        read_at=NOW,
        documents=documents,
        meetings=MeetingFigures(
            days=[],
            weeks=[],
            kinds=[KindCount("meeting", 160, 1105), KindCount("conference", 40, 77), KindCount("delegation", 3, 21)],
            busiest=[],
            online=[],
            online_total=203,
            missed=[],
        ),
        meeting_load=MeetingLoad(1406, working_days(period.start, period.end)),
        online_points=102,
        tasks=TaskCategoryCounts(1204, 318, 455, 87, 20),
        tasks_last_year=TaskCategoryCounts(1010, 402, 380, 131, 25),
        overdue_units=[UnitLoad(i, f"U-{i}", name, 300 - 20 * i, 40 - 3 * i) for i, name in enumerate(names)],
        points=PointStatusCounts(connected=95, degraded=4, disconnected=2, not_checked=1),
    )


def test_large_figures_and_long_names_stay_readable(tmp_path):
    f = _busy()
    data = deck.build_report_deck(f)  # the settings' defaults
    prs = _open(data)
    for part in [prs.slide_master, *prs.slide_layouts]:  # the template's 4:3 placeholders widened to 16:9
        wide = [s.left + s.width for s in part.shapes if s.left is not None]
        assert max(wide) <= prs.slide_width and max(wide) > prs.slide_width * 0.8, part.name
    assert _figure(prs, 2, "figure.docs_in") == "12.996"
    assert _figure(prs, 2, "figure.docs_out") == "9.180"
    assert _figure(prs, 2, "figure.meetings") == "1.406"
    assert _figure(prs, 2, "figure.points") == "95/102"
    assert _texts(prs, 5, "figure.signed") == ["98,2%", "Văn bản đi ký số", "9.011/9.180"]
    assert _texts(prs, 5, "figure.on_time") == ["91,8%", "Văn bản đến xử lý đúng hạn"]
    assert _figure(prs, 6, "figure.per_day") == "8,17"  # 1.406 meetings over 172 working days
    charts = _charts(prs)
    labels = list(charts["chart.units"].plots[0].categories)
    assert len(labels) == 10 and all(len(label) <= deck.UNIT_LABEL_CHARS for label in labels)
    assert labels[1] == EVIL and labels[2] == "UBND thành phố Long Xuyên"
    assert labels[5] == "Ban Quản lý các khu công nghiệp, khu…"  # cut at a word
    assert _values(charts["chart.units"]) == [[u.overdue for u in f.overdue_units]]
    # 12.996 on the data labels too, whatever the computer's locale
    assert charts["chart.units"].plots[0].data_labels.number_format == deck.NUMBER_FORMATS["vi"]
    assert list(charts["chart.documents"].plots[0].categories) == [f"{m:02d}/2025" for m in range(1, 9)]
    assert _values(charts["chart.documents"]) == [[1480 + 37 * i for i in range(8)], [1020 + 29 * i for i in range(8)]]
    _sizes_are_large(prs)
    path = tmp_path / "busy.pptx"
    path.write_bytes(data)
    pdf = _soffice(path, tmp_path / "profile")
    pages = _pdf_pages(pdf)
    assert "12.996" in pages[1] and "1.406" in pages[1]
    assert "1.480" in pages[4] or "1.500" in pages[4]  # the labels or the axis in Vietnamese digits
    _png(pdf, 3, "deck-slide-busy.png")
    _png(pdf, 2, "deck-overview-busy.png")


def test_database_text_is_plain_on_the_slides():
    """Control characters and decomposed Vietnamese from another system: one clean line, composed."""
    decomposed = "Sở Ta\u0300i chi\u0301nh\x00\x0b"
    assert deck.plain(decomposed) == "Sở Tài chính"
    assert deck.short_label("Ủy ban nhân dân tỉnh") == "UBND tỉnh"
    assert deck.short_label(LONG) == LONG_LABEL
    assert deck.short_label("A" * 60).endswith("…") and len(deck.short_label("A" * 60)) == deck.UNIT_LABEL_CHARS
    f = dataclasses.replace(_busy(), overdue_units=[UnitLoad(1, "U-1", decomposed, 3, 2)])
    prs = _open(deck.build_report_deck(f))
    assert list(_charts(prs)["chart.units"].plots[0].categories) == ["Sở Tài chính"]


def test_a_past_periods_points_are_read_at_its_last_minute():
    f = dataclasses.replace(_busy(), period=Period("last_month", dt.date(2025, 7, 1), dt.date(2025, 7, 31)))
    prs = _open(deck.build_report_deck(f))
    assert _texts(prs, 7, "subtitle") == ["Theo lần kiểm tra gần nhất của mỗi điểm cầu, lúc 23:59 31/07/2025"]
    assert _texts(_open(deck.build_report_deck(_busy())), 7, "subtitle")[0].endswith("lúc 09:00 28/08/2025")


def test_an_empty_period_says_so_instead_of_empty_charts():
    f = _busy()
    empty = dataclasses.replace(
        f,
        documents=dataclasses.replace(f.documents, volume=DocumentVolume(), series=[]),
        meetings=dataclasses.replace(f.meetings, kinds=[]),
        overdue_units=[],
        points=PointStatusCounts(),
    )
    prs = _open(deck.build_report_deck(empty))
    assert _charts(prs).keys() == {"chart.tasks"}
    said = [s.text_frame.text for _, s in _shapes(prs) if s.name == "empty"]
    assert said == [t("deck.units_none"), t("deck.documents_none"), t("deck.meetings_none"), t("deck.points_none")]
    _sizes_are_large(prs)


def test_public_services_without_dossiers_or_index_and_without_data():
    """Procedures only: the slide's three tiles and a box saying there were no dossiers; no data: no slide."""
    f = dataclasses.replace(_busy(), services=ServiceHeadline(DossierCounts(), DossierCounts(), 3, None))
    prs = _open(deck.build_report_deck(f))
    assert len(prs.slides) == 8 and prs.slides[7].shapes.title.text_frame.text == "Hành chính công"
    names = [s.name for s in prs.slides[7].shapes]
    assert "figure.index" not in names and "chart.services" not in names
    assert _texts(prs, 8, "figure.on_time_rate")[0] == "—"
    assert [s.text_frame.text for s in prs.slides[7].shapes if s.name == "empty"] == [t("report.slide_services_none")]
    _sizes_are_large(prs)
    assert len(_open(deck.build_report_deck(_busy())).slides) == 7  # no public-service data: no slide


# ---------------------------------------------------------------- the urging workbook, printable


def _page_setup_is_printable(sheet) -> None:
    setup = sheet.page_setup
    assert setup.orientation == "landscape" and int(setup.paperSize) == int(sheet.PAPERSIZE_A4) == 9
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}" and HEADER_ROW == 7
    margins = sheet.page_margins
    assert 0.3 <= margins.left <= 1 and 0.3 <= margins.right <= 1 and 0.4 <= margins.top <= 1
    assert sheet.oddFooter.center.text == "Trang &P/&N"


def test_the_urging_workbook_prints_with_its_heading_and_signature(conn, tmp_path):
    rows = task_list.urging_list(conn, TaskFilter(TODAY))
    assert {r.unit_name for r in rows} == {"Sở Tài chính", EVIL, LONG, COMMITTEE}
    data = build_urging_workbook(rows, TODAY, SETTINGS)
    sheet = load_workbook(io.BytesIO(data)).active
    _page_setup_is_printable(sheet)
    assert (sheet["A1"].value, sheet["A2"].value) == ("UBND TỈNH PHÙ SA", "VĂN PHÒNG")
    assert {"A1:C1", "A2:C2", "A4:K4", "A5:K5"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A4"].value == "DANH SÁCH NHIỆM VỤ QUÁ HẠN CẦN ĐÔN ĐỐC"
    assert sheet["A4"].alignment.horizontal == "center" and sheet["A1"].alignment.horizontal == "center"
    assert sheet["A5"].value == "Tính đến ngày 28/08/2025"
    assert sheet.cell(HEADER_ROW, 2).value == "Mã nhiệm vụ"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    column_h = [(c.row, c.value) for c in sheet["H"] if c.value and c.row > HEADER_ROW]
    last_task_row = max(c.row for c in sheet["A"] if isinstance(c.value, int))
    signature = [value for row, value in column_h if row > last_task_row]
    assert signature == ["Phù Sa, ngày 28 tháng 8 năm 2025", "CHÁNH VĂN PHÒNG", "Trần Thị Bình"]
    place_row = next(row for row, value in column_h if value == signature[0])
    assert place_row == last_task_row + 2  # one empty row under the table
    assert f"H{place_row}:K{place_row}" in {str(r) for r in sheet.merged_cells.ranges}
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # "=HYPERLINK(…)" stays text
    assert EVIL + " (2 nhiệm vụ)" in [c.value for c in sheet["A"]]

    default = load_workbook(io.BytesIO(build_urging_workbook(rows, dt.date(2025, 2, 5)))).active
    values = [c.value for c in default["H"] if c.value]
    assert "Phù Sa, ngày 05 tháng 02 năm 2025" in values and "Nguyễn Văn An" in values  # Decree 30's zeros

    path = tmp_path / "urging.xlsx"
    path.write_bytes(data)
    pdf = _soffice(path, tmp_path / "profile")
    pages = _pdf_pages(pdf)
    assert len(pages) == 1
    for text in (
        "UBND TỈNH PHÙ SA",
        "VĂN PHÒNG",
        "DANH SÁCH NHIỆM VỤ QUÁ HẠN CẦN ĐÔN ĐỐC",
        "Mã nhiệm vụ",
        "Lần đôn đốc",
    ):
        assert text in pages[0], text
    for text in ("Phù Sa, ngày 28 tháng 8 năm 2025", "CHÁNH VĂN PHÒNG", "Trần Thị Bình", "HYPERLINK", "Trang 1/1"):
        assert text in pages[0], text
    _png(pdf, 1, "urging-workbook-page1.png")


def test_a_long_urging_list_repeats_its_headers_on_every_page(tmp_path):
    """Ninety tasks: several pages, each one page wide with the column headers on top; the signature last."""
    rows = [
        task_list.UrgingRow(
            f"Sở {u}",
            f"NV-2025-{i:05d}",
            f"Triển khai nhiệm vụ số {i} về cải cách hành chính, chuyển đổi số và giải ngân vốn đầu tư công",
            "chairman",
            dt.date(2025, 3, 1),
            dt.date(2025, 6, 30),
            59,
            40,
            2,
            None,
            Extensions(2, dt.date(2025, 5, 31)) if i % 3 == 0 else Extensions(),
        )
        for u in range(3)
        for i in range(30 * u, 30 * u + 30)
    ]
    data = build_urging_workbook(rows, TODAY, SETTINGS)
    _page_setup_is_printable(load_workbook(io.BytesIO(data)).active)
    path = tmp_path / "long.xlsx"
    path.write_bytes(data)
    pages = _pdf_pages(_soffice(path, tmp_path / "profile"))
    assert len(pages) >= 2
    for n, text in enumerate(pages, start=1):
        assert "STT Mã nhiệm vụ" in text and "Lần đôn đốc" in text and "gần nhất" in text, n  # every column
        assert f"Trang {n}/{len(pages)}" in text
    assert "UBND TỈNH PHÙ SA" in pages[0] and "UBND TỈNH PHÙ SA" not in pages[1]
    assert "Trần Thị Bình" in pages[-1] and "NV-2025-00089" in "".join(pages)
