"""A plain table or a Forms response list, read column by column.

Every cell is cleaned once per distinct text (units, fields, choices and times repeat down a
column): the rows read are the rows with any cell holding text, and a field held by several
columns (a Forms question deleted and re-created) takes the rightmost column holding a value.
"""

from __future__ import annotations

from itertools import compress, zip_longest
from operator import itemgetter
from typing import TYPE_CHECKING

from dvk.sources.columns import column_reports, looks_like_response_id
from dvk.sources.model import RawTable, Sheet
from dvk.text import clean_cell, map_distinct, map_distinct_rows

if TYPE_CHECKING:
    from dvk.sources.layout import HeaderMap

FILE_TIME_LABEL = "Thời gian sửa tệp (khi tải lên)"


_TEXT, _TRIMMED, _TRIMMED_TEXT = itemgetter(0), itemgetter(1), itemgetter(2)  # of `_read_cell`


def _read_cell(value: object) -> tuple[str, object, str]:
    """A cell's clean text; its value trimmed, as a field holds it; the trimmed value's clean text."""
    text = clean_cell(value)
    trimmed = value.strip() if isinstance(value, str) else value
    return text, trimmed, text if trimmed is value else clean_cell(trimmed)


def _rightmost_filled(cells: tuple[tuple[str, object, str], ...]) -> tuple[str, object, str]:
    """Of one row's cells in the columns holding a field: the last one holding text, else the first."""
    chosen = cells[0]
    for cell in cells:
        if cell[0]:
            chosen = cell
    return chosen


class _Columns:
    """The body of a sheet as columns: each grid column's cells read once per distinct cell."""

    def __init__(self, body: list[list[object]]) -> None:
        self.rows = len(body)
        memo: dict[str, tuple[str, object, str]] = {}  # equal cells share their reading, in any column
        # None where a row is shorter than the widest
        self.cells = [map_distinct(_read_cell, column, memo) for column in zip_longest(*body)]
        self.texts = [list(map(_TEXT, column)) for column in self.cells]

    def filled_rows(self) -> list[bool]:
        """For each row, whether any of its cells holds text."""
        return [any(texts) for texts in zip(*self.texts, strict=True)] if self.texts else [False] * self.rows

    def field(self, indices: list[int]) -> tuple[list[object], list[str]]:
        """A field's value (text trimmed) and its clean text in each row, from the columns holding it
        as `_rightmost_filled` chooses."""
        columns = [self.cells[index] for index in indices if index < len(self.cells)]
        if not columns:  # headers with no cell under them
            return [None] * self.rows, [""] * self.rows
        if len(columns) == 1:
            cells = columns[0]
        else:
            cells = [_rightmost_filled(row) for row in zip(*columns, strict=True)]
        return list(map(_TRIMMED, cells)), list(map(_TRIMMED_TEXT, cells))


def read_table(sheet: Sheet, header: HeaderMap) -> RawTable:
    layout = "forms_export" if "timestamp" in header.columns else "table"
    body = sheet.grid[header.row_index + 1 :]
    grid = _Columns(body)
    kept = list(compress(range(len(body)), grid.filled_rows()))
    widest = max((len(body[row]) for row in kept), default=0)
    filled_cells = [len(texts) - texts.count("") for texts in grid.texts[:widest]]

    def kept_rows(column: list) -> list:
        return column if len(kept) == len(column) else [column[row] for row in kept]

    values: dict[str, list[object]] = {}
    texts: dict[str, list[str]] = {}
    for key in header.columns:
        value, text = grid.field(header.indices(key))
        values[key], texts[key] = kept_rows(value), kept_rows(text)
    given_ids = texts.pop("response_id", None) or [""] * len(kept)
    own_ids = texts.pop("row_id", None) or [""] * len(kept)
    values.pop("response_id", None)
    values.pop("row_id", None)
    response_ids = map_distinct_rows(_response_id, given_ids, own_ids)
    first_number = sheet.first_row_number + header.row_index + 1
    table = RawTable(
        sheet.source,
        layout,
        values,
        texts,
        [first_number + row for row in kept],
        response_ids,
        dict(header.labels),
        columns=column_reports(sheet.source, header, filled_cells),
        notes=sheet.notes,
    )
    if sheet.modified_at and table.fill_missing("timestamp", sheet.modified_at):
        table.labels.setdefault("timestamp", FILE_TIME_LABEL)
    return table


def _response_id(given: str, own: str) -> str:
    """The Forms responseId column's, or a table's own id column's when it looks like one."""
    return given or (own if looks_like_response_id(own) else "")
