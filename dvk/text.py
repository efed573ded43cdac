"""Text clean-up shared by every source: NFC, legacy encodings, keys for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=65_536)  # units, fields and choices repeat on every row
def match_key(text: str) -> str:
    """The key two spellings of one header, value or name share.

    NFC, case folded, accents removed, markers such as "(*)" and a trailing ":" dropped,
    punctuation turned into spaces and white space collapsed: "TÊN MÔ HÌNH (*)" and
    "ten mo hinh" give the same key.
    """
    text = _MARKERS.sub("", nfc(text)).casefold()
    text = strip_accents(text)
    text = re.sub(r"[^\w]+", " ", text)
    return _SPACES.sub(" ", text).strip()


def mark_key(text: str) -> str:
    """The key of a tick mark: its match key, or the symbol itself ("✓", "✔") when it has no letters."""
    return match_key(text) or _SPACES.sub("", nfc(text)).casefold()


def collapse_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()
