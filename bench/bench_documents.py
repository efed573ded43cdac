"""How long the documents take: the demo data and a generated year of 5,000 registrations.

    uv run python bench/bench_documents.py [rows ...]     (default: 5000)
    uv run python bench/bench_documents.py --units 2773 10000

Prints the time of each document. With --units, the rows are spread over that many generated units
(issue 12's country-sized case) and the unit forms are also timed the way they were made before
(`render_docx` for each unit, on the first units only). Numbers go in the closing notes, not in tests.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from dvk.check.counts import unit_counts
from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import check_units
from dvk.demo.province import MODELS, SAMPLE_DIR, YEAR
from dvk.documents import contexts
from dvk.documents.organisation import load_organisation
from dvk.documents.profiles import load_profile
from dvk.documents.render import render_docx
from dvk.documents.reports import build_reports, write_unit_forms
from dvk.documents.statistics import field_statistics
from dvk.documents.workbook import write_workbook
from dvk.schema import REGISTRATION_COLUMNS, Field, Form, Kind
from dvk.settings import load_settings
from dvk.tables import write_csv


def generated(rows: int, settings, units=None) -> pd.DataFrame:
    """`rows` registrations from the roster's units, or from `units` (anything with .code and .name)."""
    rng = random.Random(rows)
    units = units or settings.roster.units
    records = []
    for index in range(rows):
        field = rng.choice(list(Field))
        unit = rng.choice(units)
        name = f"{rng.choice(MODELS[field])} số {index}"
        records.append(
            {
                "registration_id": f"DK{YEAR}-{index:08d}",
                "year": str(YEAR),
                "unit_code": unit.code,
                "unit_name": unit.name,
                "field": field.value,
                "model_name": name,
                "form": rng.choice(list(Form)).value,
                "address": f"thôn {index % 97}, {unit.name}",
                "content": f"Giải quyết vấn đề của Nhân dân; do chi hội thực hiện; kết quả dự kiến: {name} "
                * rng.randint(1, 4),
                "kind": rng.choice(list(Kind)).value,
                "submitted_at": "2026-03-10T09:00:00+07:00",
                "late": "false",
                "source": "bench.csv",
                "source_row": str(index + 2),
            }
        )
    return pd.DataFrame(records, columns=REGISTRATION_COLUMNS).astype(object)


def timed(label: str, action):
    started = time.perf_counter()
    result = action()
    print(f"  {label:<42} {time.perf_counter() - started:7.2f} s", flush=True)
    return result


def consolidated_only(folder: Path, out: Path, settings) -> None:
    """The consolidated .docx and .xlsx alone, step by step."""
    from dvk.schema import UNIT_STATUS_COLUMNS
    from dvk.tables import read_csv

    registrations = read_csv(folder / "registrations.csv", REGISTRATION_COLUMNS)
    statuses = read_csv(folder / "unit_status.csv", UNIT_STATUS_COLUMNS)
    profile, org = load_profile("dang"), load_organisation()
    registrations = contexts.ordered(registrations, statuses["unit_code"].tolist())
    stats, units = field_statistics(registrations), unit_counts(statuses)
    context = timed(
        "context (pure)",
        lambda: contexts.consolidated_context(profile, org, YEAR, registrations, stats, units),
    )
    timed(
        "tong_hop_dang_ky .docx",
        lambda: render_docx("tong_hop_dang_ky", context, out / "tong_hop.docx", profile),
    )
    timed(
        "tong_hop_dang_ky .xlsx",
        lambda: write_workbook(
            out / "tong_hop.xlsx",
            YEAR,
            org.issuing_body_full,
            context["sections"],
            context["totals"],
            stats,
            units,
            statuses,
            pd.DataFrame(columns=["source", "source_row", "column", "value", "code", "message"]),
        ),
    )
    forms = timed(
        "bieu_mau/<unit>.docx (all units)", lambda: write_unit_forms(YEAR, registrations, out / "bm", profile)
    )
    print(f"  ({len(forms)} unit forms, {len(registrations)} registrations)")


def unit_forms_side_by_side(folder: Path, out: Path, sample: int = 200) -> None:
    """The unit forms from one prepared template, and the first `sample` of them rendered afresh."""
    from dvk.schema import UNIT_STATUS_COLUMNS
    from dvk.tables import read_csv

    registrations = read_csv(folder / "registrations.csv", REGISTRATION_COLUMNS)
    statuses = read_csv(folder / "unit_status.csv", UNIT_STATUS_COLUMNS)
    registrations = contexts.ordered(registrations, statuses["unit_code"].tolist())
    profile = load_profile("dang")
    started = time.process_time()
    forms = write_unit_forms(YEAR, registrations, out / "prepared", profile)
    prepared = (time.process_time() - started) / len(forms)
    started = time.process_time()
    for index, (_, context) in enumerate(contexts.unit_form_contexts(YEAR, registrations)):
        if index == sample:
            break
        render_docx("bieu_mau_don_vi", context, out / "afresh" / f"{index}.docx", profile)
    afresh = (time.process_time() - started) / min(sample, len(forms))
    print(f"  unit forms, {len(forms)} units: {prepared * 1000:.1f} ms CPU each from a prepared template")
    ratio = afresh / prepared
    print(f"  (render_docx for each, as before: {afresh * 1000:.1f} ms CPU each, {ratio:.0f}× as much)")


def country(unit_count: int, rows: int, root: Path, settings) -> None:
    from dvk.demo.generate import generated_units

    folder = root / f"country{unit_count}"
    frame = generated(rows, settings, generated_units(unit_count))
    write_csv(frame, folder / "registrations.csv")
    write_csv(check_units(frame, YEAR, settings), folder / "unit_status.csv")
    print(f"{rows} generated registrations from {unit_count} units:")
    unit_forms_side_by_side(folder, root / f"country{unit_count}_forms")


def main(argv: list[str]) -> None:
    settings = load_settings()
    if argv[:1] == ["--units"]:
        with tempfile.TemporaryDirectory() as tmp:
            country(int(argv[1]), int(argv[2]) if len(argv) > 2 else 10_000, Path(tmp), settings)
        return
    sizes = [int(a) for a in argv] or [5000]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        demo = root / "demo"
        jobs.collect(RunPlan(YEAR, settings, demo, sources=[str(SAMPLE_DIR / str(YEAR))]))
        jobs.check(RunPlan(YEAR, settings, demo), registrations=demo / "registrations.csv")
        print("Demo data (sample province):")
        consolidated_only(demo, root / "demo_out", settings)
        timed("build_reports (everything)", lambda: build_reports(YEAR, demo, root / "demo_all", settings))
        for rows in sizes:
            folder = root / f"gen{rows}"
            frame = generated(rows, settings)
            write_csv(frame, folder / "registrations.csv")
            write_csv(check_units(frame, YEAR, settings), folder / "unit_status.csv")
            print(f"{rows} generated registrations:")
            consolidated_only(folder, root / f"gen{rows}_out", settings)
            timed(
                "build_reports (everything)",
                lambda f=folder, r=rows: build_reports(YEAR, f, root / f"all{r}", settings),
            )


if __name__ == "__main__":
    main(sys.argv[1:])
