"""The empty Excel list for importing tasks: the columns data_access.tasks.imports reads, one example row
(refused if left in), and drop-down lists for the source and the lead unit from a "Danh mục" sheet."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from data_access.tasks.imports import EXAMPLE_PREFIX, HEADERS, MAX_ROWS
from i18n import t
from reports.cells import sheets_as_text

WIDTHS = (60, 24, 32, 13, 13)
LISTS_SHEET = "Danh mục"


def build_template(
    example_unit: str, example_source: str, today: dt.date, sources: Sequence[str], unit_names: Sequence[str]
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhiệm vụ"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.append(
        [
            f"{EXAMPLE_PREFIX} {t('import.example_title')}",
            example_source,
            example_unit,
            today,
            today + dt.timedelta(days=30),
        ]
    )
    for column in ("D", "E"):
        sheet[f"{column}2"].number_format = "dd/mm/yyyy"
    for letter, width in zip("ABCDE", WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width

    lists = book.create_sheet(LISTS_SHEET)
    lists.append([HEADERS[1], HEADERS[2]])
    for i in range(max(len(sources), len(unit_names))):
        lists.append([sources[i] if i < len(sources) else None, unit_names[i] if i < len(unit_names) else None])
    lists.sheet_state = "hidden"
    last = MAX_ROWS + 1
    for column, letter, count in (("B", "A", len(sources)), ("C", "B", len(unit_names))):
        if not count:
            continue
        choice = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${count + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=HEADERS[1] if column == "B" else HEADERS[2],
            error=t("import.pick_from_list"),
        )
        sheet.add_data_validation(choice)
        choice.add(f"{column}2:{column}{last}")
    sheets_as_text(book.worksheets)  # unit names from the database stay text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
