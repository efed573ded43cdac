"""Writing a collection and the unit statuses to the output folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dvk.folders import REGISTRATIONS_CSV, REJECTS_CSV, SUPERSEDED_CSV, UNIT_STATUS_CSV, register_path
from dvk.intake.collection import Collection
from dvk.register.workbook import RegisterResult, write_register
from dvk.tables import write_csv


@dataclass
class CollectFiles:
    registrations: Path
    rejects: Path
    superseded: Path
    register: RegisterResult


def write_collection(collection: Collection, statuses: pd.DataFrame, out_dir: Path) -> CollectFiles:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return CollectFiles(
        registrations=write_csv(collection.registrations, out_dir / REGISTRATIONS_CSV),
        rejects=write_csv(collection.rejects, out_dir / REJECTS_CSV),
        superseded=write_csv(collection.superseded, out_dir / SUPERSEDED_CSV),
        register=write_register(
            register_path(out_dir, collection.year),
            collection.registrations,
            collection.rejects,
            collection.superseded,
            statuses,
        ),
    )


def write_statuses(statuses: pd.DataFrame, out_dir: Path) -> Path:
    return write_csv(statuses, Path(out_dir) / UNIT_STATUS_CSV)
