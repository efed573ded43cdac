"""Outputs to Google: the register as a shared Google Sheet, generated files into a Drive folder.

Writes are idempotent: fixed ranges are overwritten and what lies beyond is cleared (never an
append), and new Drive files are created under ids asked for beforehand, so repeating a call
whose answer was lost cannot duplicate a row or a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

from dvk.atomic import save_atomically
from dvk.errors import SourceError
from dvk.google import remote
from dvk.google.api import GoogleApi
from dvk.google.auth import DRIVE_WRITE, SHEETS_WRITE
from dvk.google.chunks import Block, request_bodies
from dvk.google.register_sync import merge_register, rectangular, replaced_ids
from dvk.google.specs import parse_spec
from dvk.register.workbook import REGISTER_SHEET, REJECTS_SHEET, STATUS_SHEET, SUPERSEDED_SHEET
from dvk.safe_text import put_cell

TABS = [REGISTER_SHEET, STATUS_SHEET, REJECTS_SHEET, SUPERSEDED_SHEET]


@dataclass
class PushResult:
    spreadsheet_id: str
    rows: int  # register rows written, orphans included
    staff_entries_kept: int  # cells staff typed in the sheet that the workbook did not have
    conflicts: int
    orphan_rows: int
    tabs: list[str] = field(default_factory=list)
    request_bytes: list[int] = field(default_factory=list)  # the size of each write call's body

    @property
    def url(self) -> str:
        return f"https://docs.google.com/spreadsheets/d/{self.spreadsheet_id}/edit"


@dataclass
class Uploaded:
    name: str
    file_id: str
    replaced: bool  # an earlier file of the same name got the new content


def _workbook_grids(path: Path) -> dict[str, list[list[object]]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 — any unreadable workbook gets the same message
        raise SourceError(f"Không mở được sổ theo dõi «{path}» ({exc}).") from exc
    if REGISTER_SHEET not in workbook.sheetnames:
        raise SourceError(f"Sổ theo dõi «{path}» không có trang «{REGISTER_SHEET}».")
    grids = {
        title: [list(row) for row in workbook[title].iter_rows(values_only=True)]
        for title in TABS
        if title in workbook.sheetnames
    }
    workbook.close()
    return grids


def _save_register_grid(path: Path, grid: list[list[object]]) -> None:
    """Bring the workbook's register tab level with the sheet (keeps the other tabs and styles)."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[REGISTER_SHEET]
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            put_cell(sheet.cell(row=r, column=c), "" if value is None else value)
    if sheet.max_row > len(grid):
        sheet.delete_rows(len(grid) + 1, sheet.max_row - len(grid))
    save_atomically(path, workbook.save)


def _padded(grid: list[list[object]], old: list[list[object]]) -> list[list[object]]:
    """The tab's new values, padded with "" to cover what the sheet held before: writing "" empties
    a cell, so the rows and columns the register no longer has are cleared by the same calls."""
    width = max((len(row) for row in grid + old), default=0)
    height = max(len(grid), len(old))
    rows = [row + [""] * (width - len(row)) for row in grid]
    return rows + [[""] * width for _ in range(height - len(rows))]


def push_register(
    register_path: Path, spreadsheet: str, credentials: str | Path | None = None, api: GoogleApi | None = None
) -> PushResult:
    """Mirror the register workbook into the Google Sheet `spreadsheet` (id or URL).

    Staff entries typed in the sheet are kept and also written back into the workbook.
    Calls: ⌈bytes / 8 MB⌉ writes + 2: the metadata, then one batch read of dvk's tabs when the
    sheet has them or one call adding them when it has none (a sheet holding only some of them
    takes both, 3).
    """
    key = parse_spec(f"gsheet:{spreadsheet}").ident
    api = api or GoogleApi(SHEETS_WRITE, credentials)
    grids = _workbook_grids(Path(register_path))
    existing = remote.spreadsheet_tabs(api, key)
    present = [title for title in grids if title in existing]
    old = remote.read_tabs(api, key, present) if present else {}
    merged = merge_register(
        grids[REGISTER_SHEET], old.get(REGISTER_SHEET, []), replaced_ids(grids.get(SUPERSEDED_SHEET, []))
    )
    grids[REGISTER_SHEET] = merged.grid
    missing = [title for title in grids if title not in existing]
    if missing:
        remote.add_tabs(api, key, missing)
    blocks = [Block(title, _padded(rectangular(grid), old.get(title, []))) for title, grid in grids.items()]
    bodies = request_bodies(blocks)
    remote.write_values(api, key, bodies)
    if merged.changed_local:
        _save_register_grid(Path(register_path), merged.grid)
    return PushResult(
        key,
        len(merged.grid) - 1,
        merged.kept,
        merged.conflicts,
        len(merged.orphans),
        list(grids),
        [len(body) for body in bodies],
    )


def upload_files(
    paths: list[Path], folder: str, credentials: str | Path | None = None, api: GoogleApi | None = None
) -> list[Uploaded]:
    """Put each file into the Drive folder (id or URL), replacing a file of the same name.

    Calls: 2 to find the folder's files, 1 for new ids when some names are new, 1 per file.
    """
    folder_id = parse_spec(f"gdrive:{folder}").ident
    for path in paths:
        if not Path(path).is_file():
            raise SourceError(f"Không tìm thấy tệp «{path}» để tải lên.")
    api = api or GoogleApi(DRIVE_WRITE, credentials)
    _, files = remote.folder_files(api, folder_id, action="tải tệp lên")
    by_name: dict[str, dict] = {}
    for file in sorted(files, key=lambda f: f.get("modifiedTime", "")):
        if file.get("mimeType") != remote.FOLDER_MIME:
            by_name[file["name"]] = file  # the most recently modified wins
    new = [Path(p) for p in paths if Path(p).name not in by_name]
    ids = iter(remote.new_file_ids(api, len(new)))
    uploaded = []
    for path in map(Path, paths):
        existing = by_name.get(path.name)
        answer = remote.upload(api, folder_id, path, existing, "" if existing else next(ids, ""))
        by_name[path.name] = answer
        uploaded.append(Uploaded(path.name, str(answer["id"]), existing is not None))
    return uploaded
