"""What a failed Google call means: worth retrying or not, and Google's refusals in Vietnamese.

Works on the exceptions of both clients (googleapiclient's HttpError, gspread's APIError), whose
bodies carry Google's {"error": {"code", "message", "status", "errors"}}.
"""

from __future__ import annotations

import json
import socket

import gspread
import requests
from google.auth import exceptions as auth_exceptions
from googleapiclient.errors import HttpError

from dvk.google.retry import Transient

RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}


def status_and_error(exc: BaseException) -> tuple[int | None, dict]:
    """The HTTP status and the {"code", "message", "status", "errors"} body of a Google failure."""
    if isinstance(exc, HttpError):
        status = int(exc.resp.status)
        content = exc.content
    elif isinstance(exc, gspread.exceptions.APIError):
        status = exc.response.status_code
        content = exc.response.content
    elif isinstance(exc, gspread.exceptions.SpreadsheetNotFound):
        return 404, {}
    else:
        return None, {}
    try:
        body = json.loads(content or b"{}")
        error = body.get("error", {}) if isinstance(body, dict) else {}
    except (ValueError, UnicodeDecodeError):
        error = {}
    return status, error if isinstance(error, dict) else {}


def reasons(error: dict) -> set[str]:
    reasons = {str(item.get("reason", "")) for item in error.get("errors", []) if isinstance(item, dict)}
    for detail in error.get("details", []):
        if isinstance(detail, dict) and detail.get("reason"):
            reasons.add(str(detail["reason"]))
    return reasons


def retry_after(exc: BaseException) -> float | None:
    header = None
    if isinstance(exc, HttpError):
        header = exc.resp.get("retry-after")
    elif isinstance(exc, gspread.exceptions.APIError):
        header = exc.response.headers.get("Retry-After")
    try:
        return float(header) if header else None
    except ValueError:
        return None


def classify(exc: Exception) -> Transient | None:
    """A failure worth retrying: 429, 5xx, a rate-limit 403, a timeout or a dropped connection."""
    status, error = status_and_error(exc)
    if status is not None:
        if status == 429 or status >= 500 or (status == 403 and reasons(error) & RATE_REASONS):
            return Transient(exc, retry_after(exc))
        return None
    if isinstance(exc, auth_exceptions.GoogleAuthError):
        return None  # google-auth retries the token endpoint itself, a bounded few times
    if isinstance(exc, TimeoutError | socket.timeout | ConnectionError | requests.ConnectionError):
        return Transient(exc)
    if isinstance(exc, requests.Timeout):
        return Transient(exc)
    return None


def already_exists(exc: BaseException) -> bool:
    status, error = status_and_error(exc)
    return status == 400 and "already exists" in str(error.get("message", ""))


def cause(exc: BaseException) -> BaseException:
    """The Google failure behind gspread's own wrappers (PermissionError from open_by_key…)."""
    seen = exc
    while seen is not None:
        if status_and_error(seen)[0] is not None:
            return seen
        seen = seen.__cause__
    return exc


def refusal(status: int, detail: str, failed: str) -> str:
    """Google's other refusals (mostly 400) in Vietnamese, after `failed` ("Không ghi được … (lỗi 400)");
    `detail` is Google's English message, lower-cased: it only picks the advice."""
    if "payload size exceeds" in detail or status == 413:
        return (
            f"{failed}: yêu cầu gửi đi quá lớn, Google chỉ nhận tối đa 10 MB mỗi lần. "
            "Hãy báo lỗi này cho người quản trị dvk."
        )
    if "already exists" in detail:
        return (
            f"{failed}: trên Google đã có một mục cùng tên. "
            "Hãy chạy lại; nếu vẫn lỗi, đổi tên mục trùng trên Google."
        )
    if "unable to parse range" in detail:
        return f"{failed}: không thấy trang tính cần dùng, có thể nó vừa bị đổi tên hoặc xóa. Hãy chạy lại."
    if "grid limits" in detail or "10000000 cells" in detail:
        return (
            f"{failed}: bảng tính đã chạm giới hạn 10 triệu ô của Google Sheets. Hãy dùng một bảng tính mới."
        )
    return (
        f"{failed}: Google từ chối yêu cầu. Kiểm tra lại mã và quyền chia sẻ rồi chạy lại; "
        "nếu vẫn lỗi, hãy báo người quản trị kèm mã lỗi."
    )
