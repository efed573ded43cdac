"""Fill a .docx template with docxtpl, safely, and apply the format profile.

- Autoescape is on: `&`, `<`, quotes and Jinja-looking text in user data are inserted as text.
- StrictUndefined: a value the template asks for and the data lacks is an error, never a blank.
- Characters XML cannot hold are dropped; line breaks in an answer become line breaks in Word.
- After rendering, the profile's page size, margins, font and style sizes are applied.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate, InlineImage

from dvk.atomic import save_atomically
from dvk.documents import layout
from dvk.documents.profiles import FormatProfile
from dvk.errors import ConfigError

TEMPLATE_NAMES = (
    "tong_hop_dang_ky",
    "bieu_mau_don_vi",
    "bao_cao_ket_qua",
    "cong_van_don_doc",
    "quyet_dinh_cong_nhan",
    "so_ket_tong_ket",
)
TEMPLATES_ENV = "DVK_TEMPLATES_DIR"
DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates" / "docx"
# XML 1.0 allows tab, newline and carriage return among the control characters; docxtpl turns
# "\a" and "\f" into new paragraphs and pages, so those go too.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def templates_dir() -> Path:
    return Path(os.environ.get(TEMPLATES_ENV) or DEFAULT_TEMPLATES_DIR)


def template_path(name: str) -> Path:
    path = templates_dir() / f"{name}.docx"
    if not path.exists():
        raise ConfigError(
            f"Không tìm thấy mẫu văn bản «{path}». Dựng lại các mẫu bằng lệnh: "
            "uv run python -m dvk.documents.build_templates"
        )
    return path


def jinja_env() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def clean_text(text: str) -> str:
    """Text a .docx can hold, as the user wrote it (NFC, line breaks kept)."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _XML_ILLEGAL.sub("", text)


def clean(value):
    """`clean_text` applied to every string inside dicts and lists."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: clean(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean(item) for item in value]
    return value


@dataclass(frozen=True)
class Image:
    path: Path
    width_mm: float


def set_font_name(font, name: str) -> None:
    """The font for every script (Latin, complex, East Asian), so Word never substitutes one."""
    font.name = name
    r_pr = font.element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)


def apply_profile(document, profile: FormatProfile) -> None:
    """Page size and margins on every section (keeping its orientation), fonts and sizes, rules."""
    apply_page_and_styles(document, profile)
    layout.draw_rules(document, profile)


def apply_page_and_styles(document, profile: FormatProfile) -> None:
    """The part of the profile that does not depend on the data: page size and margins on every
    section (keeping its orientation), header column widths, fonts and style sizes."""
    page = profile.page
    for section in document.sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        width, height = Mm(page.width_mm), Mm(page.height_mm)
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin = Mm(page.top_mm)
        section.bottom_margin = Mm(page.bottom_mm)
        section.left_margin = Mm(page.left_mm)
        section.right_margin = Mm(page.right_mm)
    layout.size_header(document, profile.header_columns_mm)
    normal = document.styles["Normal"]
    set_font_name(normal.font, profile.font_name)
    normal.font.size = Pt(profile.body_pt)
    normal.paragraph_format.first_line_indent = Mm(profile.first_line_indent_mm)
    normal.paragraph_format.line_spacing = profile.line_spacing
    normal.paragraph_format.space_after = Pt(profile.space_after_pt)
    names = {style.name for style in document.styles}
    for name, spec in profile.styles.items():
        if name not in names:
            continue  # a user may delete a style from a template; the profile then has nothing to set
        font = document.styles[name].font
        if spec.size is not None:
            font.size = Pt(spec.size)
        for attribute in ("bold", "italic", "underline"):
            value = getattr(spec, attribute)
            if value is not None:
                setattr(font, attribute, value)


@contextmanager
def template_errors(path: Path) -> Iterator[None]:
    """A template's Jinja mistake, or a value it asks for and dvk lacks, as one Vietnamese line."""
    try:
        yield
    except jinja2.UndefinedError as exc:
        raise ConfigError(f"Mẫu «{path.name}» dùng một giá trị dvk không cung cấp: {exc}.") from exc
    except jinja2.TemplateSyntaxError as exc:
        raise ConfigError(
            f"Mẫu «{path.name}» có thẻ {{{{ }}}} hoặc {{% %}} viết sai (dòng {exc.lineno}): {exc.message}."
        ) from exc


def render_docx(
    name: str,
    context: dict,
    out_path: Path,
    profile: FormatProfile,
    images: dict[str, Image] | None = None,
) -> Path:
    """Render template `name` with `context` into `out_path` (written whole or not at all)."""
    path = template_path(name)
    template = DocxTemplate(path)
    data = clean(context)
    for key, image in (images or {}).items():
        data[key] = InlineImage(template, str(image.path), width=Mm(image.width_mm))
    with template_errors(path):
        template.render(data, jinja_env(), autoescape=True)
    apply_profile(template.docx, profile)
    return save_atomically(Path(out_path), template.save)


def template_variables(name: str) -> set[str]:
    """The top-level names template `name` uses (for the test that we provide them all)."""
    return DocxTemplate(template_path(name)).get_undeclared_template_variables(jinja_env())
