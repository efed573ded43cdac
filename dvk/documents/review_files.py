"""The multi-year review written out: an Excel workbook of the tables and a Word report.

The Word report follows the official format (A4, Times New Roman, margins 20/20/30/15 mm,
header from the organisation and the format profile) with python-docx.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from openpyxl.styles import Alignment, Font

from dvk.atomic import save_atomically
from dvk.documents.heading import header
from dvk.documents.reports import load_format
from dvk.documents.review import Review
from dvk.safe_text import put_cell

SHEETS = [
    ("Theo năm", "per_year"),
    ("Theo lĩnh vực", "per_field"),
    ("Nhân rộng nhiều nhất", "most_replicated"),
    ("Chưa từng đăng ký", "never_registered"),
]


def review_file_stem(review: Review) -> str:
    return f"so_ket_tong_ket_{review.first_year}_{review.last_year}"


def write_review_xlsx(review: Review, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, attribute in SHEETS:
        rows: list[dict] = getattr(review, attribute)
        sheet = workbook.create_sheet(title)
        headers = list(rows[0]) if rows else ["(không có)"]
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, horizontal="center")
        for number, row in enumerate(rows, start=2):
            for column, key in enumerate(headers, start=1):
                put_cell(sheet.cell(row=number, column=column), row.get(key, ""))
        sheet.column_dimensions["A"].width = 45
    return save_atomically(path, workbook.save)


def _font(run, size: float = 14, bold: bool = False, italic: bool = False) -> None:
    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _para(document, text: str, size=14, bold=False, italic=False, center=False, indent=True):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent and not center:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def _table(document, rows: list[dict]) -> None:
    if not rows:
        _para(document, "(Không có.)", italic=True)
        return
    headers = list(rows[0])
    table = document.add_table(rows=1, cols=len(headers) + 1)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, ["TT", *headers], strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), 12, bold=True)
    for number, row in enumerate(rows, start=1):
        cells = table.add_row().cells
        for cell, value in zip(cells, [number, *(row[h] for h in headers)], strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(str(value)), 12)


def write_review_docx(
    review: Review, path: Path, organisation: Path | None = None, profile: str | None = None
) -> Path:
    org, fmt = load_format(organisation, profile)
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    head = header(fmt, org, "BC", None, date.today(), review.last_year)
    grid = document.add_table(rows=1, cols=2)
    left, right = grid.rows[0].cells
    left.text = right.text = ""
    for cell, lines in (
        (
            left,
            [
                (head["superior"], False),
                (head["issuer"], True),
                (head["star"], False),
                (head["number_line"], False),
            ],
        ),
        (right, [(head["national"], True), (head["motto"], True), (head["date_line"], False)]),
    ):
        for text, bold in lines:
            if not text:
                continue
            paragraph = cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(paragraph.add_run(text), 13, bold=bold, italic=text == head["date_line"])

    _para(document, "BÁO CÁO", bold=True, center=True)
    _para(
        document,
        f'{review.title} phong trào thi đua "Dân vận khéo"',
        bold=True,
        center=True,
    )
    _para(document, "-----", center=True)
    totals = review.totals
    _para(
        document,
        f"Giai đoạn {review.first_year}–{review.last_year}, các cơ quan, đơn vị, địa phương đã đăng ký "
        f"{totals['registrations']} mô hình, điển hình; "
        f"{totals['recognised']} mô hình, điển hình được công nhận. "
        f"{totals['never_registered']}/{totals['units']} đơn vị chưa đăng ký mô hình nào trong giai đoạn.",
    )
    for heading, rows in [
        ("1. Kết quả theo năm", review.per_year),
        ("2. Kết quả theo lĩnh vực", review.per_field),
        ("3. Mô hình được nhân rộng nhiều nhất", review.most_replicated),
        ("4. Đơn vị chưa từng đăng ký trong giai đoạn", review.never_registered),
    ]:
        _para(document, heading, bold=True, indent=False)
        _table(document, rows)
    return save_atomically(path, document.save)
