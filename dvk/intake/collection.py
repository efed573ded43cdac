"""The collection of a year: tables read → normalised registrations, rejects and replaced rows.

Pure: no files are read or written here. `Collection.balanced` is the count identity every
run checks before writing: rows in = valid + rejected + superseded.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

import pandas as pd

from dvk.intake.normalise import normalise
from dvk.intake.supersede import supersede
from dvk.mappings import Mappings
from dvk.rejects import Reject
from dvk.roster import Roster
from dvk.schema import REGISTRATION_COLUMNS, REJECT_COLUMNS
from dvk.sources import READ, SourceRead
from dvk.sources.model import ColumnReport

COLUMN_REPORT_COLUMNS = [column.name for column in fields(ColumnReport)]  # columns.csv


@dataclass
class SourceSummary:
    """One file or sheet and what became of it: read, refused or skipped, and why."""

    source: str
    layout: str
    rows: int
    unit_name: str = ""
    status: str = ""
    detail: str = ""
    notes: list[str] = field(default_factory=list)
    unrecognised_columns: list[str] = field(default_factory=list)


@dataclass
class Collection:
    year: int
    registrations: pd.DataFrame
    rejects: pd.DataFrame
    superseded: pd.DataFrame
    rows_in: int
    rows_rejected: int
    sources: list[SourceSummary] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    columns: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMN_REPORT_COLUMNS))

    @property
    def rows_out(self) -> int:
        return len(self.registrations)

    @property
    def rows_superseded(self) -> int:
        return len(self.superseded)

    @property
    def balanced(self) -> bool:
        return self.rows_in == self.rows_out + self.rows_rejected + self.rows_superseded

    def count_line(self) -> str:
        verdict = "khớp" if self.balanced else "KHÔNG KHỚP"
        return (
            f"Số dòng đọc vào {self.rows_in} = hợp lệ {self.rows_out} + bị loại "
            f"{self.rows_rejected} + bị thay thế {self.rows_superseded} ({verdict})"
        )


def frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype(object)


def _rejects_frame(rejects: list[Reject]) -> pd.DataFrame:
    return pd.DataFrame(
        {column: [getattr(found, column) for found in rejects] for column in REJECT_COLUMNS},
        columns=REJECT_COLUMNS,
        dtype=object,
    )


def build_collection(read: SourceRead, year: int, roster: Roster, mappings: Mappings) -> Collection:
    """Normalise every table read, set aside replaced rows, keep every reject; the count identity."""
    normalised = normalise(read.tables, year, roster, mappings)
    registrations = pd.DataFrame(normalised.registrations, columns=REGISTRATION_COLUMNS, dtype=object)
    kept, superseded = supersede(registrations, normalised.model_keys)
    summaries = [
        SourceSummary(
            outcome.source,
            outcome.detail if outcome.status == READ else outcome.status,
            outcome.rows,
            outcome.unit_name,
            outcome.status,
            outcome.detail,
            list(outcome.notes),
            list(outcome.unrecognised),
        )
        for outcome in read.outcomes
    ]
    columns = [asdict(column) for table in read.tables for column in table.columns]
    return Collection(
        year=year,
        registrations=kept,
        rejects=_rejects_frame(read.unrecognised + normalised.rejects),
        superseded=superseded,
        rows_in=normalised.rows_in,
        rows_rejected=normalised.rows_rejected,
        sources=summaries,
        skipped_files=read.skipped_files,
        columns=frame(columns, COLUMN_REPORT_COLUMNS),
    )
