"""The consolidated workbook `tong_hop_dang_ky_<year>.xlsx`.

Sheets: the list in the official layout (merged group headers, section rows I–IV, borders,
wrapped text, A4 landscape with the header rows repeated on every printed page), the
statistics, the unit statuses and the rejects. User text is always stored as a string.
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter

from dvk.atomic import save_atomically
from dvk.check.counts import UnitCounts
from dvk.documents.contexts import DVK
from dvk.documents.statistics import COUNT_KEYS, Statistics
from dvk.register.workbook import display_value
from dvk.safe_text import put_cell
from dvk.schema import REJECT_COLUMNS, REJECT_HEADERS_VI, UNIT_STATUS_COLUMNS, UNIT_STATUS_HEADERS_VI
from dvk.xlsx_pages import print_pages

LIST_SHEET = "Tổng hợp đăng ký"
STATS_SHEET = "Thống kê"
STATUS_SHEET = "Tình trạng đơn vị"
REJECTS_SHEET = "Bản bị loại"
FONT = "Times New Roman"
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
LIST_HEADER_ROWS = (4, 6)  # the two header rows and the 1–8 numbering row


class _Looks:
    """The workbook's few cell looks (font, alignment, fill, border). Each look is set through
    openpyxl once; a later cell with the same look gets a copy of that cell's style array, as
    openpyxl's own worksheet copier does: the workbook is the same, and 100,000 cells no longer
    take seconds of style look-ups. `align` and `fill` are this module's constants."""

    def __init__(self) -> None:
        self._arrays: dict[tuple, StyleArray] = {}

    def put(self, sheet, row: int, column: int, value, bold=False, align=_WRAP, fill=None, box=True, size=12):
        cell = sheet.cell(row=row, column=column)
        key = (bold, id(align), id(fill), box, size)
        if key in self._arrays:
            cell._style = copy(self._arrays[key])
        else:
            cell.font = Font(name=FONT, bold=bold, size=size)
            cell.alignment = align
            if fill:
                cell.fill = fill
            if box:
                cell.border = _BOX
            self._arrays[key] = copy(cell._style)
        put_cell(cell, value)  # after the look: a date's number format is the value's own
        return cell


