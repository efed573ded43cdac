"""Drive API v3 as the stand-in answers it (shapes from drive.v3.json), with multipart uploads."""

from __future__ import annotations

import base64
import json
import re

from .state import (
    FOLDER_MIME,
    ApiError,
    DriveFile,
    State,
    now_rfc3339,
)

MAX_PAGE = 1000
_PARENT_QUERY = re.compile(r"^'([A-Za-z0-9_-]+)' in parents and trashed = false$")


def _file(state: State, file_id: str, email: str) -> DriveFile:
    file = state.files.get(file_id)
    if file is None or not state.visible(file, email):
        # Drive answers 404 for a file that exists but is not shared with the caller.
        raise ApiError(404, f"File not found: {file_id}.", "notFound")
    return file


def resource(file: DriveFile) -> dict:
    body = {
        "kind": "drive#file",
        "id": file.id,
        "name": file.name,
        "mimeType": file.mime_type,
        "parents": list(file.parents),
        "modifiedTime": file.modified_time,
    }
    if file.mime_type != FOLDER_MIME and not file.mime_type.startswith("application/vnd.google-apps"):
        body["size"] = str(len(file.content))
    return body


def list_files(state: State, req) -> dict:
    match = _PARENT_QUERY.match(req.arg("q") or "")
    if not match:
        raise ApiError(
            400, "The stand-in understands only \"'<id>' in parents and trashed = false\".", "invalid"
        )
    parent = match[1]
    found = sorted(
        (f for f in state.files.values() if parent in f.parents and state.visible(f, req.email)),
        key=lambda f: f.name,
    )
    size = min(int(req.arg("pageSize") or 100), MAX_PAGE)
    token = req.arg("pageToken")
    start = int(base64.urlsafe_b64decode(token).decode()) if token else 0
    body: dict = {
        "kind": "drive#fileList",
        "incompleteSearch": False,
        "files": [resource(f) for f in found[start : start + size]],
    }
    if start + size < len(found):
        body["nextPageToken"] = base64.urlsafe_b64encode(str(start + size).encode()).decode()
    return body


def get(state: State, req):
    file = _file(state, req.params["fileId"], req.email)
    if req.arg("alt") == "media":
        if file.mime_type.startswith("application/vnd.google-apps"):
            raise ApiError(
                403,
                "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
                "fileNotDownloadable",
            )
        return ("media", file.content, file.mime_type)
    return resource(file)


def generate_ids(state: State, req) -> dict:
    count = int(req.arg("count") or 10)
    return {
        "kind": "drive#generatedIds",
        "space": "drive",
        "ids": [state.new_id("gen") for _ in range(count)],
    }


def _multipart(req) -> tuple[dict, bytes, str]:
    """The metadata and media parts of a multipart/related upload."""
    content_type = req.headers.get("content-type", "")
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if req.arg("uploadType") != "multipart" or not match:
        raise ApiError(400, "The stand-in accepts multipart uploads only.", "badContent")
    boundary = b"--" + match[1].encode()
    parts = [part for part in req.raw.split(boundary)[1:] if not part.startswith(b"--")]
    decoded = []
    for part in parts:
        head, _, body = part.partition(b"\r\n\r\n")
        if not _:
            head, _, body = part.partition(b"\n\n")
        decoded.append(
            (head.decode("latin-1").lower(), body[:-2] if body.endswith(b"\r\n") else body.rstrip(b"\n"))
        )
    if len(decoded) != 2 or "application/json" not in decoded[0][0]:
        raise ApiError(400, "Multipart upload needs a JSON metadata part and a media part.", "badContent")
    media_head, media = decoded[1]
    if "content-transfer-encoding: base64" in media_head:
        media = base64.b64decode(media)
    media_type = re.search(r"content-type:\s*([^\r\n]+)", media_head)
    return json.loads(decoded[0][1] or b"{}"), media, media_type[1].strip() if media_type else ""


def create(state: State, req) -> dict:
    if req.raw and "multipart" in req.headers.get("content-type", ""):
        metadata, content, media_type = _multipart(req)
    else:
        metadata, content, media_type = req.json, b"", ""
    parents = metadata.get("parents", [])
    for parent in parents:
        folder = _file(state, parent, req.email)
        if folder.mime_type != FOLDER_MIME:
            raise ApiError(400, "The parent is not a folder.")
    file_id = metadata.get("id") or state.new_id("file")
    if file_id in state.files:
        raise ApiError(409, "A file already exists with the provided ID.", "fileIdInUse")
    file = DriveFile(
        file_id, metadata.get("name", "Untitled"), metadata.get("mimeType") or media_type, parents, content
    )
    state.files[file_id] = file
    return resource(file)


def update(state: State, req) -> dict:
    file = _file(state, req.params["fileId"], req.email)
    metadata, content, _ = _multipart(req)
    file.name = metadata.get("name", file.name)
    file.content = content
    file.modified_time = now_rfc3339()
    return resource(file)


def create_permission(state: State, req) -> dict:
    file_id = req.params["fileId"]
    email = req.json.get("emailAddress", "")
    form = state.forms.get(file_id)
    if form is not None and req.email in form.shared_with:
        form.shared_with.add(email)  # a form is a Drive file too
    else:
        _file(state, file_id, req.email).shared_with.add(email)
    return {
        "kind": "drive#permission",
        "id": state.new_id("perm")[:12],
        "type": req.json.get("type", "user"),
        "role": req.json.get("role", "reader"),
        "emailAddress": email,
    }


def add_file(state: State, name: str, parent: str, content: bytes, mime_type: str, shared_with=()) -> str:
    """A file someone put in Drive (test helper)."""
    file_id = state.new_id("file")
    state.files[file_id] = DriveFile(
        file_id, name, mime_type, [parent] if parent else [], content, shared_with=set(shared_with)
    )
    return file_id
