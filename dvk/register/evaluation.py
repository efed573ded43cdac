"""The staff's evaluation in the register: result (recognised or not) and recognition level."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path

from dvk.mappings import load_toml, mappings_dir, synonym_index
from dvk.text import match_key

RESULT_HEADER = "Kết quả đánh giá"
LEVEL_HEADER = "Cấp công nhận"
SCORE_HEADER = "Điểm"
NOTE_HEADER = "Ghi chú"


class Result(StrEnum):
    RECOGNISED = "recognised"
    NOT_RECOGNISED = "not_recognised"
    PENDING = "pending"


class Level(StrEnum):
    PROVINCE = "province"
    COMMUNE = "commune"
    DEPARTMENT = "department"


LEVEL_LABELS = {Level.PROVINCE: "Cấp tỉnh", Level.COMMUNE: "Cấp xã", Level.DEPARTMENT: "Cấp sở, ngành"}


@cache
def _indexes(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    data = load_toml(folder / "evaluation.toml")
    return (
        synonym_index(data["result"], "evaluation.toml [result]"),
        synonym_index(data["level"], "evaluation.toml [level]"),
    )


def _lookup(text: object, which: int, folder: Path | None) -> str | None:
    value = "" if text is None else str(text).strip()
    if not value:
        return None
    index = _indexes(Path(folder) if folder else mappings_dir())[which]
    key = match_key(value)
    if key not in index:
        raise ValueError(value)
    return index[key]


def parse_result(text: object, folder: Path | None = None) -> Result | None:
    """The result staff typed; None when the cell is empty. ValueError when unknown."""
    found = _lookup(text, 0, folder)
    return Result(found) if found else None


def parse_level(text: object, folder: Path | None = None) -> Level | None:
    """The recognition level staff typed; None when empty. ValueError when unknown."""
    found = _lookup(text, 1, folder)
    return Level(found) if found else None
