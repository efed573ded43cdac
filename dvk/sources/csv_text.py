"""CSV bytes into rows of text, whatever saved them, and never silent garbage.

Encodings: UTF-8 (with or without BOM), UTF-16 (with a BOM, or clear evidence: NUL bytes
between ASCII letters), Windows-1258 (Vietnamese "ANSI" from Excel) and TCVN3/VNI bytes; a
file that none of these reads as Vietnamese is refused with one line. A few bytes that do not
decode in an otherwise UTF-8 file become "\ufffd", which normalisation flags on its row.
Dialects: comma, semicolon or tab; CR, LF or CRLF line ends; cells up to any length (cut to
Excel's 32,767 characters, with a note). NUL and Unicode non-characters are dropped, with a note.
"""

from __future__ import annotations

import codecs
import csv
import re
import sys
import unicodedata
from collections.abc import Iterator
from itertools import chain

import viparse

from dvk.errors import SourceError
from dvk.safe_text import EXCEL_CELL_LIMIT, NOT_IN_A_CELL, excel_text
from dvk.text import looks_legacy, map_distinct, nfc, repair

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # a 131,073-character answer is still one cell

_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for vowel in "aăâeêioôơuưy"
    for base in (vowel, vowel.upper())
    for tone in _TONES
) | frozenset("đĐ")
_TYPOGRAPHY = frozenset("“”‘’–—…•°«»·×€£¥§©®™")
UNDECODABLE = "\ufffd"
LIMIT_SHOWN = f"{EXCEL_CELL_LIMIT:,}".replace(",", ".")  # 32.767, as a Vietnamese reader writes it


def _strange(text: str) -> int:
    """Non-ASCII characters that are neither Vietnamese letters nor common typography."""
    return sum(
        1
        for ch in text
        if ord(ch) > 127 and ch not in VIETNAMESE_LETTERS and ch not in _TYPOGRAPHY and not ch.isspace()
    )


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM only on clear evidence: most ASCII characters' other byte is NUL."""
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for encoding, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) <= 0.05 * len(other):
            return encoding
    return None


