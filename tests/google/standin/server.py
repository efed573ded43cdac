"""A stand-in for the Google endpoints dvk uses: real HTTP on 127.0.0.1, a free port.

It answers the OAuth token endpoint (checking the service account's signed JWT with its
public key), the Forms, Sheets and Drive methods dvk calls, in the shapes of the discovery
documents, with Google's error bodies. Switches inject 429/5xx and slow answers; every
request is logged (method id, status, scopes) for the call-count assertions.

    with Standin() as google:
        os.environ["DVK_GOOGLE_API_BASE"] = google.url
"""

from __future__ import annotations

import base64
import bisect
import json
import re
import secrets
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from . import drive_api, forms_api, sheets_api
from .discovery import method, validate_request
from .state import ApiError, Fault, State

_ALLOWED_LOCATIONS = re.compile(r"^/v1/projects/-/serviceAccounts/[^/]+/allowedLocations$")
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"  # what google-auth signs and Google checks
REQUEST_LIMIT = 10_485_760  # Google's front end refuses a larger request body, with the answer below
_ID = r"(?P<{}>[A-Za-z0-9_-]+)"
ROUTES = [
    ("GET", r"/v1/forms/{formId}/responses", "forms.forms.responses.list", forms_api.list_responses),
    ("POST", r"/v1/forms/{formId}:batchUpdate", "forms.forms.batchUpdate", forms_api.batch_update),
    (
        "POST",
        r"/v1/forms/{formId}:setPublishSettings",
        "forms.forms.setPublishSettings",
        forms_api.set_publish_settings,
    ),
    ("GET", r"/v1/forms/{formId}", "forms.forms.get", forms_api.get),
    ("POST", r"/v1/forms", "forms.forms.create", forms_api.create),
    (
        "GET",
        r"/v4/spreadsheets/{spreadsheetId}/values:batchGet",
        "sheets.spreadsheets.values.batchGet",
        sheets_api.batch_get,
    ),
    (
        "POST",
        r"/v4/spreadsheets/{spreadsheetId}/values:batchUpdate",
        "sheets.spreadsheets.values.batchUpdate",
        sheets_api.batch_update_values,
    ),
    (
        "POST",
        r"/v4/spreadsheets/{spreadsheetId}/values:batchClear",
        "sheets.spreadsheets.values.batchClear",
        sheets_api.batch_clear,
    ),
    (
        "POST",
        r"/v4/spreadsheets/{spreadsheetId}:batchUpdate",
        "sheets.spreadsheets.batchUpdate",
        sheets_api.batch_update,
    ),
    ("GET", r"/v4/spreadsheets/{spreadsheetId}", "sheets.spreadsheets.get", sheets_api.get),
    ("GET", r"/drive/v3/files/generateIds", "drive.files.generateIds", drive_api.generate_ids),
    ("GET", r"/drive/v3/files", "drive.files.list", drive_api.list_files),
    ("GET", r"/drive/v3/files/{fileId}", "drive.files.get", drive_api.get),
    (
        "POST",
        r"/drive/v3/files/{fileId}/permissions",
        "drive.permissions.create",
        drive_api.create_permission,
    ),
    ("POST", r"/upload/drive/v3/files", "drive.files.create", drive_api.create),
    ("PATCH", r"/upload/drive/v3/files/{fileId}", "drive.files.update", drive_api.update),
]
_COMPILED = [
    (
        verb,
        re.compile("^" + re.sub(r"\{(\w+)\}", lambda m: _ID.format(m[1]), pattern) + "$"),
        method_id,
        handler,
    )
    for verb, pattern, method_id, handler in ROUTES
]


