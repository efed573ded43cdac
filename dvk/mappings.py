"""The data files in `mappings/`: header and value synonyms, deadlines, targets."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from dvk.errors import ConfigError
from dvk.schema import Field, Form, Kind
from dvk.text import mark_key, match_key

DEFAULT_MAPPINGS_DIR = Path(__file__).resolve().parent.parent / "mappings"
MAPPINGS_ENV = "DVK_MAPPINGS_DIR"


def mappings_dir() -> Path:
    return Path(os.environ.get(MAPPINGS_ENV) or DEFAULT_MAPPINGS_DIR)


def load_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError(f"Không tìm thấy tệp cấu hình {path}.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Tệp cấu hình {path} viết sai cú pháp TOML: {exc}") from exc


def synonym_index(table: dict[str, list[str]], what: str) -> dict[str, str]:
    """Map each synonym's match key to its canonical name; refuse a key used twice."""
    index: dict[str, str] = {}
    for canonical, synonyms in table.items():
        for synonym in [canonical, *synonyms]:
            key = match_key(str(synonym))
            if index.get(key, canonical) != canonical:
                raise ConfigError(
                    f"Trong {what}, «{synonym}» vừa thuộc «{index[key]}» vừa thuộc «{canonical}»."
                )
            index[key] = canonical
    return index


@dataclass(frozen=True)
class Deadlines:
    timezone: ZoneInfo
    default_day_month: tuple[int, int]
    by_year: dict[int, date]

    def deadline_date(self, year: int) -> date:
        if year in self.by_year:
            return self.by_year[year]
        day, month = self.default_day_month
        return date(year, month, day)

    def deadline_end(self, year: int) -> datetime:
        """The first instant that is late: 00:00 of the day after the deadline."""
        next_day = self.deadline_date(year) + timedelta(days=1)
        return datetime.combine(next_day, time(0, 0), tzinfo=self.timezone)

    def is_late(self, submitted_at: datetime, year: int) -> bool:
        return self.lateness(year)(submitted_at)

    def lateness(self, year: int) -> Callable[[datetime], bool]:
        """`is_late` for the times of one year, with its deadline worked out once."""
        end = self.deadline_end(year)
        return lambda submitted_at: submitted_at >= end


@dataclass(frozen=True)
class Target:
    total: int
    new: int

    def describe(self) -> str:
        parts = []
        if self.total:
            parts.append(f"ít nhất {self.total} mô hình")
        if self.new:
            parts.append(f"ít nhất {self.new} mô hình xây dựng mới")
        return "; ".join(parts) or "không giao chỉ tiêu"


def parse_day_month(text: str) -> tuple[int, int]:
    """A deadline written as day/month (31/03); ConfigError in Vietnamese otherwise."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*", text)
    if not match:
        raise ConfigError(f"Hạn mặc định «{text}» phải có dạng ngày/tháng, ví dụ 31/03.")
    day, month = int(match[1]), int(match[2])
    try:
        date(2024, month, day)  # validates; a leap year allows 29/02
    except ValueError as exc:
        message = f"Hạn mặc định «{text}» không phải một ngày có thật (ngày/tháng, ví dụ 31/03)."
        raise ConfigError(message) from exc
    return day, month


def parse_full_date(text: str) -> date:
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", text)
    if not match:
        raise ConfigError(f"Hạn «{text}» phải có dạng ngày/tháng/năm, ví dụ 01/05/2021.")
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError as exc:
        message = f"Hạn «{text}» không phải một ngày có thật (ngày/tháng/năm, ví dụ 01/05/2021)."
        raise ConfigError(message) from exc


class Mappings:
    """Everything in one `mappings/` folder, loaded lazily."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else mappings_dir()

    @cached_property
    def headers(self) -> dict[str, str]:
        """match key of a header wording → canonical column name."""
        data = load_toml(self.folder / "headers.toml")
        return synonym_index(data["columns"], "headers.toml")

    @cached_property
    def _values(self) -> dict:
        return load_toml(self.folder / "values.toml")

    @cached_property
    def fields(self) -> dict[str, Field]:
        index = synonym_index(self._values["field"], "values.toml [field]")
        return {key: Field(value) for key, value in index.items()}

    @cached_property
    def forms(self) -> dict[str, Form]:
        index = synonym_index(self._values["form"], "values.toml [form]")
        return {key: Form(value) for key, value in index.items()}

    @cached_property
    def kinds(self) -> dict[str, Kind]:
        index = synonym_index(self._values["kind"], "values.toml [kind]")
        return {key: Kind(value) for key, value in index.items()}

    @cached_property
    def marks(self) -> frozenset[str]:
        return frozenset(mark_key(str(mark)) for mark in self._values["mark"]["yes"])

    @cached_property
    def deadlines(self) -> Deadlines:
        data = load_toml(self.folder / "deadlines.toml")
        return Deadlines(
            timezone=ZoneInfo(data.get("timezone", "Asia/Ho_Chi_Minh")),
            default_day_month=parse_day_month(data.get("default", "31/03")),
            by_year={int(year): parse_full_date(text) for year, text in data.get("years", {}).items()},
        )

    @cached_property
    def targets(self) -> dict[str, Target]:
        data = load_toml(self.folder / "targets.toml")
        return {
            unit_type: Target(total=int(spec.get("total", 0)), new=int(spec.get("new", 0)))
            for unit_type, spec in data.items()
        }

    def header_for(self, text: str) -> str | None:
        """The field a header names by its whole wording (dvk.sources.headers reads it as a person)."""
        return self.headers.get(match_key(text))

    def is_mark(self, text: str) -> bool:
        return bool(text) and mark_key(text) in self.marks
