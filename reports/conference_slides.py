"""The conference deck of a period: the presentation mode's slides as a PowerPoint file (issue 19).

16:9 slides, black on white, in type read from the back of a hall: titles 40 pt, figures 44-60 pt,
every other text (chart labels included) at least 20 pt. A title slide, then the headline figures,
overdue tasks by lead unit, the tasks' five categories against cùng kỳ, documents in and out, meetings,
the commune points, and public services (the period's dossiers against cùng kỳ and the index, as /services
counts them; left out when the province keeps no public-service data here). Every chart is a native
PowerPoint chart carrying its data, so the office can correct a figure or a colour in PowerPoint; each
slide's notes hold the exact figures.

Strings from the database go in as text: a unit named "=HYPERLINK(...)" is a label on the chart and a
text cell in the workbook behind it, never a formula or a link; control characters are dropped.
Colours are the status palette's (components/shared/palette.py, .streamlit/config.toml), repeated
here because files never import the drawing layer.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_MARK
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from data_access.accounts.settings import OfficeSettings
from data_access.core.clock import VN_TZ
from data_access.documents.figures import bucket_starts
from data_access.overview.report import ReportFigures
from i18n import fmt_date, fmt_datetime, fmt_decimal, fmt_int, fmt_percent, fmt_short_date, known, language, t

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 x 7.5 in, PowerPoint's 16:9
WIDE, HIGH = 13.333, 7.5  # inches
MARGIN = 0.6
FONT = "Arial"  # on every office computer; LibreOffice draws it with the metric-compatible Liberation Sans
TITLE_PT = 40
BIG_FIGURE_PT = 60  # the headline figures
FIGURE_PT = 44  # figures beside a chart
MIN_FIGURE_PT = 40  # a long figure is made smaller, down to this
LABEL_PT = 22  # what a figure is
TEXT_PT = 20  # the smallest text on a slide: subtitles, details, chart labels
CONTENT_TOP = 1.75  # below the title, its rule and the subtitle
CONTENT_BOTTOM = HIGH - 0.3
UNIT_LABEL_CHARS = 40  # a lead unit's name on the bar chart: longer ones are shortened (in full in the notes)
LABELLED_BUCKETS = 8  # document columns with their numbers on top; more would collide at 20 pt

INK = "000000"
RULE = "0B4F8A"  # the theme's primary colour
FRAME = "BFBFBF"
GRID = "D9D9D9"
# The status palette (components/shared/palette.py) and the charts' direction and kind colours.
OVERDUE = "B3261E"  # red: overdue, disconnected
ON_TIME = "1B7F3B"  # green: done on time, connected
WARNING = "F0B400"  # degraded
NEUTRAL = "1F5FA8"  # blue: neutral counts, incoming documents, meetings in person
OUTGOING = "E08A00"
ONLINE = "6A3D9A"
GREY = "8A8A8A"  # not checked, a year before
POINT_TONES = {"connected": ON_TIME, "degraded": WARNING, "disconnected": OVERDUE, "not_checked": GREY}
CATEGORIES = ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")
DOSSIER_CATEGORIES = ("resolved_on_time", "resolved_late", "open_in_time", "open_overdue")
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-GB"}
# Whole numbers as Vietnamese write them (12.996) whatever the computer's locale; English keeps 12,996.
NUMBER_FORMATS = {"vi": r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0", "en": "#,##0"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ABBREVIATIONS = ((re.compile(r"\bỦy ban nhân dân\b|\bUỷ ban nhân dân\b", re.I), "UBND"),)


# ---------------------------------------------------------------- text from the database


def plain(text: object) -> str:
    """A value as one line of plain text: composed Unicode, no control characters, single spaces."""
    return " ".join(_CONTROL.sub(" ", unicodedata.normalize("NFC", str(text))).split())


def short_label(name: str, limit: int = UNIT_LABEL_CHARS) -> str:
    """A unit's name short enough for a chart's category label: "Ủy ban nhân dân" as UBND, then cut at a
    word with "…" ("Ban Quản lý dự án đầu tư xây dựng các công trình…")."""
    text = plain(name)
    for pattern, short in _ABBREVIATIONS:
        text = pattern.sub(short, text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut[limit // 2 :]:  # never half a word
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–") + "…"


class _TextWorkbookWriter(CategoryWorkbookWriter):
    """The chart's data workbook with every string written as text: xlsxwriter would otherwise turn a
    label starting with "=" into a formula and one starting with "http" into a link."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        book = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        yield book, book.add_worksheet()
        book.close()


