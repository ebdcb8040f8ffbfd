"""The urging list (danh sách đôn đốc) as an Excel workbook, in the form offices attach to a letter.

One sheet: the office's heading (UBND TỈNH … and the office on the left), the title centred, the day
it is as of, then per lead unit a heading row and its overdue tasks, longest overdue first, and the
signature block under the table (the place and date, the signer's title and name). Dates are real
Excel dates shown as dd/mm/yyyy; headers and labels come from the message catalogue.

It prints as it is: A4 landscape, one page wide (as many pages long as it takes), the column headers
repeated on every page, the page number in the footer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from itertools import groupby

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from data_access.accounts.settings import OfficeSettings
from data_access.core.clock import VN_TZ
from data_access.tasks.lists import UrgingRow
from i18n import fmt_date, fmt_extensions, fmt_int, t
from reports.cells import sheets_as_text
from reports.decree30 import place_and_date, plain, text_width_mm

COLUMNS = ("no", "code", "title", "source", "assigned", "due", "days", "extensions", "progress", "urgings", "last")
WIDTHS = (5, 14, 40, 16, 10.5, 10.5, 8, 21, 8, 9, 12)  # 154 digits of 12 pt: printed at about 80 % on A4 landscape
WRAPPED = {"title", "source", "extensions"}
DATE_FORMAT = "dd/mm/yyyy"
FONT, FONT_PT = "Times New Roman", 12  # as the office's letters (Decree 30/2020/NĐ-CP)
LINE_PT = 15  # a line of 12 pt Times New Roman in a row's height
DIGIT_PX = 8  # a digit of 12 pt Times New Roman at 96 dpi: the unit of a column's width
HEADING_COLUMNS = 3  # UBND TỈNH … and the office over the number, the code and the title
SIGNATURE_FROM = 8  # the signature block over the last four columns
HEADER_ROW = 7
SIGNATURE_SPACE = 4  # empty rows for the signature and the seal
_thin = Side(style="thin", color="999999")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_CENTRED = Alignment(horizontal="center", vertical="center", wrap_text=True)
_MARGINS = PageMargins(left=0.5, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)  # inches


def _font(**style) -> Font:
    return Font(name=FONT, family=1, size=style.pop("size", FONT_PT), **style)


def _lines(text: str, width: float, bold: bool = False) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (Excel and LibreOffice leave a
    wrapped row as high as it was written, so the workbook sets each row's height itself)."""
    room = (width * DIGIT_PX + 5) * 25.4 / 96 - 2  # the column in millimetres, less the cell's padding
    count = 0
    for paragraph in str(text).splitlines() or [""]:
        count += 1
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width_mm(candidate, FONT_PT, bold) > room:
                count += 1
                line = word
            else:
                line = candidate
            count += int(text_width_mm(word, FONT_PT, bold) // room)  # a word wider than the column breaks
    return count


def _fit_height(sheet: Worksheet, row: int, texts: dict[int, str], bold: bool = False) -> None:
    """The row as high as its longest wrapped cell (columns 1-based)."""
    lines = max((_lines(text, WIDTHS[col - 1], bold) for col, text in texts.items()), default=1)
    sheet.row_dimensions[row].height = max(1, lines) * LINE_PT + 2


def _merged(sheet: Worksheet, row: int, first: int, last: int, value: str, font: Font) -> None:
    cell = sheet.cell(row, first, value)
    cell.font, cell.alignment = font, _CENTRED
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _heading(sheet: Worksheet, settings: OfficeSettings, as_of: dt.date) -> None:
    """UBND TỈNH … and the office in bold on the left; the title and the day it is as of centred."""
    province = t("urging.province", province=plain(settings.province).upper())
    _merged(sheet, 1, 1, HEADING_COLUMNS, province, _font())
    _merged(sheet, 2, 1, HEADING_COLUMNS, plain(settings.office_name).upper(), _font(bold=True, underline="single"))
    _merged(sheet, 4, 1, len(COLUMNS), t("urging.title"), _font(bold=True, size=14))
    _merged(sheet, 5, 1, len(COLUMNS), t("urging.as_of", date=fmt_date(as_of)), _font(italic=True))
    sheet.row_dimensions[4].height = 24


def _signature(sheet: Worksheet, settings: OfficeSettings, as_of: dt.date, line: int) -> None:
    """The place and date in italics, the signer's title in bold capitals, room to sign, the name in bold."""
    last = len(COLUMNS)
    _merged(sheet, line, SIGNATURE_FROM, last, place_and_date(settings.place, as_of), _font(italic=True))
    line += 1
    for title_line in plain(settings.signer_title).splitlines() or [""]:
        _merged(sheet, line, SIGNATURE_FROM, last, title_line.strip().upper(), _font(bold=True))
        line += 1
    line += SIGNATURE_SPACE
    _merged(sheet, line, SIGNATURE_FROM, last, plain(settings.signer_name), _font(bold=True))


def _print_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, the column headers on every page, "Trang 2/3" at the foot."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the list needs
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = _MARGINS
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.oddFooter.center.text = t("urging.footer")
    sheet.oddFooter.center.font = FONT
    sheet.oddFooter.center.size = 10


def build_urging_workbook(rows: Sequence[UrgingRow], as_of: dt.date, settings: OfficeSettings | None = None) -> bytes:
    """The workbook of `rows` (the urging list as of `as_of`) under the heading and signature of `settings`."""
    settings = settings or OfficeSettings()
    book = Workbook()
    # The default font is the office's (Times New Roman 12, not Calibri 11): column widths are counted in its
    # digits, by Excel and by LibreOffice alike, so the rows' heights below hold their wrapped lines everywhere.
    base = _font()
    book._fonts = IndexedList([base])
    book._named_styles["Normal"].font = base
    sheet = book.active
    sheet.title = t("urging.sheet")[:31]
    _heading(sheet, settings, as_of)
    headers = {}
    for col, (name, width) in enumerate(zip(COLUMNS, WIDTHS), start=1):
        cell = sheet.cell(HEADER_ROW, col, t(f"urging.col_{name}"))
        cell.font = _font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = _CENTRED
        cell.border = _BORDER
        sheet.column_dimensions[cell.column_letter].width = width
        headers[col] = cell.value
    _fit_height(sheet, HEADER_ROW, headers, bold=True)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)

    line = HEADER_ROW + 1
    number = 0
    for unit, tasks in groupby(rows, key=lambda r: r.unit_name):
        tasks = list(tasks)
        heading = sheet.cell(line, 1, t("urging.unit_heading", unit=unit, count=fmt_int(len(tasks))))
        heading.font = _font(bold=True)
        sheet.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(COLUMNS))
        line += 1
        for task in tasks:
            number += 1
            last = task.last_urged_at.astimezone(VN_TZ).date() if task.last_urged_at else None
            values = (
                number,
                task.code,
                task.title,
                t(f"source.{task.source}"),
                task.assigned_on,
                task.due_on,
                task.days_overdue,
                fmt_extensions(task.extensions.count, task.extensions.original_due_on) or "",
                task.progress_pct,
                task.urgings,
                last,
            )
            for col, value in enumerate(values, start=1):
                cell = sheet.cell(line, col, value)
                cell.font = _font()
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=COLUMNS[col - 1] in WRAPPED)
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
            _fit_height(sheet, line, {c: str(v) for c, v in enumerate(values, start=1) if COLUMNS[c - 1] in WRAPPED})
            line += 1
    _signature(sheet, settings, as_of, line + 1)
    _print_setup(sheet)
    sheets_as_text(book.worksheets)  # a title written "=HYPERLINK(...)" stays text, never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
