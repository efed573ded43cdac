"""The document's serif font on this machine (Times New Roman, or Liberation Serif, which has the
same widths) and how wide a line of text is in it: rules drawn as long as the text above them,
the chart lettered in the same face as the document."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from matplotlib import font_manager
from PIL import ImageFont

POINT_MM = 25.4 / 72
_FALLBACK_EM = 0.55  # average advance of a Times letter, when no font file is found
# File name stems of each face, Times New Roman first (Windows, ttf-mscorefonts), then Liberation.
_FACES = {
    (False, False): ("times", "LiberationSerif-Regular"),
    (True, False): ("timesbd", "LiberationSerif-Bold"),
    (False, True): ("timesi", "LiberationSerif-Italic"),
    (True, True): ("timesbi", "LiberationSerif-BoldItalic"),
}


_VIETNAMESE = "ỘỦẫữ"  # precomposed letters an old font (Liberation 1.x) lacks


@cache
def _system_fonts() -> dict[str, list[str]]:
    """Font files on this machine by lower-case file stem (matplotlib's cache may predate them)."""
    found: dict[str, list[str]] = {}
    for path in sorted(font_manager.findSystemFonts()):
        found.setdefault(Path(path).stem.lower(), []).append(path)
    return found


def _writes_vietnamese(path: str) -> bool:
    try:
        cmap = TTFont(path, lazy=True).getBestCmap()
    except Exception:  # noqa: BLE001 - an unreadable font file is one we do not use
        return False
    return all(ord(letter) in cmap for letter in _VIETNAMESE)


@cache
def serif_font_file(bold: bool = False, italic: bool = False) -> str | None:
    """The face's file that has the Vietnamese letters (the one LibreOffice and Word print with)."""
    fonts = _system_fonts()
    for stem in _FACES[(bold, italic)]:
        for path in fonts.get(stem.lower(), []):
            if _writes_vietnamese(path):
                return path
    return None


@cache
def serif_family() -> str | None:
    """The serif family name, registered with matplotlib; None when neither font is installed."""
    found = None
    for bold, italic in _FACES:
        path = serif_font_file(bold, italic)
        if path:
            font_manager.fontManager.addfont(path)
            found = found or font_manager.FontProperties(fname=path).get_name()
    return found


@cache
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont | None:
    path = serif_font_file(bold, italic)
    return ImageFont.truetype(path, 1000) if path else None


def text_width_mm(text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
    """The printed width of `text` set on one line in `size_pt` points."""
    font = _font(bold, italic)
    em = font.getlength(text) / 1000 if font else len(text) * _FALLBACK_EM
    return em * size_pt * POINT_MM