class _ChartData(CategoryChartData):
    @cached_property
    def _workbook_writer(self):
        return _TextWorkbookWriter(self)


# ---------------------------------------------------------------- drawing helpers


@dataclass(frozen=True)
class Line:
    """One paragraph of a text box."""

    text: str
    size: int = TEXT_PT
    bold: bool = False
    colour: str = INK
    italic: bool = False


def _run(paragraph, line: Line) -> None:
    run = paragraph.add_run()
    run.text = line.text
    font = run.font
    font.name, font.size, font.bold, font.italic = FONT, Pt(line.size), line.bold, line.italic
    font.color.rgb = RGBColor.from_string(line.colour)
    font._rPr.set("lang", LANGUAGE_TAGS.get(language(), "vi-VN"))


def _fill_frame(frame, lines: Sequence[Line], align, anchor) -> None:
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.12)
    frame.margin_top = frame.margin_bottom = Inches(0.06)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        _run(paragraph, line)


def _box(slide, x, y, w, h, lines, *, name, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, framed=False):
    shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    shape.name = name
    _fill_frame(shape.text_frame, lines, align, anchor)
    if framed:
        shape.line.color.rgb = RGBColor.from_string(FRAME)
        shape.line.width = Pt(1.5)
    return shape


def _new_slide(prs, title: str, subtitle: str | None, notes: Sequence[str]):
    """A slide with its title (the layout's title placeholder, for the outline and screen readers),
    a rule, a subtitle and the notes."""
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    heading = slide.shapes.title
    heading.left, heading.top = Inches(MARGIN), Inches(0.2)
    heading.width, heading.height = Inches(WIDE - 2 * MARGIN), Inches(0.85)
    heading.text_frame.text = ""
    _fill_frame(heading.text_frame, [Line(title, TITLE_PT, bold=True)], PP_ALIGN.LEFT, MSO_ANCHOR.MIDDLE)
    rule = slide.shapes.add_connector(1, Inches(MARGIN), Inches(1.1), Inches(WIDE - MARGIN), Inches(1.1))
    rule.line.color.rgb = RGBColor.from_string(RULE)
    rule.line.width = Pt(3)
    rule.name = "rule"
    if subtitle:
        _box(slide, MARGIN, 1.15, WIDE - 2 * MARGIN, 0.5, [Line(subtitle)], name="subtitle")
    slide.notes_slide.notes_text_frame.text = "\n".join(plain(n) for n in notes)
    return slide


def _nothing(slide, text: str, y: float = CONTENT_TOP, left: float = MARGIN) -> None:
    """The box that says a chart has nothing to draw, in its place (from `left` to the right margin)."""
    _box(
        slide,
        left,
        y,
        WIDE - MARGIN - left,
        CONTENT_BOTTOM - y,
        [Line(text, 28)],
        name="empty",
        align=PP_ALIGN.CENTER,
        anchor=MSO_ANCHOR.MIDDLE,
    )


def _number_format() -> str:
    return NUMBER_FORMATS.get(language(), NUMBER_FORMATS["en"])


def _colour(fill, hex_colour: str) -> None:
    fill.solid()
    fill.fore_color.rgb = RGBColor.from_string(hex_colour)


