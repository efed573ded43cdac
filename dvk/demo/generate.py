"""Generated years of any size, shaped like the sample province: for benchmarks and tests.

Deterministic for a seed. The same builders make a test's 200 rows and a benchmark's 100,000:
a Google Forms export, a roster of many units, and staff entries typed into a register.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from dvk.demo.evaluations import fill_register
from dvk.demo.files import forms_timestamp, write_forms_csv
from dvk.demo.province import FIELD_ANSWERS, FORM_ANSWERS, KIND_ANSWERS, MODELS, PLACES
from dvk.register.workbook import read_register

ROSTER_HEADER = ["unit_code", "unit_name", "unit_type", "aliases", "target_total", "target_new", "email"]
CONTENT = (
    "Mô hình giúp người dân {place} giải quyết việc {topic}; do chi hội và tổ dân vận thực hiện; "
    "dự kiến {count} hộ được hưởng lợi, đời sống nâng lên, an ninh trật tự bảo đảm."
)
TOPICS = ["sinh kế", "vệ sinh môi trường", "an ninh trật tự", "xây dựng nông thôn mới", "chuyển đổi số"]


@dataclass(frozen=True)
class GeneratedUnit:
    code: str
    name: str
    unit_type: str


def generated_units(count: int) -> list[GeneratedUnit]:
    """`count` units: one department in ten, the rest communes and wards (names unique)."""
    units = []
    for number in range(1, count + 1):
        if number % 10 == 1:
            units.append(GeneratedUnit(f"S{number:04d}", f"Sở số {number}", "department"))
        else:
            kind = "Phường" if number % 3 == 0 else "Xã"
            units.append(GeneratedUnit(f"X{number:04d}", f"{kind} số {number}", "commune"))
    return units


def write_roster(path: Path, units: list[GeneratedUnit]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ROSTER_HEADER)
        for unit in units:
            writer.writerow(
                [unit.code, unit.name, unit.unit_type, "", "", "", f"{unit.code.lower()}@example.gov.vn"]
            )
    return path


def forms_answers(unit_names: list[str], rows: int, seed: int = 2026, year: int = 2026) -> list[list[object]]:
    """`rows` answers as a Google Forms export holds them, values written the ways units write them.

    About one answer in twenty-five re-sends an earlier model of the same unit (superseded)."""
    rng = random.Random(seed)
    start = datetime(year, 3, 1, 7, 0, 0)
    answers: list[list[object]] = []
    fields = list(MODELS)
    for index in range(rows):
        if answers and rng.random() < 0.04:
            again = list(rng.choice(answers))
            again[0] = forms_timestamp(start + timedelta(minutes=index * 7 % 40000 + 1))
            answers.append(again)
            continue
        field = rng.choice(fields)
        name = f"{rng.choice(MODELS[field])} số {index}"
        place = rng.choice(PLACES)
        answers.append(
            [
                forms_timestamp(start + timedelta(minutes=index * 7 % 40000)),
                "",
                rng.choice(unit_names),
                rng.choice(FIELD_ANSWERS[field]),
                name,
                rng.choice(FORM_ANSWERS[rng.random() < 0.8]),
                place,
                CONTENT.format(place=place, topic=rng.choice(TOPICS), count=rng.randrange(10, 500)),
                rng.choice(KIND_ANSWERS[rng.random() < 0.6]),
            ]
        )
    return answers


def write_forms_export(
    path: Path, unit_names: list[str], rows: int, seed: int = 2026, year: int = 2026
) -> Path:
    """A Google Forms CSV export of `rows` answers from the given units."""
    return write_forms_csv(path, forms_answers(unit_names, rows, seed, year))


def type_staff_entries(register: Path, share: float, seed: int = 7, recognised: int | None = None) -> int:
    """Staff evaluate `share` of the register's rows (a score and a result; the first `recognised`
    of them "Công nhận" at province level, the rest "Không công nhận"). Returns rows typed."""
    ids = read_register(register)["registration_id"].tolist()
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(ids)), max(1, round(len(ids) * share))))
    limit = len(chosen) if recognised is None else recognised
    entries = {}
    for position, index in enumerate(chosen):
        yes = position < limit
        entries[ids[index]] = {
            "Điểm": rng.randrange(50, 100),
            "Kết quả đánh giá": "Công nhận" if yes else "Không công nhận",
            "Cấp công nhận": "Cấp tỉnh" if yes else None,
        }
    return fill_register(register, entries)


def write_collect_inputs(folder: Path, rows: int) -> tuple[Path, Path]:
    """The roster and the Forms export a benchmark of `dvk collect` reads: `rows` answers from one
    unit for every 3,000 answers (at least 31 units)."""
    units = generated_units(max(31, rows // 3000))
    roster = write_roster(folder / "roster.csv", units)
    return roster, write_forms_export(folder / "forms.csv", [unit.name for unit in units], rows)
