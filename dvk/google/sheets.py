"""Google Sheets values as sheets of values, with serial dates turned into times explicitly.

Values are read unformatted with dates as serial numbers (the spreadsheet's locale cannot turn
03/04 into 4 March); the submission-time column is converted here with dvk.dates.
"""

from __future__ import annotations

import contextlib

from dvk.dates import DateParseError, from_excel_serial
from dvk.mappings import Mappings
from dvk.sources.layout import find_header
from dvk.sources.model import Sheet

VALUE_PARAMS = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
    "majorDimension": "ROWS",
}


def quote_title(title: str) -> str:
    """A tab title as an A1 range naming the whole tab: 'Sổ theo dõi'."""
    return "'" + title.replace("'", "''") + "'"


def column_letter(number: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _with_times(sheet: Sheet, mappings: Mappings) -> Sheet:
    header = find_header(sheet, mappings)
    column = header.columns.get("timestamp") if header else None
    if column is None:
        return sheet
    grid = [list(row) for row in sheet.grid]
    for row in grid[header.row_index + 1 :]:
        value = row[column] if column < len(row) else None
        if isinstance(value, int | float) and not isinstance(value, bool):
            with contextlib.suppress(DateParseError):  # else left as is; normalisation rejects the row
                row[column] = from_excel_serial(float(value))
    return Sheet(sheet.source, grid, sheet.first_row_number, sheet.modified_at)


def spreadsheet_sheets(
    title: str, tabs: list[tuple[str, list[list[object]]]], mappings: Mappings
) -> list[Sheet]:
    """One Sheet per tab, labelled like a workbook's sheets: "title › tab" when there are several."""
    sheets = []
    for tab, values in tabs:
        label = title if len(tabs) == 1 else f"{title} › {tab}"
        sheets.append(_with_times(Sheet(source=label, grid=[list(row) for row in values]), mappings))
    return sheets
