"""A batch of tasks from an Excel list, the form offices already keep: read, checked row by row, previewed.

The sheet's first row names the columns (any order, upper or lower case,
with or without diacritics): "Nội dung nhiệm vụ", "Nguồn giao", "Đơn vị chủ
trì" (its code or its exact name), "Ngày giao", "Hạn xử lý" (Excel dates or
dd/mm/yyyy; blank: no deadline). Nothing is written here: the preview shows
every row's problems, and task_edits.create_tasks saves the rows, all or none.

An upload is weighed before openpyxl sees it, so a small file cannot cost the
server much: at most MAX_BYTES as sent, a zip (an .xlsx is one) whose members
unpack to at most MAX_UNPACKED, none packed more than MAX_RATIO to one, and at
most MAX_ROWS rows under the header, blank rows counted (openpyxl reads the
sheet as a stream, so reading stops there). openpyxl parses about 2 MB of XML
a second: the limits keep the worst file within a few seconds, and a full
list of 2000 tasks with long titles (about 1.5 MB unpacked) well inside them.
Whatever goes wrong inside the file (a broken zip, broken XML, a value of the
wrong type) is EditError("file", "unreadable"), never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO

from openpyxl import load_workbook
from sqlalchemy import Connection, func, select

from data_access.core.database import LIVE, freshness
from data_access.core.edit_errors import EditError
from data_access.core.schema import TASK_SOURCES, tasks, units
from data_access.tasks.edits import NewTask, task_problems

MAX_ROWS = 2000  # rows under the header, blank ones included
MB = 1024 * 1024
MAX_BYTES = 2 * MB  # the file as uploaded (.streamlit/config.toml's server.maxUploadSize stops far larger ones)
MAX_UNPACKED = 10 * MB  # every member unpacked, together
MAX_RATIO = 100  # a member over RATIO_FLOOR packed more than this: a zip bomb, not a sheet (real ones: 5 to 25)
RATIO_FLOOR = MB
MAX_COLUMNS = 50  # the columns read; a cell in column XFD must not make every row 16384 wide
COLUMNS = {  # plain header (no diacritics, lower case) -> field
    "noi dung nhiem vu": "title",
    "nguon giao": "source",
    "don vi chu tri": "unit",
    "ngay giao": "assigned_on",
    "han xu ly": "due_on",
}
HEADERS = ("Nội dung nhiệm vụ", "Nguồn giao", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý")
EXAMPLE_PREFIX = "Ví dụ:"  # the template's example row starts so; a row that still does is refused


def plain(text: object) -> str:
    """Lower case, without diacritics or extra spaces: 'Đơn vị  chủ trì' -> 'don vi chu tri'."""
    value = unicodedata.normalize("NFD", str(text or "").replace("Đ", "D").replace("đ", "d"))
    return " ".join("".join(c for c in value if unicodedata.category(c) != "Mn").lower().split())


@dataclass
class ImportRow:
    line: int  # the row number in the sheet, as the user sees it in Excel
    task: NewTask
    unit_name: str | None
    problems: list[EditError] = field(default_factory=list)


def _date(value, name: str, problems: list[EditError]) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        problems.append(EditError(name, "bad_date", value=str(value)[:40]))
        return None


@freshness(LIVE)
def read_tasks(
    conn: Connection, stream: IO[bytes], source_names: Mapping[str, str], today: dt.date, document_id: int | None = None
) -> list[ImportRow]:
    """Every data row of the first sheet, with its problems; EditError('file', …) if the file itself is unusable.

    `source_names` maps the sources' labels (as offices write them) to their codes.
    """
    rows = iter(_sheet_rows(stream.read(MAX_BYTES + 1)))
    header = next(rows, None) or ()
    where = {COLUMNS[plain(h)]: i for i, h in enumerate(header) if plain(h) in COLUMNS}
    missing = [h for h in HEADERS if COLUMNS[plain(h)] not in where]
    if missing:
        raise EditError("file", "missing_columns", value=", ".join(missing))
    sources = {plain(label): code for label, code in source_names.items()} | {c: c for c in TASK_SOURCES}
    by_name = {plain(name): (code, name) for code, name in conn.execute(select(units.c.code, units.c.name))}
    by_code = dict(by_name.values())
    found = []
    seen_in_file: dict[tuple, int] = {}
    for line, values in enumerate(rows, start=2):
        cell = {name: values[i] if i < len(values) else None for name, i in where.items()}
        if all(v is None or str(v).strip() == "" for v in cell.values()):
            continue
        problems: list[EditError] = []
        unit_text = str(cell["unit"] or "").strip()
        unit_code = unit_text if unit_text in by_code else by_name.get(plain(unit_text), (unit_text, None))[0]
        unknown_unit = bool(unit_text) and unit_code not in by_code
        raw_source = str(cell["source"] or "").strip()
        task = NewTask(
            title=str(cell["title"] or "").strip(),
            source=sources.get(plain(raw_source), raw_source or None),
            unit_code=unit_code or None,
            assigned_on=_date(cell["assigned_on"], "assigned_on", problems),
            due_on=_date(cell["due_on"], "due_on", problems),
            document_id=document_id,
        )
        if unknown_unit:  # neither a code nor a name of the list: say so, not "no code"
            problems.append(EditError("unit", "unknown_unit", value=unit_text[:80]))
        problems += [
            p
            for p in task_problems(conn, task, today)
            if not (p.field in {e.field for e in problems} and p.reason == "required")
            and not (unknown_unit and p.field == "unit")
        ]
        if task.title.startswith(EXAMPLE_PREFIX):
            problems.insert(0, EditError("title", "example_row"))
        key = (plain(task.title), task.unit_code, task.assigned_on)
        if task.title and key in seen_in_file:
            problems.append(EditError("title", "repeated_in_file", line=seen_in_file[key]))
        seen_in_file.setdefault(key, line)
        found.append(ImportRow(line, task, by_code.get(unit_code), problems))
    _mark_already_saved(conn, found)
    return found


def _check_size(data: bytes) -> None:
    """Refuse what is too large as sent or unpacked, or no zip at all, from the zip's directory alone."""
    if len(data) > MAX_BYTES:
        raise EditError("file", "too_large", max=MAX_BYTES // MB)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # not a zip (an old .xls, a CSV renamed), or a broken one
        raise EditError("file", "unreadable") from None
    # zipfile never unpacks a member beyond the size its directory declares, so these sizes bound the work
    if sum(m.file_size for m in members) > MAX_UNPACKED or any(
        m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    ):
        raise EditError("file", "too_large_unpacked", max=MAX_UNPACKED // MB)


def _sheet_rows(data: bytes) -> list[tuple]:
    """The first sheet's rows, the header first, each at most MAX_COLUMNS wide; EditError('file', …) if the file
    is too large, has more than MAX_ROWS rows under the header (blank ones count), or cannot be read at all."""
    _check_size(data)
    rows: list[tuple] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # read_only yields every row up to the last one written, blank or not, one at a time
            for values in book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True):
                if len(rows) > MAX_ROWS:  # the header and MAX_ROWS rows already read
                    raise EditError("file", "too_many_rows", max=MAX_ROWS)
                rows.append(values)
        finally:
            book.close()
    except EditError:
        raise
    except Exception:  # zipfile, XML (ParseError), openpyxl's own (ValueError, TypeError, KeyError, …)
        raise EditError("file", "unreadable") from None
    return rows


def _mark_already_saved(conn: Connection, rows: list[ImportRow]) -> None:
    """A row matching a task already in the database (same content, lead unit and assignment day) is a
    duplicate: re-uploading a list already imported shows every row refused, not every row valid."""
    days = {r.task.assigned_on for r in rows if r.task.assigned_on}
    if not days:
        return
    existing = {}
    for code, title, unit_code, assigned_on in conn.execute(
        select(tasks.c.code, tasks.c.title, units.c.code, tasks.c.assigned_on)
        .select_from(tasks.join(units, units.c.id == tasks.c.assignee_unit_id))
        .where(tasks.c.assigned_on.in_(sorted(days)), tasks.c.status != "cancelled", func.length(tasks.c.title) > 0)
    ):
        existing[(plain(title), unit_code, assigned_on)] = code
    for r in rows:
        code = existing.get((plain(r.task.title), r.task.unit_code, r.task.assigned_on))
        if code:
            r.problems.append(EditError("title", "already_saved", code=code))
