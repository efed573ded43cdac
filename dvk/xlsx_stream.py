"""Large workbooks written row by row: memory stays flat whatever the number of rows.

xlsxwriter in constant-memory mode writes each row as it comes, with a handful of shared cell
formats (not a style object per cell). The sheets print the way `dvk.xlsx_pages` sets every dvk
workbook up: A4 landscape, fit to the page width, the header row repeated, page numbers in the
footer, rows as tall as their wrapped text, dates as dd/mm/yyyy hh:mm. User text is always
written as text (never a formula); only a `Formula` staff typed is written as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from dvk.safe_text import Formula, excel_text
from dvk.xlsx_pages import (
    DATE_TIME_FORMAT,
    DEFAULT_WIDTH,
    FOOTER,
    FOOTER_FONT,
    FOOTER_SIZE,
    MARGINS_MM,
    MM_PER_INCH,
    row_height,
    wrapped_lines,
)

HEADER_FILL = "#DDEBF7"
STAFF_FILL = "#FFF2CC"  # the columns staff fill in
A4 = 9


@dataclass
class TableSheet:
    """One sheet: a header row, then one row per record."""

    name: str
    headers: list[str]
    rows: Iterable[Sequence[object]]
    widths: dict[int, float] = field(default_factory=dict)  # 1-based column → width in characters
    staff_from: int | None = None  # 1-based first column staff fill in (yellow header)
    frozen_columns: int = 1  # kept in view when scrolling right, with the header row


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        header = {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center", "border": 0}
        self.header = book.add_format({**header, "bg_color": HEADER_FILL, "pattern": 1})
        self.staff_header = book.add_format({**header, "bg_color": STAFF_FILL, "pattern": 1})
        self.cell = book.add_format({"text_wrap": True, "valign": "top"})
        self.moment = book.add_format({"text_wrap": True, "valign": "top", "num_format": DATE_TIME_FORMAT})
        self.day = book.add_format({"text_wrap": True, "valign": "top", "num_format": "dd/mm/yyyy"})


def _print_setup(sheet) -> None:
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)
    inches = {side: mm / MM_PER_INCH for side, mm in MARGINS_MM.items()}
    sheet.set_margins(inches["left"], inches["right"], inches["top"], inches["bottom"])
    sheet.set_header("", margin=inches["header"])
    sheet.set_footer(f'&C&"{FOOTER_FONT},Regular"&{FOOTER_SIZE}{FOOTER}', margin=inches["footer"])
    sheet.center_horizontally()
    sheet.repeat_rows(0)


def _put_text(sheet, row: int, column: int, text: str, cell_format) -> None:
    text = excel_text(text)
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter copies such a string into the file as rich-text XML, unescaped: user text
        # "<r><b>đậm & </r>" would break the workbook. Plain runs (it needs three) show the same
        # text, escaped.
        sheet.write_rich_string(row, column, text[:1], text[1:3], text[3:], cell_format)
    else:
        sheet.write_string(row, column, text, cell_format)


def _put(sheet, row: int, column: int, value: object, formats: _Formats) -> None:
    kind = type(value)
    if kind is str:  # nearly every cell: checked first
        if value:
            _put_text(sheet, row, column, value, formats.cell)
    elif value is None:
        return
    elif isinstance(value, Formula):
        sheet.write_formula(row, column, str(value), formats.cell)
    elif isinstance(value, str):
        if value:
            _put_text(sheet, row, column, value, formats.cell)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value, formats.cell)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value, formats.cell)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, column, value.replace(tzinfo=None), formats.moment)
    elif isinstance(value, date):
        sheet.write_datetime(row, column, datetime.combine(value, time()), formats.day)
    else:
        _put_text(sheet, row, column, str(value), formats.cell)


def _height(values: Sequence[object], widths: list[float]) -> float:
    """As tall as the cell that wraps to the most lines (short one-line cells are skipped fast)."""
    lines = 1
    for column, value in enumerate(values):
        if isinstance(value, str) and value:
            width = widths[column] if column < len(widths) else DEFAULT_WIDTH
            if len(value) > width or "\n" in value:
                lines = max(lines, wrapped_lines(value, width))
    return row_height(lines)


def _write_table(book: xlsxwriter.Workbook, table: TableSheet, formats: _Formats) -> int:
    sheet = book.add_worksheet(table.name)
    count = len(table.headers)
    widths = [float(table.widths.get(column, 16)) for column in range(1, count + 1)]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    sheet.set_row(0, _height(table.headers, widths))
    for column, header in enumerate(table.headers):
        staff = table.staff_from is not None and column + 1 >= table.staff_from
        _put_text(sheet, 0, column, header, formats.staff_header if staff else formats.header)
    last_row = 0
    for last_row, values in enumerate(table.rows, start=1):
        sheet.set_row(last_row, _height(values, widths))
        for column, value in enumerate(values):
            _put(sheet, last_row, column, value, formats)
    sheet.freeze_panes(1, table.frozen_columns)
    if last_row:
        sheet.autofilter(0, 0, last_row, count - 1)
    _print_setup(sheet)
    return last_row


def write_tables(path: Path, tables: list[TableSheet]) -> dict[str, int]:
    """Write the sheets to `path`, one row at a time; the number of data rows of each sheet."""
    path = Path(path)
    book = xlsxwriter.Workbook(
        str(path),
        {"constant_memory": True, "tmpdir": str(path.parent), "strings_to_numbers": False},
    )
    formats = _Formats(book)
    try:
        written = {table.name: _write_table(book, table, formats) for table in tables}
    except BaseException:
        with suppress(Exception):
            book.close()  # releases its temporary files; the caller discards the half-written file
        raise
    try:
        book.close()
    except FileCreateError as error:  # a full disk, a read-only folder: the OSError underneath
        cause = error.args[0] if error.args else None
        raise (cause if isinstance(cause, OSError) else OSError(str(error))) from error
    return written