def _list_sheet(sheet, looks: _Looks, year: int, issuer: str, sections: list[dict], totals: dict) -> None:
    columns = 8
    last = get_column_letter(columns)
    title = f"DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH {DVK.upper()} ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG NĂM {year}"
    looks.put(sheet, 1, 1, title, bold=True, align=_CENTER, box=False, size=14)
    sheet.merge_cells(f"A1:{last}1")
    looks.put(sheet, 2, 1, f"({issuer} tổng hợp)", align=_CENTER, box=False)
    sheet.cell(row=2, column=1).font = Font(name=FONT, italic=True, size=12)
    sheet.merge_cells(f"A2:{last}2")
    top, bottom, numbers = 4, 5, 6
    for column, text in {
        1: "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH",
        4: "ĐỊA CHỈ",
        5: "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH",
        8: "ĐƠN VỊ",
    }.items():
        looks.put(sheet, top, column, text, bold=True, align=_CENTER, fill=_HEADER_FILL)
        looks.put(sheet, bottom, column, None, fill=_HEADER_FILL)
        sheet.merge_cells(start_row=top, start_column=column, end_row=bottom, end_column=column)
    for column, text in {2: "HÌNH THỨC", 6: "TRONG ĐÓ"}.items():
        looks.put(sheet, top, column, text, bold=True, align=_CENTER, fill=_HEADER_FILL)
        looks.put(sheet, top, column + 1, None, fill=_HEADER_FILL)
        sheet.merge_cells(start_row=top, start_column=column, end_row=top, end_column=column + 1)
    for column, text in {
        2: "Mô hình tập thể",
        3: "Mô hình cá nhân",
        6: "Xây dựng mới",
        7: "Nhân rộng",
    }.items():
        looks.put(sheet, bottom, column, text, bold=True, align=_CENTER, fill=_HEADER_FILL)
    for column in range(1, columns + 1):
        looks.put(sheet, numbers, column, column, bold=True, align=_CENTER, fill=_HEADER_FILL)
    line = numbers + 1
    for section in sections:
        looks.put(sheet, line, 1, section["title"], bold=True, fill=_SECTION_FILL)
        for column in range(2, columns + 1):
            looks.put(sheet, line, column, None, fill=_SECTION_FILL)
        line += 1
        for row in section["rows"]:
            values = [
                f"{row['number']}. {row['name']}",
                row["collective"],
                row["individual"],
                row["address"],
                row["content"],
                row["new"],
                row["replicated"],
                row["unit"],
            ]
            for column, value in enumerate(values, start=1):
                centred = column in (2, 3, 6, 7)
                looks.put(sheet, line, column, value, align=_CENTER if centred else _WRAP)
            line += 1
    values = [
        f"TỔNG CỘNG: {totals['count']} mô hình, điển hình",
        totals["collective"],
        totals["individual"],
        None,
        None,
        totals["new"],
        totals["replicated"],
        f"{totals['units']} đơn vị",
    ]
    for column, value in enumerate(values, start=1):
        looks.put(sheet, line, column, value, bold=True, align=_CENTER if column > 1 else _WRAP)
    for column, width in enumerate([40, 10, 10, 24, 60, 10, 10, 26], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = f"A{numbers + 1}"
    sheet.print_area = f"A1:{last}{line}"
    print_pages(sheet, LIST_HEADER_ROWS)


def _stats_sheet(sheet, looks: _Looks, stats: Statistics, units: UnitCounts) -> None:
    heads = [
        "TT",
        "Lĩnh vực",
        "Tổng số đăng ký",
        "Tập thể - Xây dựng mới",
        "Tập thể - Nhân rộng",
        "Cá nhân - Xây dựng mới",
        "Cá nhân - Nhân rộng",
        "Được công nhận",
    ]
    for column, text in enumerate(heads, start=1):
        looks.put(sheet, 1, column, text, bold=True, align=_CENTER, fill=_HEADER_FILL)
    rows = [*stats.rows, stats.total]
    for line, counts in enumerate(rows, start=2):
        bold = counts is stats.total
        looks.put(sheet, line, 1, counts.numeral, bold=bold, align=_CENTER)
        looks.put(sheet, line, 2, counts.label, bold=bold)
        for column, key in enumerate(COUNT_KEYS, start=3):
            looks.put(sheet, line, column, getattr(counts, key), bold=bold, align=_CENTER)
    line = len(rows) + 3
    for label, value in [
        ("Số cơ quan, đơn vị, địa phương", units.units),
        ("Đã đăng ký", units.registered),
        ("Đúng hạn", units.on_time),
        ("Trễ hạn", units.late),
        ("Không rõ thời gian", units.unknown_time),
        ("Chưa đăng ký", units.missing),
        ("Chưa đạt chỉ tiêu", units.below_target),
    ]:
        looks.put(sheet, line, 2, label, bold=True)
        looks.put(sheet, line, 3, value, align=_CENTER)
        line += 1
    for column, width in enumerate([6, 30, 14, 14, 14, 14, 14, 14], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    print_pages(sheet)


def _table_sheet(
    sheet, looks: _Looks, frame: pd.DataFrame, columns: list[str], headers: dict[str, str], widths
) -> None:
    for column, name in enumerate(columns, start=1):
        looks.put(sheet, 1, column, headers[name], bold=True, align=_CENTER, fill=_HEADER_FILL)
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 16)
    for line, record in enumerate(frame.to_dict("records"), start=2):
        for column, name in enumerate(columns, start=1):
            looks.put(sheet, line, column, display_value(name, record.get(name, "")))
    sheet.freeze_panes = "A2"
    if len(frame):
        sheet.auto_filter.ref = sheet.dimensions
    print_pages(sheet)


def write_workbook(
    path: Path,
    year: int,
    issuer: str,
    sections: list[dict],
    totals: dict,
    stats: Statistics,
    units: UnitCounts,
    statuses: pd.DataFrame,
    rejects: pd.DataFrame,
) -> Path:
    workbook = openpyxl.Workbook()
    looks = _Looks()
    _list_sheet(workbook.active, looks, year, issuer, sections, totals)
    workbook.active.title = LIST_SHEET
    _stats_sheet(workbook.create_sheet(STATS_SHEET), looks, stats, units)
    _table_sheet(
        workbook.create_sheet(STATUS_SHEET),
        looks,
        statuses,
        UNIT_STATUS_COLUMNS,
        UNIT_STATUS_HEADERS_VI,
        {2: 36, 6: 30, 9: 24, 10: 28},
    )
    _table_sheet(
        workbook.create_sheet(REJECTS_SHEET),
        looks,
        rejects,
        REJECT_COLUMNS,
        REJECT_HEADERS_VI,
        {1: 30, 3: 24, 4: 30, 5: 20, 6: 70},
    )
    return save_atomically(Path(path), workbook.save)
