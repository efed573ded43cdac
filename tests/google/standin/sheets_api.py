"""Sheets API v4 as the stand-in answers it (shapes from sheets.v4.json), with A1 ranges."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from .state import ApiError, SpreadsheetRecord, State, Tab

ROW_COUNT = 1000
COLUMN_COUNT = 26
_EPOCH = datetime(1899, 12, 30)
_CELL = re.compile(r"^([A-Z]*)(\d*)$")


def _record(state: State, key: str, email: str) -> SpreadsheetRecord:
    record = state.spreadsheets.get(key)
    if record is None:
        raise ApiError(404, "Requested entity was not found.")
    if email not in record.shared_with:
        raise ApiError(403, "The caller does not have permission", "forbidden")
    return record


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _letters(number: int) -> str:
    text = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        text = chr(65 + remainder) + text
    return text


def parse_range(text: str, record: SpreadsheetRecord) -> tuple[str, int, int, int | None, int | None]:
    """ "'Tab'!A2:C" → (tab, first row, first column, last row or None, last column or None), 1-based."""
    if "!" in text:
        title, cells = text.rsplit("!", 1)
    else:
        title, cells = text, ""
    if title.startswith("'") and title.endswith("'"):
        title = title[1:-1].replace("''", "'")
    if title not in record.tabs:
        raise ApiError(400, f"Unable to parse range: {text}")
    if not cells:
        return title, 1, 1, None, None
    start, _, end = cells.partition(":")
    first, last = _CELL.match(start.upper()), _CELL.match((end or start).upper())
    if not first or not last:
        raise ApiError(400, f"Unable to parse range: {text}")
    return (
        title,
        int(first[2] or 1),
        _column_number(first[1]) if first[1] else 1,
        int(last[2]) if last[2] else None,
        _column_number(last[1]) if last[1] else None,
    )


def _render(value: object, value_option: str, date_option: str) -> object:
    if isinstance(value, datetime):
        serial = (value - _EPOCH) / timedelta(days=1)
        if value_option != "FORMATTED_VALUE" and date_option == "SERIAL_NUMBER":
            return serial
        return value.strftime("%d/%m/%Y %H:%M:%S")
    if value_option == "FORMATTED_VALUE" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def _trimmed(rows: list[list[object]]) -> list[list[object]]:
    rows = [list(row) for row in rows]
    for row in rows:
        while row and row[-1] in (None, ""):
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return [[("" if v is None else v) for v in row] for row in rows]


def get(state: State, req) -> dict:
    key = req.params["spreadsheetId"]
    record = _record(state, key, req.email)
    sheets = []
    for index, (title, tab) in enumerate(record.tabs.items()):
        rows = max(ROW_COUNT, len(tab.grid))
        columns = max([COLUMN_COUNT, *(len(row) for row in tab.grid)])
        sheets.append(
            {
                "properties": {
                    "sheetId": tab.sheet_id,
                    "title": title,
                    "index": index,
                    "sheetType": "GRID",
                    "gridProperties": {"rowCount": rows, "columnCount": columns},
                }
            }
        )
    return {
        "spreadsheetId": key,
        "properties": {"title": record.title, "locale": "vi_VN", "timeZone": "Asia/Ho_Chi_Minh"},
        "sheets": sheets,
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit",
    }


def batch_get(state: State, req) -> dict:
    key = req.params["spreadsheetId"]
    record = _record(state, key, req.email)
    value_option = req.arg("valueRenderOption") or "FORMATTED_VALUE"
    date_option = req.arg("dateTimeRenderOption") or "SERIAL_NUMBER"
    ranges = []
    for text in req.query.get("ranges", []):
        title, row1, col1, row2, col2 = parse_range(text, record)
        grid = record.tabs[title].grid
        rows = grid[row1 - 1 : row2]
        rows = [row[col1 - 1 : col2] for row in rows]
        values = _trimmed([[_render(v, value_option, date_option) for v in row] for row in rows])
        last_row = row2 or max(ROW_COUNT, len(grid))
        last_col = col2 or max([COLUMN_COUNT, *(len(r) for r in grid)])
        quoted = "'" + title.replace("'", "''") + "'"
        body = {
            "range": f"{quoted}!{_letters(col1)}{row1}:{_letters(last_col)}{last_row}",
            "majorDimension": "ROWS",
        }
        if values:
            body["values"] = values
        ranges.append(body)
    return {"spreadsheetId": key, "valueRanges": ranges}


def _put(tab: Tab, row1: int, col1: int, values: list[list[object]]) -> None:
    for r, row in enumerate(values):
        target = row1 - 1 + r
        while len(tab.grid) <= target:
            tab.grid.append([])
        cells = tab.grid[target]
        for c, value in enumerate(row):
            column = col1 - 1 + c
            while len(cells) <= column:
                cells.append(None)
            cells[column] = value


def batch_update_values(state: State, req) -> dict:
    key = req.params["spreadsheetId"]
    record = _record(state, key, req.email)
    if req.json.get("valueInputOption") not in {"RAW", "USER_ENTERED"}:
        raise ApiError(400, "Invalid valueInputOption")
    responses = []
    for data in req.json.get("data", []):
        title, row1, col1, _, _ = parse_range(data["range"], record)
        values = data.get("values", [])
        _put(record.tabs[title], row1, col1, values)
        width = max((len(row) for row in values), default=0)
        last_column = _letters(col1 + max(width, 1) - 1)
        last_row = row1 + max(len(values), 1) - 1
        quoted = "'" + title.replace("'", "''") + "'"
        responses.append(
            {
                "spreadsheetId": key,
                "updatedRange": f"{quoted}!{_letters(col1)}{row1}:{last_column}{last_row}",
                "updatedRows": len(values),
                "updatedColumns": width,
                "updatedCells": sum(len(row) for row in values),
            }
        )
    return {
        "spreadsheetId": key,
        "totalUpdatedRows": sum(r["updatedRows"] for r in responses),
        "totalUpdatedColumns": max((r["updatedColumns"] for r in responses), default=0),
        "totalUpdatedCells": sum(r["updatedCells"] for r in responses),
        "totalUpdatedSheets": len({r["updatedRange"].rsplit("!", 1)[0] for r in responses}),
        "responses": responses,
    }


def batch_clear(state: State, req) -> dict:
    key = req.params["spreadsheetId"]
    record = _record(state, key, req.email)
    cleared = []
    for text in req.json.get("ranges", []):
        title, row1, col1, row2, col2 = parse_range(text, record)
        grid = record.tabs[title].grid
        for index in range(row1 - 1, min(len(grid), row2 or len(grid))):
            row = grid[index]
            for column in range(col1 - 1, min(len(row), col2 or len(row))):
                row[column] = None
        cleared.append(text)
    return {"spreadsheetId": key, "clearedRanges": cleared}


def batch_update(state: State, req) -> dict:
    key = req.params["spreadsheetId"]
    record = _record(state, key, req.email)
    replies = []
    for request in req.json.get("requests", []):
        if "addSheet" not in request:
            raise ApiError(400, f"The stand-in does not support {sorted(request)}.")
        properties = dict(request["addSheet"].get("properties", {}))
        title = properties.get("title") or f"Sheet{len(record.tabs) + 1}"
        if title in record.tabs:
            raise ApiError(400, f'A sheet with the name "{title}" already exists. Please enter another name.')
        sheet_id = max((tab.sheet_id for tab in record.tabs.values()), default=0) + 1
        record.tabs[title] = Tab(sheet_id)
        grid = {"rowCount": ROW_COUNT, "columnCount": COLUMN_COUNT, **properties.get("gridProperties", {})}
        replies.append(
            {
                "addSheet": {
                    "properties": {
                        **properties,
                        "sheetId": sheet_id,
                        "title": title,
                        "index": len(record.tabs) - 1,
                        "sheetType": "GRID",
                        "gridProperties": grid,
                    }
                }
            }
        )
    return {"spreadsheetId": key, "replies": replies}


def add_spreadsheet(
    state: State, title: str, tabs: dict[str, list[list[object]]], shared_with: set[str]
) -> str:
    """A spreadsheet someone made (test helper); values as Google holds them (datetime for dates)."""
    key = state.new_id("sheet")
    record = SpreadsheetRecord(title, shared_with=set(shared_with))
    for index, (name, grid) in enumerate(tabs.items()):
        record.tabs[name] = Tab(index, [list(row) for row in grid])
    state.spreadsheets[key] = record
    return key
