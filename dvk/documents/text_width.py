"""The document's serif font on this machine (Times New Roman, or Liberation Serif, which has the
same widths) and how wide a line of text is in it: rules drawn as long as the text above them,
the chart lettered in the same face as the document."""

from __future__ import annotations

from functools import cache
from pathlib import Path

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


@cache
def _system_fonts() -> dict[str, str]:
    """Font files on this machine by lower-case file stem (matplotlib's cache may predate them)."""
    return {Path(path).stem.lower(): path for path in font_manager.findSystemFonts()}


def serif_font_file(bold: bool = False, italic: bool = False) -> str | None:
    fonts = _system_fonts()
    for stem in _FACES[(bold, italic)]:
        if stem.lower() in fonts:
            return fonts[stem.lower()]
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
