"""User text in output files: never a formula, never a broken cell, never a path."""

from __future__ import annotations

import re
import unicodedata
from itertools import repeat

EXCEL_CELL_LIMIT = 32_767
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CSV_ESCAPE = "'"
# What an .xlsx cell cannot hold: the XML-illegal C0 controls (tab, LF and CR are fine) and the
# Unicode non-characters.
NOT_IN_A_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0-\ufdef\ufffe\uffff\U0001fffe\U0001ffff]")
_ESCAPED_STARTS = (*_FORMULA_START, _CSV_ESCAPE)


def csv_escape(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe.

    Reversible: text that already begins with an apostrophe gets one more, so
    ``csv_unescape`` gives back exactly what the user typed.
    """
    if text.startswith(_ESCAPED_STARTS):
        return _CSV_ESCAPE + text
    return text


def csv_escape_all(values: list[object]) -> list[object]:
    """A column's values with every text `csv_escape`d; numbers and dates as they are."""
    try:
        if not any(map(str.startswith, values, repeat(_ESCAPED_STARTS))):
            return values  # the usual column: all text, none of it would run (checked at C speed)
    except TypeError:
        pass  # numbers or dates among the values: escape the texts one by one
    return [csv_escape(value) if isinstance(value, str) else value for value in values]


def csv_unescape(text: str) -> str:
    if text.startswith(_CSV_ESCAPE):
        return text[1:]
    return text


def excel_text(text: str) -> str:
    """Text an .xlsx cell can hold: no XML-illegal control characters, within Excel's limit."""
    if NOT_IN_A_CELL.search(text):
        text = NOT_IN_A_CELL.sub("", text)
    if len(text) > EXCEL_CELL_LIMIT:
        text = text[: EXCEL_CELL_LIMIT - 1] + "…"
    return text


class Formula(str):
    """A formula staff typed in the register: written back as a formula, not as text."""


def put_cell(cell, value: object) -> None:
    """Store a value; a string is always stored as text, even when it starts with "=", unless it
    is a `Formula` staff typed."""
    if isinstance(value, Formula):
        cell.value = str(value)
    elif isinstance(value, str):
        cell.value = excel_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


_UNSAFE_NAME = re.compile(r"[^\w\-. ]+")
_WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{kind}{n}" for kind in ("COM", "LPT") for n in range(10)}


def safe_file_name(text: str, fallback: str = "tep") -> str:
    """A file name from user text: one path component, no traversal, no reserved characters."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE_NAME.sub("_", name).strip(" ._")
    name = re.sub(r"_+", "_", name)[:120].strip(" ._")
    stem, dot, rest = name.partition(".")
    if stem.upper() in _WINDOWS_DEVICES:
        name = f"{stem}_{dot}{rest}"  # COM1, NUL, AUX… are devices on Windows, not files
    return name or fallback