def _chart(
    slide,
    chart_type,
    box: tuple[float, float, float, float],
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[int], str]],
    *,
    name: str,
    labels: bool = True,
    legend: bool = False,
):
    """A native chart: categories, series (name, values, colour), 20 pt text, data labels written 12.996."""
    data = _ChartData(number_format=_number_format())
    data.categories = [plain(c) for c in categories]
    for series_name, values, _ in series:
        data.add_series(series_name, [int(v) for v in values])
    x, y, w, h = box
    frame = slide.shapes.add_chart(chart_type, Inches(x), Inches(y), Inches(w), Inches(h), data)
    frame.name = name
    chart = frame.chart
    chart.has_title = False  # the slide's title says it
    chart.font.name, chart.font.size = FONT, Pt(TEXT_PT)
    chart.font.color.rgb = RGBColor.from_string(INK)
    plot = chart.plots[0]
    plot.vary_by_categories = False
    for drawn, (_, _, colour) in zip(plot.series, series):
        _colour(drawn.format.fill, colour)
    if labels:
        plot.has_data_labels = True
        dl = plot.data_labels
        dl.font.name, dl.font.size, dl.font.bold = FONT, Pt(TEXT_PT), True
        dl.number_format, dl.number_format_is_linked = _number_format(), False
        dl.show_value = True
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.name, chart.legend.font.size = FONT, Pt(TEXT_PT)
    return chart


def _axes(chart, *, value_axis: bool) -> None:
    """20 pt category labels; the value axis with light gridlines, or hidden when every bar says its number."""
    categories = chart.category_axis
    categories.tick_labels.font.name, categories.tick_labels.font.size = FONT, Pt(TEXT_PT)
    categories.major_tick_mark = XL_TICK_MARK.NONE
    categories.format.line.color.rgb = RGBColor.from_string(GREY)
    values = chart.value_axis
    values.minimum_scale = 0
    values.has_major_gridlines = value_axis
    values.visible = value_axis
    if value_axis:
        values.major_gridlines.format.line.color.rgb = RGBColor.from_string(GRID)
        values.tick_labels.font.name, values.tick_labels.font.size = FONT, Pt(TEXT_PT)
        values.tick_labels.number_format, values.tick_labels.number_format_is_linked = _number_format(), False
        values.major_tick_mark = XL_TICK_MARK.NONE
        values.format.line.fill.background()


def _skip_labels(chart, count: int, label_chars: int, width_in: float) -> None:
    """Every n-th category label only, so that 28 days' labels at 20 pt never collide."""
    per_label = label_chars * TEXT_PT * 0.62 + 16  # points
    skip = math.ceil(count * per_label / (width_in * 72 * 0.88))
    if skip > 1:
        element = OxmlElement("c:tickLblSkip")
        element.set("val", str(skip))
        chart.category_axis._element.find(qn("c:lblOffset")).addnext(element)


def _figure_rows(slide, x: float, y: float, w: float, rows: Sequence[tuple[str, str, str]], height: float) -> None:
    """Figures in a column beside a chart: the number large on the left, what it is on the right."""
    number_w = 2.2
    for i, (key, value, label) in enumerate(rows):
        top = y + i * height
        _box(
            slide,
            x,
            top,
            number_w,
            height,
            [Line(value, fitted(value, number_w, FIGURE_PT), bold=True)],
            name=f"figure.{key}",
            align=PP_ALIGN.RIGHT,
            anchor=MSO_ANCHOR.MIDDLE,
        )
        _box(
            slide, x + number_w, top, w - number_w, height, [Line(label)], name=f"label.{key}", anchor=MSO_ANCHOR.MIDDLE
        )


def fitted(text: str, width_in: float, size: int) -> int:
    """The figure's size, smaller (never under 40 pt) when the figure would not fit on one line of the box."""
    room = width_in * 72 - 20  # points inside the box's margins
    wide = len(text) * 0.6 * size  # bold Arial digits are about 0.56 em
    return size if wide <= room else max(MIN_FIGURE_PT, int(room / (len(text) * 0.6)))


