"""Every Google operation dvk uses, one function each, run through `GoogleApi` (retries, messages).

Call counts: a form is 1 + ceil(N / 5000) calls, a spreadsheet 2 (metadata + one batch read of
all its tabs), a Drive folder 1 + its list pages + one download per file.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from googleapiclient.http import MediaFileUpload
from gspread.urls import SPREADSHEET_VALUES_BATCH_UPDATE_URL

from dvk.errors import SourceError
from dvk.google.api import GoogleApi, Target
from dvk.google.sheets import VALUE_PARAMS, quote_title

RESPONSES_PAGE = 5000  # the Forms API maximum
FOLDER_PAGE = 1000  # the Drive API maximum
FOLDER_MIME = "application/vnd.google-apps.folder"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"
_JSON = {"Content-Type": "application/json; charset=UTF-8"}
_FILE_FIELDS = "id, name, mimeType, modifiedTime, size"
_UPLOAD_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".pdf": "application/pdf",
}


def form_target(form_id: str, action: str = "đọc") -> Target:
    # Forms has no viewer role: the account must be a collaborator (editor) to read responses.
    return Target("biểu mẫu Google Forms", form_id, action, "Người chỉnh sửa (cộng tác viên)")


def spreadsheet_target(key: str, action: str = "đọc") -> Target:
    return Target(
        "bảng tính Google Sheets", key, action, "Người xem" if action == "đọc" else "Người chỉnh sửa"
    )


def folder_target(folder_id: str, action: str = "đọc") -> Target:
    return Target(
        "thư mục Google Drive", folder_id, action, "Người xem" if action == "đọc" else "Người chỉnh sửa"
    )


# ---------------------------------------------------------------- Forms


def fetch_form(api: GoogleApi, form_id: str) -> tuple[dict, list[dict]]:
    """The form (its questions) and all its responses, 5,000 a page."""
    target = form_target(form_id)
    form = api.forms(lambda s: s.forms().get(formId=form_id), target)
    responses: list[dict] = []
    token = None
    while True:
        page = api.forms(
            lambda s, token=token: (
                s.forms().responses().list(formId=form_id, pageSize=RESPONSES_PAGE, pageToken=token)
            ),
            target,
        )
        responses.extend(page.get("responses", []))
        token = page.get("nextPageToken")
        if not token:
            return form, responses


def create_form(api: GoogleApi, title: str, requests: list[dict]) -> dict:
    """A new form with `requests` applied (one batchUpdate) and published; returns the form."""
    created = api.forms(
        lambda s: s.forms().create(body={"info": {"title": title, "documentTitle": title}}),
        form_target("", "tạo"),
    )
    form_id = created["formId"]
    target = form_target(form_id, "tạo")
    api.forms(lambda s: s.forms().batchUpdate(formId=form_id, body={"requests": requests}), target)
    published = {"publishSettings": {"publishState": {"isPublished": True, "isAcceptingResponses": True}}}
    api.forms(lambda s: s.forms().setPublishSettings(formId=form_id, body=published), target)
    return api.forms(lambda s: s.forms().get(formId=form_id), target)


def share_file(api: GoogleApi, file_id: str, email: str, role: str = "writer") -> None:
    body = {"type": "user", "role": role, "emailAddress": email}
    api.drive(
        lambda s: s.permissions().create(
            fileId=file_id, body=body, sendNotificationEmail=False, supportsAllDrives=True
        ),
        Target("tệp Google Drive", file_id, "chia sẻ", "Người chỉnh sửa"),
    )


# ---------------------------------------------------------------- Sheets


def fetch_spreadsheet(api: GoogleApi, key: str) -> tuple[str, list[tuple[str, list[list[object]]]]]:
    """The spreadsheet's title and every grid tab's values: one metadata call, one batch read."""

    def read(http):
        meta = http.fetch_sheet_metadata(
            key, params={"includeGridData": "false", "fields": "properties.title,sheets.properties"}
        )
        titles = [
            sheet["properties"]["title"]
            for sheet in meta.get("sheets", [])
            if sheet["properties"].get("sheetType", "GRID") == "GRID"
        ]
        if not titles:
            return meta["properties"]["title"], []
        data = http.values_batch_get(key, [quote_title(t) for t in titles], params=dict(VALUE_PARAMS))
        ranges = data.get("valueRanges", [])
        return meta["properties"]["title"], [
            (t, r.get("values", [])) for t, r in zip(titles, ranges, strict=True)
        ]

    return api.sheets(read, spreadsheet_target(key))


def spreadsheet_tabs(api: GoogleApi, key: str, action: str = "ghi") -> dict[str, int]:
    """Tab title → sheetId."""
    meta = api.sheets(
        lambda http: http.fetch_sheet_metadata(
            key, params={"includeGridData": "false", "fields": "sheets.properties"}
        ),
        spreadsheet_target(key, action),
    )
    return {sheet["properties"]["title"]: sheet["properties"]["sheetId"] for sheet in meta.get("sheets", [])}


def read_tabs(
    api: GoogleApi, key: str, titles: list[str], action: str = "ghi"
) -> dict[str, list[list[object]]]:
    """The values of the named tabs, in one batch read."""
    data = api.sheets(
        lambda http: http.values_batch_get(key, [quote_title(t) for t in titles], params=dict(VALUE_PARAMS)),
        spreadsheet_target(key, action),
    )
    ranges = data.get("valueRanges", [])
    return {title: r.get("values", []) for title, r in zip(titles, ranges, strict=True)}


def add_tabs(api: GoogleApi, key: str, titles: list[str]) -> None:
    """Add the tabs, safe to repeat: a tab that already exists counts as added.

    A retried addSheet whose first try went through (its answer lost) gets Google's 400 "A sheet
    with the name … already exists". The batch is all or nothing, so the tabs are listed again
    and only those still missing are asked for.
    """
    target = spreadsheet_target(key, "ghi")
    for _ in range(len(titles)):
        requests = [
            {"addSheet": {"properties": {"title": title, "gridProperties": {"frozenRowCount": 1}}}}
            for title in titles
        ]
        added = api.sheets(lambda http, r=requests: http.batch_update(key, {"requests": r}), target, True)
        if added is not None:
            return
        existing = spreadsheet_tabs(api, key)
        titles = [title for title in titles if title not in existing]
        if not titles:
            return


def write_values(api: GoogleApi, key: str, bodies: list[bytes]) -> None:
    """Send `values:batchUpdate` bodies made by dvk.google.chunks (RAW: text stays text, never a
    formula), one call each. Each overwrites fixed ranges: repeating it after a lost answer gives
    the same sheet."""
    target = spreadsheet_target(key, "ghi")
    url = SPREADSHEET_VALUES_BATCH_UPDATE_URL % key
    for body in bodies:
        api.sheets(lambda http, body=body: http.request("post", url, data=body, headers=_JSON), target)


# ---------------------------------------------------------------- Drive


def folder_files(api: GoogleApi, folder_id: str, action: str = "đọc") -> tuple[str, list[dict]]:
    """The folder's name and the files directly in it (subfolders included as entries)."""
    target = folder_target(folder_id, action)
    folder = api.drive(
        lambda s: s.files().get(fileId=folder_id, fields="id, name, mimeType", supportsAllDrives=True), target
    )
    if folder.get("mimeType") != FOLDER_MIME:
        raise SourceError(
            f"«{folder_id}» là một tệp ({folder.get('name')}), không phải thư mục Google Drive."
        )
    files: list[dict] = []
    token = None
    while True:
        page = api.drive(
            lambda s, token=token: s.files().list(
                q=f"'{folder_id}' in parents and trashed = false",
                fields=f"nextPageToken, files({_FILE_FIELDS})",
                pageSize=FOLDER_PAGE,
                pageToken=token,
                orderBy="name",
                supportsAllDrives=True,
                includeItemsFromAllDrives=True,
            ),
            target,
        )
        files.extend(page.get("files", []))
        token = page.get("nextPageToken")
        if not token:
            return str(folder.get("name", folder_id)), files


