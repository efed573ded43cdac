"""The profile's layout on a rendered document: header column widths and the rules drawn under
the issuing body, the motto and a title's summary line (Nghị định 30: a solid line, 1/3–1/2 of the
line above under the issuing body and the summary, as long as the motto under the motto)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from dvk.documents.profiles import FormatProfile
from dvk.documents.text_width import text_width_mm

HEADER_STYLE = "DVK Header Superior"
RULE_STYLES = {"DVK Issuer Rule": "issuer", "DVK Motto Rule": "motto", "DVK Title Rule": "title"}
_TWIPS_PER_MM = 1440 / 25.4


def header_tables(document) -> list:
    """The two-column header tables (their first cell starts with the superior body's line)."""
    found = []
    for table in document.tables:
        first = table.rows[0].cells[0].paragraphs
        if first and first[0].style.name == HEADER_STYLE and len(table.columns) == 2:
            found.append(table)
    return found


def _no_cell_margins(table) -> None:
    """The header's text may use a column's full width (the long date line must fit on one line)."""
    tbl_pr = table._tbl.tblPr
    margins = tbl_pr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl_pr.append(margins)
    for side in ("left", "right"):
        element = margins.find(qn(f"w:{side}"))
        if element is None:
            element = OxmlElement(f"w:{side}")
            margins.append(element)
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")


def size_header(document, widths_mm: tuple[float, float]) -> None:
    for table in header_tables(document):
        _no_cell_margins(table)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)


def _effective(paragraph: Paragraph, attribute: str):
    """A font attribute from the paragraph's runs or, failing that, its style chain."""
    for run in paragraph.runs:
        value = getattr(run.font, attribute)
        if value is not None:
            return value
    style = paragraph.style
    while style is not None:
        value = getattr(style.font, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


def _line_width_mm(paragraph: Paragraph) -> float:
    size = _effective(paragraph, "size")
    return text_width_mm(
        paragraph.text,
        size.pt if size else 14,
        bool(_effective(paragraph, "bold")),
        bool(_effective(paragraph, "italic")),
    )


def _bottom_border(paragraph: Paragraph) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    # pBdr comes before spacing/ind/jc in a paragraph's properties.
    followers = (p_pr.find(qn(f"w:{n}")) for n in ("shd", "tabs", "spacing", "ind", "jc"))
    anchor = next((element for element in followers if element is not None), None)
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        p_pr.append(borders)


def _container_width_mm(paragraph: Paragraph, body_width_mm: float | None) -> float | None:
    cell = paragraph._p.getparent()
    if cell.tag == qn("w:tc"):
        width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if width is not None and width.get(qn("w:type")) == "dxa":
            return int(width.get(qn("w:w"))) / _TWIPS_PER_MM
    return body_width_mm


def _previous_text(paragraph: Paragraph) -> Paragraph | None:
    element = paragraph._p.getprevious()
    while element is not None:
        if element.tag == qn("w:p"):
            previous = Paragraph(element, paragraph._parent)
            if previous.text.strip():
                return previous
        element = element.getprevious()
    return None


def _section_width_mm(document, element) -> float:
    """Text width of the section a body paragraph is in (a section ends with a sectPr paragraph)."""
    body = document.element.body
    top = element
    while top.getparent() is not body:
        top = top.getparent()
    position = body.index(top)
    ends = [
        body.index(p)
        for p in body.iterchildren(qn("w:p"))
        if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    ]
    number = sum(1 for end in ends if end < position)
    section = document.sections[min(number, len(document.sections) - 1)]
    return section.page_width.mm - section.left_margin.mm - section.right_margin.mm


def rule_styles(document, profile: FormatProfile) -> dict[str, str]:
    """{style id: where} of the rule styles the document has and the profile draws a rule for."""
    names = {style.name for style in document.styles}
    ids = {document.styles[name].style_id: where for name, where in RULE_STYLES.items() if name in names}
    return {style_id: where for style_id, where in ids.items() if profile.rule(where) > 0}


def draw_rules(document, profile: FormatProfile, styles: dict[str, str] | None = None) -> None:
    """Each rule paragraph gets a bottom border as long as the profile says, centred under its line.
    `styles`: what `rule_styles` gives for this document's styles, when already known."""
    wanted = rule_styles(document, profile) if styles is None else styles
    if not wanted:
        return
    condition = " or ".join(f"@w:val='{style_id}'" for style_id in wanted)
    for element in document.element.body.xpath(f".//w:p[w:pPr/w:pStyle[{condition}]]"):
        paragraph = Paragraph(element, document._body)
        where = wanted[element.pPr.pStyle.val]
        above = _previous_text(paragraph)
        container = _container_width_mm(paragraph, None) or _section_width_mm(document, element)
        line = min(_line_width_mm(above), container) if above is not None else container / 3
        length = line * profile.rule(where)
        indent = max((container - length) / 2, 0)
        paragraph.paragraph_format.left_indent = Mm(indent)
        paragraph.paragraph_format.right_indent = Mm(indent)
        paragraph.paragraph_format.first_line_indent = Pt(0)
        _bottom_border(paragraph)
