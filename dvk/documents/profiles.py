"""Format profiles: the official format rules (page, fonts, header, number and date lines) as data.

A profile is a TOML file in `mappings/formats/`; `dang` follows the Party's Hướng dẫn 36-HD/VPTW,
`nha_nuoc` the state's Nghị định 30/2020/NĐ-CP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dvk.errors import ConfigError
from dvk.mappings import load_toml, mappings_dir

FORMATS_DIR = "formats"
_STYLE_KEYS = {"size", "bold", "italic", "underline"}


@dataclass(frozen=True)
class StyleSpec:
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None


@dataclass(frozen=True)
class Page:
    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float


@dataclass(frozen=True)
class FormatProfile:
    name: str
    description: str
    page: Page
    font_name: str
    body_pt: float
    first_line_indent_mm: float
    line_spacing: float
    space_after_pt: float
    national: str
    motto: str
    star: bool
    number: str
    number_letter: str
    number_blank: str
    date: str
    date_blank: str
    basis_prefix: str
    types: dict[str, str]
    header_columns_mm: tuple[float, float] = (80.0, 85.0)
    styles: dict[str, StyleSpec] = field(default_factory=dict)
    number_digits: int = 2
    decision_authority_first: bool = False
    decision_decides: str = "{authority} QUYẾT ĐỊNH"
    signature_abbreviations: dict[str, str] = field(default_factory=dict)
    recipients_middle: str = ","
    recipients_last: str = "."
    filing_line: str = ""
    body_end: str = ""
    title_rule: str = "-----"
    rules: dict[str, float] = field(default_factory=dict)

    def rule(self, where: str) -> float:
        """The drawn rule under `issuer`, `motto` or `title`, as a fraction of the line above it
        (0: no rule)."""
        return self.rules.get(where, 0.0)


def profile_path(name: str, folder: Path | None = None) -> Path:
    return Path(folder or mappings_dir()) / FORMATS_DIR / f"{name}.toml"


def _require(table: dict, key: str, where: str):
    if key not in table:
        raise ConfigError(f"Thể thức {where} thiếu khóa «{key}».")
    return table[key]


def _style(name: str, spec: dict, where: str) -> StyleSpec:
    unknown = set(spec) - _STYLE_KEYS
    if unknown:
        raise ConfigError(f"Thể thức {where}, kiểu «{name}»: khóa không hợp lệ {sorted(unknown)}.")
    return StyleSpec(**spec)


def _rules(data: dict) -> dict:
    """The optional rule tables: [number], [decision], [signature], [recipients], [body], [rules]."""
    number, decision = data.get("number", {}), data.get("decision", {})
    recipients, body = data.get("recipients", {}), data.get("body", {})
    rules = data.get("rules", {})
    return {
        "number_digits": int(number.get("min_digits", 2)),
        "decision_authority_first": bool(decision.get("authority_first", False)),
        "decision_decides": str(decision.get("decides", "{authority} QUYẾT ĐỊNH")),
        "signature_abbreviations": {
            str(k): str(v) for k, v in data.get("signature", {}).get("abbreviations", {}).items()
        },
        "recipients_middle": str(recipients.get("middle", ",")),
        "recipients_last": str(recipients.get("last", ".")),
        "filing_line": str(recipients.get("filing", "")),
        "body_end": str(body.get("end", "")),
        "title_rule": str(rules.get("title_text", "-----")),
        "rules": {key: float(rules.get(key, 0)) for key in ("issuer", "motto", "title")},
    }


def load_profile(name: str, folder: Path | None = None) -> FormatProfile:
    """The profile `name` from `<mappings>/formats/<name>.toml`."""
    path = profile_path(name, folder)
    if not path.exists():
        available = sorted(p.stem for p in path.parent.glob("*.toml")) if path.parent.exists() else []
        raise ConfigError(
            f"Không có thể thức «{name}» ({path}). Các thể thức có sẵn: {', '.join(available) or 'không có'}."
        )
    data = load_toml(path)
    where = path.name
    page = _require(data, "page", where)
    font = _require(data, "font", where)
    header = _require(data, "header", where)
    try:
        return FormatProfile(
            name=data.get("name", name),
            description=data.get("description", name),
            page=Page(**{key: float(_require(page, key, where)) for key in Page.__dataclass_fields__}),
            font_name=str(_require(font, "name", where)),
            body_pt=float(_require(font, "body_pt", where)),
            first_line_indent_mm=float(font.get("first_line_indent_mm", 10)),
            line_spacing=float(font.get("line_spacing", 1.0)),
            space_after_pt=float(font.get("space_after_pt", 6)),
            national=str(_require(header, "national", where)),
            motto=str(header.get("motto", "")),
            star=bool(header.get("star", False)),
            number=str(_require(header, "number", where)),
            number_letter=str(header.get("number_letter", header["number"])),
            number_blank=str(header.get("number_blank", "      ")),
            date=str(_require(header, "date", where)),
            date_blank=str(_require(header, "date_blank", where)),
            basis_prefix=str(header.get("basis_prefix", "")),
            types={str(k): str(v) for k, v in _require(data, "types", where).items()},
            header_columns_mm=tuple(float(v) for v in header.get("columns_mm", (80, 85))),
            styles={name: _style(name, spec, where) for name, spec in data.get("styles", {}).items()},
            **_rules(data),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"Thể thức {where} có giá trị không hợp lệ: {exc}") from exc
