"""How long a national run's two ends take: every province collected in turn, then the merge.

    uv run python bench/bench_national.py [provinces] [rows_per_province]

Generates provinces like the bundled `sample/national/` (the same generator as the tests),
each with its answers repeated up to `rows_per_province` (new response ids and model names),
runs `dvk national run`'s code in this process and prints the time of the collections, of the
merge (reading every province's register, writing the national register and the recognised
list) and the peak memory. On workers the collections run in parallel; the merge does not.
Numbers go in the closing notes, not in tests.
"""

from __future__ import annotations

import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

from dvk.national.config import load_national_config
from dvk.national.outcomes import ProvinceState
from dvk.national.province import run_province
from dvk.national.run import completed, merge_national
from dvk.national.sample import PROVINCES, sample_provinces, write_forms_export, write_national_config


def provinces_of_size(count: int, rows: int) -> list:
    templates = sample_provinces(len(PROVINCES))
    made = []
    for index in range(count):
        template = templates[index % len(templates)]
        code = f"{template.code}{index // len(templates) or ''}"
        answers = []
        for number in range(rows):
            answer = template.answers[number % len(template.answers)]
            name = f"{answer.model_name} số {number}" if answer.model_name else ""
            values = (*answer.values[:2], name, *answer.values[3:])
            answers.append(dataclasses.replace(answer, response_id=f"R{code}{number:07d}", values=values))
        made.append(
            dataclasses.replace(
                template, code=code, folder=f"{template.folder}_{index}", answers=tuple(answers)
            )
        )
    return made


def main(count: int, rows: int) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        provinces = provinces_of_size(count, rows)
        sources = {}
        for province in provinces:
            write_forms_export(folder / province.folder / "dang_ky.csv", province)
            sources[province.code] = [f"{province.folder}/dang_ky.csv"]
        config = load_national_config(write_national_config(folder, provinces, sources))
        started = time.perf_counter()
        outcomes = [completed(p, run_province(config, p, 2026)) for p in config.provinces]
        collected = time.perf_counter() - started
        started = time.perf_counter()
        merged = merge_national(config, 2026, outcomes)
        merging = time.perf_counter() - started
        assert all(o.state == ProvinceState.COMPLETED for o in merged.outcomes)
        total_rows = sum(o.rows for o in merged.outcomes)
        size = merged.files[0][1].stat().st_size / 1e6
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            "| provinces | rows | collect, all provinces in turn | merge | national register | peak memory |"
        )
        print("|---|---|---|---|---|---|")
        cells = [
            count,
            total_rows,
            f"{collected:.1f} s",
            f"{merging:.1f} s",
            f"{size:.1f} MB",
            f"{peak:.0f} MB",
        ]
        print("| " + " | ".join(str(cell) for cell in cells) + " |")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:]]
    main(arguments[0] if arguments else 34, arguments[1] if len(arguments) > 1 else 300)
