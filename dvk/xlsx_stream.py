"""Large workbooks written row by row: memory stays flat whatever the number of rows.

XlsxWriter builds the workbook around the data: the shared cell styles, column widths, the
header row, the frozen panes and filter, and the print setup every dvk workbook has (A4
landscape, fit to the page width, the header row repeated, page numbers in the footer). The
data rows, which are most of the file, are written as SpreadsheetML by `dvk.xlsx_rows` into a
file beside it, then put into each sheet's `<sheetData>` as the package is zipped. Rows are as
tall as their wrapped text, dates show as dd/mm/yyyy hh:mm, user text is always text.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from openpyxl.utils import get_column_letter
from xlsxwriter.exceptions import FileCreateError

from dvk.safe_text import excel_text
from dvk.xlsx_pages import (
    DATE_TIME_FORMAT,
    FOOTER,
    FOOTER_FONT,
    FOOTER_SIZE,
    MARGINS_MM,
    MM_PER_INCH,
    row_height,
    wrapped_lines,
)
from dvk.xlsx_rows import CellStyles, write_rows

HEADER_FILL = "#DDEBF7"
STAFF_FILL = "#FFF2CC"  # the columns staff fill in
A4 = 9
_SHEET_DATA_END = "</sheetData>"
_EMPTY_SHEET_DATA = "<sheetData/>"
_DIMENSION = re.compile(r'<dimension ref="[^"]*"/>')


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
        header = {"bold": True, "text_wrap": True, "valign": "vcenter", "align": "center"}
        self.header = book.add_format({**header, "bg_color": HEADER_FILL, "pattern": 1})
        self.staff_header = book.add_format({**header, "bg_color": STAFF_FILL, "pattern": 1})
        self.cell = book.add_format({"text_wrap": True, "valign": "top"})
        self.moment = book.add_format({"text_wrap": True, "valign": "top", "num_format": DATE_TIME_FORMAT})
        self.day = book.add_format({"text_wrap": True, "valign": "top", "num_format": "dd/mm/yyyy"})

    def cell_styles(self) -> CellStyles:
        # The style numbers the data rows refer to. XlsxWriter numbers a format when a cell first
        # uses it; the rows are written outside it, so they are numbered here, as it would.
        return CellStyles(self.cell._get_xf_index(), self.moment._get_xf_index(), self.day._get_xf_index())


@dataclass
class _Rendered:
    table: TableSheet
    rows_file: Path
    count: int
    widest: int

    @property
    def width(self) -> int:
        return max(len(self.table.headers), self.widest)


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


def _widths(table: TableSheet) -> list[float]:
    return [float(table.widths.get(column, 16)) for column in range(1, len(table.headers) + 1)]


def _render(table: TableSheet, folder: Path, number: int, styles: CellStyles) -> _Rendered:
    rows_file = folder / f"rows{number}.xml"
    with rows_file.open("w", encoding="utf-8", newline="") as out:
        count, widest = write_rows(out, table.rows, 2, _widths(table), styles)
    return _Rendered(table, rows_file, count, widest)


def _write_header(sheet, column: int, text: str, cell_format) -> None:
    if text.startswith("<r>") and text.endswith("</r>"):
        # XlsxWriter copies such a string into the file as rich-text XML, unescaped: a column
        # staff named "<r>…</r>" would break the workbook. Plain runs show the same text.
        sheet.write_rich_string(0, column, text[:1], text[1:3], text[3:], cell_format)
    else:
        sheet.write_string(0, column, text, cell_format)


def _add_sheet(book: xlsxwriter.Workbook, rendered: _Rendered, formats: _Formats) -> None:
    table = rendered.table
    sheet = book.add_worksheet(table.name)
    widths = _widths(table)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width, formats.cell)  # rows staff add wrap the same way
    lines = max((wrapped_lines(h, w) for h, w in zip(table.headers, widths, strict=True)), default=1)
    sheet.set_row(0, row_height(lines))
    for column, header in enumerate(table.headers):
        staff = table.staff_from is not None and column + 1 >= table.staff_from
        _write_header(sheet, column, excel_text(header), formats.staff_header if staff else formats.header)
    sheet.freeze_panes(1, table.frozen_columns)
    if rendered.count:
        sheet.autofilter(0, 0, rendered.count, len(table.headers) - 1)
    _print_setup(sheet)


def _sheet_with_rows(skeleton_xml: str, rendered: _Rendered, out) -> None:
    """The skeleton's sheet XML with the rendered rows after its header row."""
    last = f"{get_column_letter(rendered.width)}{rendered.count + 1}"
    xml = _DIMENSION.sub(f'<dimension ref="A1:{last}"/>', skeleton_xml, count=1)
    if _EMPTY_SHEET_DATA in xml:
        xml = xml.replace(_EMPTY_SHEET_DATA, f"<sheetData>{_SHEET_DATA_END}", 1)
    head, tail = xml.split(_SHEET_DATA_END, 1)
    out.write(head.encode("utf-8"))
    with rendered.rows_file.open("rb") as rows:
        shutil.copyfileobj(rows, out, 1 << 20)
    out.write((_SHEET_DATA_END + tail).encode("utf-8"))


def _package(skeleton: Path, rendered: list[_Rendered], path: Path) -> None:
    """Zip the skeleton's parts into `path`, each sheet with its rows."""
    sheets = {f"xl/worksheets/sheet{number}.xml": item for number, item in enumerate(rendered, start=1)}
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in sheets:
                entry = zipfile.ZipInfo(info.filename, info.date_time)
                entry.compress_type = zipfile.ZIP_DEFLATED
                with target.open(entry, "w", force_zip64=True) as out:
                    _sheet_with_rows(source.read(info).decode("utf-8"), sheets[info.filename], out)
            else:
                target.writestr(info, source.read(info))


def write_tables(path: Path, tables: list[TableSheet]) -> dict[str, int]:
    """Write the sheets to `path`, one row at a time; the number of data rows of each sheet."""
    path = Path(path)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".dvk-rows-") as temporary:
        folder = Path(temporary)
        skeleton = folder / "skeleton.xlsx"
        book = xlsxwriter.Workbook(str(skeleton), {"tmpdir": temporary})
        formats = _Formats(book)
        styles = formats.cell_styles()
        try:
            rendered = [_render(table, folder, number, styles) for number, table in enumerate(tables)]
            for item in rendered:
                _add_sheet(book, item, formats)
        except BaseException:
            with suppress(Exception):
                book.close()  # XlsxWriter insists; the folder goes with what was written
            raise
        try:
            book.close()
        except FileCreateError as error:  # a full disk, a read-only folder: the OSError underneath
            cause = error.args[0] if error.args else None
            raise (cause if isinstance(cause, OSError) else OSError(str(error))) from error
        _package(skeleton, rendered, path)
    return {item.table.name: item.count for item in rendered}
