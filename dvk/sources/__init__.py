"""Where registrations come from. A source spec is a local file or folder path, or a Google
source ("gform:<formId>", "gsheet:<spreadsheetId or URL>", "gdrive:<folderId>").

Each source becomes sheets of values, and each sheet is recognised by its content (not its
file name) as a Forms response list, a plain table or a unit's official form.
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


@dataclass
class SourceRead:
    tables: list[RawTable] = field(default_factory=list)
    unrecognised: list[Reject] = field(default_factory=list)  # sheets with no table
    skipped_files: list[str] = field(default_factory=list)  # not .csv/.xlsx in a folder


def tables_from_sheets(sheets: list[Sheet], mappings: Mappings, result: SourceRead) -> None:
    """Add each sheet's table to the result; a file none of whose sheets holds one is reported."""
    found = []
    for sheet in sheets:
        table = read_sheet(sheet, mappings)
        if table is not None:
            found.append(table)
    if found:
        result.tables.extend(found)
    elif sheets:
        names = sheets[0].source.split(" › ")[0]
        result.unrecognised.append(reject(names, "", "", "", "unrecognised_layout"))


def read_sources(specs: list[str], mappings: Mappings, progress=None) -> SourceRead:
    """Read every source; an unreadable file raises SourceError before anything is written."""
    result = SourceRead()
    for spec in specs:
        if GOOGLE_SPEC.match(spec):
            from dvk.google.sources import read_google_source  # needs credentials; loaded on use

            read_google_source(spec, mappings, result, progress=progress)
            continue
        paths, skipped = files_in(Path(spec))
        result.skipped_files.extend(str(path) for path in skipped)
        for path in paths:
            if progress:
                progress(path.name)
            tables_from_sheets(read_file(path), mappings, result)
    return result
