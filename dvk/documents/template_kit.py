"""python-docx helpers for building the .docx templates: named styles, tables, sections, tags.

Only `build_templates` uses this module. Every piece of text whose look the format profile
governs gets a named paragraph style ("DVK …"), so a profile can restyle it and a user can
adjust it in Word (Home → Styles) without touching code.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from dvk.documents.render import set_font_name

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

# name: (alignment, size, bold, italic, underline, space_before, space_after)
STYLES: dict[str, tuple] = {
    "DVK Header Superior": (CENTER, 14, False, False, False, 0, 0),
    "DVK Header Issuer": (CENTER, 14, True, False, False, 0, 0),
    "DVK Header Star": (CENTER, 14, False, False, False, 0, 0),
    "DVK Header Number": (CENTER, 14, False, False, False, 0, 0),
    "DVK Header Subject": (CENTER, 12, False, True, False, 0, 0),
    "DVK Header National": (CENTER, 15, True, False, True, 0, 0),
    "DVK Header Motto": (CENTER, 14, True, False, True, 0, 0),
    "DVK Header Date": (CENTER, 14, False, True, False, 6, 0),
    "DVK Title": (CENTER, 16, True, False, False, 18, 0),
    "DVK Summary": (CENTER, 14, True, False, False, 0, 0),
    "DVK Rule": (CENTER, 14, False, False, False, 0, 12),
    "DVK Centered": (CENTER, 14, False, False, False, 6, 6),
    "DVK Centered Bold": (CENTER, 14, True, False, False, 6, 6),
    "DVK Heading": (JUSTIFY, 14, True, False, False, 6, 6),
    "DVK Basis": (JUSTIFY, 14, False, False, False, 0, 3),
    "DVK Authority": (CENTER, 14, True, False, False, 0, 0),
    "DVK Position": (CENTER, 14, False, False, False, 0, 0),
    "DVK Signer": (CENTER, 14, True, False, False, 0, 0),
    "DVK Recipients Heading": (LEFT, 14, False, False, True, 0, 0),
    "DVK Recipients": (LEFT, 12, False, False, False, 0, 0),
    "DVK Table": (LEFT, 12, False, False, False, 2, 2),
    "DVK Table Center": (CENTER, 12, False, False, False, 2, 2),
    "DVK Table Heading": (CENTER, 12, True, False, False, 2, 2),
    "DVK Table Section": (LEFT, 12, True, False, False, 2, 2),
    "DVK Note": (CENTER, 14, False, True, False, 0, 0),
    "DVK Figure": (CENTER, 12, False, True, False, 3, 6),
    "DVK Page Number": (CENTER, 14, False, False, False, 0, 0),
    # Drawn rules (a bottom border on a tiny paragraph), sized by the profile at render time.
    "DVK Issuer Rule": (CENTER, 2, False, False, False, 0, 6),
    "DVK Motto Rule": (CENTER, 2, False, False, False, 0, 0),
    "DVK Title Rule": (CENTER, 2, False, False, False, 0, 6),
    "DVK Staff Note": (JUSTIFY, 14, False, True, False, 0, 6),
}
_FIRST_LINE_INDENT = {"DVK Heading", "DVK Basis", "DVK Staff Note"}
# Headings, titles and captions never stay alone at the foot of a page.
_KEEP_WITH_NEXT = {"DVK Title", "DVK Summary", "DVK Rule", "DVK Title Rule", "DVK Heading", "DVK Figure"}
CHARACTER_STYLES = {"DVK Addressee Lead": (False, False)}  # name: (bold, italic); "Kính gửi:"


def new_document(landscape: bool = False):
    """A document with the DVK styles, A4, Party margins, and page numbers from page 2."""
    document = Document()
    normal = document.styles["Normal"]
    set_font_name(normal.font, FONT)
    normal.font.size = Pt(14)
    normal.paragraph_format.alignment = JUSTIFY
    normal.paragraph_format.first_line_indent = Cm(1)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, (align, size, bold, italic, underline, before, after) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.underline = underline
        style.paragraph_format.alignment = align
        style.paragraph_format.first_line_indent = Cm(1) if name in _FIRST_LINE_INDENT else Cm(0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        if name.startswith(("DVK Header", "DVK Table", "DVK Recipients", "DVK Authority")) or name in (
            "DVK Position",
            "DVK Signer",
            "DVK Page Number",
        ):
            style.paragraph_format.line_spacing = 1.0
        if name.endswith(" Rule") and name != "DVK Rule":
            style.paragraph_format.line_spacing = Pt(3)
        style.paragraph_format.keep_with_next = name in _KEEP_WITH_NEXT or None
    normal.paragraph_format.widow_control = True
    document.styles["DVK Staff Note"].font.highlight_color = WD_COLOR_INDEX.YELLOW
    for name, (bold, italic) in CHARACTER_STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.font.bold, style.font.italic = bold, italic
    section = document.sections[0]
    page_setup(section, landscape)
    add_page_number(section)
    return document


def page_setup(section, landscape: bool) -> None:
    width, height = Mm(210), Mm(297)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def new_section(document, landscape: bool):
    """A new page section (an annex); its first page shows its page number too."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape)
    section.different_first_page_header_footer = False
    return section


def add_page_number(section) -> None:
    """Page number centred at the top, not on the first page (Party and state formats)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = "DVK Page Number"
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def para(container, text: str = "", style: str | None = None, **run_format):
    """A paragraph with one run (a Jinja tag must stay inside one run)."""
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        for key, value in run_format.items():
            setattr(run.font, key, value)
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag such as `{%p if x %}`."""
    return para(container, text)


def cell_text(cell, text: str, style: str = "DVK Table", **run_format) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    if text:
        run = paragraph.add_run(text)
        for key, value in run_format.items():
            setattr(run.font, key, value)


def table(container, rows: int, widths_cm: list[float], grid: bool = True):
    result = container.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        result.style = "Table Grid"
    result.alignment = WD_TABLE_ALIGNMENT.CENTER
    result.autofit = False  # a fixed layout: the widths below, whatever the text
    for row in result.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(result.columns, widths_cm, strict=True):
        column.width = Cm(width)
    keep_together(result)
    return result


def add_row(table):
    """A new row that never breaks across pages."""
    row = table.add_row()
    _cant_split(row)
    return row


def repeat_as_header(row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        tr_pr.insert(0, element)


def keep_together(table) -> None:
    """No row of this table breaks across pages (data rows, signature blocks)."""
    for row in table.rows:
        _cant_split(row)


def keep_with_next(paragraphs) -> None:
    """These paragraphs stay whole and on the page of what follows them."""
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True
        paragraph.paragraph_format.keep_together = True


def vertical_center(row) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT

    for cell in row.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def preserve_spaces(document) -> None:
    """Keep spaces in every text run (blank number lines such as `Số      -QĐ/…`)."""
    for element in document.element.body.iter(qn("w:t")):
        element.set(qn("xml:space"), "preserve")
