"""The urging list (danh sách đôn đốc) as an Excel workbook, in the form offices attach to a letter.

One sheet: a title, the day it is as of, then per lead unit a heading row and
its overdue tasks, longest overdue first. Dates are real Excel dates shown as
dd/mm/yyyy; headers and labels come from the message catalogue.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from itertools import groupby

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from data_access.core.clock import VN_TZ
from data_access.tasks.lists import UrgingRow
from i18n import fmt_date, fmt_extensions, fmt_int, t
from reports.cells import sheets_as_text

COLUMNS = ("no", "code", "title", "source", "assigned", "due", "days", "extensions", "progress", "urgings", "last")
WIDTHS = (6, 16, 60, 24, 13, 15, 12, 30, 11, 12, 16)
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROW = 4
_thin = Side(style="thin", color="999999")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)


def build_urging_workbook(rows: Sequence[UrgingRow], as_of: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = t("urging.sheet")[:31]
    sheet["A1"] = t("urging.title")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = t("urging.as_of", date=fmt_date(as_of))
    sheet["A2"].font = Font(italic=True)
    for col, (name, width) in enumerate(zip(COLUMNS, WIDTHS), start=1):
        cell = sheet.cell(HEADER_ROW, col, t(f"urging.col_{name}"))
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BORDER
        sheet.column_dimensions[cell.column_letter].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)

    line = HEADER_ROW + 1
    number = 0
    for unit, tasks in groupby(rows, key=lambda r: r.unit_name):
        tasks = list(tasks)
        heading = sheet.cell(line, 1, t("urging.unit_heading", unit=unit, count=fmt_int(len(tasks))))
        heading.font = Font(bold=True)
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
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="top", wrap_text=col == 3)
                if isinstance(value, dt.date):
                    cell.number_format = DATE_FORMAT
            line += 1
    sheets_as_text(book.worksheets)  # a title written "=HYPERLINK(...)" stays text, never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
