"""What every source yields: sheets of cells, and tables of raw values by the official form's columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dvk.text import clean_cell

# A sheet as values: rows of cells (str, int, float, datetime or None).
Grid = list[list[object]]


@dataclass(frozen=True)
class Sheet:
    """One table of values from a file, a Google Sheet tab or a Forms response list."""

    source: str  # what a clerk recognises: "don_vi_a.xlsx › Sheet1"
    grid: Grid
    first_row_number: int = 1  # the row number the clerk sees for grid[0]
    modified_at: datetime | None = None  # file time, used when rows carry no time
    notes: tuple[str, ...] = ()  # what reading changed (characters dropped, long cells cut)


@dataclass(frozen=True)
class ColumnReport:
    """One column of a source as `columns.csv` lists it; `field` is empty when not recognised."""

    source: str
    column_index: int  # 1 for column A
    header: str
    field: str
    non_empty_cells: int


@dataclass
class RawTable:
    """A table's rows, held column by column: one list per official column, one item per row."""

    source: str
    layout: str  # "forms_export", "official_form" or "table"
    # canonical column → each row's value as the source holds it (text trimmed)
    values: dict[str, list[object]]
    # canonical column → the same values as clean text (`clean_cell`), for every check
    texts: dict[str, list[str]]
    row_numbers: list[int]  # the row number the clerk sees, for each row
    # The source's own id for each row (a Forms responseId), "" when it has none.
    response_ids: list[str]
    # canonical column → the header as the source wrote it, for messages
    labels: dict[str, str] = field(default_factory=dict)
    unit_name: str = ""  # from the "ĐƠN VỊ: …" line of an official form
    columns: list[ColumnReport] = field(default_factory=list)
    # Why the whole table is refused (a required column missing, a header ambiguous); every
    # row is then rejected with this reason, so the count identity still holds.
    refusal: str = ""
    notes: tuple[str, ...] = ()

    @property
    def row_count(self) -> int:
        return len(self.row_numbers)

    def column(self, key: str) -> list[object]:
        """Each row's value of a column; None in every row when the source has no such column."""
        return self.values.get(key) or [None] * self.row_count

    def text(self, key: str) -> list[str]:
        """Each row's clean text of a column; "" in every row when the source has no such column."""
        return self.texts.get(key) or [""] * self.row_count

    def fill_missing(self, key: str, value: object) -> bool:
        """Rows with no value in a column take `value`; True when some row took it."""
        values = self.values.setdefault(key, [None] * self.row_count)
        texts = self.texts.setdefault(key, [""] * self.row_count)
        missing = [row for row, old in enumerate(values) if not old]
        text = clean_cell(value)
        for row in missing:
            values[row], texts[row] = value, text
        return bool(missing)

    def unrecognised_columns(self) -> list[ColumnReport]:
        """Columns holding data that no field claims: shown on screen, since their data is not read."""
        return [column for column in self.columns if not column.field and column.non_empty_cells]


LAYOUT_LABELS = {
    "forms_export": "Câu trả lời Google Forms",
    "official_form": "Biểu mẫu đăng ký của đơn vị",
    "table": "Bảng danh sách",
}
