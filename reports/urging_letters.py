"""Urging letters (công văn đôn đốc) to the lead units of overdue tasks, in the form of Decree 30.

One letter per lead unit: "V/v đôn đốc thực hiện nhiệm vụ quá hạn" under the
number, "Kính gửi: <unit>.", how many of its tasks are overdue on the day, the
request to complete them and report back within a week of the letter, the
recipients and the signer, then the annex listing the tasks (STT, code, task,
source, deadline, days overdue, urgings so far) exactly as the urging list
gives them. Several units: one Word file with a letter per section (each on
its own pages, numbered from 1), or a zip of one file per unit.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence

from docx.enum.text import WD_ALIGN_PARAGRAPH

from data_access.accounts.settings import OfficeSettings
from data_access.tasks.lists import UrgingRow
from i18n import fmt_date, fmt_int, known, t
from reports import decree30
from reports.decree30 import BODY, Heading, Style, count, paragraph

REPLY_DAYS = 7  # the units report back within a week of the letter
ANNEX_WIDTHS_MM = (12, 30, 46, 24, 23, 15, 15)  # 165 mm
ANNEX_ALIGNS = "cllccrr"
NAME_LIMIT = 80  # characters of the unit's name in a file name


def source_label(code: str) -> str:
    return t(f"source.{code}") if known(f"source.{code}") else code


def annex_rows(rows: Sequence[UrgingRow]) -> list[list[str]]:
    """The annex's rows as printed: STT, code, task, source, deadline, days overdue, urgings so far."""
    return [
        [
            fmt_int(i),
            r.code,
            r.title,
            source_label(r.source),
            fmt_date(r.due_on),
            fmt_int(r.days_overdue),
            fmt_int(r.urgings),
        ]
        for i, r in enumerate(rows, start=1)
    ]


def by_unit(rows: Sequence[UrgingRow]) -> dict[str, list[UrgingRow]]:
    """The rows of each lead unit, units in the order they come (the urging list is ordered by unit)."""
    units: dict[str, list[UrgingRow]] = {}
    for row in rows:
        units.setdefault(row.unit_name, []).append(row)
    return units


def letter_file_name(unit_name: str, as_of: dt.date) -> str:
    """ "Sở-Tài-chính_2025-08-28.docx": the unit's name with its Vietnamese letters, safe on every file system."""
    name = unicodedata.normalize("NFC", decree30.plain(unit_name))
    safe = re.sub(r"[^\w]+", "-", name).strip("-_")[:NAME_LIMIT].strip("-_") or t("letter.file_unit")
    return f"{safe}_{as_of.isoformat()}.docx"


def _letter(doc, unit_name: str, rows: Sequence[UrgingRow], as_of: dt.date, settings: OfficeSettings, issued_on):
    unit = decree30.plain(unit_name)
    office = decree30.plain(settings.office_name)
    decree30.heading(doc, settings, Heading(None, issued_on, abstract=t("letter.abstract")))
    paragraph(doc, "", Style(size=6, after=6))
    paragraph(doc, t("letter.to", unit=unit), Style(align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=12))
    paragraph(doc, t("letter.overdue", as_of=fmt_date(as_of), unit=unit, count=count(len(rows))), BODY)
    reply_by = fmt_date(issued_on + dt.timedelta(days=REPLY_DAYS))
    paragraph(doc, t("letter.request", office=office, unit=unit, date=reply_by), BODY)
    paragraph(doc, t("letter.closing"), BODY)
    decree30.signature(doc, settings, [t("letter.as_above"), *settings.recipient_lines])

    decree30.annex_heading(
        doc,
        t("letter.annex"),
        t("letter.annex_title", unit=unit.upper()),
        t(
            "letter.annex_ref",
            number=decree30.number_code(settings.office_symbol),
            date=fmt_date(issued_on),
            office=office,
            as_of=fmt_date(as_of),
        ),
    )
    headers = [t(f"letter.col_{name}") for name in ("no", "code", "title", "source", "due", "days", "urgings")]
    decree30.annex_table(doc, headers, annex_rows(rows), ANNEX_WIDTHS_MM, ANNEX_ALIGNS, (), t("letter.none"))
    paragraph(doc, "", Style(size=2))


def _new(settings: OfficeSettings, issued_on: dt.date, unit_name: str | None = None):
    title = t("letter.title", unit=decree30.plain(unit_name)) if unit_name else " ".join(t("letter.abstract").split())
    return decree30.new_document(title, decree30.plain(settings.office_name), issued_on)


def build_urging_letter(
    unit_name: str, rows: Sequence[UrgingRow], as_of: dt.date, settings: OfficeSettings, issued_on: dt.date
) -> bytes:
    """One unit's letter about its tasks overdue on `as_of`, dated `issued_on`."""
    doc = _new(settings, issued_on, unit_name)
    _letter(doc, unit_name, rows, as_of, settings, issued_on)
    return decree30.to_bytes(doc)


def build_urging_letters(
    rows: Sequence[UrgingRow], as_of: dt.date, settings: OfficeSettings, issued_on: dt.date, one_file: bool
) -> bytes:
    """Every lead unit's letter: one .docx (a letter per section, each starting a page) or a .zip of one .docx
    per unit named by `letter_file_name`. No rows: an empty document, or an empty zip."""
    units = by_unit(rows)
    if one_file:
        doc = _new(settings, issued_on, next(iter(units)) if len(units) == 1 else None)
        for i, (unit, unit_rows) in enumerate(units.items()):
            if i:
                decree30.new_page_section(doc)
            _letter(doc, unit, unit_rows, as_of, settings, issued_on)
        return decree30.to_bytes(doc)
    out = io.BytesIO()
    taken: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for unit, unit_rows in units.items():
            name = letter_file_name(unit, as_of)
            stem, n = name.removesuffix(".docx"), 2
            while name.casefold() in taken:  # two names alike once made safe: "A/B" and "A:B"
                name, n = f"{stem}-{n}.docx", n + 1
            taken.add(name.casefold())
            bundle.writestr(name, build_urging_letter(unit, unit_rows, as_of, settings, issued_on))
    return out.getvalue()
