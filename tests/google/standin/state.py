"""What the stand-in holds: forms with responses, spreadsheets with tabs, Drive files, accounts."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    409: "ALREADY_EXISTS",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
FOLDER_MIME = "application/vnd.google-apps.folder"
SPREADSHEET_MIME = "application/vnd.google-apps.spreadsheet"


class ApiError(Exception):
    def __init__(self, code: int, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason or STATUS_NAMES.get(code, "error").lower()

    def body(self) -> dict:
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "status": STATUS_NAMES.get(self.code, "UNKNOWN"),
                "errors": [{"message": self.message, "domain": "global", "reason": self.reason}],
            }
        }


def now_rfc3339() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class FormRecord:
    form: dict
    responses: list[dict] = field(default_factory=list)
    shared_with: set[str] = field(default_factory=set)
    published: bool = False


@dataclass
class Tab:
    sheet_id: int
    grid: list[list[object]] = field(default_factory=list)


@dataclass
class SpreadsheetRecord:
    title: str
    tabs: dict[str, Tab] = field(default_factory=dict)
    shared_with: set[str] = field(default_factory=set)


@dataclass
class DriveFile:
    id: str
    name: str
    mime_type: str
    parents: list[str]
    content: bytes = b""
    modified_time: str = field(default_factory=now_rfc3339)
    shared_with: set[str] = field(default_factory=set)


@dataclass
class Fault:
    """Answer matching requests with `status` (after `delay` seconds), `times` times (-1: always).

    `match` is a substring of "METHOD path" or of the discovery method id; with `after_apply` the
    request takes effect before the error is sent (a lost answer).
    """

    status: int | None
    times: int = 1
    match: str = ""
    delay: float = 0.0
    after_apply: bool = False
    retry_after: float | None = None
    reason: str = ""  # Google's error reason, when not the usual one for `status` (a 403 rateLimitExceeded)


@dataclass
class State:
    forms: dict[str, FormRecord] = field(default_factory=dict)
    spreadsheets: dict[str, SpreadsheetRecord] = field(default_factory=dict)
    files: dict[str, DriveFile] = field(default_factory=dict)
    public_keys: dict[str, object] = field(default_factory=dict)  # client_email → RSA public key
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # refresh token → account email
    tokens: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # token → email, scopes
    faults: list[Fault] = field(default_factory=list)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter):06d}xxxxxxxxxxxxxxxx"

    def visible(self, file: DriveFile, email: str) -> bool:
        """Shared directly or through a folder above it."""
        seen: set[str] = set()
        todo = [file]
        while todo:
            current = todo.pop()
            if email in current.shared_with:
                return True
            for parent in current.parents:
                if parent in self.files and parent not in seen:
                    seen.add(parent)
                    todo.append(self.files[parent])
        return False
