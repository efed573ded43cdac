"""How long collection takes for a province-sized and a country-sized year.

    uv run python bench/bench_collect.py [rows ...]

Builds a Forms CSV export with N responses plus 50 official-form workbooks, runs the same
steps as `dvk collect` and prints the time of each step. Numbers go in the closing notes,
not in tests.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from dvk.cycle.steps import check_units, normalise_registrations, read_sources
from dvk.demo.files import forms_timestamp, write_forms_csv, write_official_form
from dvk.demo.province import FIELD_ANSWERS, FORM_ANSWERS, KIND_ANSWERS, MODELS, unit_form_rows
from dvk.outputs import write_collection
from dvk.settings import load_settings


def build_inputs(folder: Path, rows: int, settings) -> None:
    rng = random.Random(rows)
    units = settings.roster.units
    start = datetime(2026, 3, 1, 7, 0, 0)
    answers = []
    for index in range(rows):
        field = rng.choice(list(MODELS))
        unit = rng.choice(units)
        answers.append(
            [
                forms_timestamp(start + timedelta(minutes=index * 7 % 50000)),
                "",
                rng.choice([unit.name, *unit.aliases]),
                rng.choice(FIELD_ANSWERS[field]),
                f"{rng.choice(MODELS[field])} số {index}",
                rng.choice(FORM_ANSWERS[rng.random() < 0.8]),
                "thôn An Điềm",
                "Nội dung mô hình " * rng.randrange(1, 30),
                rng.choice(KIND_ANSWERS[rng.random() < 0.6]),
            ]
        )
    write_forms_csv(folder / "forms.csv", answers)
    for number in range(50):
        unit = units[number % len(units)]
        write_official_form(folder / "don_vi" / f"{number}.xlsx", unit.name, unit_form_rows(rng, 8))


def main(sizes: list[int]) -> None:
    settings = load_settings()
    for rows in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            build_inputs(folder, rows, settings)
            timings = {}
            started = time.perf_counter()
            read = read_sources([str(folder)], settings.mappings)
            timings["read"] = time.perf_counter() - started
            mark = time.perf_counter()
            collection = normalise_registrations(read, 2026, settings)
            timings["normalise"] = time.perf_counter() - mark
            mark = time.perf_counter()
            statuses = check_units(collection.registrations, 2026, settings)
            timings["status"] = time.perf_counter() - mark
            mark = time.perf_counter()
            write_collection(collection, statuses, folder / "out")
            timings["write"] = time.perf_counter() - mark
            total = time.perf_counter() - started
            steps = ", ".join(f"{k} {v:.2f}s" for k, v in timings.items())
            print(
                f"{collection.rows_in} rows in ({rows} Forms + 400 in 50 unit forms): "
                f"{total:.2f}s total — {steps}; {collection.count_line()}"
            )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [5_000, 20_000])
