"""The steps of the yearly cycle as plain functions; the CLI and the Prefect flows call these."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from dvk.collect import Collection, collect
from dvk.outputs import CollectFiles, write_collection, write_statuses
from dvk.schema import REGISTRATION_COLUMNS, UnitStatus
from dvk.settings import Settings
from dvk.sources import SourceRead, read_sources
from dvk.status import unit_statuses
from dvk.tables import read_csv


def read_registration_sources(specs: list[str], settings: Settings, progress=None) -> SourceRead:
    return read_sources(specs, settings.mappings, progress=progress)


def normalise_registrations(read: SourceRead, year: int, settings: Settings) -> Collection:
    return collect(read, year, settings.roster, settings.mappings)


def check_units(registrations: pd.DataFrame, year: int, settings: Settings) -> pd.DataFrame:
    return unit_statuses(registrations, settings.roster, year, settings.mappings.deadlines)


def read_registrations(path: Path) -> pd.DataFrame:
    return read_csv(Path(path), REGISTRATION_COLUMNS)


@dataclass
class CollectSummary:
    """What a collection run did, in plain values (shown by the CLI and the Prefect UI)."""

    year: int
    rows_in: int
    rows_out: int
    rows_rejected: int
    rows_superseded: int
    balanced: bool
    count_line: str
    sources: list[dict] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    staff_entries_kept: int = 0
    orphan_rows: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def summarise_collection(collection: Collection, files: CollectFiles) -> CollectSummary:
    return CollectSummary(
        year=collection.year,
        rows_in=collection.rows_in,
        rows_out=collection.rows_out,
        rows_rejected=collection.rows_rejected,
        rows_superseded=collection.rows_superseded,
        balanced=collection.balanced,
        count_line=collection.count_line(),
        sources=[asdict(source) for source in collection.sources],
        skipped_files=collection.skipped_files,
        files={
            "registrations": str(files.registrations),
            "rejects": str(files.rejects),
            "superseded": str(files.superseded),
            "register": str(files.register.path),
        },
        staff_entries_kept=files.register.staff_entries_kept,
        orphan_rows=files.register.orphan_rows,
    )


@dataclass
class CheckSummary:
    year: int
    units: int
    on_time: int
    late: int
    missing: int
    below_target: int
    late_units: list[str]
    missing_units: list[str]
    below_target_units: list[str]
    file: str

    def as_dict(self) -> dict:
        return asdict(self)


def summarise_statuses(statuses: pd.DataFrame, year: int, path: Path) -> CheckSummary:
    def names(mask) -> list[str]:
        return statuses.loc[mask, "unit_name"].tolist()

    status = statuses["status"]
    below = statuses["meets_target"] == "false"
    return CheckSummary(
        year=year,
        units=len(statuses),
        on_time=int((status == UnitStatus.ON_TIME).sum()),
        late=int((status == UnitStatus.LATE).sum()),
        missing=int((status == UnitStatus.MISSING).sum()),
        below_target=int(below.sum()),
        late_units=names(status == UnitStatus.LATE),
        missing_units=names(status == UnitStatus.MISSING),
        below_target_units=names(below),
        file=str(path),
    )


def collect_to_folder(
    specs: list[str], year: int, settings: Settings, out_dir: Path, progress=None
) -> CollectSummary:
    """`dvk collect`: sources → registrations.csv, rejects.csv, superseded.csv, the register."""
    read = read_registration_sources(specs, settings, progress)
    collection = normalise_registrations(read, year, settings)
    statuses = check_units(collection.registrations, year, settings)
    files = write_collection(collection, statuses, out_dir)
    return summarise_collection(collection, files)


def check_to_folder(registrations_path: Path, year: int, settings: Settings, out_dir: Path) -> CheckSummary:
    """`dvk check`: registrations.csv + roster → unit_status.csv."""
    statuses = check_units(read_registrations(registrations_path), year, settings)
    path = write_statuses(statuses, out_dir)
    return summarise_statuses(statuses, year, path)
