"""Typing evaluations into the register the way staff do in Excel — used by `dvk demo` and tests
to simulate the evaluation step on the sample data."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from dvk.atomic import save_atomically
from dvk.errors import SourceError
from dvk.register.workbook import HEADER_SEARCH_ROWS, ID_HEADER, REGISTER_SHEET, header_row
from dvk.schema import EVALUATION_HEADERS_VI

SAMPLE_EVALUATIONS = Path(__file__).resolve().parents[2] / "sample" / "danh_gia_mau_2026.csv"


def read_evaluations(path: Path) -> dict[str, dict[str, str]]:
    """registration id → the staff columns to fill (Điểm, Kết quả đánh giá, Cấp công nhận, Ghi chú)."""
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return {
            row[ID_HEADER]: {h: row[h] for h in EVALUATION_HEADERS_VI if row.get(h, "") != ""}
            for row in csv.DictReader(handle)
        }


def fill_register(register: Path, entries: dict[str, dict[str, object]]) -> int:
    """Write the entries into the register's staff columns by registration id; returns rows filled."""
    try:
        workbook = openpyxl.load_workbook(register)
    except Exception as exc:  # noqa: BLE001
        raise SourceError(f"Không mở được sổ theo dõi «{register}» ({exc}).") from exc
    sheet = workbook[REGISTER_SHEET]
    header_row, headers = _header(sheet, register)
    wanted = {ID_HEADER, *(header for entry in entries.values() for header in entry)}
    missing = sorted(wanted - headers.keys())
    if missing:
        raise SourceError(
            f"Sổ theo dõi «{register}» không có cột {', '.join(f'«{h}»' for h in missing)} "
            f"ở dòng tiêu đề (dòng {header_row}). Đặt lại đúng tên cột rồi chạy lại."
        )
    filled = 0
    for row in sheet.iter_rows(min_row=header_row + 1):
        reg_id = row[headers[ID_HEADER] - 1].value
        if reg_id not in entries:
            continue
        for header, value in entries[reg_id].items():
            sheet.cell(row=row[0].row, column=headers[header]).value = value
        filled += 1
    save_atomically(register, workbook.save)
    return filled


def _header(sheet, register: Path) -> tuple[int, dict[str, int]]:
    """The header row the register reader finds (`header_row`): (row number, header → column)."""
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS)]
    index = header_row(rows)
    if index is None:
        raise SourceError(
            f"Sổ theo dõi «{register}»: trong {HEADER_SEARCH_ROWS} dòng đầu của trang «{REGISTER_SHEET}» "
            f"không có dòng tiêu đề (cần các cột như «{ID_HEADER}», «Điểm»)."
        )
    headers = {str(value).strip(): column for column, value in enumerate(rows[index], start=1) if value}
    return index + 1, headers
