"""The Word layout of Decree 30/2020/NĐ-CP (Phụ lục I), shared by the office's report and its letters.

A4, margins 20 mm top and bottom, 30 mm left, 15 mm right (text 165 mm wide);
Times New Roman, body 14 pt, justified, first line indented 1.27 cm, 6 pt
after each paragraph. The heading is a borderless table of two columns: on
the left the body that issues the document (UBND TỈNH …, the office in bold,
a short line under it, the number and symbol, a letter's "V/v …"); on the
right the national title and motto in bold, a line under the motto as long
as the motto, the place and date in italics. Its second row starts with the
number on the left and the date on the right, so the two always share a
line. At the end a second borderless table: "Nơi nhận:" with the recipients
on the left, the signer's title and name on the right. Annex tables have
borders, a header row repeated on every page and columns that add up to the
text width, so long titles wrap inside the margins.

Every string from the database or the settings goes in as a plain text run:
a title written "=HYPERLINK(…)" or "**x**" is printed as written, never read
as a field, a formula or markup. The page number (from page 2, centred at
the top, as the decree asks) is the only field.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from data_access.accounts.settings import OfficeSettings
from i18n import fmt_int, language, t

FONT = "Times New Roman"
LANGUAGE_TAG = "vi-VN"
BODY_PT = 14
HEADING_PT = 13  # the heading's lines: UBND TỈNH …, the office, the number, the national title and motto
ABSTRACT_PT = 12  # a letter's "V/v …" under its number
TABLE_PT = 12  # annex tables
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11
PAGE_NUMBER_PT = 13

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 20, 20, 30, 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - LEFT_MM - RIGHT_MM  # 165
HEADER_DISTANCE_MM = 10
FIRST_LINE_INDENT_MM = 12.7
LINE_SPACING = 1.15
SPACE_AFTER_PT = 6

HEADING_COLUMNS_MM = (65, 100)  # the issuing body, the national title: 165 mm
SIGNATURE_COLUMNS_MM = (80, 85)  # the recipients, the signer
CELL_PADDING_MM = 1.5  # left and right inside an annex table's cell
OFFICE_RULE = 0.45  # the line under the office's name: a third to a half of the name (the decree)
RULE_GAP_PT = 3  # between a line of text and the line drawn under it
SIGNATURE_SPACE_PT = 72  # room for the signature and the seal between the title and the name

# Advance widths (1/1000 em) of Times New Roman / Liberation Serif, ASCII 32-126: enough to size the
# lines under the office's name and the motto (a Vietnamese letter is as wide as its base letter).
_WIDTHS = {
    False: (
        "250 333 408 500 500 833 778 180 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 "
        "278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 "
        "611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 "
        "500 500 500 500 333 389 278 500 500 722 500 500 444 480 200 480 541"
    ),
    True: (
        "250 333 555 500 500 1000 833 278 333 333 500 570 250 333 250 278 500 500 500 500 500 500 500 500 500 500 "
        "333 333 570 570 570 500 930 722 667 722 722 667 611 778 778 389 500 778 667 944 722 778 611 778 722 556 "
        "667 722 722 1000 722 722 667 333 278 333 581 500 333 500 556 444 556 444 333 500 556 278 333 556 278 833 "
        "556 500 556 556 444 389 333 556 500 722 500 500 444 394 220 394 520"
    ),
}
_ADVANCES = {bold: dict(zip(map(chr, range(32, 127)), map(int, row.split()))) for bold, row in _WIDTHS.items()}
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plain(value: object) -> str:
    """A value as text a Word run can hold: characters XML 1.0 forbids (control codes) dropped."""
    return _XML_UNSAFE.sub("", str(value))


def text_width_mm(text: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of one line of text, estimated from the font's advance widths."""
    advances = _ADVANCES[bold]
    total = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1]
        total += advances.get(base, advances["n"])
    return total / 1000 * size_pt * 25.4 / 72


def decree_date(day: dt.date) -> tuple[str, str, str]:
    """Day, month and year as the decree writes them: a day below 10 and a month below 3 take a zero
    ("ngày 05 tháng 02 năm 2025", "ngày 28 tháng 8 năm 2025")."""
    return (
        f"{day.day:02d}" if day.day < 10 else str(day.day),
        f"{day.month:02d}" if day.month < 3 else str(day.month),
        str(day.year),
    )


def count(value: int) -> str:
    """A count in the text: 12.996; below ten with a leading zero, as Vietnamese documents write it ("06 đoàn")."""
    text = fmt_int(value)
    return text.zfill(2) if language() == "vi" and 0 < value < 10 else text


def place_and_date(place: str, day: dt.date) -> str:
    d, m, y = decree_date(day)
    return t("report.place_date", place=plain(place), day=d, month=m, year=y)


