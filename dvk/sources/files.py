"""Local files into sheets of values: CSV as Google downloads it, and XLSX workbooks."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from dvk.errors import SourceError
from dvk.folders import (
    BACKUP_SUFFIX,
    COLUMNS_CSV,
    REGISTRATIONS_CSV,
    REJECTS_CSV,
    SUPERSEDED_CSV,
    UNIT_STATUS_CSV,
)
from dvk.sources.csv_text import clean_grid, csv_rows, decode
from dvk.sources.model import Sheet
from dvk.text import repair

READABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
DVK_OUTPUT_NAMES = {REGISTRATIONS_CSV, REJECTS_CSV, SUPERSEDED_CSV, UNIT_STATUS_CSV, COLUMNS_CSV}
_REGISTER_NAME = re.compile(rf"so_theo_doi_\d{{4}}(?:{re.escape(BACKUP_SUFFIX)}|\.xlsx)")


def is_dvk_output(path: Path) -> bool:
    """A list or register dvk wrote (an output folder inside the source folder): never a source."""
    return path.name in DVK_OUTPUT_NAMES or bool(_REGISTER_NAME.fullmatch(path.name))


def files_in(spec: Path) -> tuple[list[Path], list[Path]]:
    """The readable files a path names, and the files in a folder that are skipped."""
    if spec.is_dir():
        found = sorted(
            path for path in spec.rglob("*") if path.is_file() and not path.name.startswith((".", "~$"))
        )
        readable = [p for p in found if p.suffix.lower() in READABLE_SUFFIXES and not is_dvk_output(p)]
        skipped = [path for path in found if path not in readable]
        return readable, skipped
    if spec.is_file():
        return [spec], []
    raise SourceError(f"Không tìm thấy tệp hoặc thư mục «{spec}».")


def _read_csv(path: Path) -> list[Sheet]:
    text, notes = decode(path.read_bytes(), path.name)  # the bytes are let go before parsing
    grid = csv_rows(text, path.name, notes)
    del text
    if not any(any(cell.strip() for cell in row) for row in grid):
        return []  # an empty file: the caller names it
    return [Sheet(source=path.name, grid=grid, notes=tuple(notes))]


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, str):
        return repair(value, font_name=cell.font.name if cell.font else None)
    return value


def _used_extent(worksheet) -> tuple[int, int]:
    """The last row and column holding a value: a cell formatted at row 1,048,576 does not count."""
    last_row = last_column = 0
    for (row, column), cell in worksheet._cells.items():  # the cells the file stores, not the dimension
        if cell.value is not None and cell.value != "":
            last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


def _read_xlsx(path: Path) -> list[Sheet]:
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SourceError(
            f"Không mở được «{path.name}»: tệp không phải Excel .xlsx hợp lệ hoặc bị hỏng ({exc})."
        ) from exc
    sheets = []
    for worksheet in workbook.worksheets:
        last_row, last_column = _used_extent(worksheet)
        rows = worksheet.iter_rows(min_row=1, max_row=last_row, max_col=last_column) if last_row else iter(())
        notes: list[str] = []
        grid = clean_grid([[_cell_value(cell) for cell in row] for row in rows], notes)
        label = path.name if len(workbook.worksheets) == 1 else f"{path.name} › {worksheet.title}"
        sheets.append(Sheet(source=label, grid=grid, notes=tuple(notes)))
    workbook.close()
    return sheets


def read_file(path: Path) -> list[Sheet]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path)
    raise SourceError(
        f"Không đọc được «{path.name}»: chỉ nhận tệp .csv, .xlsx (tệp .xls cũ hãy lưu lại thành .xlsx)."
    )
