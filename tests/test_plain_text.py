"""Text from the database or the URL shows as written, never as Markdown (issue 16 item 7).

Titles, summaries, notes, unit and person names written by other systems hold
Markdown: bold, :red[...] colours, links, outside images (fetched by every
tablet that opens the page), HTML and $math$. Every page and drill-down is
opened on rows holding such text, and every element that Streamlit renders as
Markdown (text, captions, headings, alerts, toasts, labels, tooltips) is parsed
with markdown-it: no image, no link to the payload's address, no emphasis, no
HTML comes from the payload, and its words read exactly as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from google.protobuf.message import Message
from markdown_it import MarkdownIt
from sqlalchemy import insert

from data_access.accounts import users
from data_access.core.clock import FROZEN_NOW_ENV
from data_access.core.schema import audit_log, meeting_points
from data_access.points import edits as point_edits
from data_access.tasks import edits as task_edits
from tests.apptest import run_app
from tests.builders import Office, vn

NOW_ISO = "2025-08-28T09:00:00+07:00"
PAYLOAD = "**Đậm** :red[đỏ] [liên kết](http://127.0.0.1:9/x) ![ảnh](http://127.0.0.1:9/t.png) <b>thẻ</b> $x^2$"
URL_PAYLOAD = "**x**[lnk](http://127.0.0.1:9/y)"  # what a crafted link puts in ?task=, ?document=, ...

HOSTILE = {  # every value a row of the office database holds, each carrying the payload
    "task_code": "NV-H-0001",
    "task_title": f"Nhiệm vụ {PAYLOAD}",
    "department": f"Sở {PAYLOAD}",
    "commune_failed": f"Xã {PAYLOAD}",
    "commune_connected": f"Phường {PAYLOAD}",
    "summary": f"Tóm tắt {PAYLOAD}\n# Dòng hai\n- dòng ba",
    "issuer": f"Bộ {PAYLOAD}",
    "meeting_title": f"Họp {PAYLOAD}",
    "location": f"Phòng {PAYLOAD}",
    "chair": f"Ông {PAYLOAD}",
    "event_note": f"Ghi chú {PAYLOAD}\n1. dòng hai",
    "check_note": f"Kiểm tra {PAYLOAD}",
    "saved_check_note": f"Ghi nhận {PAYLOAD}",
    "person": f"Bà {PAYLOAD}",
    "audit_action": f"đồng bộ {PAYLOAD}",
    "audit_column": f"cột {PAYLOAD}",
}
MEETING_DAY = vn(2025, 8, 25, 8, 0)

MD = MarkdownIt("commonmark").enable(["strikethrough", "table"])
MARKDOWN_FIELDS = {"body", "label", "help", "text", "content"}  # proto fields Streamlit renders as Markdown
MARKDOWN_OPTIONS = {"Radio": {"options", "captions"}}  # a radio's choices too (a select box's are plain)
PLAIN_PROTOS = {"Text", "Code", "Arrow", "ArrowVegaLiteChart", "Json"}  # drawn as written
ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")  # a CommonMark backslash escape
AUTOLINK = re.compile(r"(?i)https?://|www\.|[-.\w+]+@[-\w]+\.")  # what GFM links on the text itself
WORD_JOINER = "\u2060"  # invisible: breaks an autolink pattern (see ui.display.plain_md)


def fill_hostile(engine) -> dict[str, int]:
    """The office's rows with the payload in every text other systems write; ids by name."""
    h = HOSTILE
    with engine.begin() as conn:
        o = Office(conn)
        dept = o.unit("department", h["department"], code="SO-H")
        failed = o.unit("commune", h["commune_failed"], code="XA-H1", latitude=10.2, longitude=106.3)
        connected = o.unit("commune", h["commune_connected"], code="XA-H2", latitude=10.3, longitude=106.4)
        doc = o.document(
            "incoming",
            dt.date(2025, 8, 20),
            number="12/UBND-H",
            summary=h["summary"],
            issuer=h["issuer"],
            unit_id=dept,
            due_on=dt.date(2025, 8, 25),
        )
        meeting = o.meeting(
            MEETING_DAY, title=h["meeting_title"], is_online=True, location=h["location"], chaired_by=h["chair"]
        )
        conn.execute(
            insert(meeting_points),
            [
                {"meeting_id": meeting, "unit_id": failed, "status": "failed"},
                {"meeting_id": meeting, "unit_id": connected, "status": "connected"},
            ],
        )
        task = o.task(
            dept,
            due_on=dt.date(2025, 8, 20),
            code=h["task_code"],
            title=h["task_title"],
            source_document_id=doc,
            meeting_id=meeting,
            assigned_on=dt.date(2025, 8, 4),
        )
        o.check(failed, vn(2025, 8, 28, 7, 0), "disconnected", note=h["check_note"])
        o.check(connected, vn(2025, 8, 28, 7, 0), "connected")
    person = users.create_user(engine, "nguoi.h", "specialist", h["person"], "mat-khau-dai-1")
    task_edits.add_task_event(engine, person, task, "note", h["event_note"])
    point_edits.record_point_check(engine, person, "XA-H1", "degraded", h["saved_check_note"])
    with engine.begin() as conn:  # a row written by another system: an action and a column the app does not know
        conn.execute(
            insert(audit_log).values(
                at=vn(2025, 8, 28, 8, 0),
                user_login="nguoi.h",
                action=h["audit_action"],
                table_name="meetings",
                row_id=meeting,
                before=json.dumps({"title": "Họp cũ"}, ensure_ascii=False),
                after=json.dumps({"title": h["meeting_title"], h["audit_column"]: PAYLOAD}, ensure_ascii=False),
            )
        )
    return {"task": task, "document": doc, "meeting": meeting}


