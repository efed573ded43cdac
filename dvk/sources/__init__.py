"""Where registrations come from, on this computer: files and folders → sheets → raw tables.

A source spec is a local file or folder path, or a Google source ("gform:<formId>",
"gsheet:<spreadsheetId or URL>", "gdrive:<folderId>") that `dvk.google.sources` turns into
the same sheets. Each sheet is recognised by its content (not its file name) as a Forms
response list, a plain table or a unit's official form. No Google code here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dvk.mappings import Mappings
from dvk.rejects import Reject, reject
from dvk.sources.files import files_in, read_file
from dvk.sources.layout import read_sheet
from dvk.sources.model import RawTable, Sheet

GOOGLE_SPEC = re.compile(r"^(gform|gsheet|gdrive):", re.IGNORECASE)


def is_google_spec(spec: str) -> bool:
    return bool(GOOGLE_SPEC.match(spec))


@dataclass
class SourceRead:
    tables: list[RawTable] = field(default_factory=list)
    unrecognised: list[Reject] = field(default_factory=list)  # files with no table in any sheet
    skipped_files: list[str] = field(default_factory=list)  # not .csv/.xlsx in a folder

    def add_file(self, sheets: list[Sheet], mappings: Mappings) -> None:
        """Add the tables of one file's sheets; a file none of whose sheets holds one is reported."""
        found = [table for table in (read_sheet(sheet, mappings) for sheet in sheets) if table is not None]
        if found:
            self.tables.extend(found)
        elif sheets:
            name = sheets[0].source.split(" › ")[0]
            self.unrecognised.append(reject(name, "", "", "", "unrecognised_layout"))


def read_local_source(spec: str | Path, mappings: Mappings, read: SourceRead, progress=None) -> None:
    """Add every readable file of a local file or folder to `read`; SourceError when one is unreadable."""
    paths, skipped = files_in(Path(spec))
    read.skipped_files.extend(str(path) for path in skipped)
    for path in paths:
        if progress:
            progress(path.name)
        read.add_file(read_file(path), mappings)