def _tiles(slide, tiles: Sequence[tuple[str, str, str, str | None, str]], columns: int, top: float, height: float):
    """Framed tiles: (key, number, label, detail, colour), `columns` a row."""
    gap = 0.25
    width = (WIDE - 2 * MARGIN - (columns - 1) * gap) / columns
    for i, (key, value, label, detail, colour) in enumerate(tiles):
        row, column = divmod(i, columns)
        size = fitted(value, width, BIG_FIGURE_PT if height >= 2 else FIGURE_PT)
        lines = [Line(value, size, bold=True, colour=colour), Line(label, LABEL_PT if height >= 2 else TEXT_PT)]
        if detail:
            lines.append(Line(detail))
        _box(
            slide,
            MARGIN + column * (width + gap),
            top + row * (height + gap),
            width,
            height,
            lines,
            name=f"figure.{key}",
            align=PP_ALIGN.CENTER,
            anchor=MSO_ANCHOR.MIDDLE,
            framed=True,
        )


# ---------------------------------------------------------------- figures as text


def _share(value: float | None) -> str:
    return fmt_percent(value) if value is not None else t("deck.no_value")


def _period_text(f: ReportFigures) -> str:
    return t("deck.period", start=fmt_date(f.period.start), end=fmt_date(f.period.end))


def _range(start, end) -> str:
    return f"{fmt_date(start)} – {fmt_date(end)}"


def _label(prefix: str, code: str) -> str:
    """A code's label from the catalogue, or the code itself as text when another system wrote an unknown one."""
    return t(f"{prefix}.{code}") if known(f"{prefix}.{code}") else plain(code)


def _bucket_label(day, grain: str) -> str:
    return f"{day.month:02d}/{day.year}" if grain == "month" else fmt_short_date(day)


def document_buckets(f: ReportFigures) -> tuple[list[str], list[int], list[int]]:
    """The documents chart's categories and its incoming and outgoing counts, empty days, weeks or months
    included, as the documents page draws them."""
    grain = f.documents.grain
    counts = {(p.start, p.direction): p.count for p in f.documents.series}
    starts = bucket_starts(f.period.start, f.period.end, grain)
    return (
        [_bucket_label(s, grain) for s in starts],
        [counts.get((s, "incoming"), 0) for s in starts],
        [counts.get((s, "outgoing"), 0) for s in starts],
    )


def headline_figures(f: ReportFigures) -> dict[str, str]:
    """The big numbers of the overview slide, as the slide writes them (12.996, 0,30, 3/6)."""
    p = f.points
    return {
        "docs_in": fmt_int(f.documents.volume.incoming),
        "docs_out": fmt_int(f.documents.volume.outgoing),
        "tasks": fmt_int(f.tasks.total),
        "overdue": fmt_int(f.tasks.open_overdue),
        "meetings": fmt_int(f.meeting_load.meetings),
        "points": t("deck.ratio", part=fmt_int(p.connected), total=fmt_int(p.total)),
    }


def _per_day(f: ReportFigures) -> str:
    per_day = f.meeting_load.per_working_day
    return fmt_decimal(per_day) if per_day is not None else t("deck.no_value")


# ---------------------------------------------------------------- the slides


def _title_slide(prs, f: ReportFigures, settings: OfficeSettings) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    width, size = 6.2, 24
    heading = [
        Line(t("deck.province", province=plain(settings.province).upper()), size),
        Line(plain(settings.office_name).upper(), size, bold=True),
    ]
    rows = sum(math.ceil(len(line.text) * 0.62 * size / (width * 72 - 17)) or 1 for line in heading)
    _box(slide, MARGIN, 0.35, width, 0.15 + rows * 0.42, heading, name="heading", align=PP_ALIGN.CENTER)
    under = 0.35 + 0.12 + rows * 0.42 + 0.08  # a short line under the office's name, as on its letters
    middle = MARGIN + width / 2
    rule = slide.shapes.add_connector(1, Inches(middle - 0.8), Inches(under), Inches(middle + 0.8), Inches(under))
    rule.line.color.rgb = RGBColor.from_string(INK)
    rule.line.width = Pt(1.5)
    rule.name = "heading_rule"
    title = slide.shapes.title
    title.left, title.top = Inches(MARGIN), Inches(2.3)
    title.width, title.height = Inches(WIDE - 2 * MARGIN), Inches(2.6)
    title.text_frame.text = ""
    _fill_frame(
        title.text_frame,
        [
            Line(t("deck.title"), 54, bold=True, colour=RULE),
            Line(t("deck.title_period", start=fmt_date(f.period.start), end=fmt_date(f.period.end)), 40),
        ],
        PP_ALIGN.CENTER,
        MSO_ANCHOR.MIDDLE,
    )
    _box(
        slide,
        MARGIN,
        5.9,
        WIDE - 2 * MARGIN,
        0.6,
        [Line(t("deck.read_at", time=fmt_datetime(f.read_at)), italic=True)],
        name="read_at",
        align=PP_ALIGN.CENTER,
    )
    slide.notes_slide.notes_text_frame.text = plain(
        t("deck.file_title", start=fmt_date(f.period.start), end=fmt_date(f.period.end))
    )


