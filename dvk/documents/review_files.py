"""The multi-year review written out: an Excel workbook of the tables and a Word report.

The Word report is an official document on the format profiles, from a template like the others
(dvk.documents.review_document).
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from dvk.atomic import save_atomically
from dvk.documents.reports import load_format
from dvk.documents.review import Review
from dvk.documents.review_document import write_review_report
from dvk.safe_text import put_cell
from dvk.xlsx_pages import print_pages

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
        print_pages(sheet)
    return save_atomically(path, workbook.save)


def write_review_docx(
    review: Review,
    path: Path,
    organisation: Path | None = None,
    profile: str | None = None,
    mappings: Path | None = None,
) -> Path:
    """The review as an official report from templates/docx/so_ket_tong_ket.docx."""
    org, fmt = load_format(organisation, profile, mappings)
    return write_review_report(review, path, fmt, org)
