"""Checking the staff's evaluation in the register before a recognition decision is written.

Every problem is collected (errors as data), so staff fix the register once: unknown result
or level values, recognised rows without a level, duplicate or missing registration ids,
recognised rows that are no longer in the collected data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from dvk.evaluation import LEVEL_HEADER, RESULT_HEADER, Level, Result, parse_level, parse_result
from dvk.register import DVK_NOTE, ORPHAN_NOTE

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

    def message(self) -> str:
        lines = [f"Sổ theo dõi có {len(self.problems)} lỗi ở cột đánh giá, chưa ra quyết định:"]
        lines += [f"- Dòng {p.row} ({p.registration_id or 'không mã'}): {p.message}" for p in self.problems]
        return "\n".join(lines)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value).strip()


def check_evaluations(register: pd.DataFrame, mappings: Path | None = None) -> EvaluationCheck:
    """Validate the evaluation columns of a register read by dvk.register.read_register."""
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
            verdict = parse_result(raw_result, mappings)
        except ValueError:
            problem(
                RESULT_HEADER,
                raw_result,
                "unknown_result",
                f"«{raw_result}» không phải kết quả đánh giá hợp lệ "
                "(dùng «Công nhận», «Không công nhận» hoặc «Đang đánh giá»).",
            )
            continue
        counts[str(verdict) if verdict else "empty"] += 1
        raw_level = _text(record.get(LEVEL_HEADER))
        try:
            level = parse_level(raw_level, mappings)
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