def _overview_slide(prs, f: ReportFigures) -> None:
    numbers = headline_figures(f)
    last_year = f.documents.last_year
    tiles = [
        (
            "docs_in",
            numbers["docs_in"],
            t("deck.fig_docs_in"),
            t("deck.last_year", value=fmt_int(last_year.incoming)),
            INK,
        ),
        (
            "docs_out",
            numbers["docs_out"],
            t("deck.fig_docs_out"),
            t("deck.last_year", value=fmt_int(last_year.outgoing)),
            INK,
        ),
        (
            "tasks",
            numbers["tasks"],
            t("deck.fig_tasks"),
            t("deck.fig_completion", share=_share(f.tasks.completion_rate)),
            INK,
        ),
        (
            "overdue",
            numbers["overdue"],
            t("deck.fig_overdue"),
            t("deck.last_year", value=fmt_int(f.tasks_last_year.open_overdue)),
            OVERDUE if f.tasks.open_overdue else INK,
        ),
        ("meetings", numbers["meetings"], t("deck.fig_meetings"), t("deck.fig_per_day", value=_per_day(f)), INK),
        (
            "points",
            numbers["points"],
            t("deck.fig_points"),
            t("deck.fig_points_share", share=_share(f.points_connected_share)),
            INK,
        ),
    ]
    notes = [f"{label}: {value}" + (f" ({detail})" if detail else "") for _, value, label, detail, _ in tiles]
    slide = _new_slide(prs, t("deck.overview"), _period_text(f), notes)
    _tiles(slide, tiles, columns=3, top=CONTENT_TOP + 0.1, height=2.45)


def _units_slide(prs, f: ReportFigures) -> None:
    units = f.overdue_units
    notes = [
        t("deck.units_line", unit=plain(u.unit_name), overdue=fmt_int(u.overdue), total=fmt_int(u.total)) for u in units
    ]
    today = fmt_date(f.read_at.astimezone(VN_TZ).date())
    slide = _new_slide(prs, t("deck.units"), t("deck.units_subtitle", date=today), notes)
    if not units:
        _nothing(slide, t("deck.units_none"))
        return
    chart = _chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        (MARGIN, CONTENT_TOP, WIDE - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP),
        [short_label(u.unit_name) for u in units],
        [(t("deck.units_series"), [u.overdue for u in units], OVERDUE)],
        name="chart.units",
    )
    chart.plots[0].gap_width = 45
    chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _axes(chart, value_axis=False)
    chart.category_axis.reverse_order = True  # the unit with most overdue tasks on top


def _tasks_slide(prs, f: ReportFigures) -> None:
    now, before = f.tasks, f.tasks_last_year
    notes = [
        t(
            "deck.tasks_line",
            category=t(f"category.{c}"),
            value=fmt_int(getattr(now, c)),
            last_year=fmt_int(getattr(before, c)),
        )
        for c in CATEGORIES
    ]
    summary = t(
        "deck.tasks_summary",
        total=fmt_int(now.total),
        last_year=fmt_int(before.total),
        rate=_share(now.completion_rate),
    )
    subtitle = t(
        "deck.tasks_subtitle", start=fmt_date(f.period.start), end=fmt_date(f.period.end), date=fmt_date(f.as_of)
    )
    slide = _new_slide(prs, t("deck.tasks"), subtitle, [summary, *notes])
    _box(slide, MARGIN, CONTENT_TOP, WIDE - 2 * MARGIN, 0.55, [Line(summary, 24, bold=True)], name="summary")
    chart = _chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        (MARGIN, CONTENT_TOP + 0.6, WIDE - 2 * MARGIN, CONTENT_BOTTOM - CONTENT_TOP - 0.6),
        [t(f"category.{c}") for c in CATEGORIES],
        [
            (
                t("deck.tasks_this", range=_range(f.period.start, f.period.end)),
                [getattr(now, c) for c in CATEGORIES],
                NEUTRAL,
            ),
            (
                t("deck.tasks_last_year", range=_range(f.last_year.start, f.last_year.end)),
                [getattr(before, c) for c in CATEGORIES],
                GREY,
            ),
        ],
        name="chart.tasks",
        legend=True,
    )
    chart.plots[0].gap_width = 60
    chart.plots[0].overlap = -10
    chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _axes(chart, value_axis=False)


