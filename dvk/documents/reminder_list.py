"""The follow-up list as a workbook: one row per unit to remind, with its e-mail and a message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

from dvk.atomic import save_atomically
from dvk.check.reminders import reminder_message, units_to_remind
from dvk.folders import reminder_list_path
from dvk.safe_text import put_cell
from dvk.schema import STATUS_LABELS, UnitStatus
from dvk.xlsx_pages import print_pages

REMINDER_HEADERS = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Tình trạng",
    "Số mô hình",
    "Chỉ tiêu",
    "Thư điện tử",
    "Nội dung nhắc",
]


def write_reminder_list(
    statuses: pd.DataFrame, year: int, deadline: date, folder: Path, units: list[str] | None = None
) -> tuple[Path, int]:
    """danh_sach_don_doc_<year>.xlsx: one row per unit to remind; returns the path and the count."""
    rows = units_to_remind(statuses, units)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Đơn vị cần đôn đốc"
    sheet.append(REMINDER_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, record in enumerate(rows.to_dict("records"), start=2):
        values = [
            record["unit_code"],
            record["unit_name"],
            STATUS_LABELS.get(UnitStatus(record["status"]), record["status"]),
            int(record["registrations"] or 0),
            record["target"],
            record["email"],
            reminder_message(record, year, deadline),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            put_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", [14, 36, 14, 11, 30, 28, 80], strict=True):
        sheet.column_dimensions[letter].width = width
    print_pages(sheet)
    path = reminder_list_path(folder, year)
    return save_atomically(path, workbook.save), len(rows)
