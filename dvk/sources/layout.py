"""Recognise what a sheet is by its content, and read its rows.

Three layouts share one reader: a Google Forms response list (a header row with a
timestamp column), a plain table of registrations, and a unit's filled official form
(title rows, "ĐƠN VỊ: …", a two-row header, the 1–7 numbering row, sections I–IV, marks,
and the signature block).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dvk.mappings import Mappings
from dvk.sources.model import RawRow, RawTable, Sheet
from dvk.text import clean_cell, collapse_spaces, match_key

HEADER_SEARCH_ROWS = 30
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


@dataclass
class HeaderMap:
    row_index: int  # index of the last header row in the grid
    columns: dict[str, int]  # canonical column → grid column index
    labels: dict[str, str]


def _row_headers(row: list[object], mappings: Mappings) -> dict[int, tuple[str, str]]:
    found = {}
    for index, value in enumerate(row):
        text = clean_cell(value)
        if text:
            canonical = mappings.header_for(text)
            if canonical:
                found[index] = (canonical, collapse_spaces(text))
    return found


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
    below = {canonical for canonical, _ in _row_headers(row, mappings).values()}
    return any(pair <= below for pair in _SUB_HEADER_PAIRS)


def find_header(sheet: Sheet, mappings: Mappings) -> HeaderMap | None:
    """The header row(s): the first row naming the model column and at least two others.

    A second header row below it (the official form's "Mô hình tập thể | Mô hình cá
    nhân | Xây dựng mới | Nhân rộng" under the merged HÌNH THỨC and TRONG ĐÓ) refines it.
    """
    grid = sheet.grid
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        top = _row_headers(row, mappings)
        names = {canonical for canonical, _ in top.values()}
        if "model_name" not in names or len(names) < 3:
            continue
        merged = dict(top)
        last = index
        if index + 1 < len(grid) and _is_sub_header(grid[index + 1], top, mappings):
            merged.update(_row_headers(grid[index + 1], mappings))
            last = index + 1
        columns: dict[str, int] = {}
        labels: dict[str, str] = {}
        for column_index in sorted(merged):
            canonical, label = merged[column_index]
            if canonical not in columns:
                columns[canonical] = column_index
                labels[canonical] = label
        return HeaderMap(row_index=last, columns=columns, labels=labels)
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


def _signed_date(rows: list[list[object]]) -> str:
    for row in rows:
        for value in row:
            match = _SIGNED_DATE.search(clean_cell(value))
            if match:
                day, month, year = match.groups()
                return f"{int(day):02d}/{int(month):02d}/{year}"
    return ""


FILE_TIME_LABEL = "Thời gian sửa tệp (khi tải lên)"


def _fill_missing_times(rows: list[RawRow], moment: object) -> bool:
    """Rows without a time of their own take the form's signing date or the file's upload time.

    True when some row took it."""
    filled = False
    if moment:
        for raw in rows:
            if not raw.values.get("timestamp"):
                raw.values["timestamp"] = moment
                filled = True
    return filled


def read_official_form(sheet: Sheet, header: HeaderMap, mappings: Mappings) -> RawTable:
    columns = header.columns
    name_index = columns["model_name"]
    # A "TT"/"STT" column left of the name column may carry the section numeral.
    number_index = name_index - 1 if name_index > 0 else None
    unit_name = _unit_line(sheet, header.row_index)
    rows: list[RawRow] = []
    field: str | None = None
    body = sheet.grid[header.row_index + 1 :]
    signed = ""
    for offset, row in enumerate(body):
        texts = [clean_cell(value) for value in row]
        if not any(texts) or _is_numbering_row(row):
            continue
        marked = any(_cell(row, columns.get(key)) for key in _MARK_COLUMNS)
        if not marked and _is_end_of_table(texts):
            signed = _signed_date(body[offset:])
            break
        name = _cell(row, name_index)
        number = _cell(row, number_index)
        section = _section_field(name, mappings) or (
            _section_field(f"{number}. {name}", mappings) if re.fullmatch(r"[IVX]+\.?", number) else None
        )
        others = [_cell(row, index) for key, index in columns.items() if key != "model_name"]
        if section and not any(others):
            field = section
            continue
        if match_key(name) in _TOTAL_KEYS and not number:
            continue
        values = {key: _raw(row, index) for key, index in columns.items()}
        values["model_name"] = _ITEM_NUMBER.sub("", name).strip()
        if "field" not in columns or not _cell(row, columns.get("field")):
            values["field"] = field or ""
        if "unit_name" not in columns:
            values["unit_name"] = unit_name
        row_number = sheet.first_row_number + header.row_index + 1 + offset
        rows.append(RawRow(source=sheet.source, source_row=row_number, values=values))
    labels = dict(header.labels)
    if _fill_missing_times(rows, signed or sheet.modified_at):
        labels.setdefault("timestamp", "Ngày ký biểu mẫu" if signed else FILE_TIME_LABEL)
    labels.setdefault("field", "Mục lĩnh vực (I–IV)")
    labels.setdefault("unit_name", "ĐƠN VỊ")
    return RawTable(sheet.source, "official_form", rows, labels, unit_name=unit_name)


def read_table(sheet: Sheet, header: HeaderMap) -> RawTable:
    layout = "forms_export" if "timestamp" in header.columns else "table"
    rows = []
    for offset, row in enumerate(sheet.grid[header.row_index + 1 :]):
        if not any(clean_cell(value) for value in row):
            continue
        values = {key: _raw(row, index) for key, index in header.columns.items()}
        response_id = clean_cell(values.pop("response_id", None))
        row_number = sheet.first_row_number + header.row_index + 1 + offset
        rows.append(RawRow(sheet.source, row_number, values, response_id=response_id))
    labels = dict(header.labels)
    if _fill_missing_times(rows, sheet.modified_at):
        labels.setdefault("timestamp", FILE_TIME_LABEL)
    return RawTable(sheet.source, layout, rows, labels)


def is_official_form(sheet: Sheet, header: HeaderMap) -> bool:
    columns = header.columns
    if "unit_name" in columns or "timestamp" in columns:
        return False
    has_marks = {"form_collective", "form_individual"} <= columns.keys()
    return has_marks or bool(_unit_line(sheet, header.row_index))


def read_sheet(sheet: Sheet, mappings: Mappings) -> RawTable | None:
    """The sheet's registrations, or None when it holds no table dvk recognises."""
    header = find_header(sheet, mappings)
    if header is None:
        return None
    if is_official_form(sheet, header):
        return read_official_form(sheet, header, mappings)
    return read_table(sheet, header)
