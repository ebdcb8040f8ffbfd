"""Imports of the procedure system's exports: dossiers, procedures and index scores from a CSV or Excel file.

For a province whose system can only export files. The first row names the columns, as the contract
does (`code`, `procedure_code`, `unit_code`, …) or in Vietnamese ("Mã hồ sơ", "Mã thủ tục", "Đơn vị",
…; any case, with or without diacritics). Codes or their Vietnamese labels are taken ("Trực tuyến" or
`online`), dates as ISO (2025-08-28), dd/mm/yyyy or Excel dates, yes/no as có/không, x, 1/0.

`read_import` checks every row and says what saving would do: each row new, changed or unchanged (by
its code: a dossier's or a procedure's code, an index score's month, unit and component), or refused
with its problems, naming the line and the column. Nothing is written there. `save_import` writes the
new and changed rows in one transaction, each with its audit row; a file with any refused row is
refused whole unless `skip_refused` (then only the valid rows are written). A re-import of the same file
changes nothing: idempotent by code.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from sqlalchemy import Connection, Engine, Table, bindparam, select, update

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.database import LIVE, freshness
from data_access.core.schema import (
    DOSSIER_CHANNELS,
    DOSSIER_OUTCOMES,
    INDEX_ROWS,
    PROCEDURE_LEVELS,
    PROCEDURE_ONLINE,
    audit_log,
    dossiers,
    procedures,
    service_index,
    units,
)

KINDS = ("dossiers", "procedures", "index")
MAX_ROWS = 200_000
CHUNK = 500  # codes looked up per statement
SHOWN_PROBLEMS = 50  # the problems a preview lists (every one is counted)


def plain(text: object) -> str:
    """Lower case, without diacritics, underscores as spaces: 'Mã hồ sơ' -> 'ma ho so', 'unit_code' -> 'unit code'."""
    value = unicodedata.normalize("NFD", str(text or "").replace("Đ", "D").replace("đ", "d").replace("_", " "))
    return " ".join("".join(c for c in value if unicodedata.category(c) != "Mn").lower().split())


@dataclass(frozen=True)
class Problem:
    line: int  # the row in the file as a spreadsheet numbers it (the header is line 1)
    column: str  # the field at fault (a contract column)
    reason: str  # svcimport.<reason>
    value: str = ""


@dataclass
class ImportRow:
    line: int
    key: tuple  # what makes the row the same row again
    values: dict[str, Any]  # the contract's columns
    label: str  # what the row is called in the audit trail and the preview (its code)


@dataclass
class ImportPlan:
    """What saving the file would do."""

    kind: str
    rows: int = 0  # data rows read (blank ones skipped)
    new: list[ImportRow] = field(default_factory=list)
    changed: list[tuple[int, ImportRow, dict]] = field(default_factory=list)  # (id, row, the values before)
    unchanged: int = 0
    refused_lines: int = 0
    problems: list[Problem] = field(default_factory=list)  # at most SHOWN_PROBLEMS
    problem_count: int = 0

    @property
    def writes(self) -> int:
        return len(self.new) + len(self.changed)


class ImportFileError(Exception):
    """The file itself cannot be imported: unreadable, or columns missing; `reason` is svcimport.<reason>."""

    def __init__(self, reason: str, value: str = ""):
        super().__init__(f"{reason}: {value}")
        self.reason = reason
        self.value = value


# -- reading the file -------------------------------------------------------------------------------


def file_rows(stream: IO[bytes], name: str) -> Iterator[tuple]:
    """The rows of a CSV (UTF-8, comma or semicolon) or of an .xlsx's first sheet, the header first."""
    data = stream.read()
    if name.lower().endswith(".xlsx"):
        _check_zip(data, name)
        try:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception:
            raise ImportFileError("unreadable", name) from None
        try:
            yield from book.worksheets[0].iter_rows(max_col=30, values_only=True)
        except Exception:
            raise ImportFileError("unreadable", name) from None
        finally:
            book.close()
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("not_utf8", name) from None
    first_line = text[: text.find("\n")] if "\n" in text else text
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","  # Excel writes ; in some locales
    yield from (tuple(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter))


MAX_UNPACKED = 400 * 1024 * 1024  # an .xlsx of 200,000 rows unpacks to well under this
MAX_RATIO, RATIO_FLOOR = 100, 1024 * 1024  # a member over a megabyte packed more than 100 to 1: a zip bomb


