"""Google sources: a form's responses, a spreadsheet's tabs, the files in a Drive folder.

Each becomes `Sheet` grids, one list per file, returned to the caller, which feeds them to the
same layout recognition as local files: a Google Sheet laid out as the official form is read
by the official-form parser.
"""

from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from dvk.dates import parse_moment
from dvk.errors import SourceError
from dvk.google import remote
from dvk.google.api import GoogleApi
from dvk.google.auth import DRIVE_READ, FORMS_READ, SHEETS_READ
from dvk.google.config import load_config
from dvk.google.forms import form_sheet
from dvk.google.sheets import spreadsheet_sheets
from dvk.google.specs import parse_spec
from dvk.mappings import Mappings
from dvk.safe_text import safe_file_name
from dvk.sources.files import READABLE_SUFFIXES, read_file
from dvk.sources.model import Sheet

READ_SCOPES = FORMS_READ + SHEETS_READ + DRIVE_READ  # read-only, one token for a whole run
_apis: dict[object, GoogleApi] = {}


def reading_api(credentials: str | Path | None = None) -> GoogleApi:
    """One read-only GoogleApi per configuration, so a run with many sources logs in once."""
    config = load_config(credentials)
    if config not in _apis:
        _apis[config] = GoogleApi(READ_SCOPES, config=config)
    return _apis[config]


@dataclass
class GoogleRead:
    """What one Google source yielded: each file's sheets, and the files that are not tables."""

    files: list[list[Sheet]] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)


def read_google_source(
    spec: str, mappings: Mappings, progress=None, api: GoogleApi | None = None
) -> GoogleRead:
    """The sheets of one "gform:", "gsheet:" or "gdrive:" source, one list per file."""
    source = parse_spec(spec)
    api = api or reading_api()
    result = GoogleRead()
    if progress:
        progress(f"{source.noun} {source.ident}")
    if source.kind == "gform":
        form, responses = remote.fetch_form(api, source.ident)
        result.files.append([form_sheet(form, responses)])
    elif source.kind == "gsheet":
        title, tabs = remote.fetch_spreadsheet(api, source.ident)
        result.files.append(spreadsheet_sheets(title, tabs, mappings))
    else:
        with tempfile.TemporaryDirectory(prefix="dvk-drive-") as folder:
            _read_folder(api, source.ident, mappings, result, progress, Path(folder), set())
    return result


def _modified(file: dict) -> datetime | None:
    try:
        return parse_moment(file.get("modifiedTime"))
    except ValueError:
        return None


def _read_folder(
    api: GoogleApi,
    folder_id: str,
    mappings: Mappings,
    result: GoogleRead,
    progress,
    temp: Path,
    seen: set[str],
) -> None:
    seen.add(folder_id)
    folder_name, files = remote.folder_files(api, folder_id)
    for file in files:
        name = str(file.get("name", ""))
        shown = f"{folder_name}/{name}"
        mime = file.get("mimeType", "")
        if mime == remote.FOLDER_MIME:
            if file["id"] not in seen:
                _read_folder(api, file["id"], mappings, result, progress, temp, seen)
            continue
        is_spreadsheet = mime == remote.SPREADSHEET_MIME
        if not is_spreadsheet and Path(name).suffix.lower() not in READABLE_SUFFIXES:
            result.skipped_files.append(shown)
            continue
        if progress:
            progress(shown)
        modified = _modified(file)
        if is_spreadsheet:
            title, tabs = remote.fetch_spreadsheet(api, file["id"])
            sheets = spreadsheet_sheets(title, tabs, mappings)
        else:
            sheets = _downloaded_sheets(api, file, temp)
        sheets = [dataclasses.replace(sheet, modified_at=modified) for sheet in sheets]
        result.files.append(sheets)  # rows without a time take modified_at


def _downloaded_sheets(api: GoogleApi, file: dict, temp: Path) -> list[Sheet]:
    name = str(file["name"])
    local = temp / safe_file_name(file["id"]) / safe_file_name(name)
    local.parent.mkdir(parents=True, exist_ok=True)
    local.write_bytes(remote.download(api, file))
    try:
        sheets = read_file(local)
    except SourceError as exc:
        raise SourceError(f"{exc} (tệp «{name}» trong thư mục Google Drive)") from None
    finally:
        local.unlink(missing_ok=True)
    return [dataclasses.replace(sheet, source=name + sheet.source[len(local.name) :]) for sheet in sheets]
