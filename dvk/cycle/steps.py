"""The single steps of the cycle, as plain functions over plain data.

Each is one logical step: read, normalise, check, write. `Steps` bundles them so a job can be
run directly (the CLI: `DIRECT`) or with each step as a Prefect task (the flows wrap these very
functions), without writing the sequence twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dvk.check.status import unit_statuses
from dvk.cycle.plan import RunPlan
from dvk.folders import REJECTS_CSV
from dvk.intake.collection import Collection, build_collection
from dvk.mappings import Mappings
from dvk.outputs import CollectFiles, write_collection, write_statuses
from dvk.register.evaluation import EvaluationCheck, check_evaluations
from dvk.register.workbook import read_register
from dvk.schema import REGISTRATION_COLUMNS, REJECT_COLUMNS
from dvk.settings import Settings
from dvk.sources import SourceRead, is_google_spec, read_local_source
from dvk.tables import read_csv


def read_sources(specs: list[str], mappings: Mappings, progress=None) -> SourceRead:
    """Every source, local or Google, as raw tables; SourceError when one cannot be read."""
    read = SourceRead()
    for spec in specs:
        if is_google_spec(spec):
            from dvk.google.sources import read_google_source  # the Google client only when used

            fetched = read_google_source(spec, mappings, progress=progress)
            read.skipped_files.extend(fetched.skipped_files)
            for sheets in fetched.files:
                read.add_file(sheets, mappings)
        else:
            read_local_source(spec, mappings, read, progress)
    return read


def normalise_registrations(read: SourceRead, year: int, settings: Settings) -> Collection:
    return build_collection(read, year, settings.roster, settings.mappings)


def check_units(registrations: pd.DataFrame, year: int, settings: Settings) -> pd.DataFrame:
    return unit_statuses(registrations, settings.roster, year, settings.mappings.deadlines)


def read_registrations(path: Path) -> pd.DataFrame:
    return read_csv(Path(path), REGISTRATION_COLUMNS)


def read_rejects(folder: Path) -> pd.DataFrame:
    path = Path(folder) / REJECTS_CSV
    return read_csv(path, REJECT_COLUMNS) if path.exists() else pd.DataFrame(columns=REJECT_COLUMNS)


def write_collection_files(collection: Collection, statuses: pd.DataFrame, out_dir: Path) -> CollectFiles:
    return write_collection(collection, statuses, Path(out_dir))


def write_unit_statuses(statuses: pd.DataFrame, out_dir: Path) -> Path:
    return write_statuses(statuses, Path(out_dir))


def read_evaluated_register(path: Path, mappings_folder: Path) -> EvaluationCheck:
    """The register's evaluation columns, parsed and checked once for the whole run."""
    return check_evaluations(read_register(Path(path)), mappings_folder)


def _documents_of_the_year(plan: RunPlan) -> dict:
    """The arguments every document of the year is written with, from the run's plan."""
    return dict(
        year=plan.year,
        out_dir=plan.out_dir,
        settings=plan.settings,
        organisation=plan.organisation,
        profile=plan.profile,
    )


def build_reports(plan: RunPlan):
    from dvk.documents.reports import build_reports as build

    return build(**_documents_of_the_year(plan), in_dir=plan.data_dir, reply_by=plan.reply_by, pdf=plan.pdf)


def write_results_report(plan: RunPlan, checked: EvaluationCheck):
    """Only the results report, from the evaluation already checked (the decision's).

    Called directly, not as a `Steps` field: a field needs its Prefect task name in flows/tasks.py."""
    from dvk.documents.reports import write_results_report as write

    return write(**_documents_of_the_year(plan), in_dir=plan.data_dir, checked=checked, pdf=plan.pdf)


def write_reminder_letter(plan: RunPlan, statuses: pd.DataFrame) -> Path:
    from dvk.documents.reports import write_reminder_letter as write

    return write(**_documents_of_the_year(plan), statuses=statuses, reply_by=plan.reply_by)


def allocate_number(plan: RunPlan, code: str, subject: str, on: date, requested: int | None):
    from dvk.documents.numbering import allocate, load_numbering_rules

    rules = load_numbering_rules(plan.settings.mappings.folder)
    return allocate(plan.numbering_dir, rules, code, subject, on, requested)


def write_decision(
    plan: RunPlan, checked: EvaluationCheck, number: str | None, signed_on: date | None
) -> Path:
    from dvk.documents.decision import write_decision as write

    return write(
        plan.year,
        checked,
        plan.out_dir,
        number=number,
        signed_on=signed_on,
        organisation=plan.organisation,
        profile=plan.profile,
        mappings=plan.settings.mappings.folder,
        pdf=plan.pdf,
    )


def write_reminder_list(plan: RunPlan, statuses: pd.DataFrame) -> tuple[Path, int]:
    from dvk.documents.reminder_list import write_reminder_list as write

    deadline = plan.settings.mappings.deadlines.deadline_date(plan.year)
    return write(statuses, plan.year, deadline, plan.out_dir, plan.units)


def read_registers(paths: dict[int, Path]) -> dict[int, pd.DataFrame]:
    from dvk.documents.review import read_registers as read

    return read(paths)


def aggregate_years(registers: dict[int, pd.DataFrame], settings: Settings):
    from dvk.documents.review import aggregate

    return aggregate(registers, settings.roster, settings.mappings.folder)


def write_review(plan: RunPlan, review) -> list[Path]:
    from dvk.documents.review_files import review_file_stem, write_review_docx, write_review_xlsx

    stem = Path(plan.out_dir) / review_file_stem(review)
    return [
        write_review_xlsx(review, stem.with_suffix(".xlsx")),
        write_review_docx(
            review, stem.with_suffix(".docx"), plan.organisation, plan.profile, plan.settings.mappings.folder
        ),
    ]


def push_register_to_sheet(register: Path, spreadsheet: str):
    from dvk.google.outputs import push_register

    return push_register(Path(register), spreadsheet)


def upload_to_drive(paths: list[Path], folder: str):
    from dvk.google.outputs import upload_files

    return upload_files([Path(p) for p in paths], folder)


@dataclass(frozen=True)
class Steps:
    """The steps a job may take; each field defaults to the plain function above."""

    read_sources: Callable = read_sources
    normalise_registrations: Callable = normalise_registrations
    check_units: Callable = check_units
    read_registrations: Callable = read_registrations
    read_rejects: Callable = read_rejects
    write_collection_files: Callable = write_collection_files
    write_unit_statuses: Callable = write_unit_statuses
    read_evaluated_register: Callable = read_evaluated_register
    build_reports: Callable = build_reports
    write_results_report: Callable = write_results_report
    allocate_number: Callable = allocate_number
    write_decision: Callable = write_decision
    write_reminder_list: Callable = write_reminder_list
    write_reminder_letter: Callable = write_reminder_letter
    read_registers: Callable = read_registers
    aggregate_years: Callable = aggregate_years
    write_review: Callable = write_review
    push_register_to_sheet: Callable = push_register_to_sheet
    upload_to_drive: Callable = upload_to_drive


DIRECT = Steps()
