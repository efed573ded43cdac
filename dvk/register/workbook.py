"""The register (sổ theo dõi): registrations plus the columns staff fill in.

Rewriting the register after a new collection keeps every value staff typed: evaluation
columns and any column they added are carried over by registration id; a row that is no
longer in the data but holds staff entries stays, marked, at the bottom.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

import pandas as pd

from dvk.atomic import save_atomically
from dvk.dates import DateParseError, parse_moment
from dvk.errors import SourceError
from dvk.folders import BACKUP_SUFFIX
from dvk.roster import UNIT_TYPE_LABELS
from dvk.safe_text import Formula
from dvk.schema import (
    EVALUATION_HEADERS_VI,
    FIELD_LABELS,
    FORM_LABELS,
    KIND_LABELS,
    REGISTRATION_COLUMNS,
    REGISTRATION_HEADERS_VI,
    REJECT_COLUMNS,
    REJECT_HEADERS_VI,
    STATUS_LABELS,
    SUPERSEDED_COLUMNS,
    UNIT_STATUS_COLUMNS,
    UNIT_STATUS_HEADERS_VI,
)
from dvk.text import match_key
from dvk.xlsx_stream import TableSheet, write_tables
from dvk.xlsx_values import MissingSheet, UnreadableWorkbook, read_sheet

REGISTER_SHEET = "Sổ theo dõi"
REJECTS_SHEET = "Bản bị loại"
SUPERSEDED_SHEET = "Bản bị thay thế"
STATUS_SHEET = "Tình trạng đơn vị"
DVK_NOTE = "Ghi chú của dvk"
ORPHAN_NOTE = "Không còn trong dữ liệu thu thập lần này; giữ lại vì có ý kiến của cán bộ."
MATCHED_BY_NAME_NOTE = (
    "Sổ cũ không có cột «Mã bản đăng ký»: ý kiến cán bộ ghép theo đơn vị và tên mô hình, kiểm tra lại."
)
ID_HEADER = REGISTRATION_HEADERS_VI["registration_id"]
SUPERSEDED_HEADERS_VI = {
    "registration_id": "Mã bản đăng ký",
    "unit_code": "Mã đơn vị",
    "model_name": "Tên mô hình, điển hình",
    "submitted_at": "Thời gian gửi",
    "source": "Nguồn",
    "source_row": "Dòng nguồn",
    "replaced_by_id": "Được thay bằng (mã)",
    "replaced_by_source": "Được thay bằng (nguồn)",
    "replaced_by_row": "Được thay bằng (dòng)",
}
_BOOL_LABELS = {"true": "Có", "false": "Không", "": ""}
_DISPLAY = {
    "field": {str(k): v for k, v in FIELD_LABELS.items()},
    "form": {str(k): v for k, v in FORM_LABELS.items()},
    "kind": {str(k): v for k, v in KIND_LABELS.items()},
    "late": _BOOL_LABELS,
    "status": {str(k): v for k, v in STATUS_LABELS.items()},
    "meets_target": _BOOL_LABELS,
}


@dataclass
class StaffEntries:
    by_id: dict[str, dict[str, object]] = field(default_factory=dict)
    staff_headers: list[str] = field(default_factory=lambda: list(EVALUATION_HEADERS_VI))
    old_rows: dict[str, dict[str, object]] = field(default_factory=dict)
    # (unit, model name) keys → the id they were filed under, when the id column was deleted
    by_unit_model: dict[tuple[str, str], str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    has_ids: bool = True

    def find(self, registration: dict) -> tuple[str, dict[str, object]] | None:
        """The staff entries of a registration: by its id, else by its unit and model name."""
        reg_id = str(registration["registration_id"])
        if reg_id in self.by_id:
            return reg_id, self.by_id[reg_id]
        if not self.by_unit_model:
            return None
        for unit in (registration.get("unit_code"), registration.get("unit_name")):
            key = self.by_unit_model.get(unit_model_key(unit, registration.get("model_name")))
            if key is not None:
                return key, self.by_id[key]
        return None


def unit_model_key(unit: object, model_name: object) -> tuple[str, str]:
    return match_key(str(unit or "")), match_key(str(model_name or ""))


_KNOWN_HEADERS = set(REGISTRATION_HEADERS_VI.values()) | set(EVALUATION_HEADERS_VI) | {DVK_NOTE}
HEADER_SEARCH_ROWS = 30
# A formula staff typed (=SUM(40,55), =B2*2): kept as a formula; "=đã kiểm tra" is text.
_FORMULA = re.compile(r"=[A-Za-z0-9_.$:(),;+\-*/^&%<>=!\" ]+")


def header_row(rows: list) -> int | None:
    """The row (in the first 30) that names at least three of the register's columns."""
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named = {str(v).strip() for v in values if v is not None} & _KNOWN_HEADERS
        if len(named) >= 3:
            return index
    return None


