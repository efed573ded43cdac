"""The roster of units: codes, names, old names (aliases), types and targets."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from dvk.errors import ConfigError
from dvk.mappings import Mappings, Target
from dvk.text import clean_cell, match_key

UNIT_TYPES = ("department", "front_org", "armed_forces", "commune")
UNIT_TYPE_LABELS = {
    "department": "Sở, ban, ngành",
    "front_org": "MTTQ và đoàn thể",
    "armed_forces": "Lực lượng vũ trang",
    "commune": "Xã, phường, đặc khu",
}
REQUIRED_COLUMNS = ("unit_code", "unit_name", "unit_type", "aliases")


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    unit_type: str
    aliases: tuple[str, ...]
    target: Target
    email: str = ""


class Roster:
    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self._by_key: dict[str, Unit] = {}
        for unit in units:
            for name in (unit.code, unit.name, *unit.aliases):
                key = match_key(name)
                other = self._by_key.get(key)
                if other and other.code != unit.code:
                    raise ConfigError(
                        f"Danh sách đơn vị: tên «{name}» dùng cho cả {other.code} và {unit.code}."
                    )
                self._by_key[key] = unit
        self._by_code = {unit.code: unit for unit in units}

    def find(self, name_or_code: str) -> Unit | None:
        return self._by_key.get(match_key(name_or_code)) if name_or_code else None

    def by_code(self, code: str) -> Unit | None:
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self.units)


def _int_or_none(text: str, where: str) -> int | None:
    if not text:
        return None
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError(f"{where}: chỉ tiêu «{text}» phải là số nguyên.") from exc


def load_roster(path: Path, mappings: Mappings) -> Roster:
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            columns = rows[0].keys() if rows else []
    except FileNotFoundError as exc:
        raise ConfigError(f"Không tìm thấy danh sách đơn vị {path}.") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"Danh sách đơn vị {path} phải lưu dạng CSV UTF-8.") from exc
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise ConfigError(
            f"Danh sách đơn vị {path} thiếu cột: {', '.join(missing)} (cần {', '.join(REQUIRED_COLUMNS)})."
        )
    units = []
    codes: set[str] = set()
    for number, row in enumerate(rows, start=2):
        where = f"{Path(path).name} dòng {number}"
        values = {key: clean_cell(value) for key, value in row.items() if key}
        unit_type = values["unit_type"]
        if unit_type not in UNIT_TYPES:
            raise ConfigError(f"{where}: loại đơn vị «{unit_type}» phải là một trong {UNIT_TYPES}.")
        if not values["unit_code"] or not values["unit_name"]:
            raise ConfigError(f"{where}: thiếu mã hoặc tên đơn vị.")
        default = mappings.targets.get(unit_type, Target(total=1, new=0))
        total = _int_or_none(values.get("target_total", ""), where)
        new = _int_or_none(values.get("target_new", ""), where)
        aliases = tuple(a.strip() for a in values["aliases"].split("|") if a.strip())
        if values["unit_code"] in codes:
            raise ConfigError(
                f"{where}: mã đơn vị «{values['unit_code']}» đã dùng ở một dòng trên; mỗi mã một dòng."
            )
        codes.add(values["unit_code"])
        units.append(
            Unit(
                code=values["unit_code"],
                name=values["unit_name"],
                unit_type=unit_type,
                aliases=aliases,
                target=Target(
                    total=default.total if total is None else total,
                    new=default.new if new is None else new,
                ),
                email=values.get("email", ""),
            )
        )
    return Roster(units)
