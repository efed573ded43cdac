"""A sheet's data rows as SpreadsheetML (`<row>` elements of `<sheetData>`), written as text.

The register holds every registration of the year: at a national level 100,000 rows and 1.4
million cells. XlsxWriter spends about 6 µs on each cell (a call, checks, a tuple, attribute
escaping); these rows are one formatted string per cell, five times faster, and go straight
to a file, so memory stays flat. `dvk.xlsx_stream` puts them into a workbook XlsxWriter builds
(styles, column widths, print setup, header row).

What a cell holds is escaped so that Excel, LibreOffice and calamine show exactly what was
typed: `&`, `<`, `>` as entities, a carriage return as `&#13;` (a bare one would be read as a
line feed), and text that looks like Excel's own escape of a character (`_x0041_`) with its
underscore escaped (`_x005F_x0041_`), as Excel does. Characters a cell cannot hold are dropped
first (`excel_text`). A string is always text; only a `Formula` staff typed is a formula.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TextIO

from openpyxl.utils import get_column_letter

from dvk.safe_text import Formula, excel_text
from dvk.xlsx_pages import DEFAULT_WIDTH, row_height, wrapped_lines

_EXCEL_EPOCH = datetime(1899, 12, 30)
_LOOKS_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_SPACE_AT_ENDS = re.compile(r"^\s|\s$")


@dataclass(frozen=True)
class CellStyles:
    """The workbook's style (xf) index for each kind of cell."""

    text: int
    moment: int  # a date and time, shown dd/mm/yyyy hh:mm
    day: int  # a date, shown dd/mm/yyyy


def cell_text(text: str) -> str:
    """Text as it goes between <t> and </t>."""
    text = excel_text(text)
    if "_x" in text:
        text = _LOOKS_ESCAPED.sub(r"_x005F\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")  # an XML reader would turn a bare CR into LF
    return text


def _serial(moment: datetime) -> float:
    """Excel's date number: days since 30/12/1899, the time of day as the fraction."""
    return (moment.replace(tzinfo=None) - _EXCEL_EPOCH) / timedelta(days=1)


def _cell(reference: str, value: object, styles: CellStyles) -> str:
    """One <c> element, or "" for an empty cell."""
    kind = type(value)
    if kind is str and value:
        text = cell_text(value)
        space = ' xml:space="preserve"' if _SPACE_AT_ENDS.search(text) else ""
        return f'<c r="{reference}" s="{styles.text}" t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if value is None or value == "":
        return ""
    if isinstance(value, Formula):
        formula = cell_text(value[1:] if value.startswith("=") else str(value))
        return f'<c r="{reference}" s="{styles.text}"><f>{formula}</f></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" s="{styles.text}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return ""  # Excel has no NaN or infinity: an empty cell
        return f'<c r="{reference}" s="{styles.text}"><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        return f'<c r="{reference}" s="{styles.moment}"><v>{_serial(value)!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{reference}" s="{styles.day}"><v>{_serial(datetime.combine(value, time()))!r}</v></c>'
    return _cell(reference, str(value), styles)


def _height(values: Sequence[object], widths: list[float]) -> float:
    """As tall as the cell that wraps to the most lines (short one-line cells are skipped fast)."""
    lines = 1
    for column, value in enumerate(values):
        if type(value) is str and value:
            width = widths[column] if column < len(widths) else DEFAULT_WIDTH
            if len(value) > width or "\n" in value:
                lines = max(lines, wrapped_lines(value, width))
    return row_height(lines)


def write_rows(
    out: TextIO, rows: Iterable[Sequence[object]], first_row: int, widths: list[float], styles: CellStyles
) -> tuple[int, int]:
    """Write the rows from sheet row `first_row` (1-based); how many rows, and the widest row."""
    letters: list[str] = []
    count = widest = 0
    for count, values in enumerate(rows, start=1):
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        widest = max(widest, len(values))
        number = first_row + count - 1
        cells = "".join(_cell(f"{letters[i]}{number}", value, styles) for i, value in enumerate(values))
        out.write(f'<row r="{number}" ht="{_height(values, widths)}" customHeight="1">{cells}</row>')
    return count, widest