def number_code(symbol: str, kind: str | None = None, number: str | None = None) -> str:
    """ "07/BC-VP" (a number below 10 takes a zero, as the decree asks), or "…/BC-VP" without a number: the space
    left for the clerk who registers the document. A letter's symbol is the office's alone ("…/VP")."""
    code = f"{kind}-{symbol}" if kind else symbol
    written = plain(number).strip() if number else ""
    if written.isdigit() and int(written) < 10:
        written = written.zfill(2)
    return f"{written or t('report.number_blank')}/{plain(code)}"


def number_line(symbol: str, kind: str | None = None, number: str | None = None) -> str:
    """ "Số: 07/BC-VP", "Số: …/VP"."""
    return t("report.number", code=number_code(symbol, kind, number))


# --- the document --------------------------------------------------------------------------------------------


def _fonts(rpr, size_pt: float | None = None) -> None:
    """Times New Roman for every script (Latin, East Asian, complex) on an rPr, theme fonts removed."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if size_pt is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(round(size_pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attr), LANGUAGE_TAG)


def _set_compat(doc: DocxDocument) -> None:
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # tables' borders, not their text, at the margin
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), LANGUAGE_TAG)


def _page_number_header(section) -> None:
    """The page number centred at the top from the second page (the first has an empty header)."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    _fonts(rpr, PAGE_NUMBER_PT)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    section.gutter = Mm(0)


def new_document(title: str, author: str, issued_on: dt.date) -> DocxDocument:
    """An empty A4 document in the decree's page layout and fonts."""
    doc = Document()
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_PT)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr(), BODY_PT)
    _set_compat(doc)
    section = doc.sections[0]
    _page_setup(section)
    _page_number_header(section)
    props = doc.core_properties
    props.title = plain(title)
    props.author = props.last_modified_by = plain(author)
    props.language = LANGUAGE_TAG
    props.comments = props.keywords = props.subject = props.category = ""
    props.created = props.modified = dt.datetime.combine(issued_on, dt.time())  # dated the day of issue
    return doc


def new_page_section(doc: DocxDocument) -> None:
    """A new page that starts its own numbering (the next letter in a file of letters)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page_setup(section)
    section.different_first_page_header_footer = True
    number_type = OxmlElement("w:pgNumType")
    number_type.set(qn("w:start"), "1")
    _insert_in_order(section._sectPr, number_type, _AFTER_PAGE_NUMBERS)


def to_bytes(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- paragraphs and runs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    size: float = BODY_PT
    bold: bool = False
    italic: bool = False
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: bool = False  # first line indented
    before: float = 0
    after: float = 0
    spacing: float = 1.0  # line spacing, a multiple of a single line
    keep_with_next: bool = False


BODY = Style(indent=True, after=SPACE_AFTER_PT, spacing=LINE_SPACING)
SECTION = Style(bold=True, indent=True, after=SPACE_AFTER_PT, spacing=LINE_SPACING, keep_with_next=True)


def add_run(p: Paragraph, text: str, size: float, bold: bool = False, italic: bool = False):
    run = p.add_run(plain(text))  # a text run: "=…" and "**x**" are printed as written
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    _fonts(run._r.get_or_add_rPr(), size)
    return run


def _format(p: Paragraph, style: Style) -> Paragraph:
    pf = p.paragraph_format
    pf.alignment = style.align
    pf.space_before = Pt(style.before)
    pf.space_after = Pt(style.after)
    pf.line_spacing_rule = WD_LINE_SPACING.MULTIPLE if style.spacing != 1.0 else WD_LINE_SPACING.SINGLE
    if style.spacing != 1.0:
        pf.line_spacing = style.spacing
    pf.first_line_indent = Mm(FIRST_LINE_INDENT_MM) if style.indent else None
    pf.keep_with_next = style.keep_with_next or None
    pf.widow_control = True
    _fonts(_mark(p._p.get_or_add_pPr()), style.size)  # the paragraph mark: the height of an empty line
    return p


def paragraph(container, text: str = "", style: Style = BODY) -> Paragraph:
    """A paragraph of one text run in the style; the container is the document or a table cell (a new cell's
    empty paragraph is used first)."""
    first = container.paragraphs[0] if isinstance(container, _Cell) else None
    fresh = first is not None and len(container.paragraphs) == 1 and first._p.pPr is None and not first.runs
    p = first if fresh else container.add_paragraph()
    _format(p, style)
    if text:
        add_run(p, text, style.size, style.bold, style.italic)
    return p


def _insert_in_order(ppr, element, followers: Sequence[str]) -> None:
    for tag in followers:
        found = ppr.find(qn(tag))
        if found is not None:
            found.addprevious(element)
            return
    ppr.append(element)


def _tags(names: str) -> tuple[str, ...]:
    return tuple(f"w:{name}" for name in names.split())


# What follows an element in its parent (the schema's order, which Word insists on).
_AFTER_BORDER = _tags(
    "shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
_AFTER_PAGE_NUMBERS = _tags("cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid")


def _mark(ppr):
    """The run properties of a paragraph's mark (pPr/rPr), made in its place if missing."""
    found = ppr.find(qn("w:rPr"))
    if found is None:
        found = OxmlElement("w:rPr")
        _insert_in_order(ppr, found, _tags("sectPr pPrChange"))
    return found