def _legacy(data: bytes) -> tuple[str, str] | None:
    """The 8-bit reading that gives Vietnamese text: Windows-1258, or TCVN3/VNI shown as Windows-1252."""
    candidates = []
    cp1258 = nfc(data.decode("cp1258", errors="replace"))
    candidates.append((_strange(cp1258) + cp1258.count(UNDECODABLE), "Windows-1258", cp1258))
    surface = data.decode("cp1252", errors="replace")
    for legacy, label in (("tcvn3", "TCVN3"), ("vni", "VNI")):
        try:
            text = nfc(viparse.fix(surface, encoding=legacy))
        except Exception:  # noqa: BLE001 — a converter that cannot read it is just not the answer
            continue
        candidates.append((_strange(text) + text.count(UNDECODABLE), label, text))
    score, label, text = min(candidates, key=lambda c: c[0])
    non_ascii = sum(1 for ch in text if ord(ch) > 127)
    if score > max(2, non_ascii // 20):
        return None
    return label, text


def _unknown_encoding(name: str, data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return (
            f"Không đọc được «{name}»: tệp thực ra là tệp Excel (.xlsx); đổi đuôi tệp thành .xlsx rồi "
            "chạy lại."
        )
    return (
        f"Không đọc được «{name}»: tệp CSV lưu bằng bảng mã không nhận ra được (không phải UTF-8, UTF-16, "
        "Windows-1258, TCVN3 hay VNI). Mở tệp trong Excel và lưu lại dạng «CSV UTF-8»."
    )


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text and notes (a legacy encoding converted, characters not read); SourceError when no
    encoding reads it as Vietnamese."""
    notes: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif (utf16 := _looks_utf16(data)) is not None:
        text = data.decode(utf16, errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            lenient = data.decode("utf-8", errors="replace")
            bad = lenient.count(UNDECODABLE)
            good = sum(1 for ch in lenient if ord(ch) > 127) - bad
            legacy = None if good >= 4 * bad else _legacy(data)
            if good >= 4 * bad:  # UTF-8 with a few damaged bytes: flagged on their rows
                text = lenient
            elif legacy is not None:
                encoding, text = legacy
                notes.append(f"tệp lưu bằng bảng mã {encoding}, đã đổi sang Unicode")
            else:
                raise SourceError(_unknown_encoding(name, data)) from None
    bad = text.count(UNDECODABLE)
    if bad:
        notes.append(f"{bad} ký tự không đọc được (thay bằng «{UNDECODABLE}»); các dòng có ký tự ấy bị loại")
    return text, notes


def _delimiter(text: str) -> str:
    """Comma as Google writes it; semicolon or tab when a regional Excel saved the file."""
    first_line = text.splitlines()[0] if text else ""
    counts = {delimiter: first_line.count(delimiter) for delimiter in ",;\t"}
    return max(counts, key=lambda d: (counts[d], d == ","))


_DATE_START = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


def _looks_like_a_record(line: str, delimiter: str, width: int) -> bool:
    """A line of a cell that is really a row: as many fields as the header, a date first."""
    fields = next(csv.reader([line], delimiter=delimiter), [])
    return len(fields) == width and bool(_DATE_START.match(fields[0].strip()))


def _swallowed(rows: list[list[str]], delimiter: str) -> int | None:
    """The row whose cell holds whole rows after it: an unclosed quote that a later quote closed.

    Only checked where records start with a date (Forms exports), so a long answer of several
    lines with many commas is never taken for swallowed rows."""
    width = len(rows[0]) if rows else 0
    dated = [row for row in rows[1:] if row and _DATE_START.match(row[0].strip())]
    if width < 3 or len(dated) < max(1, (len(rows) - 1) // 2):
        return None
    for number, row in enumerate(rows, start=1):
        if all(map(str.isprintable, row)):
            continue  # no line break in any cell: every line break is unprintable
        for cell in row:
            lines = cell.splitlines()
            if (
                len(lines) >= 3
                and sum(_looks_like_a_record(line, delimiter, width) for line in lines[1:]) >= 2
            ):
                return number
    return None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|\Z)")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, as a file opened with newline="" gives them (CR, LF or
    CRLF), one at a time: no second copy of a large text."""
    for match in _LINE.finditer(text):
        line = match.group()
        if line:
            yield line


def _parse(text: str, name: str) -> list[list[str]]:
    """The rows of the text; equal cells are held as one string (units, fields and choices repeat
    down a column), so the rows take little more room than the text."""
    delimiter = _delimiter(text)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    same: dict[str, str] = {}
    one = same.setdefault
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append([one(cell, cell) for cell in row])
    except csv.Error as error:
        if "unexpected end of data" not in str(error):
            lenient = csv.reader(_lines(text), delimiter=delimiter)
            return _check_swallowed([[one(cell, cell) for cell in row] for row in lenient], delimiter, name)
        raise SourceError(
            f'Không đọc được «{name}»: dấu ngoặc kép (") mở ở bản ghi thứ {len(rows) + 1} không được '
            "đóng, nên mọi dòng sau bị gộp vào một ô. Sửa ô ấy (hoặc mở tệp trong Excel và lưu lại) rồi "
            "chạy lại."
        ) from None
    return _check_swallowed(rows, delimiter, name)


def _check_swallowed(rows: list[list[str]], delimiter: str, name: str) -> list[list[str]]:
    number = _swallowed(rows, delimiter)
    if number is not None:
        raise SourceError(
            f"Không đọc được «{name}»: một ô ở bản ghi thứ {number} chứa cả những dòng sau nó (dấu ngoặc "
            "kép mở nhầm chỗ). Sửa ô ấy (hoặc mở tệp trong Excel và lưu lại) rồi chạy lại."
        )
    return rows


def clean_text(text: str) -> tuple[str, int, bool]:
    """A cell as `excel_text` gives it (no NUL, controls or non-characters, within Excel's limit),
    with how many characters it dropped and whether it was cut."""
    dropped = len(NOT_IN_A_CELL.findall(text))
    return excel_text(text), dropped, len(text) - dropped > EXCEL_CELL_LIMIT


def clean_grid(rows: list[list[object]], notes: list[str], first_row: int = 1) -> list[list[object]]:
    """Every text cell cleaned; what was dropped or cut is told in `notes`."""
    dropped_total = 0
    cleaned_rows = []
    for number, row in enumerate(rows, start=first_row):
        cleaned_row = []
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                value, dropped, cut = clean_text(value)
                dropped_total += dropped
                if cut:
                    notes.append(f"dòng {number}, cột {column}: ô dài quá {LIMIT_SHOWN} ký tự, đã cắt bớt")
            cleaned_row.append(value)
        cleaned_rows.append(cleaned_row)
    if dropped_total:
        notes.append(f"đã bỏ {dropped_total} ký tự vô hình hoặc không hợp lệ (NUL, ký tự điều khiển)")
    return cleaned_rows


def _repair_rows(rows: list[list[str]]) -> list[list[str]]:
    """Every cell as `repair` gives it (NFC, legacy bytes converted), once per distinct cell."""
    repaired: dict[str, str] = {}
    return [map_distinct(repair, row, repaired) for row in rows]


def csv_rows(text: str, name: str, notes: list[str]) -> list[list[str]]:
    """The rows of a decoded CSV text, every cell cleaned (`clean_grid`) and repaired (`repair`);
    what changed is told in `notes`.

    A cell is a piece of the text, so a text with no character to drop, in NFC and with no sign
    of legacy bytes has no cell to change: its rows are kept as the parser gave them."""
    rows = _parse(text, name)
    longest = max(map(len, chain.from_iterable(rows)), default=0)
    if longest > EXCEL_CELL_LIMIT or NOT_IN_A_CELL.search(text) is not None:
        return _repair_rows(clean_grid(rows, notes))
    if looks_legacy(text) or not unicodedata.is_normalized("NFC", text):
        return _repair_rows(rows)
    return rows
