"""Builders for the files units send: a Google Forms CSV export and the official form as XLSX.

Used to make the bundled sample province and, in tests, real files to read back.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from viparse.normalize.encodings import get_charmap

from dvk.schema import FIELD_SECTIONS, Field

FORMS_HEADERS = [
    "Dấu thời gian",
    "Địa chỉ email",
    "Tên cơ quan, đơn vị (*)",
    "Lĩnh vực (*)",
    "Tên mô hình, điển hình (*)",
    "Hình thức",
    "Địa chỉ thực hiện",
    "Nội dung cụ thể mô hình, điển hình",
    "Xây dựng mới hay nhân rộng",
]


def forms_timestamp(moment: datetime) -> str:
    """As a Vietnamese-locale response sheet shows it: day first."""
    return moment.strftime("%d/%m/%Y %H:%M:%S")


def write_forms_csv(path: Path, rows: list[list[object]], headers: list[str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers or FORMS_HEADERS)
        writer.writerows(rows)
    return path


def write_forms_xlsx(path: Path, rows: list[list[object]], headers: list[str] | None = None) -> Path:
    """The Form's linked response sheet downloaded as .xlsx (timestamps as real dates)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Câu trả lời biểu mẫu 1"
    sheet.append(headers or FORMS_HEADERS)
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def to_tcvn3(text: str) -> str:
    """Unicode → TCVN3 surface characters, as a ".VnTime" spreadsheet stores them."""
    reverse = {unicode: legacy for legacy, unicode in get_charmap("tcvn3").pairs}
    return "".join(reverse.get(ch, ch) for ch in text)


@dataclass
class FormRow:
    """One model on the official form; marks are the texts typed in columns 2/3/6/7."""

    field: Field
    name: str
    address: str = ""
    content: str = ""
    collective: str = "x"
    individual: str = ""
    new: str = "x"
    replicated: str = ""


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def write_official_form(
    path: Path,
    unit_line: str,
    rows: list[FormRow],
    signed: date | None = None,
    place: str = "Quảng Ngãi",
    year: int = 2026,
    legacy_tcvn3: bool = False,
) -> Path:
    """A unit's filled biểu mẫu, laid out as the attachment to the plan."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Biểu mẫu"

    def put(row: int, column: int, value: object, bold: bool = False) -> None:
        font_name = "Times New Roman"
        if legacy_tcvn3 and isinstance(value, str):
            # Headings were typed in lower case in the capitals font ".VnTimeH".
            font_name = ".VnTimeH" if bold else ".VnTime"
            value = to_tcvn3(value.lower() if bold else value)
        cell = sheet.cell(row=row, column=column, value=value)
        cell.font = Font(name=font_name, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    put(1, 1, f"ĐƠN VỊ: {unit_line}", bold=True)
    put(2, 1, 'SỐ MÔ HÌNH, ĐIỂN HÌNH "DÂN VẬN KHÉO" ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG', bold=True)
    sheet.merge_cells("A2:H2")
    put(3, 1, f"NĂM {year}", bold=True)
    sheet.merge_cells("A3:H3")
    # Two-row header; HÌNH THỨC and TRONG ĐÓ span two columns each.
    for column, title in [
        (1, "TT"),
        (2, "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH"),
        (5, "ĐỊA CHỈ"),
        (6, "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH"),
    ]:
        put(5, column, title, bold=True)
        sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
    put(5, 3, "HÌNH THỨC", bold=True)
    sheet.merge_cells("C5:D5")
    put(5, 7, "TRONG ĐÓ", bold=True)
    sheet.merge_cells("G5:H5")
    for column, title in [
        (3, "Mô hình tập thể"),
        (4, "Mô hình cá nhân"),
        (7, "Xây dựng mới"),
        (8, "Nhân rộng"),
    ]:
        put(6, column, title, bold=True)
    for number in range(1, 8):
        put(7, number + 1, number, bold=True)
    line = 8
    numerals = {
        Field.ECONOMY: "I",
        Field.CULTURE_SOCIETY: "II",
        Field.DEFENSE_SECURITY: "III",
        Field.POLITICAL_SYSTEM: "IV",
    }
    for field, section in FIELD_SECTIONS.items():
        put(line, 1, numerals[field], bold=True)
        put(line, 2, section.split(". ", 1)[1], bold=True)
        line += 1
        for number, row in enumerate([r for r in rows if r.field == field], start=1):
            put(line, 1, number)
            values = [
                f"{number}. {row.name}",
                row.collective,
                row.individual,
                row.address,
                row.content,
                row.new,
                row.replicated,
            ]
            for offset, value in enumerate(values):
                put(line, offset + 2, value)
            line += 1
    for row in sheet.iter_rows(min_row=5, max_row=line - 1, max_col=8):
        for cell in row:
            cell.border = _BOX
    line += 1
    if signed is not None:
        put(line, 6, f"{place}, ngày {signed.day} tháng {signed.month} năm {signed.year}")
    else:
        put(line, 6, f"{place}, ngày ... tháng ... năm {year}")
    put(line + 1, 6, "THỦ TRƯỞNG ĐƠN VỊ", bold=True)
    put(line + 2, 6, "(Ký tên, đóng dấu)")
    for column, width in zip("ABCDEFGH", [5, 40, 10, 10, 22, 50, 10, 10], strict=True):
        sheet.column_dimensions[column].width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
