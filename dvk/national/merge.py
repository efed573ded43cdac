"""The provinces' registers merged: one national register and the list of models recognised at
province level, by field, with the province as a column.

Each province's register is read as its own run wrote it (staff evaluations included) and its
evaluation checked with the same rules as a provincial decision; only rows that pass count as
recognised, problems are counted per province. Every province's register is held in memory
while merging; only the writing streams (`dvk.xlsx_stream`), so the output workbook is not built
in memory as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dvk.atomic import save_atomically
from dvk.cycle.steps import read_rejects
from dvk.national.outcomes import STATE_LABELS, ProvinceOutcome
from dvk.register.evaluation import Level, check_evaluations
from dvk.register.workbook import REJECTS_SHEET, display_rows, display_value, read_register
from dvk.safe_text import Formula, put_cell
from dvk.schema import (
    FIELD_SECTIONS,
    REGISTRATION_COLUMNS,
    REGISTRATION_HEADERS_VI,
    REJECT_COLUMNS,
    REJECT_HEADERS_VI,
    Field,
)
from dvk.xlsx_pages import print_pages
from dvk.xlsx_stream import TableSheet, write_tables

NATIONAL_SHEET = "Sổ theo dõi toàn quốc"
PROVINCES_SHEET = "Tình hình các tỉnh"
LIST_SHEET = "Danh sách công nhận cấp tỉnh"
COUNTS_SHEET = "Thống kê theo tỉnh"
PROVINCE_HEADER = "Tỉnh, thành phố"
PROVINCE_CODE_HEADER = "Mã tỉnh"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
SUMMARY_HEADERS = [
    PROVINCE_CODE_HEADER,
    PROVINCE_HEADER,
    "Tình hình",
    "Số mô hình",
    "Số dòng bị loại",
    "Công nhận cấp tỉnh",
    "Lần chạy",
    "Lý do, ghi chú",
]
LIST_HEADERS = [
    "TT",
    PROVINCE_HEADER,
    "Tên mô hình, điển hình",
    "Hình thức",
    "Địa chỉ",
    "Đơn vị",
    "Xây dựng mới / Nhân rộng",
]


def national_register_path(folder: Path, year: int) -> Path:
    return Path(folder) / f"so_theo_doi_toan_quoc_{year}.xlsx"


def recognised_list_path(folder: Path, year: int) -> Path:
    return Path(folder) / f"danh_sach_cong_nhan_cap_tinh_{year}.xlsx"


@dataclass
class ProvinceRegister:
    code: str
    name: str
    frame: pd.DataFrame  # read_register's machine values and the staff columns
    recognised: pd.DataFrame  # rows recognised at province level, evaluation valid
    problems: int = 0  # evaluation problems staff must fix in the province's register
    staff_headers: list[str] = field(default_factory=list)
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECT_COLUMNS))


def read_province_register(code: str, name: str, path: Path, mappings_folder: Path) -> ProvinceRegister:
    """The register and, beside it, the rows its collection rejected (rejects.csv)."""
    frame = read_register(Path(path))
    checked = check_evaluations(frame, mappings_folder)
    recognised = checked.recognised
    at_province = [
        checked.levels.get(str(reg_id)) == Level.PROVINCE for reg_id in recognised.get("registration_id", [])
    ]
    return ProvinceRegister(
        code=code,
        name=name,
        frame=frame,
        recognised=recognised[at_province].reset_index(drop=True) if len(recognised) else recognised,
        problems=len(checked.problems),
        staff_headers=[c for c in frame.columns if c not in REGISTRATION_COLUMNS],
        rejects=read_rejects(Path(path).parent),
    )


def write_national_register(
    path: Path, registers: list[ProvinceRegister], outcomes: list[ProvinceOutcome]
) -> Path:
    """Every merged province's rows with the province first, then one line per province."""
    staff: list[str] = []
    for register in registers:
        staff += [h for h in register.staff_headers if h not in staff]
    columns = REGISTRATION_COLUMNS + staff
    headers = [PROVINCE_HEADER, PROVINCE_CODE_HEADER] + [
        REGISTRATION_HEADERS_VI[c] for c in REGISTRATION_COLUMNS
    ]

    def register_rows() -> Iterator[list[object]]:
        for register in registers:
            frame = _formulas_as_text(register.frame, register.staff_headers)
            for row in display_rows(frame, columns):
                yield [register.name, register.code, *row]

    def reject_rows() -> Iterator[list[object]]:
        for register in registers:
            for row in display_rows(register.rejects, REJECT_COLUMNS):
                yield [register.name, register.code, *row]

    summary_rows = (
        [o.code, o.name, STATE_LABELS[o.state], o.rows, o.rejected, o.recognised, o.flow_run, o.message]
        for o in outcomes
    )
    tables = [
        TableSheet(
            NATIONAL_SHEET,
            headers + staff,
            register_rows(),
            _widths([22, 10, 22, 8, 14, 28, 20, 40, 12, 24, 60, 16]),
            frozen_columns=2,
        ),
        TableSheet(
            REJECTS_SHEET,
            [PROVINCE_HEADER, PROVINCE_CODE_HEADER] + [REJECT_HEADERS_VI[c] for c in REJECT_COLUMNS],
            reject_rows(),
            _widths([22, 10, 30, 8, 24, 30, 20, 70]),
        ),
        TableSheet(PROVINCES_SHEET, SUMMARY_HEADERS, summary_rows, _widths([10, 26, 30, 12, 12, 14, 24, 80])),
    ]
    return save_atomically(Path(path), lambda temporary: write_tables(temporary, tables))