def _documents_slide(prs, f: ReportFigures) -> None:
    d = f.documents
    labels, incoming, outgoing = document_buckets(f)
    signed = t("deck.ratio", part=fmt_int(d.signed.signed), total=fmt_int(d.signed.total))
    processed = d.processing.on_time + d.processing.late  # the share's base: those processed, on time or late
    on_time = t("deck.ratio", part=fmt_int(d.processing.on_time), total=fmt_int(processed))
    tiles = [
        ("docs_in", fmt_int(d.volume.incoming), t("deck.fig_docs_in"), None, INK),
        ("docs_out", fmt_int(d.volume.outgoing), t("deck.fig_docs_out"), None, INK),
        ("signed", _share(d.signed.share), t("deck.fig_signed"), signed, INK),
        ("on_time", _share(d.processing.on_time_share), t("deck.fig_on_time"), None, INK),
    ]
    notes = [f"{label}: {value}" for _, value, label, _, _ in tiles[:2]]
    notes += [f"{t('deck.fig_signed')}: {_share(d.signed.share)} ({signed})"]
    notes += [f"{t('deck.fig_on_time')}: {_share(d.processing.on_time_share)} ({on_time})"]
    notes += [
        t("deck.documents_line", bucket=b, incoming=fmt_int(i), outgoing=fmt_int(o))
        for b, i, o in zip(labels, incoming, outgoing)
        if i or o
    ]
    subtitle = t(
        "deck.documents_subtitle",
        grain=t(f"grain.{d.grain}"),
        start=fmt_date(f.period.start),
        end=fmt_date(f.period.end),
    )
    slide = _new_slide(prs, t("deck.documents"), subtitle, notes)
    tile_height = 1.6
    _tiles(slide, tiles, columns=4, top=CONTENT_TOP, height=tile_height)
    top = CONTENT_TOP + tile_height + 0.15
    if not d.volume.incoming and not d.volume.outgoing:
        _nothing(slide, t("deck.documents_none"), top)
        return
    width = WIDE - 2 * MARGIN
    chart = _chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        (MARGIN, top, width, CONTENT_BOTTOM - top),
        labels,
        [(t("direction.incoming"), incoming, NEUTRAL), (t("direction.outgoing"), outgoing, OUTGOING)],
        name="chart.documents",
        labels=len(labels) <= LABELLED_BUCKETS,
        legend=True,
    )
    chart.plots[0].gap_width = 50
    if len(labels) <= LABELLED_BUCKETS:
        chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _axes(chart, value_axis=len(labels) > LABELLED_BUCKETS)
    _skip_labels(chart, len(labels), max(len(x) for x in labels), width)


