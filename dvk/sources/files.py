"""Local files into sheets of values: CSV as Google downloads it, and XLSX workbooks."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from dvk.errors import SourceError
from dvk.folders import REGISTRATIONS_CSV, REJECTS_CSV, SUPERSEDED_CSV, UNIT_STATUS_CSV
from dvk.sources.model import Sheet
from dvk.text import repair

READABLE_SUFFIXES = {".csv", ".xlsx", ".xlsm"}
DVK_OUTPUT_NAMES = {REGISTRATIONS_CSV, REJECTS_CSV, SUPERSEDED_CSV, UNIT_STATUS_CSV, "columns.csv"}
_REGISTER_NAME = re.compile(r"so_theo_doi_\d{4}(\.truoc_lan_chay)?\.xlsx")
_CSV_ENCODINGS = ("utf-8-sig", "utf-16", "cp1258")


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


def _decode(data: bytes, path: Path) -> str:
    for encoding in _CSV_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise SourceError(f"Không đọc được «{path.name}»: tệp CSV không phải văn bản UTF-8.")


def _delimiter(text: str) -> str:
    """Comma as Google writes it; semicolon or tab when a regional Excel saved the file."""
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in ",;\t"}
    return max(counts, key=lambda d: (counts[d], d == ","))


def _read_csv(path: Path) -> list[Sheet]:
    text = _decode(path.read_bytes(), path)
    grid = [
        [repair(cell) for cell in row] for row in csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    ]
    return [Sheet(source=path.name, grid=grid)]


def _cell_value(cell) -> object:
    value = cell.value
    if isinstance(value, str):
        return repair(value, font_name=cell.font.name if cell.font else None)
    return value


def _read_xlsx(path: Path) -> list[Sheet]:
    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as exc:
        raise SourceError(
            f"Không mở được «{path.name}»: tệp không phải Excel .xlsx hợp lệ hoặc bị hỏng ({exc})."
        ) from exc
    sheets = []
    for worksheet in workbook.worksheets:
        grid = [[_cell_value(cell) for cell in row] for row in worksheet.iter_rows()]
        label = path.name if len(workbook.worksheets) == 1 else f"{path.name} › {worksheet.title}"
        sheets.append(Sheet(source=label, grid=grid))
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
