"""A run's settings, complete: what the CLI options or the Prefect form resolve to.

Every step of the cycle takes its configuration from here (the mappings folder, the roster,
the document profile, the numbering register), never re-reading a default half-way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dvk.settings import Settings


@dataclass
class RunPlan:
    """Absolute paths, known unit codes, every default applied."""

    year: int
    settings: Settings
    out_dir: Path
    sources: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)  # narrows what is shown and reminded, not the files
    profile: str | None = None
    organisation: Path | None = None
    pdf: bool = False
    numbering_dir: Path | None = None  # None: numbers are not allocated (the clerk writes them by hand)
    register_paths: dict[int, Path] = field(default_factory=dict)  # the review's registers by year
    register_sheet: str = ""  # Google Sheet to mirror the register into, when given
    drive_folder: str = ""  # Google Drive folder to upload the documents to, when given
    in_dir: Path | None = None  # where collect/check wrote their files, when not out_dir
    register: Path | None = None  # the evaluated register, when not the year's one in in_dir
    reply_by: date | None = None  # the reminder letter's answer date (None: a week after the run)

    @property
    def roster(self) -> str:
        return str(self.settings.roster_path)

    @property
    def data_dir(self) -> Path:
        """The folder holding registrations.csv, unit_status.csv and the register."""
        return Path(self.in_dir or self.out_dir)
