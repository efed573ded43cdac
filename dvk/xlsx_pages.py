"""How every workbook dvk writes prints: A4 landscape, fit to the page width, the header rows
repeated on each page, page numbers in the footer, rows tall enough for their wrapped text, and
dates shown as dd/mm/yyyy hh:mm."""

from __future__ import annotations

import math
from datetime import datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

DATE_TIME_FORMAT = "dd/mm/yyyy hh:mm"
FOOTER = "Trang &P/&N"
FOOTER_FONT, FOOTER_SIZE = "Times New Roman", 11
MM_PER_INCH = 25.4
# Margins (mm): room to bind on the left, the footer at the bottom.
MARGINS_MM = {"left": 20, "right": 15, "top": 15, "bottom": 20, "header": 8, "footer": 8}
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters of the default font
_CHARACTERS_PER_WIDTH_AT_11PT = 1.15  # a Times letter is narrower than Calibri's "0" the width counts in
_LINE_PT = 1.25  # a line of wrapped text is about 1.25 × the font size high


def wrapped_lines(text: str, width: float, size: float = 11.0) -> int:
    """How many lines a text wraps to in a column `width` characters wide at `size` points."""
    per_line = max(1, int(width * _CHARACTERS_PER_WIDTH_AT_11PT * 11 / size))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def row_height(lines: int, size: float = 11.0) -> float:
    """The height (points) of a row whose tallest cell wraps to `lines` lines."""
    return round(lines * size * _LINE_PT + 4, 1)


def _widths(sheet: Worksheet) -> dict[int, float]:
    widths = {}
    for column in range(1, sheet.max_column + 1):
        dimension = sheet.column_dimensions.get(get_column_letter(column))
        widths[column] = dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH
    return widths


def _merged_widths(sheet: Worksheet, widths: dict[int, float]) -> tuple[dict, set]:
    """Width of each merged range's top-left cell (the range's columns together), and the cells it covers."""
    anchors, covered = {}, set()
    for merged in sheet.merged_cells.ranges:
        if merged.min_row != merged.max_row:
            covered.update(
                (row, column)
                for row in range(merged.min_row, merged.max_row + 1)
                for column in range(merged.min_col, merged.max_col + 1)
            )
            continue  # spans rows: its height is its rows' heights
        span = sum(widths[c] for c in range(merged.min_col, merged.max_col + 1))
        anchors[(merged.min_row, merged.min_col)] = span
        covered.update((merged.min_row, c) for c in range(merged.min_col + 1, merged.max_col + 1))
    return anchors, covered


def fit_row_heights(sheet: Worksheet) -> None:
    """Each row as tall as its tallest wrapped cell; datetimes shown day first."""
    widths = _widths(sheet)
    anchors, covered = _merged_widths(sheet, widths)
    for row in sheet.iter_rows():
        lines, size_of_row = 1, 11.0
        for cell in row:
            value = cell.value
            if value is None or (cell.row, cell.column) in covered:
                continue
            if isinstance(value, datetime) and cell.number_format in ("General", "yyyy-mm-dd h:mm:ss"):
                cell.number_format = DATE_TIME_FORMAT
            size = float(cell.font.sz or 11) if cell.font is not None else 11.0
            size_of_row = max(size_of_row, size)
            width = anchors.get((cell.row, cell.column), widths.get(cell.column, DEFAULT_WIDTH))
            if cell.alignment is not None and cell.alignment.wrap_text:
                lines = max(lines, wrapped_lines(str(value), width, size))
        sheet.row_dimensions[row[0].row].height = row_height(lines, size_of_row)


def print_pages(sheet: Worksheet, header_rows: tuple[int, int] = (1, 1)) -> None:
    """The print setup of every dvk workbook, on one sheet (call after filling it)."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(**{side: mm / MM_PER_INCH for side, mm in MARGINS_MM.items()})
    sheet.print_options.horizontalCentered = True
    first, last = header_rows
    sheet.print_title_rows = f"{first}:{last}"
    sheet.oddFooter.center.text = FOOTER
    sheet.oddFooter.center.size = FOOTER_SIZE
    sheet.oddFooter.center.font = FOOTER_FONT
    fit_row_heights(sheet)
