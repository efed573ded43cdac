"""The staff's evaluation in the register, parsed once for every step that needs it.

Staff type a result ("Kết quả đánh giá") and a recognition level ("Cấp công nhận") for each row;
the words they may use are in the run's `evaluation.toml`. `check_evaluations` reads every row
and collects every problem (errors as data), so staff fix the register once: unknown result or
level values, recognised rows without a level, duplicate or missing registration ids,
recognised rows no longer in the collected data. The decision refuses to go on with problems;
reports and reviews show them as warnings and count only what is valid.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

import pandas as pd

from dvk.mappings import load_toml, synonym_index
from dvk.register.workbook import DVK_NOTE, ORPHAN_NOTE
from dvk.text import match_key

RESULT_HEADER = "Kết quả đánh giá"
LEVEL_HEADER = "Cấp công nhận"


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


def _lookup(text: object, which: int, folder: Path) -> str | None:
    value = "" if text is None else str(text).strip()
    if not value:
        return None
    index = _indexes(Path(folder))[which]
    key = match_key(value)
    if key not in index:
        raise ValueError(value)
    return index[key]


def parse_result(text: object, mappings_folder: Path) -> Result | None:
    """The result staff typed; None when the cell is empty. ValueError when unknown."""
    found = _lookup(text, 0, mappings_folder)
    return Result(found) if found else None


def parse_level(text: object, mappings_folder: Path) -> Level | None:
    """The recognition level staff typed; None when empty. ValueError when unknown."""
    found = _lookup(text, 1, mappings_folder)
    return Level(found) if found else None


# How many register rows carry each result; "not_evaluated" is an empty result cell.
RESULT_LABELS = {
    "recognised": "Công nhận",
    "not_recognised": "Không công nhận",
    "pending": "Đang đánh giá",
    "not_evaluated": "Chưa đánh giá",
}


PROBLEM_HEADERS_VI = {
    "row": "Dòng trong sổ",
    "registration_id": "Mã bản đăng ký",
    "model_name": "Tên mô hình, điển hình",
    "column": "Cột",
    "value": "Giá trị",
    "message": "Lỗi",
}


@dataclass(frozen=True)
class Problem:
    row: int
    registration_id: str
    model_name: str
    column: str
    value: str
    code: str
    message: str

    def as_row(self) -> dict[str, object]:
        values = asdict(self)
        return {label: values[key] for key, label in PROBLEM_HEADERS_VI.items()}


@dataclass
class EvaluationCheck:
    problems: list[Problem] = field(default_factory=list)
    recognised: pd.DataFrame = field(default_factory=pd.DataFrame)
    levels: dict[str, Level] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def warnings(self, where: str) -> list[str]:
        """The problems as one line each, for reports that go on without the rows concerned."""
        return [
            f"{where}, dòng {p.row} («{p.model_name}»): {p.message} Chưa tính dòng này."
            for p in self.problems
        ]

    def message(self) -> str:
        lines = [f"Sổ theo dõi có {len(self.problems)} lỗi ở cột đánh giá, chưa ra quyết định:"]
        lines += [f"- Dòng {p.row} ({p.registration_id or 'không mã'}): {p.message}" for p in self.problems]
        return "\n".join(lines)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def check_evaluations(register: pd.DataFrame, mappings_folder: Path) -> EvaluationCheck:
    """Validate the evaluation columns of a register read by `dvk.register.workbook.read_register`."""
    result = EvaluationCheck()
    counts: Counter[str] = Counter()
    ids = Counter(_text(v) for v in register.get("registration_id", pd.Series(dtype=object)))
    recognised_index = []
    for index, record in enumerate(register.to_dict("records")):
        row = index + 2  # the header is row 1
        reg_id = _text(record.get("registration_id"))
        name = _text(record.get("model_name"))

        def problem(column: str, value: str, code: str, message: str) -> None:
            result.problems.append(Problem(row, reg_id, name, column, value, code, message))  # noqa: B023

        if not reg_id:
            problem("Mã bản đăng ký", "", "missing_id", "Thiếu «Mã bản đăng ký» (đừng xóa cột mã trong sổ).")
        elif ids[reg_id] > 1:
            problem(
                "Mã bản đăng ký",
                reg_id,
                "duplicate_id",
                f"Mã «{reg_id}» xuất hiện {ids[reg_id]} lần; mỗi mô hình chỉ một dòng (xóa dòng chép thừa).",
            )
        raw_result = _text(record.get(RESULT_HEADER))
        try:
            verdict = parse_result(raw_result, mappings_folder)
        except ValueError:
            problem(
                RESULT_HEADER,
                raw_result,
                "unknown_result",
                f"«{raw_result}» không phải kết quả đánh giá hợp lệ "
                "(dùng «Công nhận», «Không công nhận» hoặc «Đang đánh giá»).",
            )
            continue
        counts[str(verdict) if verdict else "not_evaluated"] += 1
        raw_level = _text(record.get(LEVEL_HEADER))
        try:
            level = parse_level(raw_level, mappings_folder)
        except ValueError:
            problem(
                LEVEL_HEADER,
                raw_level,
                "unknown_level",
                f"«{raw_level}» không phải cấp công nhận hợp lệ "
                "(dùng «Cấp tỉnh», «Cấp xã» hoặc «Cấp sở, ngành»).",
            )
            continue
        if verdict != Result.RECOGNISED:
            continue
        if level is None:
            problem(LEVEL_HEADER, "", "missing_level", "Được công nhận nhưng chưa ghi «Cấp công nhận».")
            continue
        if _text(record.get(DVK_NOTE)) == ORPHAN_NOTE:
            problem(
                RESULT_HEADER,
                raw_result,
                "orphan_recognised",
                "Được công nhận nhưng mô hình không còn trong dữ liệu đăng ký lần này; "
                "kiểm tra lại hoặc xóa kết quả đánh giá của dòng này.",
            )
            continue
        recognised_index.append(index)
        result.levels[reg_id] = level
    result.recognised = register.iloc[recognised_index].reset_index(drop=True)
    result.counts = dict(counts)
    return result