def _staff_value(formula: str) -> object:
    """A formula cell as staff see it: a formula they typed, or text that only starts with "="."""
    return Formula(formula) if _FORMULA.fullmatch(formula) else formula


def _unreadable(path: Path, reason: object) -> SourceError:
    """The register cannot be opened: it is damaged or not an .xlsx; the backup beside it, if any,
    is what the clerk can put back."""
    message = (
        f"Không mở được sổ theo dõi «{path}»: tệp bị hỏng hoặc không phải tệp Excel .xlsx ({reason}). "
        "Nếu tệp đang mở trong Excel, hãy đóng lại rồi chạy lại."
    )
    backup = path.with_name(path.stem + BACKUP_SUFFIX)
    if backup.exists():
        message += (
            f" Nếu tệp bị hỏng: bên cạnh có bản lưu trước lần chạy gần nhất «{backup.name}»; chép bản lưu "
            f"đó đè lên tệp hỏng (đặt tên là «{path.name}») rồi chạy lại. Những gì cán bộ nhập vào sổ sau "
            "lần chạy đó cần nhập lại."
        )
    return SourceError(message)


def _sheet_rows(
    path: Path, sheet_name: str, only_with: Callable[[str], bool] | None = None
) -> tuple[list[str], Iterator[dict[str, object]]]:
    """The header of a register sheet, and its non-empty rows as records (read as iterated).

    With `only_with`, a row holding nothing in the columns whose header it accepts comes as an
    empty record (counted, not built): staff entries are a few rows of a large register."""
    try:
        sheet = read_sheet(path, sheet_name)
        head = list(islice(sheet.rows, HEADER_SEARCH_ROWS))
    except UnreadableWorkbook as exc:
        raise _unreadable(path, exc) from exc
    except MissingSheet as exc:
        raise SourceError(
            f"Sổ theo dõi «{path}» không có trang «{sheet_name}» (trang có: "
            f"{', '.join(exc.names)}). Đặt lại đúng tên trang rồi chạy lại."
        ) from exc
    start = header_row(head)
    if start is None:
        raise SourceError(
            f"Sổ theo dõi «{path}»: trong {HEADER_SEARCH_ROWS} dòng đầu của trang «{sheet_name}» không có "
            f"dòng tiêu đề (cần ít nhất ba cột như «{ID_HEADER}», «Tên mô hình, điển hình», «Điểm»)."
        )
    headers = [str(h).strip() if h not in (None, "") else "" for h in head[start]]
    formula_rows = {row for row, _ in sheet.formulas}
    watched = [i for i, h in enumerate(headers) if only_with(h)] if only_with is not None else None

    def records() -> Iterator[dict[str, object]]:
        try:
            for number, values in enumerate(chain(head[start + 1 :], sheet.rows), start=start + 1):
                if number in formula_rows:
                    values = [
                        _staff_value(sheet.formulas[(number, column)])
                        if (number, column) in sheet.formulas
                        else value
                        for column, value in enumerate(values)
                    ]
                if not any(v not in (None, "") for v in values):
                    continue
                if watched is not None and all(values[i] in (None, "") for i in watched if i < len(values)):
                    yield {}
                else:
                    yield {h: v for h, v in zip(headers, values, strict=False) if h}
        except UnreadableWorkbook as exc:
            raise _unreadable(path, exc) from exc

    return headers, records()


