"""What a run needs besides its inputs: the mappings folder and the roster."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dvk.mappings import Mappings
from dvk.roster import Roster, load_roster

ROSTER_FILE = "roster.csv"


@dataclass(frozen=True)
class Settings:
    mappings: Mappings
    roster: Roster
    roster_path: Path


def load_settings(roster: str | Path | None = None, mappings_dir: str | Path | None = None) -> Settings:
    """The mappings (default: the repository's `mappings/` or $DVK_MAPPINGS_DIR) and the roster
    (default: `roster.csv` in the mappings folder)."""
    mappings = Mappings(Path(mappings_dir) if mappings_dir else None)
    roster_path = Path(roster) if roster else mappings.folder / ROSTER_FILE
    return Settings(mappings, load_roster(roster_path, mappings), roster_path)