def _check_zip(data: bytes, name: str) -> None:
    """Refuse, from the zip's directory alone, what is no zip or would unpack to far more than a sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:
        raise ImportFileError("unreadable", name) from None
    if sum(m.file_size for m in members) > MAX_UNPACKED or any(
        m.file_size > RATIO_FLOOR and m.file_size > MAX_RATIO * max(m.compress_size, 1) for m in members
    ):
        raise ImportFileError("unreadable", name)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value) -> dt.date | None:
    """A date from ISO, dd/mm/yyyy or an Excel date; ValueError if it is none of them."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


YES = {"1", "x", "co", "yes", "true", "dung"}
NO = {"0", "khong", "no", "false", "sai"}


def _yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    text = plain(value)
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValueError(str(value))


def _number(value) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value).strip().replace(" ", "")
    if "," in text:  # 82,08 or 1.234,5 (Vietnamese)
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def _whole(value) -> int:
    number = _number(value)
    if not number.is_integer():
        raise ValueError(str(value))
    return int(number)


# -- what each kind of file holds --------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str  # the contract's column (or `unit` / `procedure` for a code looked up)
    headers: tuple[str, ...]  # the headers that name it, plain
    required: bool = False
    parse: Callable[[Any], Any] = _text
    codes: dict[str, str] | None = None  # plain label or code -> code


def _codes(values: tuple[str, ...], labels: dict[str, str]) -> dict[str, str]:
    return {plain(v): v for v in values} | {plain(label): code for label, code in labels.items()}


CHANNELS = _codes(DOSSIER_CHANNELS, {"Trực tuyến": "online", "Trực tiếp": "counter", "Bưu chính": "post"})
OUTCOMES = _codes(
    DOSSIER_OUTCOMES,
    {"Chấp thuận": "approved", "Đã giải quyết": "approved", "Từ chối": "refused", "Rút hồ sơ": "withdrawn"},
)
LEVELS = _codes(PROCEDURE_LEVELS, {"Cấp tỉnh": "province", "Tỉnh": "province", "Cấp xã": "commune", "Xã": "commune"})
ONLINE = _codes(
    PROCEDURE_ONLINE,
    {"Toàn trình": "full", "Một phần": "partial", "Không": "none", "Không trực tuyến": "none", "": "none"},
)
COMPONENTS = _codes(
    INDEX_ROWS,
    {
        "Công khai, minh bạch": "transparency",
        "Tiến độ giải quyết": "progress",
        "Dịch vụ công trực tuyến": "online",
        "Số hóa hồ sơ": "digitisation",
        "Mức độ hài lòng": "satisfaction",
        "Tổng điểm": "total",
    },
)


def _h(*names: str) -> tuple[str, ...]:
    return tuple(plain(n) for n in names)


SPECS: dict[str, tuple[Column, ...]] = {
    "dossiers": (
        Column("code", _h("code", "Mã hồ sơ", "Số hồ sơ"), True),
        Column("procedure", _h("procedure_code", "procedure", "Mã thủ tục", "Thủ tục"), True),
        Column("unit", _h("unit_code", "unit", "Đơn vị", "Mã đơn vị", "Đơn vị giải quyết"), True),
        Column("channel", _h("channel", "Hình thức", "Hình thức nộp", "Kênh"), True, codes=CHANNELS),
        Column("at_centre", _h("at_centre", "Tại trung tâm", "Tại Trung tâm Phục vụ hành chính công"), parse=_yes_no),
        Column("received_on", _h("received_on", "Ngày tiếp nhận", "Ngày nhận"), True, parse=_date),
        Column("due_on", _h("due_on", "Hạn trả kết quả", "Hạn giải quyết", "Hạn xử lý"), parse=_date),
        Column("resolved_on", _h("resolved_on", "Ngày trả kết quả", "Ngày giải quyết"), parse=_date),
        Column("outcome", _h("outcome", "Kết quả"), codes=OUTCOMES),
    ),
    "procedures": (
        Column("code", _h("code", "Mã thủ tục", "Mã TTHC"), True),
        Column("name", _h("name", "Tên thủ tục", "Tên TTHC"), True),
        Column("level", _h("level", "Cấp thực hiện", "Cấp"), True, codes=LEVELS),
        Column("field", _h("field", "Lĩnh vực")),
        Column("unit", _h("unit_code", "unit", "Cơ quan chủ quản", "Đơn vị", "Mã đơn vị")),
        Column("online", _h("online", "Dịch vụ công trực tuyến", "Mức độ trực tuyến"), codes=ONLINE),
        Column("published_on", _h("published_on", "Ngày công khai", "Công khai từ ngày"), True, parse=_date),
        Column("withdrawn_on", _h("withdrawn_on", "Ngày hết hiệu lực", "Hết hiệu lực từ ngày"), parse=_date),
    ),
    "index": (
        Column("period_end", _h("period_end", "Tháng", "Kỳ", "Ngày cuối kỳ"), True, parse=_date),
        Column("unit", _h("unit_code", "unit", "Đơn vị", "Mã đơn vị")),
        Column("component", _h("component", "Thành phần", "Chỉ số thành phần"), True, codes=COMPONENTS),
        Column("score", _h("score", "Điểm", "Điểm đạt"), True, parse=_number),
        Column("max_score", _h("max_score", "Điểm tối đa"), True, parse=_number),
        Column("rank", _h("rank", "Xếp hạng", "Thứ hạng"), parse=_whole),
        Column("rank_of", _h("rank_of", "Trên tổng số", "Số đơn vị xếp hạng"), parse=_whole),
    ),
}
TABLES: dict[str, Table] = {"dossiers": dossiers, "procedures": procedures, "index": service_index}


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


