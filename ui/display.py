"""Stored values as people read them: code lists by their labels, dates as 28/08/2025, column names;
and text from the database or the URL made safe to put inside Markdown (`plain_md`).

Used by the save messages, the conflict message and the audit trail.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from i18n import fmt_date, fmt_datetime, known, t

_CODE_LABELS = {
    "status": ("status", "mstatus", "pstatus", "join"),
    "source": ("source",),
    "kind": ("kind", "event"),
    "urgency": ("urgency",),
    "role": ("role",),
}


def shown_value(field: str, value: Any) -> str:
    """A stored value as a user reads it: code lists by their labels, dates as 28/08/2025."""
    if isinstance(value, str):
        if field.startswith("point_status:") and known(f"join.{value}"):
            return t(f"join.{value}")
        if field == "note":
            return status_change(value)
        for prefix in _CODE_LABELS.get(field, ()):
            if known(f"{prefix}.{value}"):
                return t(f"{prefix}.{value}")
        if len(value) == 10 and value[4] == "-" and value[7] == "-":  # an ISO date from the audit trail
            try:
                return fmt_date(dt.date.fromisoformat(value))
            except ValueError:
                pass
        if len(value) > 10 and value[4] == "-" and value[7] == "-" and value[10] in " T":  # an instant (UTC)
            try:
                instant = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                return fmt_datetime(instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC))
    return shown(value)


def status_change(note: str) -> str:
    """A status event's note holds codes ("in_progress → completed"); show their labels."""
    parts = note.split(" → ")
    if len(parts) == 2 and all(known(f"status.{p}") for p in parts):
        return " → ".join(t(f"status.{p}") for p in parts)
    return note


def shown(value: Any) -> str:
    if value is None:
        return t("edit.empty")
    if isinstance(value, dt.datetime):
        return fmt_datetime(value)
    if isinstance(value, dt.date):
        return fmt_date(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def field_label(field: str) -> str:
    """A column's name for people; 'point_status:XA-A' is how one point joined a meeting."""
    if field.startswith("point_status:"):
        return f"{t('field.point_status')} {field.split(':', 1)[1]}"
    return t(f"field.{field}") if known(f"field.{field}") else field


# Text from the database or the URL inside Markdown ---------------------------------------------------------------
#
# Streamlit renders st.markdown, st.caption, headings, alerts, toasts and the labels of buttons, page links,
# expanders and tabs as GitHub-flavoured Markdown with its own additions (:red[...] colours, :material/x: icons,
# emoji shortcodes, $math$). A title written by another system must show as it is written: no bold, colour, link,
# image (an outside image would be fetched by every tablet), HTML or formula. `plain_md` makes it so.

# Escaped wherever they stand: emphasis, code, links and images, HTML and entities, tables, strikethrough, math,
# directives. The others (# + - = . ( ) and digits) matter only at the start of a line: see _BLOCK_START; so codes
# and numbers ("NV-2025-0008", "123/UBND-KT", "(mai.nt)") keep their Markdown source unchanged.
MD_ESCAPED = frozenset("\\`*_{}[]<>!|~$:&")

_BLOCK_START = re.compile(r"[#+\-=]|\d{1,9}[.)]")  # a heading, a list item or a setext underline at a line's start
# Invisible. GFM turns http://…, www.… and name@host.… into links on the text itself, after the escapes are read
# (remark-gfm's autolink literals), and Streamlit turns :name: into an emoji or an icon; so the joiner goes between
# "http" and ":", "www" and ".", before "@" and after a ":" followed by a letter, breaking each pattern.
WORD_JOINER = "\u2060"
_JOINS = re.compile(r"(?i)(?<=https)(?=:)|(?<=http)(?=:)|(?<=www)(?=\.)|(?=@)|(?<=:)(?=[^\W\d]|[+\-])")
_LINE_BREAKS = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _plain_line(line: str) -> str:
    line = _JOINS.sub(WORD_JOINER, line.strip())
    escaped = "".join("\\" + c if c in MD_ESCAPED else c for c in line)
    block = _BLOCK_START.match(escaped)
    if block:  # "# x", "- x", "1. x" would start a heading or a list: escape the marker's last character
        at = block.end() - 1
        escaped = f"{escaped[:at]}\\{escaped[at:]}"
    return escaped


def plain_md(value: Any, lines: bool = False) -> str:
    """`value` (text from the database or the URL) as Markdown that Streamlit shows literally, as plain text.

    One line (newlines become spaces), for a heading, a label, a value inside a sentence; with `lines`,
    each line of a note is kept (as a line break). Reading the result, people see exactly the value.
    """
    text = "" if value is None else str(value)
    parts = _LINE_BREAKS.split(text)
    if lines:
        return "  \n".join(_plain_line(p) for p in parts if p.strip())
    return _plain_line(" ".join(parts))
