"""Where registrations come from, on this computer: files and folders → sheets → raw tables.

A source spec is a local file or folder path, or a Google source ("gform:<formId>",
"gsheet:<spreadsheetId or URL>", "gdrive:<folderId>") that `dvk.google.sources` turns into
the same sheets. Each sheet is recognised by its content (not its file name) as a Forms
response list, a plain table or a unit's official form. No Google code here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dvk.mappings import Mappings
from dvk.rejects import Reject, reject
from dvk.sources.files import files_in, is_dvk_output, read_file
from dvk.sources.layout import EMPTY_SHEET, examine_sheet
from dvk.sources.model import LAYOUT_LABELS, RawTable, Sheet

GOOGLE_SPEC = re.compile(r"^(gform|gsheet|gdrive):", re.IGNORECASE)


def is_google_spec(spec: str) -> bool:
    return bool(GOOGLE_SPEC.match(spec))


@dataclass
class SourceOutcome:
    """What became of one file or sheet, as the clerk reads it on screen."""

    source: str
    status: str  # READ, REFUSED or SKIPPED
    detail: str  # the layout read, or why it was refused or skipped
    rows: int = 0
    unit_name: str = ""
    notes: tuple[str, ...] = ()
    unrecognised: tuple[str, ...] = ()  # columns with data no field claims: «Ghi chú» (cột F, 12 ô)


READ, REFUSED, SKIPPED = "đã đọc", "không đọc", "bỏ qua"


def _column_note(column) -> str:
    header = f"«{column.header}»" if column.header else "(không có tiêu đề)"
    return f"{header} (cột {column_letter(column.column_index)}, {column.non_empty_cells} ô có dữ liệu)"


def column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass
class SourceRead:
    tables: list[RawTable] = field(default_factory=list)
    unrecognised: list[Reject] = field(default_factory=list)  # files with no table in any sheet
    skipped_files: list[str] = field(default_factory=list)  # not .csv/.xlsx in a folder
    outcomes: list[SourceOutcome] = field(default_factory=list)

    def add_file(self, sheets: list[Sheet], mappings: Mappings, name: str = "") -> None:
        """Add the tables of one file's sheets; every sheet's outcome is recorded.

        A file none of whose sheets holds a table is one reject line; an empty file too."""
        name = name or (sheets[0].source.split(" › ")[0] if sheets else "")
        found: list[RawTable] = []
        reasons: list[tuple[Sheet, str]] = []
        for sheet in sheets:
            examined = examine_sheet(sheet, mappings)
            if isinstance(examined, RawTable):
                found.append(examined)
            else:
                reasons.append((sheet, examined))
        for table in found:
            self.tables.append(table)
            self.outcomes.append(_table_outcome(table))
        if found:
            for sheet, reason in reasons:
                if reason != EMPTY_SHEET:
                    self.outcomes.append(SourceOutcome(sheet.source, SKIPPED, reason, notes=sheet.notes))
            return
        notes = tuple(note for sheet in sheets for note in sheet.notes)
        empty = all(reason == EMPTY_SHEET for _, reason in reasons)  # also a file with no sheet
        detail = "tệp rỗng, không có dữ liệu" if empty else "; ".join(reason for _, reason in reasons)
        self.outcomes.append(SourceOutcome(name, SKIPPED if empty else REFUSED, detail, notes=notes))
        self.unrecognised.append(reject(name, "", "", "", "empty_source" if empty else "unrecognised_layout"))


def _table_outcome(table: RawTable) -> SourceOutcome:
    if table.refusal:
        return SourceOutcome(table.source, REFUSED, table.refusal, table.row_count, notes=table.notes)
    return SourceOutcome(
        table.source,
        READ,
        LAYOUT_LABELS[table.layout],
        table.row_count,
        table.unit_name,
        table.notes,
        tuple(_column_note(column) for column in table.unrecognised_columns()),
    )


def read_local_source(spec: str | Path, mappings: Mappings, read: SourceRead, progress=None) -> None:
    """Add every readable file of a local file or folder to `read`; SourceError when one is unreadable."""
    paths, skipped = files_in(Path(spec))
    read.skipped_files.extend(str(path) for path in skipped)
    for path in skipped:
        why = "tệp kết quả do dvk ghi" if is_dvk_output(path) else "không phải tệp .csv/.xlsx"
        read.outcomes.append(SourceOutcome(path.name, SKIPPED, why))
    for path in paths:
        if progress:
            progress(path.name)
        read.add_file(read_file(path), mappings, path.name)
