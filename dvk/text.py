"""Text clean-up shared by every source: NFC, legacy encodings, keys for matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

import viparse

# Latin-1 letters that Vietnamese Unicode text uses. Any other character in U+00A0–U+00FF
# (©, ¸, µ, Ë, ä, ø …) is a sign of TCVN3/VNI bytes shown in a Unicode font.
_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_MARKERS = re.compile(r"\(\s*\*\s*\)|\*+\s*$|:\s*$")
_SPACES = re.compile(r"\s+")
# Characters that show nothing: zero-width spaces and joiners, word joiner, BOM, direction
# marks. A name made of them (or of NBSP) is no name. (The soft hyphen U+00AD stays: in TCVN3
# text it is the letter "ư".)
_INVISIBLE = re.compile("[\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_LEGACY_SIGNS = re.compile(
    "[" + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _VIETNAMESE_LATIN1) + "]"
)


def looks_legacy(text: str) -> bool:
    return not text.isascii() and _LEGACY_SIGNS.search(text) is not None


def legacy_encoding_of_font(font_name: str | None) -> str | None:
    """ "tcvn3" for the ".VnTime" family, "vni" for "VNI-Times" and its kin, else None."""
    name = (font_name or "").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni"):
        return "vni"
    return None


def repair(text: str, *, font_name: str | None = None) -> str:
    """NFC text, with TCVN3/VNI legacy bytes converted to Unicode.

    The cell's font, when known, names the legacy encoding; otherwise the text's own
    characters are the evidence. Text in a capitals font (".VnTimeH", "VNI-TimesH") is
    meant as capitals.
    """
    if text.isascii():
        return text  # nothing to compose, nothing legacy
    text = nfc(text)
    encoding = legacy_encoding_of_font(font_name) if font_name else None
    if encoding and not text.isascii():
        text = nfc(viparse.fix(text, encoding=encoding))
        if (font_name or "").strip().upper().endswith("H"):
            text = text.upper()
    elif looks_legacy(text):
        text = nfc(viparse.fix(text))
    return text


def clean_cell(value: object) -> str:
    """A cell as trimmed NFC text without invisible characters; None and NaN become the empty string."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    return repair(_INVISIBLE.sub("", str(value))).strip()


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


class _KeyCharacters(dict):
    """A `str.translate` table, filled as characters are met: what each character of a decomposed
    text becomes in a match key. "đ" → "d"; an accent (category Mn) is dropped; a letter, digit or
    "_" (what a regex calls a word character) stays; anything else becomes a space."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        if char in "đĐ":
            key: int | str | None = "d" if char == "đ" else "D"
        elif unicodedata.category(char) == "Mn":
            key = None
        elif char.isalnum() or char == "_":
            key = code
        else:
            key = " "
        self[code] = key
        return key


_KEY_CHARACTERS = _KeyCharacters()


@lru_cache(maxsize=65_536)  # units, fields and choices repeat on every row
def match_key(text: str) -> str:
    """The key two spellings of one header, value or name share.

    NFC, case folded, accents removed, markers such as "(*)" and a trailing ":" dropped,
    punctuation turned into spaces and white space collapsed: "TÊN MÔ HÌNH (*)" and
    "ten mo hinh" give the same key.
    """
    text = _MARKERS.sub("", nfc(text)).casefold()
    return " ".join(unicodedata.normalize("NFD", text).translate(_KEY_CHARACTERS).split())


def mark_key(text: str) -> str:
    """The key of a tick mark: its match key, or the symbol itself ("✓", "✔") when it has no letters."""
    return match_key(text) or _SPACES.sub("", nfc(text)).casefold()


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_NOT_SEEN = object()
T = TypeVar("T")


def map_distinct(
    function: Callable[[Any], T], values: Iterable[object], memo: dict[str, Any] | None = None
) -> list[T]:
    """`function` of each value, worked out once per distinct text: units, fields, choices and
    times repeat down a column. `memo` keeps the results across calls. Other values (numbers,
    dates) are worked out each time, since 1, 1.0 and True are one dictionary key."""
    memo = {} if memo is None else memo
    results: list[T] = []
    append = results.append
    for value in values:
        if value.__class__ is str:
            result = memo.get(value, _NOT_SEEN)
            if result is _NOT_SEEN:
                result = memo[value] = function(value)
            append(result)
        else:
            append(function(value))
    return results


def map_distinct_rows(function: Callable[..., T], *columns: Iterable[str | bool]) -> list[T]:
    """`function` of each row's texts (or flags) from several columns, once per distinct row."""
    memo: dict[tuple, Any] = {}
    results: list[T] = []
    append = results.append
    for row in zip(*columns, strict=True):
        result = memo.get(row, _NOT_SEEN)
        if result is _NOT_SEEN:
            result = memo[row] = function(*row)
        append(result)
    return results