class _Lookups:
    """Units by code or name, procedures by code: only those the file names are asked for."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.units: dict[str, int] = {}
        for unit_id, code, name in conn.execute(select(units.c.id, units.c.code, units.c.name)):
            self.units[code] = unit_id
            self.units.setdefault(plain(name), unit_id)
        self.procedures: dict[str, int] = {}

    def unit(self, text: str) -> int | None:
        return self.units.get(text) or self.units.get(plain(text))

    def load_procedures(self, codes: Iterable[str]) -> None:
        wanted = sorted(set(codes))
        for i in range(0, len(wanted), CHUNK):
            part = wanted[i : i + CHUNK]
            rows = self.conn.execute(select(procedures.c.code, procedures.c.id).where(procedures.c.code.in_(part)))
            self.procedures.update((code, procedure_id) for code, procedure_id in rows)


def _check(kind: str, values: dict, line: int, problems: list[Problem]) -> None:
    """The rules the database would enforce, said per row before anything is written."""

    def refuse(column: str, reason: str, value: Any = "") -> None:
        problems.append(Problem(line, column, reason, str(value)[:80]))

    if kind == "dossiers":
        received, due, resolved = values.get("received_on"), values.get("due_on"), values.get("resolved_on")
        if received and due and due < received:
            refuse("due_on", "before_received", due)
        if received and resolved and resolved < received:
            refuse("resolved_on", "before_received", resolved)
        if values.get("outcome") and not resolved:
            refuse("outcome", "outcome_while_open", values["outcome"])
    elif kind == "procedures":
        published, withdrawn = values.get("published_on"), values.get("withdrawn_on")
        if published and withdrawn and withdrawn < published:
            refuse("withdrawn_on", "before_published", withdrawn)
    else:
        score, top = values.get("score"), values.get("max_score")
        if top is not None and top <= 0:
            refuse("max_score", "not_positive", top)
        if score is not None and (score < 0 or (top is not None and score > top)):
            refuse("score", "out_of_range", score)
        rank, of = values.get("rank"), values.get("rank_of")
        if rank is not None and (rank < 1 or (of is not None and rank > of)):
            refuse("rank", "out_of_range", rank)


def _parse(kind: str, rows: Iterator[tuple]) -> tuple[list[tuple[int, dict, list[Problem]]], int]:
    header = next(rows, None)
    if header is None:
        raise ImportFileError("empty")
    spec = SPECS[kind]
    where: dict[str, int] = {}
    for i, h in enumerate(header):
        for column in spec:
            if plain(h) in column.headers and column.name not in where:
                where[column.name] = i
    missing = [c.name for c in spec if c.required and c.name not in where]
    if missing:
        raise ImportFileError("missing_columns", ", ".join(missing))
    parsed = []
    count = 0
    for line, cells in enumerate(rows, start=2):
        raw = {name: cells[i] if i < len(cells) else None for name, i in where.items()}
        if all(_blank(v) for v in raw.values()):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ImportFileError("too_many_rows", str(MAX_ROWS))
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for column in spec:
            value = raw.get(column.name)
            if _blank(value):
                if column.required:
                    problems.append(Problem(line, column.name, "required"))
                values[column.name] = None
                continue
            try:
                if column.codes is not None:
                    code = column.codes.get(plain(value))
                    if code is None:
                        raise ValueError(value)
                    values[column.name] = code
                else:
                    values[column.name] = column.parse(value)
            except (ValueError, TypeError):
                problems.append(Problem(line, column.name, "bad_value", str(value)[:80]))
                values[column.name] = None
        parsed.append((line, values, problems))
    return parsed, count


@freshness(LIVE)
def read_import(conn: Connection, kind: str, stream: IO[bytes], name: str) -> ImportPlan:
    """Every row of the file checked, and what saving it would do; ImportFileError if the file is unusable."""
    if kind not in KINDS:
        raise ImportFileError("unknown_kind", kind)
    parsed, count = _parse(kind, file_rows(stream, name))
    plan = ImportPlan(kind, rows=count)
    lookups = _Lookups(conn)
    if kind == "dossiers":
        lookups.load_procedures(v["procedure"] for _, v, _ in parsed if v.get("procedure"))
    candidates: list[ImportRow] = []
    seen: dict[tuple, int] = {}
    for line, values, problems in parsed:
        row = _resolve(kind, values, line, problems, lookups)
        _check(kind, row, line, problems)
        key = _key(kind, row)
        if None not in key and key in seen:
            problems.append(Problem(line, "code", "repeated_in_file", str(seen[key])))
        seen.setdefault(key, line)
        if problems:
            plan.refused_lines += 1
            plan.problem_count += len(problems)
            room = SHOWN_PROBLEMS - len(plan.problems)
            plan.problems.extend(problems[: max(0, room)])
            continue
        candidates.append(ImportRow(line, key, row, _label(kind, row)))
    _compare(conn, kind, candidates, plan)
    return plan


def _resolve(kind: str, values: dict, line: int, problems: list[Problem], lookups: _Lookups) -> dict:
    """The contract's columns of a row: unit and procedure codes (or names) turned into ids."""
    row = {k: v for k, v in values.items() if k not in ("unit", "procedure")}
    unit_text = values.get("unit")
    if unit_text:
        unit_id = lookups.unit(unit_text)
        if unit_id is None:
            problems.append(Problem(line, "unit", "unknown_unit", unit_text[:80]))
        row["unit_id"] = unit_id
    else:
        row["unit_id"] = None
    if kind == "dossiers":
        code = values.get("procedure")
        procedure_id = lookups.procedures.get(code) if code else None
        if code and procedure_id is None:
            problems.append(Problem(line, "procedure", "unknown_procedure", code[:80]))
        row["procedure_id"] = procedure_id
        row["at_centre"] = bool(values.get("at_centre"))
    if kind == "procedures":
        row["online"] = values.get("online") or "none"
    if kind == "index" and row.get("period_end"):
        row["period_end"] = _month_end(row["period_end"])  # a month named by any of its days
    return row


