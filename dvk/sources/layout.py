"""Recognise what a sheet is by its content, and read its rows.

Three layouts share one reader: a Google Forms response list (a header row with a
timestamp column), a plain table of registrations, and a unit's filled official form
(title rows, "ĐƠN VỊ: …", a two-row header, the 1–7 numbering row, sections I–IV, marks,
and the signature block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dvk.mappings import Mappings
from dvk.sources.columns import column_reports, filled_cells, no_header_reason, refusal
from dvk.sources.headers import resolver_for
from dvk.sources.model import RawTable, Sheet
from dvk.sources.table import FILE_TIME_LABEL, read_table
from dvk.text import clean_cell, collapse_spaces, match_key

# How far down a header row is looked for: title rows above it are common, a header
# below the first screenful is rare but must not make a file vanish.
HEADER_SEARCH_ROWS = 200
_UNIT_LINE = re.compile(r"^\s*(?:TÊN\s+)?ĐƠN\s*VỊ\s*[:：]\s*(?P<name>.*)$", re.IGNORECASE)
_SECTION = re.compile(r"^\s*(?P<numeral>IV|III|II|I|V)\s*[.\-/):]\s*(?P<title>.*)$", re.IGNORECASE)
_ITEM_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)/:-]|[-–•+])\s*")
_SIGNED_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
# "Quảng Ngãi, ngày 25 tháng 3 năm 2026" or "…, ngày … tháng … năm …" above the signature.
_DATE_LINE = re.compile(r"^[^\d]{0,40}?ngày\s*(\d{1,2}|[.…\s]*)\s*tháng", re.IGNORECASE)
_MARK_COLUMNS = ("form_collective", "form_individual", "kind_new", "kind_replicated")
_END_OF_TABLE_KEYS = ("thu truong", "nguoi lap bieu", "xac nhan cua", "noi nhan")
_TOTAL_KEYS = ("tong cong", "cong", "tong so", "tong")
_NUMERALS = {"i": "I", "ii": "II", "iii": "III", "iv": "IV"}
# What `examine_sheet` answers for a sheet with no text at all.
EMPTY_SHEET = "trang trống, không có dữ liệu"


@dataclass
class HeaderMap:
    row_index: int  # index of the last header row in the grid
    columns: dict[str, int]  # canonical column → its first grid column index
    labels: dict[str, str]
    # canonical column → every grid column holding it (a Forms question deleted and re-created)
    also: dict[str, list[int]] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)  # grid column → header as written
    fields: dict[int, str] = field(default_factory=dict)  # grid column → canonical column
    ambiguous: dict[int, tuple[str, ...]] = field(default_factory=dict)

    def indices(self, canonical: str) -> list[int]:
        return self.also.get(canonical) or ([self.columns[canonical]] if canonical in self.columns else [])


@dataclass
class _RowHeaders:
    found: dict[int, tuple[str, str]]  # grid column → (canonical, header text)
    ambiguous: dict[int, tuple[str, ...]]


def _row_headers(row: list[object], mappings: Mappings) -> _RowHeaders:
    resolver = resolver_for(mappings)
    found, ambiguous = {}, {}
    for index, value in enumerate(row):
        text = clean_cell(value) if isinstance(value, str) else ""
        if not text:
            continue
        resolution = resolver.resolve(text)
        if resolution.field:
            found[index] = (resolution.field, collapse_spaces(text))
        elif resolution.ambiguous:
            ambiguous[index] = resolution.candidates
    return _RowHeaders(found, ambiguous)


_SUB_HEADER_PAIRS = ({"form_collective", "form_individual"}, {"kind_new", "kind_replicated"})


def _is_sub_header(row: list[object], top: dict[int, tuple[str, str]], mappings: Mappings) -> bool:
    """The official form's second header row: sub-titles only under the group titles.

    Its name cell is empty (merged from above) and it names both columns of a pair
    (tập thể + cá nhân, or xây dựng mới + nhân rộng); a first data row with no model name
    that answers "Tập thể" and "Xây dựng mới" is not one.
    """
    name_index = next(i for i, (canonical, _) in top.items() if canonical == "model_name")
    if name_index < len(row) and clean_cell(row[name_index]):
        return False
    below = {canonical for canonical, _ in _row_headers(row, mappings).found.values()}
    return any(pair <= below for pair in _SUB_HEADER_PAIRS)


def find_header(sheet: Sheet, mappings: Mappings) -> HeaderMap | None:
    """The header row(s): the first row naming the model column and at least two others.

    A second header row below it (the official form's "Mô hình tập thể | Mô hình cá
    nhân | Xây dựng mới | Nhân rộng" under the merged HÌNH THỨC and TRONG ĐÓ) refines it.
    """
    grid = sheet.grid
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        top = _row_headers(row, mappings)
        names = {canonical for canonical, _ in top.found.values()}
        if "model_name" not in names or len(names) < 3:
            continue
        merged = dict(top.found)
        ambiguous = dict(top.ambiguous)
        texts = {i: clean_cell(v) for i, v in enumerate(row) if clean_cell(v)}
        last = index
        if index + 1 < len(grid) and _is_sub_header(grid[index + 1], top.found, mappings):
            below = _row_headers(grid[index + 1], mappings)
            merged.update(below.found)
            for column in below.found:
                ambiguous.pop(column, None)
            for column, value in enumerate(grid[index + 1]):
                text = clean_cell(value)
                if text:
                    texts[column] = f"{texts[column]} — {text}" if column in texts else text
            last = index + 1
        header = HeaderMap(row_index=last, columns={}, labels={}, texts=texts, ambiguous=ambiguous)
        for column_index in sorted(merged):
            canonical, label = merged[column_index]
            header.fields[column_index] = canonical
            header.also.setdefault(canonical, []).append(column_index)
            if canonical not in header.columns:
                header.columns[canonical] = column_index
                header.labels[canonical] = label
        return header
    return None


def _unit_line(sheet: Sheet, before_row: int) -> str:
    for row in sheet.grid[:before_row]:
        for position, value in enumerate(row):
            match = _UNIT_LINE.match(clean_cell(value))
            if not match:
                continue
            name = match["name"].strip(" .…_")
            if not name:
                rest = [clean_cell(v) for v in row[position + 1 :]]
                name = next((text.strip(" .…_") for text in rest if text.strip(" .…_")), "")
            return collapse_spaces(name)
    return ""


def _is_numbering_row(row: list[object]) -> bool:
    numbers = [clean_cell(value) for value in row if clean_cell(value)]
    return len(numbers) >= 5 and all(re.fullmatch(r"\(?\d+\)?", n) for n in numbers)


def _cell(row: list[object], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return clean_cell(row[index])


def _raw(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    value = row[index]
    return value.strip() if isinstance(value, str) else value


def _merged(row: list[object], indices: list[int]) -> object:
    """A field's value when several columns hold it: the non-empty one (the rightmost, if several)."""
    chosen = _raw(row, indices[0]) if indices else None
    for index in indices:
        if _cell(row, index):
            chosen = _raw(row, index)
    return chosen


def _values(row: list[object], header: HeaderMap) -> dict[str, object]:
    return {key: _merged(row, header.indices(key)) for key in header.columns}


def _any_cell(row: list[object], header: HeaderMap, key: str) -> str:
    return clean_cell(_merged(row, header.indices(key)))


def _section_field(text: str, mappings: Mappings) -> str | None:
    """The field a section row such as "II. LĨNH VỰC VĂN HÓA - XÃ HỘI" opens, if it is one."""
    match = _SECTION.match(text)
    candidates = [text]
    if match:
        candidates = [match["title"], match["numeral"]]
    for candidate in candidates:
        key = match_key(candidate)
        key = re.sub(r"^linh vuc\s+", "", key)
        for attempt in (key, f"linh vuc {key}"):
            if attempt in mappings.fields:
                if not match and attempt in _NUMERALS:
                    return None  # a bare "I" in the name column is not a section title
                return str(mappings.fields[attempt])
    return None


def _is_end_of_table(texts: list[str]) -> bool:
    """The signature block: "THỦ TRƯỞNG ĐƠN VỊ", "Người lập biểu" or the place-and-date line."""
    for text in texts:
        key = match_key(text)
        if any(key.startswith(marker) for marker in _END_OF_TABLE_KEYS):
            return True
        if _DATE_LINE.match(text):
            return True
    return False


def _first_date(rows: list[list[object]], pattern: re.Pattern[str]) -> str:
    """The first date `pattern` finds (day, month, year groups) in the rows' cells, as dd/mm/yyyy."""
    for row in rows:
        for value in row:
            match = pattern.search(clean_cell(value))
            if match:
                day, month, year = match.groups()
                return f"{int(day):02d}/{int(month):02d}/{year}"
    return ""


RECEIVED_LABEL = "Ngày nhận biểu mẫu (cán bộ ghi)"
# Staff note the arrival of a paper form with no signing date: "Ngày nhận: 25/03/2026".
_RECEIVED = re.compile(
    r"ngày\s*nhận\s*[:：]?\s*(?:ngày\s*)?(\d{1,2})\s*(?:[/.-]|tháng)\s*(\d{1,2})\s*(?:[/.-]|năm)\s*(\d{4})",
    re.IGNORECASE,
)


def read_official_form(sheet: Sheet, header: HeaderMap, mappings: Mappings) -> RawTable:
    columns = header.columns
    name_index = columns["model_name"]
    # A "TT"/"STT" column left of the name column may carry the section numeral.
    number_index = name_index - 1 if name_index > 0 else None
    unit_name = _unit_line(sheet, header.row_index)
    records: list[dict[str, object]] = []
    row_numbers: list[int] = []
    body_rows: list[list[object]] = []
    section_field: str | None = None
    body = sheet.grid[header.row_index + 1 :]
    signed = ""
    for offset, row in enumerate(body):
        texts = [clean_cell(value) for value in row]
        if not any(texts) or _is_numbering_row(row):
            continue
        marked = any(_any_cell(row, header, key) for key in _MARK_COLUMNS if key in columns)
        if not marked and _is_end_of_table(texts):
            signed = _first_date(body[offset:], _SIGNED_DATE)
            break
        body_rows.append(row)
        name = _cell(row, name_index)
        number = _cell(row, number_index)
        section = _section_field(name, mappings) or (
            _section_field(f"{number}. {name}", mappings) if re.fullmatch(r"[IVX]+\.?", number) else None
        )
        others = [_any_cell(row, header, key) for key in columns if key not in ("model_name", "row_id")]
        if section and not any(others):
            section_field = section
            continue
        if match_key(name) in _TOTAL_KEYS and not number:
            continue
        values = _values(row, header)
        values["model_name"] = _ITEM_NUMBER.sub("", name).strip()
        if "field" not in columns or not clean_cell(values.get("field")):
            values["field"] = section_field or ""
        if "unit_name" not in columns:
            values["unit_name"] = unit_name
        records.append(values)
        row_numbers.append(sheet.first_row_number + header.row_index + 1 + offset)
    table = RawTable(
        sheet.source,
        "official_form",
        *_as_columns(records),
        row_numbers,
        [""] * len(records),
        dict(header.labels),
        unit_name=unit_name,
        columns=column_reports(sheet.source, header, filled_cells(body_rows)),
        notes=sheet.notes,
    )
    received = "" if signed else _first_date(sheet.grid, _RECEIVED)
    moment = signed or received or sheet.modified_at
    if moment and table.fill_missing("timestamp", moment):
        label = "Ngày ký biểu mẫu" if signed else RECEIVED_LABEL if received else FILE_TIME_LABEL
        table.labels.setdefault("timestamp", label)
    table.labels.setdefault("field", "Mục lĩnh vực (I–IV)")
    table.labels.setdefault("unit_name", "ĐƠN VỊ")
    return table


def _as_columns(records: list[dict[str, object]]) -> tuple[dict[str, list[object]], dict[str, list[str]]]:
    """Rows of values as columns of values and of their clean texts."""
    keys = dict.fromkeys(key for record in records for key in record)
    values = {key: [record.get(key) for record in records] for key in keys}
    return values, {key: [clean_cell(value) for value in column] for key, column in values.items()}


def is_official_form(sheet: Sheet, header: HeaderMap) -> bool:
    columns = header.columns
    if "unit_name" in columns or "unit_code" in columns or "timestamp" in columns:
        return False
    has_marks = {"form_collective", "form_individual"} <= columns.keys()
    return has_marks or bool(_unit_line(sheet, header.row_index))


def examine_sheet(sheet: Sheet, mappings: Mappings) -> RawTable | str:
    """The sheet's registrations, or why it holds none (a Vietnamese reason)."""
    if not any(clean_cell(value) for row in sheet.grid for value in row):
        return EMPTY_SHEET
    header = find_header(sheet, mappings)
    if header is None:
        return no_header_reason(sheet, HEADER_SEARCH_ROWS)
    if is_official_form(sheet, header):
        table = read_official_form(sheet, header, mappings)
    else:
        table = read_table(sheet, header)
    table.refusal = refusal(sheet.source, header, table, mappings)
    return table
