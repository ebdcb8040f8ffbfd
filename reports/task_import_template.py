"""The empty Excel list for importing tasks: the columns data_access.tasks.imports reads, and one example."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Font

from data_access.tasks.imports import HEADERS

WIDTHS = (60, 24, 32, 13, 13)


def build_template(example_unit: str, example_source: str, today: dt.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            "Ví dụ: Báo cáo tiến độ giải ngân vốn đầu tư công (xóa dòng này)",
            example_source,
            example_unit,
            today,
            today + dt.timedelta(days=30),
        ]
    )
    for column in ("D", "E"):
        sheet[f"{column}2"].number_format = "dd/mm/yyyy"
    for letter, width in zip("ABCDE", WIDTHS):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
