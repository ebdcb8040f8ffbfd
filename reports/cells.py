"""Every string a workbook receives is written as text, never as a formula.

openpyxl turns any string starting with "=" into a formula: a task title or a unit name written
"=HYPERLINK(...)" by another system, or imported from a list, would become a live formula in the file
the office sends out. Marking the cell as a string writes it as text (an inline string).
"""

from __future__ import annotations

from collections.abc import Iterable

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def as_text(cell: Cell) -> Cell:
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def sheets_as_text(sheets: Iterable[Worksheet]) -> None:
    """Every string cell of these sheets as text."""
    for sheet in sheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
