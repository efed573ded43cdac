"""The register as a Google Sheet tab: merge what staff typed there into dvk's register rows.

Pure data in, pure data out. The guarantee is the local workbook's (dvk.register): every value
staff typed in an evaluation column or in a column they added is kept, attached to its
registration id; a resubmission under a new id inherits the entries of the one it replaced; a
row that left the data but holds staff entries stays, marked, at the bottom. When the sheet
and the local workbook disagree on one cell the sheet wins (that is where staff share their
work) and dvk's note column says what the workbook held, so nothing is lost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime

from dvk.register.workbook import DVK_NOTE, ID_HEADER, ORPHAN_NOTE, SUPERSEDED_HEADERS_VI
from dvk.schema import EVALUATION_HEADERS_VI, REGISTRATION_HEADERS_VI
from dvk.text import clean_cell

Grid = list[list[object]]
_OURS = set(REGISTRATION_HEADERS_VI.values()) | {DVK_NOTE}


@dataclass
class MergedRegister:
    grid: Grid
    kept: int = 0  # staff cells taken from the sheet
    conflicts: int = 0  # cells where the workbook held another value (noted)
    orphans: list[str] = field(default_factory=list)  # ids kept only for their staff entries

    @property
    def changed_local(self) -> bool:
        return bool(self.kept or self.orphans)


def _records(grid: Grid) -> tuple[list[str], list[dict[str, object]]]:
    if not grid:
        return [], []
    headers = [clean_cell(h) for h in grid[0]]
    records = []
    for row in grid[1:]:
        if any(clean_cell(v) for v in row):
            records.append({h: (row[i] if i < len(row) else None) for i, h in enumerate(headers) if h})
    return headers, records


def _typed(value: object) -> bool:
    return clean_cell(value) != ""


def merge_register(local: Grid, sheet: Grid, replaced: dict[str, str] | None = None) -> MergedRegister:
    """dvk's register rows (`local`, as written by dvk.register) with the staff entries of `sheet`.

    `replaced` maps a new registration id to the id it replaced (the "Bản bị thay thế" tab).
    """
    local_headers, local_rows = _records(local)
    sheet_headers, sheet_rows = _records(sheet)
    reg_headers = [h for h in local_headers if h in REGISTRATION_HEADERS_VI.values()]
    staff = [h for h in local_headers if h and h not in _OURS]
    staff += [h for h in EVALUATION_HEADERS_VI if h not in staff]
    staff += [h for h in sheet_headers if h and h not in _OURS and h not in staff]
    headers = reg_headers + staff + [DVK_NOTE]
    typed_in_sheet: dict[str, dict[str, object]] = {}
    sheet_by_id: dict[str, dict[str, object]] = {}
    for record in sheet_rows:
        reg_id = clean_cell(record.get(ID_HEADER))
        entries = {h: record[h] for h in staff if _typed(record.get(h))}
        if reg_id and entries:
            typed_in_sheet[reg_id] = entries
            sheet_by_id[reg_id] = record
    local_ids = {clean_cell(r.get(ID_HEADER)) for r in local_rows}
    merged = MergedRegister([headers])
    carried: set[str] = set()
    for record in local_rows:
        reg_id = clean_cell(record.get(ID_HEADER))
        entries = typed_in_sheet.get(reg_id)
        if entries is None and replaced and reg_id in replaced and replaced[reg_id] not in local_ids:
            entries = typed_in_sheet.get(replaced[reg_id])
            if entries:
                carried.add(replaced[reg_id])
        if entries:
            carried.add(reg_id)
        entries = entries or {}
        notes = [clean_cell(record.get(DVK_NOTE))] if _typed(record.get(DVK_NOTE)) else []
        row = [record.get(h) for h in reg_headers]
        for header in staff:
            mine, theirs = record.get(header), entries.get(header)
            if _typed(theirs):
                if not _typed(mine) or clean_cell(mine) != clean_cell(theirs):
                    merged.kept += 1
                if _typed(mine) and clean_cell(mine) != clean_cell(theirs):
                    merged.conflicts += 1
                    notes.append(f"Tệp Excel ghi «{header}»: «{clean_cell(mine)}»")
                row.append(theirs)
            else:
                row.append(mine)
        merged.grid.append(row + ["; ".join(notes)])
    for reg_id, entries in typed_in_sheet.items():
        if reg_id in carried or reg_id in local_ids:
            continue
        old = sheet_by_id[reg_id]
        merged.grid.append(
            [old.get(h) for h in reg_headers] + [entries.get(h) for h in staff] + [ORPHAN_NOTE]
        )
        merged.orphans.append(reg_id)
        merged.kept += len(entries)
    return merged


def replaced_ids(superseded: Grid) -> dict[str, str]:
    """New id → old id from the "Bản bị thay thế" tab (columns "Mã bản đăng ký", "Được thay bằng (mã)")."""
    new_id = SUPERSEDED_HEADERS_VI["replaced_by_id"]
    headers, records = _records(superseded)
    if new_id not in headers:
        return {}
    return {
        clean_cell(r.get(new_id)): clean_cell(r.get(ID_HEADER)) for r in records if clean_cell(r.get(new_id))
    }


def sheet_value(value: object) -> object:
    """A cell as the Sheets API takes it (RAW): text, number or boolean; empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # NaN or infinity: JSON has no such number
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def rectangular(grid: Grid) -> Grid:
    """Every row as wide as the widest, in Sheets values; empty cells are written as ""."""
    width = max((len(row) for row in grid), default=0)
    return [[sheet_value(v) for v in row] + [""] * (width - len(row)) for row in grid]