def _meetings_slide(prs, f: ReportFigures) -> None:
    m, load = f.meetings, f.meeting_load
    rows = [
        ("meetings", fmt_int(load.meetings), t("deck.fig_meetings")),
        ("per_day", _per_day(f), t("deck.fig_per_working_day")),
        ("delegations", fmt_int(m.delegations), t("deck.fig_delegations")),
        ("online", fmt_int(m.online_held), t("deck.fig_online")),
        ("online_points", fmt_int(f.online_points), t("deck.fig_online_points")),
    ]
    kinds = m.kinds
    days = t("deck.meetings_days", meetings=fmt_int(load.meetings), days=fmt_int(load.working_days))
    notes = [days, *(f"{label}: {value}" for _, value, label in rows)]
    notes += [
        t(
            "deck.meetings_line",
            kind=_label("kind", k.kind),
            in_person=fmt_int(k.in_person),
            online=fmt_int(k.online),
        )
        for k in kinds
    ]
    slide = _new_slide(prs, t("deck.meetings"), _period_text(f), notes)
    column = 5.0
    _figure_rows(slide, MARGIN - 0.1, CONTENT_TOP, column, rows, (CONTENT_BOTTOM - CONTENT_TOP) / len(rows))
    left = MARGIN + column + 0.2
    if not kinds:
        _nothing(slide, t("deck.meetings_none"), left=left)
        return
    chart = _chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        (left, CONTENT_TOP, WIDE - MARGIN - left, CONTENT_BOTTOM - CONTENT_TOP),
        [_label("kind", k.kind) for k in kinds],
        [
            (t("deck.meetings_in_person"), [k.in_person for k in kinds], NEUTRAL),
            (t("deck.meetings_online"), [k.online for k in kinds], ONLINE),
        ],
        name="chart.meetings",
        legend=True,
    )
    chart.plots[0].gap_width = 60
    chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _axes(chart, value_axis=False)


