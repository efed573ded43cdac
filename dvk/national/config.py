"""The national configuration (`quoc_gia.toml`): the organisations of one national run.

Each province has its own roster, sources, registration deadline and output folder; relative
paths are relative to the configuration file's folder and "{year}" becomes the run's year.
The header and value synonyms come from one shared mappings folder (the repository's by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from dvk.errors import ConfigError
from dvk.mappings import Deadlines, Mappings, load_toml, parse_day_month, parse_full_date
from dvk.roster import load_roster
from dvk.settings import Settings
from dvk.sources import is_google_spec

DEFAULT_OUTPUT = "ket_qua/toan_quoc/{year}"


def _absolute(text: str, year: int, base: Path) -> Path:
    path = Path(text.replace("{year}", str(year))).expanduser()
    return path if path.is_absolute() else base / path


class ProvinceMappings(Mappings):
    """The shared mappings with one province's own registration deadline."""

    def __init__(self, folder: Path | None, default: str, by_year: dict[int, date]) -> None:
        super().__init__(folder)
        self._default = default
        self._by_year = by_year

    @cached_property
    def deadlines(self) -> Deadlines:
        shared = Mappings(self.folder).deadlines
        day_month = parse_day_month(self._default) if self._default else shared.default_day_month
        return Deadlines(shared.timezone, day_month, {**shared.by_year, **self._by_year})


@dataclass(frozen=True)
class Province:
    code: str
    name: str
    roster: Path
    sources: tuple[str, ...]  # files, folders or Google specs, with {year}
    output: str  # with {year}
    base: Path
    deadline: str = ""  # day/month, e.g. "31/03"; empty: the shared deadlines.toml
    deadlines_by_year: dict[int, date] = field(default_factory=dict)

    def sources_for(self, year: int) -> list[str]:
        """Google specs as written, local paths made absolute."""
        filled = [spec.replace("{year}", str(year)) for spec in self.sources]
        return [spec if is_google_spec(spec) else str(_absolute(spec, year, self.base)) for spec in filled]

    def output_for(self, year: int) -> Path:
        return _absolute(self.output, year, self.base)

    def settings(self, mappings_folder: Path | None) -> Settings:
        mappings = ProvinceMappings(mappings_folder, self.deadline, self.deadlines_by_year)
        return Settings(mappings, load_roster(self.roster, mappings), self.roster)


@dataclass(frozen=True)
class NationalConfig:
    path: Path
    title: str
    output: str
    provinces: tuple[Province, ...]
    mappings: Path | None = None

    def output_for(self, year: int) -> Path:
        return _absolute(self.output, year, self.path.parent)

    def province(self, code: str) -> Province:
        for province in self.provinces:
            if province.code.casefold() == code.strip().casefold():
                return province
        known = ", ".join(p.code for p in self.provinces)
        raise ConfigError(f"Không có tỉnh, thành phố mã «{code}» trong {self.path} (có: {known}).")

    def selected(self, codes: list[str]) -> list[Province]:
        """The provinces named (all when none), in the configuration's order."""
        if not codes:
            return list(self.provinces)
        wanted = {self.province(code).code for code in codes}
        return [p for p in self.provinces if p.code in wanted]


def _text(entry: dict, key: str, where: str, required: bool = True) -> str:
    value = entry.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise ConfigError(f"{where}: thiếu «{key}» (một chuỗi).")
    return value.strip()


def _province(entry: dict, number: int, base: Path, path: Path) -> Province:
    where = f"{path.name}, tỉnh thứ {number}"
    code = _text(entry, "code", where)
    where = f"{path.name}, tỉnh «{code}»"
    sources = entry.get("sources", [])
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) for s in sources):
        raise ConfigError(f"{where}: «sources» phải là danh sách nguồn, ít nhất một nguồn.")
    by_year = entry.get("deadlines", {})
    if not isinstance(by_year, dict):
        raise ConfigError(f'{where}: «deadlines» phải là bảng năm = "ngày/tháng/năm".')
    deadline = _text(entry, "deadline", where, required=False)
    try:
        if deadline:
            parse_day_month(deadline)
        by_date = {int(year): parse_full_date(str(text)) for year, text in by_year.items()}
    except ConfigError as exc:  # not day/month, or a day the month does not have
        raise ConfigError(f"{where}: {exc}") from exc
    except ValueError as exc:  # a year that is not a number
        raise ConfigError(
            f'{where}: «deadlines» có năm không phải số; viết dạng {{ 2026 = "10/04/2026" }}.'
        ) from exc
    return Province(
        code=code,
        name=_text(entry, "name", where),
        roster=_absolute(_text(entry, "roster", where), 0, base),
        sources=tuple(sources),
        output=_text(entry, "output", where),
        base=base,
        deadline=deadline,
        deadlines_by_year=by_date,
    )


def load_national_config(path: str | Path) -> NationalConfig:
    """Read and check the whole file; ConfigError names the file and the province at fault."""
    path = Path(path).expanduser().resolve()
    data = load_toml(path)
    base = path.parent
    entries = data.get("provinces", [])
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path.name}: chưa khai báo tỉnh, thành phố nào (mục [[provinces]]).")
    provinces = tuple(_province(entry, number, base, path) for number, entry in enumerate(entries, 1))
    codes = [p.code.casefold() for p in provinces]
    doubled = sorted({p.code for p in provinces if codes.count(p.code.casefold()) > 1})
    if doubled:
        raise ConfigError(f"{path.name}: mã tỉnh trùng nhau: {', '.join(doubled)}.")
    outputs = [str(p.output_for(2000)) for p in provinces]
    shared = sorted({p.code for p, out in zip(provinces, outputs, strict=True) if outputs.count(out) > 1})
    if shared:
        raise ConfigError(
            f"{path.name}: các tỉnh {', '.join(shared)} ghi chung một thư mục kết quả; mỗi tỉnh một thư mục."
        )
    mappings = data.get("mappings", "")
    return NationalConfig(
        path=path,
        title=str(data.get("title", "")).strip() or "Tổng hợp toàn quốc",
        output=str(data.get("output", "")).strip() or DEFAULT_OUTPUT,
        provinces=provinces,
        mappings=_absolute(mappings, 0, base) if mappings else None,
    )
