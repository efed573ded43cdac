"""The values of one sheet of a workbook, read fast, and the formulas typed in it.

calamine (Rust) reads the values about ten times faster than openpyxl and without a Python
object per cell. It gives a formula's last computed value only, so the formulas themselves are
found in the sheet's XML: a register rarely holds any, and only the cells around each `<f>` tag
are looked at.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import python_calamine

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_FORMULA_TAG = re.compile(rb"<f[\s>/]")
_CELL_REFERENCE = re.compile(rb'\br="([A-Z]{1,3})([0-9]+)"')
_FORMULA_TEXT = re.compile(rb"<f\b[^>]*?(/>|>(.*?)</f>)", re.DOTALL)
_CHUNK = 1 << 22


class UnreadableWorkbook(Exception):
    """The file is not a workbook calamine can read (damaged, not .xlsx, locked)."""


class MissingSheet(Exception):
    def __init__(self, names: list[str]) -> None:
        super().__init__(", ".join(names))
        self.names = names


@dataclass
class SheetValues:
    rows: Iterator[list[object]]  # from A1; empty cells are ""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, column) 0-based → "=…"


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - 64
    return index - 1


def _sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The path inside the package of the sheet called `sheet_name`."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationship = next(
        (
            sheet.get(_RELATIONSHIP)
            for sheet in workbook.iter(f"{_MAIN}sheet")
            if sheet.get("name") == sheet_name
        ),
        None,
    )
    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for item in relationships.iter(_PACKAGE_RELATIONSHIP):
        if item.get("Id") == relationship:
            target = item.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return str(PurePosixPath("xl") / target)
    return None


def _scan(xml: bytes, found: dict[tuple[int, int], str]) -> None:
    for tag in _FORMULA_TAG.finditer(xml):
        start = xml.rfind(b"<c ", 0, tag.start())
        reference = _CELL_REFERENCE.search(xml, start, tag.start()) if start >= 0 else None
        formula = _FORMULA_TEXT.match(xml, tag.start())
        if reference is None or formula is None or formula.group(2) is None:
            continue
        row = int(reference.group(2)) - 1
        text = html.unescape(formula.group(2).decode("utf-8", errors="replace"))
        found[(row, _column_index(reference.group(1)))] = "=" + text


def _formulas(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """Every formula written out in the sheet, by its cell (a shared formula's copies, which carry
    no text of their own, keep their computed value). The XML is read in pieces cut before a
    cell, so memory does not grow with the sheet."""
    found: dict[tuple[int, int], str] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet_name)
            if part is None:
                return found
            with archive.open(part) as stream:
                carry = b""
                while chunk := stream.read(_CHUNK):
                    data = carry + chunk
                    cut = max(data.rfind(b"<c "), 0)  # the last cell may go on in the next piece
                    _scan(data[:cut], found)
                    carry = data[cut:]
                _scan(carry, found)
    except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, OSError):
        return found
    return found


def _rows(sheet) -> Iterator[list[object]]:
    """Rows from A1: calamine leaves out the empty columns on the left."""
    pad = [""] * (sheet.start[1] if sheet.start else 0)
    for row in sheet.iter_rows():
        # Whole numbers as int, as openpyxl and a clerk read them (92, not 92.0).
        yield pad + [int(v) if type(v) is float and v.is_integer() else v for v in row]


def read_sheet(path: Path, sheet_name: str) -> SheetValues:
    """The sheet's values from A1 (read as they are iterated), and the formulas typed in it."""
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # noqa: BLE001 — calamine raises its own types for every damage
        raise UnreadableWorkbook(str(error)) from error
    if sheet_name not in book.sheet_names:
        names = list(book.sheet_names)
        book.close()
        raise MissingSheet(names)
    return SheetValues(_values(book, sheet_name), _formulas(Path(path), sheet_name))


def _values(book, sheet_name: str) -> Iterator[list[object]]:
    with book:
        try:
            sheet = book.get_sheet_by_name(sheet_name)
            yield from _rows(sheet)
        except Exception as error:  # noqa: BLE001
            raise UnreadableWorkbook(str(error)) from error
