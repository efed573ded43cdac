"""The multi-year review (sơ kết 3 năm, tổng kết 5 năm): several years' registers aggregated.

Pure: takes the registers as frames (dvk.register.read_register) and the roster, returns plain
tables. dvk.documents.review_files writes them as Excel and Word.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dvk.errors import SourceError
from dvk.register.evaluation import check_evaluations
from dvk.register.workbook import read_register
from dvk.roster import Roster
from dvk.schema import FIELD_LABELS, Field, Form, Kind
from dvk.text import match_key

TOP_REPLICATED = 10


def review_title(first: int, last: int) -> str:
    span = last - first + 1
    if span == 3:
        return f"Sơ kết 3 năm ({first}–{last})"
    if span == 5:
        return f"Tổng kết 5 năm ({first}–{last})"
    return f"Tổng hợp {span} năm ({first}–{last})"


def read_registers(paths: dict[int, Path]) -> dict[int, pd.DataFrame]:
    """Every year's register; a missing one stops the review (no review from partial data)."""
    missing = [f"năm {year}: {path}" for year, path in sorted(paths.items()) if not Path(path).exists()]
    if missing:
        raise SourceError(
            "Thiếu sổ theo dõi, chưa lập sơ kết/tổng kết:\n" + "\n".join(f"- {m}" for m in missing)
        )
    return {year: read_register(path) for year, path in sorted(paths.items())}


@dataclass
class Review:
    first_year: int
    last_year: int
    per_year: list[dict[str, object]] = field(default_factory=list)
    per_field: list[dict[str, object]] = field(default_factory=list)
    never_registered: list[dict[str, str]] = field(default_factory=list)
    most_replicated: list[dict[str, object]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # evaluation problems: rows not counted as recognised

    @property
    def title(self) -> str:
        return review_title(self.first_year, self.last_year)


def _registrations(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows that are registrations (a register may keep old rows staff commented; those count too)."""
    ids = frame["registration_id"].astype(str).str.strip()
    return frame[ids != ""]


def aggregate(registers: dict[int, pd.DataFrame], roster: Roster, mappings_folder: Path) -> Review:
    """The review tables; a year's evaluation problems are warnings, their rows not counted recognised."""
    years = sorted(registers)
    review = Review(years[0], years[-1])
    frames = {year: _registrations(registers[year]) for year in years}
    for year in years:
        frame = frames[year]
        checked = check_evaluations(frame, mappings_folder)
        review.warnings += checked.warnings(f"Sổ theo dõi năm {year}")
        review.per_year.append(
            {
                "Năm": year,
                "Số mô hình đăng ký": len(frame),
                "Số đơn vị đăng ký": frame["unit_code"].replace("", pd.NA).nunique(),
                "Xây dựng mới": int((frame["kind"] == Kind.NEW).sum()),
                "Nhân rộng": int((frame["kind"] == Kind.REPLICATED).sum()),
                "Tập thể": int((frame["form"] == Form.COLLECTIVE).sum()),
                "Cá nhân": int((frame["form"] == Form.INDIVIDUAL).sum()),
                "Được công nhận": len(checked.recognised),
            }
        )
    for item in Field:
        row: dict[str, object] = {"Lĩnh vực": FIELD_LABELS[item]}
        for year in years:
            row[str(year)] = int((frames[year]["field"] == item).sum())
        row["Cộng"] = sum(int(row[str(year)]) for year in years)
        review.per_field.append(row)

    registered = set().union(*(set(frames[y]["unit_code"].astype(str)) for y in years))
    review.never_registered = [
        {"Mã đơn vị": unit.code, "Tên đơn vị": unit.name}
        for unit in roster.units
        if unit.code not in registered
    ]

    replicated = pd.concat(
        [frames[y][frames[y]["kind"] == Kind.REPLICATED] for y in years], ignore_index=True
    )
    groups: dict[str, list[dict]] = {}
    for record in replicated.to_dict("records"):
        groups.setdefault(match_key(str(record["model_name"])), []).append(record)
    ranked = sorted(groups.values(), key=lambda rows: (-len(rows), str(rows[0]["model_name"])))
    for rows in ranked[:TOP_REPLICATED]:
        name = Counter(str(r["model_name"]) for r in rows).most_common(1)[0][0]
        review.most_replicated.append(
            {
                "Tên mô hình, điển hình": name,
                "Số lần nhân rộng": len(rows),
                "Số đơn vị": len({r["unit_code"] for r in rows}),
                "Các năm": ", ".join(
                    str(y) for y in sorted({int(r["year"]) for r in rows if str(r["year"])})
                ),
            }
        )
    review.totals = {
        "registrations": sum(int(r["Số mô hình đăng ký"]) for r in review.per_year),
        "recognised": sum(int(r["Được công nhận"]) for r in review.per_year),
        "units": len(roster.units),
        "never_registered": len(review.never_registered),
    }
    return review