def _formulas_as_text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Staff formulas as the text they are: with the two province columns in front, a relative
    reference (=B2*2) would point at another cell, so the national register does not compute them."""
    holding = [c for c in columns if any(isinstance(value, Formula) for value in frame.get(c, []))]
    if not holding:
        return frame
    frame = frame.copy(deep=False)
    for column in holding:
        frame[column] = [str(v) if isinstance(v, Formula) else v for v in frame[column]]
    return frame


def _widths(widths: list[int]) -> dict[int, float]:
    return dict(enumerate(widths, start=1))


def _section_rows(registers: list[ProvinceRegister]) -> dict[Field, list[tuple[str, dict]]]:
    by_field: dict[Field, list[tuple[str, dict]]] = {item: [] for item in FIELD_SECTIONS}
    for register in registers:
        for record in register.recognised.to_dict("records"):
            try:
                section = Field(str(record.get("field", "")))
            except ValueError:
                continue  # read_register gave a value outside the four fields: not a valid row
            by_field[section].append((register.name, record))
    return by_field


def write_recognised_list(path: Path, registers: list[ProvinceRegister], year: int, issuer: str) -> Path:
    """Models recognised at province level, in sections I–IV, the province as a column; and counts."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = LIST_SHEET
    for row, (text, size) in enumerate(
        [
            (issuer.upper(), 12),
            (
                "DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH «DÂN VẬN KHÉO» ĐƯỢC CÔNG NHẬN CẤP TỈNH "
                f"TRONG CẢ NƯỚC NĂM {year}",
                14,
            ),
        ],
        start=1,
    ):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(LIST_HEADERS))
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = Font(bold=True, size=size)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for column, text in enumerate(LIST_HEADERS, start=1):
        cell = sheet.cell(row=4, column=column, value=text)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for index, width in enumerate([6, 22, 40, 12, 28, 30, 16], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    row = 5
    for section, entries in _section_rows(registers).items():
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(LIST_HEADERS))
        heading = sheet.cell(row=row, column=1, value=f"{FIELD_SECTIONS[section]} ({len(entries)})")
        heading.font = Font(bold=True)
        row += 1
        for number, (province, record) in enumerate(entries, start=1):
            values = [
                number,
                province,
                record.get("model_name", ""),
                display_value("form", record.get("form")),
                record.get("address", ""),
                record.get("unit_name", ""),
                display_value("kind", record.get("kind")),
            ]
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row, column=column)
                put_cell(cell, value)
                cell.alignment = _WRAP
            row += 1
    sheet.freeze_panes = "A5"
    print_pages(sheet, header_rows=(4, 4))

    counts = workbook.create_sheet(COUNTS_SHEET)
    labels = [FIELD_SECTIONS[item] for item in FIELD_SECTIONS]
    counts.append([PROVINCE_HEADER, *labels, "Cộng"])
    for cell in counts[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    totals = [0] * len(labels)
    for register in registers:
        by_field = register.recognised.get("field", pd.Series(dtype=object)).astype(str).value_counts()
        numbers = [int(by_field.get(str(item), 0)) for item in FIELD_SECTIONS]
        totals = [a + b for a, b in zip(totals, numbers, strict=True)]
        counts.append([register.name, *numbers, sum(numbers)])
    counts.append(["Cả nước", *totals, sum(totals)])
    for cell in counts[counts.max_row]:
        cell.font = Font(bold=True)
    for index, width in enumerate([26, 18, 18, 18, 18, 10], start=1):
        counts.column_dimensions[get_column_letter(index)].width = width
    print_pages(counts)
    return save_atomically(Path(path), workbook.save)
