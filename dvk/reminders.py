"""The follow-up list: units to remind (late, missing, below target), with their e-mail and a message."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font

from dvk.atomic import save_atomically
from dvk.safe_text import put_cell
from dvk.schema import UnitStatus
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


def reminder_file(folder: Path, year: int) -> Path:
    return Path(folder) / f"danh_sach_don_doc_{year}.xlsx"


def _message(record: dict, year: int, deadline: date) -> str:
    name = record["unit_name"]
    count = int(record["registrations"] or 0)
    status = record["status"]
    if status == UnitStatus.MISSING:
        return (
            f"Kính gửi {name}: đến nay đơn vị chưa gửi đăng ký mô hình, điển hình «Dân vận khéo» năm {year} "
            f"(hạn {deadline:%d/%m/%Y}). Đề nghị đơn vị đăng ký sớm."
        )
    lines = []
    if status == UnitStatus.LATE:
        lines.append(f"đơn vị gửi đăng ký sau hạn {deadline:%d/%m/%Y}")
    if record["meets_target"] == "false":
        lines.append(f"đơn vị mới đăng ký {count} mô hình, chưa đạt chỉ tiêu ({record['target']})")
    return f"Kính gửi {name}: " + "; ".join(lines) + ". Đề nghị đơn vị bổ sung."


def units_to_remind(statuses: pd.DataFrame, units: list[str] | None = None) -> pd.DataFrame:
    need = (statuses["status"] != UnitStatus.ON_TIME) | (statuses["meets_target"] == "false")
    if units:
        need &= statuses["unit_code"].isin(units)
    return statuses[need]


def write_reminder_list(
    statuses: pd.DataFrame, year: int, deadline: date, folder: Path, units: list[str] | None = None
) -> tuple[Path, int]:
    """danh_sach_don_doc_<year>.xlsx: one row per unit to remind; returns the path and the count."""
    from dvk.schema import STATUS_LABELS

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
            _message(record, year, deadline),
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column)
            put_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", [14, 36, 14, 11, 30, 28, 80], strict=True):
        sheet.column_dimensions[letter].width = width
    print_pages(sheet)
    path = reminder_file(folder, year)
    return save_atomically(path, workbook.save), len(rows)