def read_staff_entries(path: Path) -> StaffEntries:
    """Everything staff typed in an existing register, by registration id (or, when staff deleted
    the id column, by unit and model name)."""
    entries = StaffEntries()
    if not path.exists():
        return entries
    ours = set(REGISTRATION_HEADERS_VI.values()) | {DVK_NOTE}
    headers, records = _sheet_rows(
        path, REGISTER_SHEET, only_with=lambda header: bool(header) and header not in ours
    )
    entries.staff_headers = list(EVALUATION_HEADERS_VI) + [
        h for h in headers if h and h not in ours and h not in EVALUATION_HEADERS_VI
    ]
    has_ids = entries.has_ids = ID_HEADER in headers
    if not has_ids:
        entries.warnings.append(
            f"Sổ theo dõi cũ không có cột «{ID_HEADER}»: ý kiến cán bộ được ghép theo đơn vị và tên mô "
            "hình; kiểm tra lại các dòng có ghi chú của dvk."
        )
    for number, record in enumerate(records, start=1):
        reg_id = str(record.get(ID_HEADER) or "").strip()
        if not has_ids:
            reg_id = f"dong-{number}"
        if not reg_id:
            continue
        typed = {h: record[h] for h in entries.staff_headers if record.get(h) not in (None, "")}
        if typed:
            entries.by_id[reg_id] = typed
            entries.old_rows[reg_id] = record
            if not has_ids:
                model = record.get(REGISTRATION_HEADERS_VI["model_name"])
                for unit_header in ("unit_code", "unit_name"):
                    unit = record.get(REGISTRATION_HEADERS_VI[unit_header])
                    if unit:
                        entries.by_unit_model.setdefault(unit_model_key(unit, model), reg_id)
    return entries