def _key(kind: str, row: dict) -> tuple:
    if kind == "index":
        return (row.get("period_end"), row.get("unit_id"), row.get("component"))
    return (row.get("code"),)


def _label(kind: str, row: dict) -> str:
    if kind == "index":
        return f"{row['period_end'].isoformat()} {row['unit_id'] or '-'} {row['component']}"
    return row["code"]


def _compare(conn: Connection, kind: str, candidates: list[ImportRow], plan: ImportPlan) -> None:
    """Split the valid rows into new, changed (with the values before) and unchanged, by their key."""
    table = TABLES[kind]
    columns = list(candidates[0].values) if candidates else []
    existing: dict[tuple, tuple[int, dict]] = {}
    if kind == "index":
        months = sorted({r.key[0] for r in candidates})
        for i in range(0, len(months), CHUNK):
            for r in conn.execute(
                select(table.c.id, *(table.c[c] for c in columns)).where(table.c.period_end.in_(months[i : i + CHUNK]))
            ):
                values = dict(zip(columns, r[1:], strict=True))
                existing[_key(kind, values)] = (r[0], values)
    else:
        codes = sorted({r.key[0] for r in candidates})
        for i in range(0, len(codes), CHUNK):
            for r in conn.execute(
                select(table.c.id, *(table.c[c] for c in columns)).where(table.c.code.in_(codes[i : i + CHUNK]))
            ):
                values = dict(zip(columns, r[1:], strict=True))
                existing[(values["code"],)] = (r[0], values)
    for row in candidates:
        found = existing.get(row.key)
        if found is None:
            plan.new.append(row)
            continue
        row_id, before = found
        changed = {c: before[c] for c in columns if _differs(before[c], row.values[c])}
        if changed:
            plan.changed.append((row_id, row, changed))
        else:
            plan.unchanged += 1