def _points_slide(prs, f: ReportFigures) -> None:
    p = f.points
    statuses = tuple(POINT_TONES)
    counts = [getattr(p, s) for s in statuses]
    notes = [t("deck.points_line", status=t(f"pstatus.{s}"), count=fmt_int(n)) for s, n in zip(statuses, counts)]
    slide = _new_slide(prs, t("deck.points"), t("deck.points_subtitle", time=fmt_datetime(f.points_read_at)), notes)
    column = 4.8
    connected = headline_figures(f)["points"]
    _box(
        slide,
        MARGIN,
        CONTENT_TOP + 0.4,
        column,
        3.6,
        [
            Line(connected, fitted(connected, column, 80), bold=True, colour=ON_TIME if p.connected else INK),
            Line(t("deck.points_connected"), 28),
            Line(_share(f.points_connected_share), FIGURE_PT, bold=True),
        ],
        name="figure.points",
        align=PP_ALIGN.CENTER,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    left = MARGIN + column + 0.3
    if not p.total:
        _nothing(slide, t("deck.points_none"), left=left)
        return
    chart = _chart(
        slide,
        XL_CHART_TYPE.BAR_CLUSTERED,
        (left, CONTENT_TOP, WIDE - MARGIN - left, CONTENT_BOTTOM - CONTENT_TOP),
        [t(f"pstatus.{s}") for s in statuses],
        [(t("deck.fig_points"), counts, ON_TIME)],
        name="chart.points",
    )
    plot = chart.plots[0]
    plot.vary_by_categories = True
    plot.gap_width = 40
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    series = plot.series[0]
    for index, status in enumerate(statuses):
        _colour(series.points[index].format.fill, POINT_TONES[status])
    _axes(chart, value_axis=False)
    chart.category_axis.reverse_order = True  # connected on top, as the board's legend reads


def _services_slide(prs, f: ReportFigures) -> None:
    """Public services: the period's dossiers, their on-time rate, the overdue and the index with its rank, then
    the four categories against cùng kỳ; omitted when the province keeps no public-service data here."""
    h = f.services
    if h is None:
        return
    now, before = h.dossiers, h.dossiers_last_year
    tiles = [
        (
            "received",
            fmt_int(now.received),
            t("report.slide_received"),
            t("deck.last_year", value=fmt_int(before.received)),
            INK,
        ),
        (
            "on_time_rate",
            _share(now.on_time_rate),
            t("report.slide_on_time_rate"),
            t("deck.last_year", value=_share(before.on_time_rate)),
            INK,
        ),
        (
            "open_overdue",
            fmt_int(now.open_overdue),
            t("report.slide_open_overdue"),
            t("deck.last_year", value=fmt_int(before.open_overdue)),
            OVERDUE if now.open_overdue else INK,
        ),
    ]
    index = h.index.total if h.index is not None else None
    if index is not None:
        month = f"{h.index.period_end.month:02d}/{h.index.period_end.year}"
        rank = (
            t("report.slide_rank", rank=fmt_int(index.rank), of=fmt_int(index.rank_of))
            if index.rank is not None and index.rank_of is not None
            else None
        )
        tiles.append(("index", fmt_decimal(index.score), t("report.slide_index", month=month), rank, INK))
    notes = [f"{label}: {value}" + (f" ({detail})" if detail else "") for _, value, label, detail, _ in tiles]
    notes += [
        t(
            "deck.tasks_line",
            category=t(f"svccat.{c}"),
            value=fmt_int(getattr(now, c)),
            last_year=fmt_int(getattr(before, c)),
        )
        for c in DOSSIER_CATEGORIES
    ]
    notes.append(t("report.slide_online", online=fmt_int(now.online), share=_share(now.online_share)))
    subtitle = t(
        "report.slide_services_subtitle",
        start=fmt_date(f.period.start),
        end=fmt_date(f.period.end),
        date=fmt_date(f.services_as_of),
    )
    slide = _new_slide(prs, t("report.slide_services"), subtitle, notes)
    tile_height = 1.95  # the index's label takes two lines at 20 pt, its rank a third
    _tiles(slide, tiles, columns=len(tiles), top=CONTENT_TOP, height=tile_height)
    top = CONTENT_TOP + tile_height + 0.15
    if not now.received and not before.received:
        _nothing(slide, t("report.slide_services_none"), top)
        return
    chart = _chart(
        slide,
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        (MARGIN, top, WIDE - 2 * MARGIN, CONTENT_BOTTOM - top),
        [t(f"svccat.{c}") for c in DOSSIER_CATEGORIES],
        [
            (
                t("deck.tasks_this", range=_range(f.period.start, f.period.end)),
                [getattr(now, c) for c in DOSSIER_CATEGORIES],
                NEUTRAL,
            ),
            (
                t("deck.tasks_last_year", range=_range(f.last_year.start, f.last_year.end)),
                [getattr(before, c) for c in DOSSIER_CATEGORIES],
                GREY,
            ),
        ],
        name="chart.services",
        legend=True,
    )
    chart.plots[0].gap_width = 60
    chart.plots[0].overlap = -10
    chart.plots[0].data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    _axes(chart, value_axis=False)


def _widen_template(prs) -> None:
    """The default template's master and layouts are 4:3: their placeholders widened to 16:9, so a slide the
    office adds in PowerPoint lands where it should."""
    factor = SLIDE_WIDTH / prs.slide_width
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    for shapes in [prs.slide_master.shapes, *(layout.shapes for layout in prs.slide_layouts)]:
        for shape in shapes:
            if shape._element.xpath("./p:spPr/a:xfrm"):  # its own position, not one inherited from the master
                shape.left, shape.width = int(shape.left * factor), int(shape.width * factor)


def build_report_deck(figures: ReportFigures, settings: OfficeSettings | None = None) -> bytes:
    """The deck of `figures`' period: a title slide, then the headline figures, overdue tasks by lead unit,
    the tasks against cùng kỳ, documents, meetings, the commune points and public services (when kept here);
    the .pptx file's bytes."""
    settings = settings or OfficeSettings()
    prs = Presentation()
    _widen_template(prs)
    title = t("deck.file_title", start=fmt_date(figures.period.start), end=fmt_date(figures.period.end))
    prs.core_properties.title = title
    prs.core_properties.author = plain(settings.office_name)
    prs.core_properties.subject = t("deck.province", province=plain(settings.province).upper())
    prs.core_properties.language = LANGUAGE_TAGS.get(language(), "vi-VN")
    _title_slide(prs, figures, settings)
    _overview_slide(prs, figures)
    _units_slide(prs, figures)
    _tasks_slide(prs, figures)
    _documents_slide(prs, figures)
    _meetings_slide(prs, figures)
    _points_slide(prs, figures)
    _services_slide(prs, figures)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