def display_value(column: str, value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if column in _DISPLAY:
        return _DISPLAY[column].get(str(value), value)
    if column in ("year", "source_row", "registrations", "new_models"):
        text = str(value)
        return int(text) if text.isdigit() else text
    if column == "unit_type":
        return UNIT_TYPE_LABELS.get(str(value), value)
    if column == "first_submitted_at":
        return _local_time(value)
    return value


def _local_time(value: object) -> object:
    """A stored ISO time as a date-time Excel shows (Vietnam time, no zone); as typed if unreadable."""
    try:
        moment = parse_moment(value)
    except DateParseError:
        return value
    return moment.replace(tzinfo=None) if moment else ""


def _display_column(frame: pd.DataFrame, column: str) -> list[object]:
    """A column as staff read it, each distinct value converted once."""
    if column not in frame.columns:
        return [""] * len(frame)
    values = frame[column].tolist()
    shown: dict[object, object] = {}
    result = []
    for value in values:
        try:
            result.append(shown[value])
        except KeyError:
            shown[value] = display_value(column, value)
            result.append(shown[value])
        except TypeError:  # an unhashable value: converted on its own
            result.append(display_value(column, value))
    return result


def display_rows(frame: pd.DataFrame, columns: list[str]) -> Iterator[list[object]]:
    """The frame's rows as staff read them (labels, numbers, local times), converted column by column."""
    return (list(row) for row in zip(*(_display_column(frame, c) for c in columns), strict=True))


@dataclass
class RegisterResult:
    path: Path
    rows: int
    staff_entries_kept: int
    orphan_rows: int
    warnings: list[str] = field(default_factory=list)


def write_register(
    path: Path,
    registrations: pd.DataFrame,
    rejects: pd.DataFrame,
    superseded: pd.DataFrame,
    statuses: pd.DataFrame,
    entries: StaffEntries | None = None,
) -> RegisterResult:
    """Write the register, carrying over whatever staff typed in the previous one.

    `entries` are the staff entries of the register this one replaces (read from `path` itself
    when not given)."""
    if entries is None:
        entries = read_staff_entries(path)
    replaced_by = (
        dict(zip(superseded["replaced_by_id"], superseded["registration_id"], strict=True))
        if len(superseded)
        else {}
    )
    current_ids = set(registrations["registration_id"].astype(str))
    reg_headers = [REGISTRATION_HEADERS_VI[c] for c in REGISTRATION_COLUMNS]
    headers = reg_headers + entries.staff_headers + [DVK_NOTE]
    carried: set[str] = set()
    orphans: list[str] = []
    ids = registrations["registration_id"].astype(str).tolist()
    names = {c: registrations[c].tolist() for c in ("unit_code", "unit_name", "model_name")}

    def register_rows() -> Iterator[list[object]]:
        for number, values in enumerate(display_rows(registrations, REGISTRATION_COLUMNS)):
            found = None
            if entries.by_id:
                found = entries.find({"registration_id": ids[number], **{c: names[c][number] for c in names}})
                if found is None and ids[number] in replaced_by:
                    # A resubmission under a new id inherits the evaluation of the one it replaced.
                    old_id = replaced_by[ids[number]]
                    if old_id not in current_ids and old_id in entries.by_id:
                        found = (old_id, entries.by_id[old_id])
            typed: dict[str, object] = {}
            note = ""
            if found:
                key, typed = found
                carried.add(key)
                note = MATCHED_BY_NAME_NOTE if key in entries.old_rows and not entries.has_ids else ""
            yield values + [typed.get(h, "") for h in entries.staff_headers] + [note]
        for reg_id in entries.by_id:
            if reg_id not in carried:
                orphans.append(reg_id)
                old = entries.old_rows[reg_id]
                yield (
                    [old.get(h, "") for h in reg_headers]
                    + [old.get(h, "") for h in entries.staff_headers]
                    + [ORPHAN_NOTE]
                )

    tables = [
        TableSheet(
            REGISTER_SHEET,
            headers,
            register_rows(),
            {1: 22, 4: 28, 6: 40, 8: 24, 9: 60, 11: 22, 13: 24},
            staff_from=len(reg_headers) + 1,
        ),
        TableSheet(
            STATUS_SHEET,
            [UNIT_STATUS_HEADERS_VI[c] for c in UNIT_STATUS_COLUMNS],
            display_rows(statuses, UNIT_STATUS_COLUMNS),
            {2: 36, 6: 30},
        ),
        TableSheet(
            REJECTS_SHEET,
            [REJECT_HEADERS_VI[c] for c in REJECT_COLUMNS],
            display_rows(rejects, REJECT_COLUMNS),
            {1: 30, 3: 24, 4: 30, 5: 20, 6: 70},
        ),
        TableSheet(
            SUPERSEDED_SHEET,
            [SUPERSEDED_HEADERS_VI[c] for c in SUPERSEDED_COLUMNS],
            display_rows(superseded, SUPERSEDED_COLUMNS),
            {3: 40, 5: 30, 8: 30},
        ),
    ]
    save_atomically(path, lambda temporary: write_tables(temporary, tables))
    rows = len(registrations) + len(orphans)
    kept = sum(len(entries.by_id[i]) for i in carried if i in entries.by_id)
    return RegisterResult(path, rows, kept, len(orphans), list(entries.warnings))


_REVERSE = {
    "field": {v: str(k) for k, v in FIELD_LABELS.items()},
    "form": {v: str(k) for k, v in FORM_LABELS.items()},
    "kind": {v: str(k) for k, v in KIND_LABELS.items()},
    "late": {"Có": "true", "Không": "false"},
}


def read_register(path: Path) -> pd.DataFrame:
    """The register as machine values (field, form, kind codes) plus the staff columns."""
    headers, records = _sheet_rows(Path(path), REGISTER_SHEET)
    by_header = {v: k for k, v in REGISTRATION_HEADERS_VI.items()}
    rows = []
    for record in records:
        row: dict[str, object] = {}
        for header, value in record.items():
            column = by_header.get(header, header)
            text = "" if value is None else value
            if column in _REVERSE and isinstance(text, str):
                text = _REVERSE[column].get(text, text)
            row[column] = text
        rows.append(row)
    staff = [h for h in headers if h and h not in by_header]
    return pd.DataFrame(rows, columns=REGISTRATION_COLUMNS + staff).astype(object)