@dataclass
class Request:
    verb: str
    path: str
    params: dict[str, str]
    query: dict[str, list[str]]
    headers: dict[str, str]
    raw: bytes
    json: dict = field(default_factory=dict)
    email: str = ""
    scopes: tuple[str, ...] = ()

    def arg(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None


@dataclass
class LogEntry:
    verb: str
    path: str
    method_id: str
    status: int
    query: dict[str, list[str]]
    scopes: tuple[str, ...] = ()
    body: object = None  # the JSON answer, for schema checks
    size: int = 0  # bytes of the request body
    at: float = 0.0  # time.time() when the request arrived, for rate checks


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Standin:
    def __init__(self) -> None:
        self.state = State()
        self.log: list[LogEntry] = []
        self._lock = threading.Lock()
        self._released = threading.Event()  # set on exit: every held answer goes out at once
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> Standin:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    # -- switches and the log

    def inject(self, status: int | None, times: int = 1, match: str = "", delay: float = 0.0, **kw) -> Fault:
        """The next `times` matching calls answer `status` (None: normally); `delay` holds the answer
        that many seconds, or until the stand-in stops, whichever comes first."""
        fault = Fault(status, times, match, delay, **kw)
        with self._lock:
            self.state.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.state.faults.clear()

    def calls(self, method_id: str = "", status: int | None = None) -> list[LogEntry]:
        with self._lock:
            return [
                e
                for e in self.log
                if e.method_id.startswith(method_id)
                and (status is None or e.status == status)
                and e.method_id != "token"
                and not e.method_id.startswith("auth.")
            ]

    def most_calls_within(self, seconds: float, method_id: str = "") -> int:
        """The most API calls (by arrival time) that any window of `seconds` saw: the rate check."""
        times = sorted(entry.at for entry in self.calls(method_id))
        return max(
            (bisect.bisect_left(times, start + seconds) - i for i, start in enumerate(times)), default=0
        )

    def token_requests(self) -> list[LogEntry]:
        with self._lock:
            return [e for e in self.log if e.method_id == "token"]

    def issued_tokens(self) -> list[str]:
        return list(self.state.tokens)

    def register_account(self, email: str, public_key) -> None:
        self.state.public_keys[email] = public_key

    # -- requests

    def _take_fault(self, verb: str, path: str, method_id: str) -> Fault | None:
        with self._lock:
            for fault in self.state.faults:
                if fault.times == 0:
                    continue
                if fault.match and fault.match not in f"{verb} {path}" and fault.match not in method_id:
                    continue
                if method_id == "token" and fault.match != "token":
                    continue
                if fault.times > 0:
                    fault.times -= 1
                return fault
        return None

    def _token(self, form: dict[str, list[str]]) -> tuple[int, dict, tuple[str, ...]]:
        grant = (form.get("grant_type") or [""])[0]
        if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
            assertion = (form.get("assertion") or [""])[0]
            try:
                header, payload, signature = assertion.split(".")
                claims = json.loads(_b64(payload))
                key = self.state.public_keys[claims["iss"]]
                key.verify(
                    _b64(signature), f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256()
                )
            except (ValueError, KeyError, InvalidSignature):
                return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}, ()
            if claims.get("aud") != GOOGLE_TOKEN_AUDIENCE or claims.get("exp", 0) < time.time():
                return (
                    400,
                    {"error": "invalid_grant", "error_description": "Invalid JWT: audience or expiry."},
                    (),
                )
            email, scopes = claims["iss"], tuple(str(claims.get("scope", "")).split())
        elif grant == "refresh_token":
            email = self.state.refresh_tokens.get((form.get("refresh_token") or [""])[0], "")
            if not email:
                return (
                    400,
                    {"error": "invalid_grant", "error_description": "Token has been expired or revoked."},
                    (),
                )
            scopes = tuple(" ".join(form.get("scope", [])).split())
        else:
            return 400, {"error": "unsupported_grant_type"}, ()
        token = "ya29.standin-" + secrets.token_urlsafe(24)
        self.state.tokens[token] = (email, scopes)
        return 200, {"access_token": token, "expires_in": 3599, "token_type": "Bearer"}, scopes

    def handle(self, verb: str, target: str, headers: dict[str, str], raw: bytes, arrived: float = 0.0):
        """(status, content type, body bytes, extra headers) for one request received at `arrived`."""
        arrived = arrived or time.time()

        def record(entry: LogEntry) -> None:
            entry.size, entry.at = len(raw), arrived
            self._record(entry)

        parts = urllib.parse.urlsplit(target)
        path = urllib.parse.unquote(parts.path)
        query = urllib.parse.parse_qs(parts.query, keep_blank_values=True)
        if verb == "POST" and path == "/token":
            status, body, scopes = self._token(urllib.parse.parse_qs(raw.decode()))
            fault = self._take_fault(verb, path, "token")
            if fault and fault.status:
                status, body = fault.status, {"error": "internal_failure"}
            record(LogEntry(verb, path, "token", status, {}, scopes))
            return status, "application/json", json.dumps(body).encode(), {}
        if verb == "GET" and _ALLOWED_LOCATIONS.match(path):
            # google-auth asks where a service account may be used (regional access boundary).
            record(LogEntry(verb, path, "auth.allowedLocations", 200, query))
            body = {"locations": [], "encodedLocations": "0x0"}
            return 200, "application/json", json.dumps(body).encode(), {}
        route = next(((m, mid, h) for v, m, mid, h in _COMPILED if v == verb and m.match(path)), None)
        if route is None:
            error = ApiError(404, f"The stand-in has no {verb} {path}.")
            record(LogEntry(verb, path, "unknown", 404, query))
            return 404, "application/json", json.dumps(error.body()).encode(), {}
        pattern, method_id, handler = route
        request = Request(verb, path, pattern.match(path).groupdict(), query, headers, raw)
        fault = self._take_fault(verb, path, method_id)
        if fault and fault.delay:
            self._released.wait(fault.delay)
        try:
            if len(raw) > REQUEST_LIMIT:
                message = f"Request payload size exceeds the limit: {REQUEST_LIMIT} bytes."
                raise ApiError(400, message, "badRequest")
            self._authorise(request, method_id)
            if fault and fault.status and not fault.after_apply:
                raise ApiError(
                    fault.status, _fault_message(fault.status), fault.reason or _fault_reason(fault.status)
                )
            result = handler(self.state, request)
            if fault and fault.status:
                raise ApiError(
                    fault.status, _fault_message(fault.status), fault.reason or _fault_reason(fault.status)
                )
        except ApiError as error:
            record(LogEntry(verb, path, method_id, error.code, query, request.scopes, error.body()))
            extra = {"Retry-After": str(fault.retry_after)} if fault and fault.retry_after is not None else {}
            return error.code, "application/json", json.dumps(error.body()).encode(), extra
        if isinstance(result, tuple) and result[0] == "media":
            record(LogEntry(verb, path, method_id, 200, query, request.scopes))
            return 200, result[2], result[1], {}
        record(LogEntry(verb, path, method_id, 200, query, request.scopes, result))
        return 200, "application/json", json.dumps(result).encode(), {}

    def _authorise(self, request: Request, method_id: str) -> None:
        header = request.headers.get("authorization", "")
        token = header.removeprefix("Bearer ").strip()
        if token not in self.state.tokens:
            raise ApiError(401, "Request had invalid authentication credentials.", "authError")
        request.email, request.scopes = self.state.tokens[token]
        allowed = set(method(method_id).get("scopes", []))
        if not allowed & set(request.scopes):
            raise ApiError(
                403, "Request had insufficient authentication scopes.", "ACCESS_TOKEN_SCOPE_INSUFFICIENT"
            )
        content_type = request.headers.get("content-type", "")
        if request.raw and content_type.startswith("application/json"):
            request.json = json.loads(request.raw)
            problems = validate_request(method_id, request.json)
            if problems:
                raise ApiError(400, "Invalid JSON payload received. " + "; ".join(problems[:3]), "invalid")

    def _record(self, entry: LogEntry) -> None:
        with self._lock:
            self.log.append(entry)

    def _handler_class(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms delayed-ACK stall

            def _serve(self) -> None:
                arrived = time.time()  # the request line is in; the body may still be coming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                status, content_type, body, extra = standin.handle(
                    self.command, self.path, headers, raw, arrived
                )
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in extra.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

            def log_message(self, *args) -> None:  # quiet: the log above is the record
                pass

        return Handler


def _fault_error(fault) -> ApiError:
    return ApiError(fault.status, _fault_message(fault.status), fault.reason or _fault_reason(fault.status))


def _fault_message(status: int) -> str:
    return {
        429: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'.",
        500: "Internal error encountered.",
        503: "The service is currently unavailable.",
    }.get(status, f"Injected error {status}.")


def _fault_reason(status: int) -> str:
    return {429: "rateLimitExceeded", 500: "backendError", 503: "backendError"}.get(status, "")