@pytest.fixture
def hostile(db_url, engine, monkeypatch):
    monkeypatch.setenv(FROZEN_NOW_ENV, NOW_ISO)
    return db_url, fill_hostile(engine)


# Reading what the page drew -------------------------------------------------------------------------------------


def _nodes(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def _strings(message: Message):
    """(field name, text) of every string in a proto message, nested ones included."""
    for fd, value in message.ListFields():
        if isinstance(value, str | bytes | Message | int | float | bool):
            values = [value]
        else:  # a repeated field (a repeated message field has no __iter__, but it iterates)
            values = list(value)
        for v in values:
            if isinstance(v, Message):
                yield from _strings(v)
            elif isinstance(v, str):
                yield fd.name, v


def drawn(at) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """What Streamlit renders as Markdown, as (element, source); what it shows as written (text, table cells);
    and the raw HTML of st.html (the theme's CSS)."""
    markdown, plain, html = [], [], []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if not isinstance(proto, Message):
            continue
        kind = proto.DESCRIPTOR.name
        if kind == "Html":
            html.extend(s for name, s in _strings(proto) if name == "body")
        elif kind in PLAIN_PROTOS:
            plain.extend(s for name, s in _strings(proto) if name == "body")
        else:
            fields = MARKDOWN_FIELDS | MARKDOWN_OPTIONS.get(kind, set())
            markdown.extend((f"{kind}.{name}", s) for name, s in _strings(proto) if name in fields)
    for frame in at.dataframe:
        plain.extend(str(v) for v in frame.value.astype(str).to_numpy().ravel())
    return markdown, plain, html


def _inline(tokens):
    for token in tokens:
        yield token
        yield from _inline(token.children or [])


def rendered(source: str) -> str:
    """The text a reader sees of a Markdown source (markdown-it's tokens), joiners left in."""
    parts = []
    for token in _inline(MD.parse(source)):
        if token.type in ("text", "code_inline", "code_block", "fence"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join(" ".join(parts).split())


def seen(text: str) -> str:
    return " ".join(text.replace(WORD_JOINER, "").split())


def problems(where: str, source: str) -> list[str]:
    """What the payload turned into in this Markdown source, if anything."""
    found = []
    tokens = list(_inline(MD.parse(source)))
    for i, token in enumerate(tokens):
        if token.type == "image":
            found.append(f"{where}: an image {token.attrs}")
        if token.type == "link_open" and "127.0.0.1:9" in str(token.attrs.get("href")):
            found.append(f"{where}: a link to {token.attrs['href']}")
        if token.type in ("html_inline", "html_block"):
            found.append(f"{where}: HTML {token.content!r}")
        if token.type in ("strong_open", "em_open", "s_open"):
            close = next(j for j in range(i + 1, len(tokens)) if tokens[j].type == token.type[:-5] + "_close")
            inner = "".join(t.content for t in tokens[i + 1 : close] if t.type == "text")
            if inner in ("Đậm", "x", "lnk"):  # ours embolden a whole value; the payload's bold is one word
                found.append(f"{where}: the payload's {inner!r} drawn as {token.type}")
        if token.type in ("code_block", "fence"):  # never ours; a heading or a list from a value loses its marker
            found.append(f"{where}: a value drawn as code ({token.type})")
    unescaped = ESCAPE.sub("", source)
    if ":red[" in unescaped:
        found.append(f"{where}: a colour directive")
    if "$x^2$" in unescaped:
        found.append(f"{where}: a formula")
    text = rendered(source)
    if AUTOLINK.search(text):
        found.append(f"{where}: an autolink in {text!r}")
    if "Đậm" in source and PAYLOAD not in seen(text):
        found.append(f"{where}: the payload does not read as written in {seen(text)!r}")
    if "lnk" in source and URL_PAYLOAD[:20] not in seen(text):
        found.append(f"{where}: the URL's value does not read as written in {seen(text)!r}")
    return found


def assert_plain(at, *values: str) -> None:
    """No Markdown from the payload anywhere on the page, and each of `values` visible as written."""
    assert not at.exception, at.exception
    markdown, plain, html = drawn(at)
    assert markdown, "nothing drawn"
    assert not [h for h in html if "Đậm" in h or "lnk" in h], "a value in raw HTML"
    found = [p for where, source in markdown for p in problems(where, source)]
    assert not found, "\n".join(found)
    visible = [seen(rendered(source)) for _, source in markdown] + [seen(p) for p in plain]
    missing = [v for v in values if not any(seen(v) in text for text in visible)]
    assert not missing, f"not shown as written: {missing}"


def _open(monkeypatch, url, page, query=None, **state):
    return run_app(monkeypatch, url, NOW_ISO, query=query, page=page, role="leader", state=state or None)


TASKS, DOCUMENTS, MEETINGS, POINTS, AUDIT = (
    f"app_pages/{name}.py" for name in ("tasks", "documents", "meetings", "points", "audit")
)
H = HOSTILE


# The drill-downs --------------------------------------------------------------------------------------------------


def test_a_task_in_full_shows_its_title_unit_links_and_history_as_written(monkeypatch, hostile):
    url, _ = hostile
    at = _open(monkeypatch, url, TASKS, {"task": H["task_code"]})
    assert seen(rendered(at.subheader[0].value)) == f"{H['task_code']} · {H['task_title']}"  # still the heading
    assert_plain(
        at,
        H["task_title"],
        H["department"],
        H["meeting_title"],
        " ".join(H["summary"].split()),  # the document's link: one line
        H["event_note"].splitlines()[0],
        H["event_note"].splitlines()[1],
        H["person"],  # who wrote the note
    )


def test_a_document_in_full_shows_its_summary_issuer_and_units_as_written(monkeypatch, hostile):
    url, ids = hostile
    at = _open(monkeypatch, url, DOCUMENTS, {"document": str(ids["document"])})
    assert H["summary"] in [element.value for element in at.text]  # as plain text, its lines kept
    assert_plain(at, H["summary"], H["issuer"], H["department"], H["task_title"])


def test_a_meeting_in_full_shows_its_title_place_chair_and_points_as_written(monkeypatch, hostile):
    url, ids = hostile
    at = _open(monkeypatch, url, MEETINGS, {"meeting": str(ids["meeting"])})
    assert seen(rendered(at.subheader[0].value)) == H["meeting_title"]
    assert_plain(
        at, H["meeting_title"], H["location"], H["chair"], H["commune_failed"], H["commune_connected"], H["task_title"]
    )


def test_a_point_in_full_shows_its_name_and_checks_as_written(monkeypatch, hostile):
    url, _ = hostile
    at = _open(monkeypatch, url, POINTS, {"point": "XA-H1"})
    assert seen(rendered(at.subheader[0].value)) == H["commune_failed"]
    assert_plain(at, H["commune_failed"], H["check_note"], H["saved_check_note"], H["meeting_title"])


def test_the_audit_trail_shows_people_items_and_values_as_written(monkeypatch, hostile):
    url, _ = hostile
    at = _open(monkeypatch, url, AUDIT)
    assert_plain(
        at,
        H["person"],
        H["saved_check_note"],
        H["event_note"].replace("\n", " "),
        H["commune_failed"],  # the check's link
        H["meeting_title"],  # the other system's row: its link and its new value
        H["audit_action"],
        H["audit_column"],
    )


# The lists --------------------------------------------------------------------------------------------------------


def test_the_pages_draw_no_markdown_from_the_database(monkeypatch, hostile):
    """Every page, its charts' and tables' names included, and the issuer filter (a tap on an issuer, or a link)."""
    url, _ = hostile
    for page, query, values in [
        (None, {}, [H["task_title"]]),
        (TASKS, {"scope": "all"}, [H["task_title"]]),
        (DOCUMENTS, {}, [H["summary"]]),
        (DOCUMENTS, {"issuer": H["issuer"]}, [H["issuer"]]),
        (MEETINGS, {}, []),
        (POINTS, {}, [H["commune_failed"]]),
    ]:
        assert_plain(_open(monkeypatch, url, page, query), *values)


# Values from the URL ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "page, param, shown",
    [
        (TASKS, "task", URL_PAYLOAD),
        (DOCUMENTS, "document", URL_PAYLOAD[:20]),  # the message quotes the first 20 characters
        (MEETINGS, "meeting", URL_PAYLOAD[:20]),
        (POINTS, "point", URL_PAYLOAD),
    ],
)
def test_a_crafted_link_is_quoted_as_written_in_the_not_found_message(monkeypatch, hostile, page, param, shown):
    url, _ = hostile
    at = _open(monkeypatch, url, page, {param: URL_PAYLOAD})
    assert len(at.warning) == 1
    assert shown in seen(rendered(at.warning[0].value))
    assert_plain(at, shown)


def test_a_bad_filter_value_is_quoted_as_written(monkeypatch, hostile):
    url, _ = hostile
    at = _open(monkeypatch, url, TASKS, {"category": URL_PAYLOAD})
    assert URL_PAYLOAD in seen(rendered(at.toast[0].value))
    assert_plain(at, URL_PAYLOAD)


# The helper -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        PAYLOAD,
        URL_PAYLOAD,
        "# Tiêu đề",
        "## Hai",
        "- mục",
        "+ mục",
        "* mục",
        "> trích",
        "1. một",
        "2) hai",
        "===",
        "---",
        "***",
        "    mã lệnh",
        "```python",
        "~~~",
        "~~gạch~~",
        "| a | b |",
        "<div>khối</div>",
        "<http://127.0.0.1:9/a>",
        "&amp; &lt;b&gt; &#42;",
        "\\*đã thoát\\*",
        "`mã`",
        "_nghiêng_ __đậm__",
        "www.example.com",
        "Xem https://example.com/a_b",
        "mai.nt@example.com",
        "mailto:mai@example.com",
        ":smile: :+1: :material/home:",
        ":red-background[nền]",
        ":blue[x]{#id}",
        "$$x$$ và \\(y\\)",
        "[^1] [a]: http://127.0.0.1:9/ref",
        "NV-2025-0008 · 123/UBND-KT (mai.nt) 10:30",
    ],
)
def test_plain_md_reads_as_written(value):
    from ui.display import plain_md

    source = plain_md(value)
    assert not problems("plain_md", source)
    tokens = [t.type for t in _inline(MD.parse(source))]
    assert set(tokens) <= {"paragraph_open", "inline", "text", "paragraph_close"}, tokens
    assert seen(rendered(source)) == " ".join(value.split())
    assert not ESCAPE.sub("", source).count(":red[")


def test_plain_md_keeps_lines_when_asked_and_joins_them_otherwise():
    from ui.display import plain_md

    note = "Đôn đốc lần 2.\n- gửi **Sở**\n# hết\n\n1. xong"
    assert seen(rendered(plain_md(note))) == "Đôn đốc lần 2. - gửi **Sở** # hết 1. xong"
    kept = plain_md(note, lines=True)
    assert [t.type for t in _inline(MD.parse(kept))].count("hardbreak") == 3
    assert seen(rendered(kept)) == "Đôn đốc lần 2. - gửi **Sở** # hết 1. xong"
    assert plain_md("NV-2025-0008 · 123/UBND-KT") == "NV-2025-0008 · 123/UBND-KT"  # codes are left as they are
    assert plain_md(None) == ""
