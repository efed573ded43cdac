"""What every source yields: rows of raw values keyed by the official form's columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# A sheet as values: rows of cells (str, int, float, datetime or None).
Grid = list[list[object]]


@dataclass(frozen=True)
class Sheet:
    """One table of values from a file, a Google Sheet tab or a Forms response list."""

    source: str  # what a clerk recognises: "don_vi_a.xlsx › Sheet1"
    grid: Grid
    first_row_number: int = 1  # the row number the clerk sees for grid[0]
    modified_at: datetime | None = None  # file time, used when rows carry no time


@dataclass
class RawRow:
    source: str
    source_row: int
    values: dict[str, object]
    # The source's own id for the row (a Forms responseId), when it has one.
    response_id: str = ""


@dataclass
class RawTable:
    source: str
    layout: str  # "forms_export", "official_form" or "table"
    rows: list[RawRow]
    # canonical column → the header as the source wrote it, for messages
    labels: dict[str, str] = field(default_factory=dict)
    unit_name: str = ""  # from the "ĐƠN VỊ: …" line of an official form


LAYOUT_LABELS = {
    "forms_export": "Câu trả lời Google Forms",
    "official_form": "Biểu mẫu đăng ký của đơn vị",
    "table": "Bảng danh sách",
}
