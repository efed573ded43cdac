"""What a step did, in plain values: shown by the CLI, the Prefect UI and returned by the flows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from dvk.check.counts import UnitCounts, unit_counts
from dvk.intake.collection import Collection
from dvk.outputs import CollectFiles


@dataclass
class CollectSummary:
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
class CheckSummary(UnitCounts):
    """The unit counts of a check, with the year and the unit-status file written."""

    year: int = 0
    file: str = ""


def summarise_statuses(statuses: pd.DataFrame, year: int, path: Path) -> CheckSummary:
    return CheckSummary(**asdict(unit_counts(statuses)), year=year, file=str(path))
