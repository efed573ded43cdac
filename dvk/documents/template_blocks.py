"""The blocks every official template shares: header table, title, signature and recipients."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from dvk.documents.template_kit import cell_text, keep_with_next, para, table, tag


def header_block(document, with_subject: bool = False) -> None:
    """Two borderless columns: issuing bodies and number left; national title and date right."""
    grid = table(document, 1, [8.0, 8.5], grid=False)
    left, right = grid.rows[0].cells
    cell_text(left, "{{ header.superior }}", "DVK Header Superior")
    para(left, "{{ header.issuer }}", "DVK Header Issuer")
    tag(left, "{%p if header.issuer_rule %}")
    para(left, "", "DVK Issuer Rule")
    tag(left, "{%p endif %}")
    tag(left, "{%p if header.star %}")
    para(left, "{{ header.star }}", "DVK Header Star")
    tag(left, "{%p endif %}")
    para(left, "{{ header.number_line }}", "DVK Header Number")
    if with_subject:
        para(left, "{{ header.subject }}", "DVK Header Subject")
    cell_text(right, "{{ header.national }}", "DVK Header National")
    tag(right, "{%p if header.motto %}")
    para(right, "{{ header.motto }}", "DVK Header Motto")
    tag(right, "{%p endif %}")
    tag(right, "{%p if header.motto_rule %}")
    para(right, "", "DVK Motto Rule")
    tag(right, "{%p endif %}")
    para(right, "{{ header.date_line }}", "DVK Header Date")


def title_rule(document) -> None:
    """`-----` (Party) or a drawn rule (State) under a title's summary line."""
    tag(document, "{%p if title_rule %}")
    para(document, "{{ title_rule }}", "DVK Rule")
    tag(document, "{%p else %}")
    para(document, "", "DVK Title Rule")
    tag(document, "{%p endif %}")


def title_block(document, title: str, summary: str) -> None:
    para(document, title, "DVK Title")
    para(document, summary, "DVK Summary")
    title_rule(document)


def keep_ending_with_next(document, blocks: int = 2) -> None:
    """The last `blocks` paragraphs of text (a table's last row counts as one) and everything after
    them stay whole and on the page of what comes next."""
    found = 0
    for element in reversed(list(document.element.body.iterchildren())):
        if element.tag == qn("w:tbl"):
            last_row = Table(element, document._body).rows[-1]
            keep_with_next(p for cell in last_row.cells for p in cell.paragraphs)
            found += 1
        elif element.tag == qn("w:p"):
            paragraph = Paragraph(element, document._body)
            keep_with_next([paragraph])
            text = paragraph.text.strip()
            if text.startswith("{%p else"):
                found -= 1  # the paragraphs either side are alternatives: one of them is printed
            found += bool(text) and not text.startswith("{%")
        if found >= blocks:
            return


def signature_block(document) -> None:
    """`Nơi nhận:` on the left, the signer on the right, never alone on a page: the last two
    paragraphs of text before it (and anything between) stay whole and on its page."""
    keep_ending_with_next(document)
    grid = table(document, 1, [7.5, 9.0], grid=False)
    left, right = grid.rows[0].cells
    cell_text(left, "Nơi nhận:", "DVK Recipients Heading")
    tag(left, "{%p for line in recipients %}")
    para(left, "{{ line }}", "DVK Recipients")
    tag(left, "{%p endfor %}")
    cell_text(right, "{{ sign.authority }}", "DVK Authority")
    tag(right, "{%p if sign.position %}")
    para(right, "{{ sign.position }}", "DVK Position")
    tag(right, "{%p endif %}")
    for _ in range(4):
        para(right, "", "DVK Signer")
    para(right, "{{ sign.name }}", "DVK Signer")