def _differs(stored, given) -> bool:
    if isinstance(stored, str) and isinstance(given, dt.date):  # SQLite may hand a date back as text
        return stored[:10] != given.isoformat()
    if isinstance(stored, float) or isinstance(given, float):
        return stored is None or given is None or abs(float(stored) - float(given)) > 1e-9
    if isinstance(stored, int) and isinstance(given, bool):
        return bool(stored) != given
    return stored != given


# -- saving -------------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The file has refused rows and `skip_refused` was not asked: nothing was written."""

    def __init__(self, refused_lines: int):
        super().__init__(f"{refused_lines} rows refused")
        self.refused_lines = refused_lines


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    refused: int


def save_import(engine: Engine, actor, plan: ImportPlan, skip_refused: bool = False) -> ImportResult:
    """Write the plan's new and changed rows in one transaction, each with its audit row."""
    permissions.require(actor, permissions.EDIT)
    if plan.refused_lines and not skip_refused:
        raise ImportRefused(plan.refused_lines)
    table = TABLES[plan.kind]
    now = clock.now_utc()
    action = f"import_{plan.kind}"
    with engine.begin() as conn:
        trail = []
        if plan.new:
            rows = [r.values for r in plan.new]
            for i in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[i : i + 5000])
            ids = _ids(conn, plan.kind, [r.key for r in plan.new])
            trail += [
                _audit_row(now, actor, action, table.name, ids[r.key], None, _jsonable(r.values)) for r in plan.new
            ]
        if plan.changed:
            columns = sorted({c for _, _, before in plan.changed for c in before})
            statement = (
                update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(f"_{c}") for c in columns})
            )
            params = [{"_id": row_id, **{f"_{c}": row.values[c] for c in columns}} for row_id, row, _ in plan.changed]
            for i in range(0, len(params), 5000):
                conn.execute(statement, params[i : i + 5000])
            trail += [
                _audit_row(
                    now,
                    actor,
                    action,
                    table.name,
                    row_id,
                    _jsonable(before),
                    _jsonable({c: row.values[c] for c in before}),
                )
                for row_id, row, before in plan.changed
            ]
        for i in range(0, len(trail), 5000):
            conn.execute(audit_log.insert(), trail[i : i + 5000])
    return ImportResult(len(plan.new), len(plan.changed), plan.unchanged, plan.refused_lines)


def _ids(conn: Connection, kind: str, keys: list[tuple]) -> dict[tuple, int]:
    table = TABLES[kind]
    found: dict[tuple, int] = {}
    if kind == "index":
        months = sorted({k[0] for k in keys})
        for i in range(0, len(months), CHUNK):
            for row_id, end, unit_id, component in conn.execute(
                select(table.c.id, table.c.period_end, table.c.unit_id, table.c.component).where(
                    table.c.period_end.in_(months[i : i + CHUNK])
                )
            ):
                found[(end if isinstance(end, dt.date) else dt.date.fromisoformat(str(end)), unit_id, component)] = (
                    row_id
                )
        return found
    codes = sorted({k[0] for k in keys})
    for i in range(0, len(codes), CHUNK):
        for row_id, code in conn.execute(
            select(table.c.id, table.c.code).where(table.c.code.in_(codes[i : i + CHUNK]))
        ):
            found[(code,)] = row_id
    return found


def _jsonable(values: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in values.items()}


def _audit_row(now, actor, action, table_name, row_id, before, after) -> dict:
    return {
        "at": now,
        "user_login": actor.login,
        "action": action,
        "table_name": table_name,
        "row_id": row_id,
        "before": audit._json(before),
        "after": audit._json(after),
    }