def rule(container, length_mm: float, width_mm: float) -> Paragraph:
    """A solid line `length_mm` long, centred in a space `width_mm` wide, drawn just under the line above."""
    p = container.add_paragraph()
    indent = max(0.0, (width_mm - length_mm) / 2)
    pf = p.paragraph_format
    pf.left_indent = pf.right_indent = Mm(indent)
    pf.space_before = Pt(RULE_GAP_PT)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(2)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(attr), value)
    borders.append(top)
    _insert_in_order(ppr, borders, _AFTER_BORDER)
    _fonts(_mark(ppr), 2)
    return p


# --- tables --------------------------------------------------------------------------------------------------


def _table_property(table: Table, tag: str, followers: Sequence[str]):
    tbl_pr = table._tbl.tblPr
    found = tbl_pr.find(qn(tag))
    if found is not None:
        tbl_pr.remove(found)
    element = OxmlElement(tag)
    _insert_in_order(tbl_pr, element, followers)
    return element


_TBL_ORDER = _tags(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)


def _after(tag: str) -> tuple[str, ...]:
    return _TBL_ORDER[_TBL_ORDER.index(tag) + 1 :]


def _twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def table(container, widths_mm: Sequence[float], rows: int, borders: bool, padding_mm: float = 0.0) -> Table:
    """A table of fixed column widths at the left margin, with or without single borders."""
    tbl = container.add_table(rows=rows, cols=len(widths_mm))
    tbl.autofit = False
    width = _table_property(tbl, "w:tblW", _after("w:tblW"))
    width.set(qn("w:w"), _twips(sum(widths_mm)))
    width.set(qn("w:type"), "dxa")
    indent = _table_property(tbl, "w:tblInd", _after("w:tblInd"))
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    edges = _table_property(tbl, "w:tblBorders", _after("w:tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        if borders:
            for attr, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0"), ("w:color", "000000")):
                edge.set(qn(attr), value)
        else:
            edge.set(qn("w:val"), "nil")
        edges.append(edge)
    margins = _table_property(tbl, "w:tblCellMar", _after("w:tblCellMar"))
    for side, value in (("top", 0), ("left", padding_mm), ("bottom", 0), ("right", padding_mm)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), _twips(value))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    for column, mm in zip(tbl.columns, widths_mm):
        column.width = Mm(mm)
        for cell in column.cells:
            cell.width = Mm(mm)
    return tbl


def _row_flag(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    tr_pr.append(element)


def annex_table(
    container,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    aligns: Sequence[str],
    bold_rows: Sequence[int] = (),
    empty_text: str | None = None,
) -> Table:
    """A bordered table: a bold header row repeated on every page, then the rows; `aligns` holds "l", "c" or "r"
    per column. Without rows, one row spanning the columns says `empty_text`."""
    body_rows = list(rows) if rows else [[empty_text or ""]]
    tbl = table(container, widths_mm, 1 + len(body_rows), borders=True, padding_mm=CELL_PADDING_MM)
    alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "c": WD_ALIGN_PARAGRAPH.CENTER, "r": WD_ALIGN_PARAGRAPH.RIGHT}
    header = tbl.rows[0]
    _row_flag(header, "w:tblHeader")
    for cell, text in zip(header.cells, headers):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph(cell, text, Style(size=TABLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=2, after=2))
    for i, values in enumerate(body_rows, start=1):
        row = tbl.rows[i]
        _row_flag(row, "w:cantSplit")
        if not rows:
            merged = row.cells[0].merge(row.cells[-1])
            paragraph(merged, values[0], Style(size=TABLE_PT, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=2))
            continue
        for cell, text, align in zip(row.cells, values, aligns):
            style = Style(size=TABLE_PT, bold=(i - 1) in bold_rows, align=alignment[align], before=2, after=2)
            paragraph(cell, text, style)
    return tbl


# --- the heading and the signature ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    kind: str | None  # the document's kind in its symbol: "BC" for a report; None for a letter
    issued_on: dt.date
    number: str | None = None
    abstract: str | None = None  # a letter's "V/v …"


def heading(doc: DocxDocument, settings: OfficeSettings, head: Heading) -> Table:
    """The decree's heading: the issuing body and the number on the left, the national title, the motto and the
    place and date on the right; the number and the date on one line."""
    left_mm, right_mm = HEADING_COLUMNS_MM
    tbl = table(doc, HEADING_COLUMNS_MM, 2, borders=False)
    top_left, top_right = tbl.rows[0].cells
    bottom_left, bottom_right = tbl.rows[1].cells
    for cell in (*tbl.rows[0].cells, *tbl.rows[1].cells):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    committee = t("report.committee", province=plain(settings.province).upper())
    office = plain(settings.office_name).upper()
    paragraph(top_left, committee, Style(size=HEADING_PT, align=WD_ALIGN_PARAGRAPH.CENTER))
    paragraph(top_left, office, Style(size=HEADING_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    office_width = min(text_width_mm(office, HEADING_PT, bold=True), left_mm)
    rule(top_left, office_width * OFFICE_RULE, left_mm)

    nation = t("report.nation")
    nation_pt = HEADING_PT if text_width_mm(nation, HEADING_PT, bold=True) <= right_mm - 2 else HEADING_PT - 1
    motto = t("report.motto")
    motto_pt = BODY_PT if text_width_mm(motto, BODY_PT, bold=True) <= right_mm - 2 else HEADING_PT
    paragraph(top_right, nation, Style(size=nation_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    paragraph(top_right, motto, Style(size=motto_pt, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    rule(top_right, min(text_width_mm(motto, motto_pt, bold=True), right_mm), right_mm)  # as long as the motto

    paragraph(
        bottom_left,
        number_line(settings.office_symbol, head.kind, head.number),
        Style(size=HEADING_PT, align=WD_ALIGN_PARAGRAPH.CENTER, before=6),
    )
    if head.abstract:
        paragraph(bottom_left, head.abstract, Style(size=ABSTRACT_PT, align=WD_ALIGN_PARAGRAPH.CENTER, before=2))
    paragraph(
        bottom_right,
        place_and_date(settings.place, head.issued_on),
        Style(size=BODY_PT, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6),
    )
    return tbl


def title(doc: DocxDocument, kind_title: str, lines: Sequence[str]) -> None:
    """A report's title: its kind in bold capitals, then what it is about in bold, a short line under it."""
    paragraph(doc, kind_title, Style(size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=18))
    for line in lines:
        paragraph(doc, line, Style(size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    widest = max((text_width_mm(line, BODY_PT, bold=True) for line in lines), default=60)
    rule(doc, min(widest, TEXT_WIDTH_MM) / 3, TEXT_WIDTH_MM)
    paragraph(doc, "", Style(size=6, after=6))


def annex_heading(doc: DocxDocument, name: str, subject: str, reference: str) -> None:
    """An annex on a new page: "PHỤ LỤC" and its subject in bold capitals, the document it goes with in italics,
    a short line under them."""
    paragraph(doc, name, Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)).paragraph_format.page_break_before = True
    paragraph(doc, subject, Style(bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    paragraph(doc, reference, Style(italic=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    rule(doc, TEXT_WIDTH_MM / 4, TEXT_WIDTH_MM)
    paragraph(doc, "", Style(size=6, after=6))


def recipient_lines(lines: Sequence[str]) -> list[str]:
    """ "- UBND tỉnh;" … "- Lưu: VT, TH.": a dash before each, a semicolon after each but the last (a full stop),
    unless the office wrote its own punctuation."""
    out = []
    for i, line in enumerate(lines):
        text = plain(line).strip()
        if not text.endswith((";", ".", ",", ":")):
            text += "." if i == len(lines) - 1 else ";"
        out.append(f"- {text}")
    return out


def signature(doc: DocxDocument, settings: OfficeSettings, recipients: Sequence[str]) -> Table:
    """ "Nơi nhận:" and the recipients on the left; the signer's title in capitals and name on the right."""
    paragraph(doc, "", Style(size=6, after=6))
    tbl = table(doc, SIGNATURE_COLUMNS_MM, 1, borders=False)
    left, right = tbl.rows[0].cells
    left.vertical_alignment = right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    label = Style(size=RECIPIENTS_LABEL_PT, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT)
    paragraph(left, t("report.recipients"), label)
    for line in recipient_lines(recipients):
        paragraph(left, line, Style(size=RECIPIENTS_PT, align=WD_ALIGN_PARAGRAPH.LEFT))
    for line in plain(settings.signer_title).splitlines() or [""]:
        paragraph(right, line.strip().upper(), Style(size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER))
    paragraph(
        right,
        plain(settings.signer_name),
        Style(size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=SIGNATURE_SPACE_PT),
    )
    return tbl
