"""What a table's columns are, and whether the table can be read at all.

Every column of a source is listed for `columns.csv` with the field it was taken for, so a
column with data that no field claims is never dropped in silence. A table missing a column
every registration needs (or with a header that could be two fields) is refused as a whole,
with one line that names the file, what it has, and how to fix it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dvk.mappings import Mappings
from dvk.sources.headers import FIELD_LABELS, resolver_for
from dvk.sources.model import ColumnReport, RawTable, Sheet
from dvk.text import clean_cell

if TYPE_CHECKING:
    from dvk.sources.layout import HeaderMap

SHOWN_HEADERS = 12
# A Google Forms responseId: long, letters and digits (never a row number such as "1" or "STT 3").
_RESPONSE_ID = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9_-]{12,}")
HOW_TO_ADD = "thêm đúng tiêu đề ấy vào dòng «{key}» trong mappings/headers.toml rồi chạy lại"


def looks_like_response_id(text: str) -> bool:
    return bool(_RESPONSE_ID.fullmatch(text))


def filled_cells(rows: list[list[object]]) -> list[int]:
    """For each column of `rows`, how many of its cells hold text."""
    filled = [0] * max((len(row) for row in rows), default=0)
    for row in rows:
        for index, value in enumerate(row):
            if clean_cell(value):
                filled[index] += 1
    return filled


def column_reports(source: str, header: HeaderMap, filled: list[int]) -> list[ColumnReport]:
    """Every column that has a header or data, with its field and how many cells hold data.

    `filled`: each body column's count of cells holding text (`filled_cells`)."""
    width = max(len(filled), max(header.texts, default=-1) + 1)
    reports = []
    for index in range(width):
        text = header.texts.get(index, "")
        count = filled[index] if index < len(filled) else 0
        if text or count:
            reports.append(ColumnReport(source, index + 1, text, header.fields.get(index, ""), count))
    return reports


def _quoted(texts: list[str]) -> str:
    shown = ", ".join(f"«{text}»" for text in texts[:SHOWN_HEADERS])
    return shown + (f" và {len(texts) - SHOWN_HEADERS} cột khác" if len(texts) > SHOWN_HEADERS else "")


def refusal(source: str, header: HeaderMap, table: RawTable, mappings: Mappings) -> str:
    """Why the whole table cannot be read, or "" when it can."""
    if header.ambiguous:
        doubts = "; ".join(
            f"«{header.texts.get(index, '')}» có thể là "
            + " hoặc ".join(f"«{FIELD_LABELS.get(c, c)}»" for c in candidates)
            for index, candidates in sorted(header.ambiguous.items())
        )
        return (
            f"Không đọc tệp «{source}»: tiêu đề cột chưa rõ — {doubts}. Sửa tiêu đề cho rõ, hoặc "
            + HOW_TO_ADD.format(key="đúng trường")
            + "."
        )
    missing = []
    if table.layout != "official_form":
        if not {"unit_name", "unit_code"} & header.columns.keys():
            missing.append("unit_name")
        if "field" not in header.columns:
            missing.append("field")
    if not missing:
        return ""
    unclaimed = [text for index, text in sorted(header.texts.items()) if index not in header.fields]
    hints = []
    for key in missing:
        near = resolver_for(mappings).nearest(unclaimed, key)
        if near:
            hints.append(
                f"Cột gần nhất với «{FIELD_LABELS[key]}» là «{near}»; nếu đúng là cột ấy, "
                + HOW_TO_ADD.format(key=key)
                + "."
            )
    if not hints:
        hints.append("Thêm cột ấy vào tệp, hoặc " + HOW_TO_ADD.format(key=missing[0]) + ".")
    found = [text for _, text in sorted(header.texts.items())]
    names = " và ".join(f"«{FIELD_LABELS[key]}»" for key in missing)
    return f"Không đọc tệp «{source}»: không có cột {names}. Các cột tìm thấy: {_quoted(found)}. " + " ".join(
        hints
    )


def no_header_reason(sheet: Sheet, searched_rows: int) -> str:
    """Why no table was found: what the first rows say, so the clerk can compare."""
    first = next((row for row in sheet.grid if any(clean_cell(v) for v in row)), [])
    texts = [clean_cell(v) for v in first if clean_cell(v)]
    return (
        f"không thấy dòng tiêu đề có cột «{FIELD_LABELS['model_name']}» và ít nhất hai cột khác của "
        f"biểu mẫu trong {searched_rows} dòng đầu (dòng đầu có: {_quoted(texts)}). Nếu đây là bảng "
        "đăng ký, thêm cách viết tiêu đề vào mappings/headers.toml."
    )