def download(api: GoogleApi, file: dict) -> bytes:
    target = Target("tệp Google Drive", str(file.get("name") or file["id"]))
    return api.drive(lambda s: s.files().get_media(fileId=file["id"], supportsAllDrives=True), target)


def new_file_ids(api: GoogleApi, count: int) -> list[str]:
    """Ids for files about to be created, so that a retried create cannot make a second copy."""
    if count <= 0:
        return []
    answer = api.drive(
        lambda s: s.files().generateIds(count=count, space="drive", type="files"), Target("Google Drive", "")
    )
    return list(answer.get("ids", []))


def upload(api: GoogleApi, folder_id: str, path: Path, existing: dict | None, new_id: str = "") -> dict:
    """Upload `path` into the folder; replace the content of `existing` (same name) if given,
    otherwise create it under `new_id` (a create retried after a lost answer then finds it made)."""
    mimetype = (
        _UPLOAD_TYPES.get(path.suffix.lower())
        or mimetypes.guess_type(path.name)[0]
        or "application/octet-stream"
    )
    target = Target("tệp", path.name, "tải lên", "Người chỉnh sửa")

    def make(service):
        media = MediaFileUpload(str(path), mimetype=mimetype, resumable=False)
        if existing:
            return service.files().update(
                fileId=existing["id"],
                body={"name": path.name},
                media_body=media,
                fields=_FILE_FIELDS,
                supportsAllDrives=True,
            )
        body = {"name": path.name, "parents": [folder_id], **({"id": new_id} if new_id else {})}
        return service.files().create(
            body=body, media_body=media, fields=_FILE_FIELDS, supportsAllDrives=True
        )

    answer = api.drive(make, target, conflict_ok=bool(new_id) and not existing)
    return answer if answer is not None else {"id": new_id, "name": path.name}
