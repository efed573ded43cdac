"""The office's file server: the files dvk wrote, read-only over HTTP, behind the office password.

Started by `dvk serve` next to the Prefect deployments. It answers only:
- `/tep/<folder>/<year>/<file>`: one file inside a served folder (dvk.ui.file_links), with its
  content type and its Vietnamese name (RFC 5987 `filename*`); anything else is 404;
- `/nam/<year>`: the year's files (register, lists, reports, decisions, unit forms) with sizes
  and times; `/`: the years there are and the multi-year reviews;
- `/health`: "ok", without the password, to see the server is up.
Every other answer needs the same credential as the Prefect API (HTTP basic, "user:password").
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hmac
import mimetypes
import threading
import unicodedata
from pathlib import Path
from urllib.parse import quote

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from dvk.ui.file_index import index_page, year_page
from dvk.ui.file_links import FILES_ROUTE, YEAR_ROUTE, FileLinks, ServedFolder

REALM = 'Basic realm="dvk", charset="UTF-8"'
CONTENT_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".pdf": "application/pdf",
    ".png": "image/png",
}
SHOWN_IN_BROWSER = {".pdf", ".png"}  # the rest downloads and opens in Word or Excel
SAFE_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
NOT_FOUND = "Không có tệp này trong các thư mục kết quả của dvk."


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def ascii_name(name: str) -> str:
    """A plain-ASCII stand-in for browsers that ignore `filename*`: «Đôn đốc» → «Don doc»."""
    plain = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in plain if not unicodedata.combining(c))
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in text)


def content_disposition(path: Path) -> str:
    kind = "inline" if path.suffix.lower() in SHOWN_IN_BROWSER else "attachment"
    name = unicodedata.normalize("NFC", path.name)
    return f"{kind}; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


class BasicAuth:
    """ASGI wrapper: 401 unless the request carries the credential ("user:password")."""

    def __init__(self, app, credential: str, open_paths: tuple[str, ...] = ("/health",)) -> None:
        self.app = app
        self.credential = credential.encode("utf-8")
        self.open_paths = open_paths

    def allowed(self, header: bytes) -> bool:
        scheme, _, encoded = header.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            given = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            return False
        return hmac.compare_digest(given, self.credential)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"] not in self.open_paths:
            header = dict(scope["headers"]).get(b"authorization", b"")
            if not self.allowed(header):
                answer = PlainTextResponse(
                    "Cần đăng nhập: dùng tên và mật khẩu của máy chủ dvk (như khi mở giao diện Prefect).",
                    status_code=401,
                    headers={"WWW-Authenticate": REALM},
                )
                await answer(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _not_found() -> Response:
    return PlainTextResponse(NOT_FOUND, status_code=404, headers=SAFE_HEADERS)


def _requested_file(folders: dict[str, ServedFolder], key: str, rest: str) -> Path | None:
    folder = folders.get(key)
    if folder is None:
        return None
    year = None
    if folder.yearly:
        first, _, rest = rest.partition("/")
        if not (len(first) == 4 and first.isdigit()):
            return None
        year = int(first)
    return folder.inside(year, rest)


def build_app(links: FileLinks, credential: str = "", timezone: str = "Asia/Ho_Chi_Minh") -> Starlette:
    """The ASGI app; `credential` empty means no password (only for a server on loopback)."""
    folders = {folder.key: folder for folder in links.folders}

    async def download(request: Request) -> Response:
        path = _requested_file(folders, request.path_params["key"], request.path_params["rest"])
        if path is None:
            return _not_found()
        return FileResponse(
            path,
            media_type=content_type(path),
            headers={**SAFE_HEADERS, "Content-Disposition": content_disposition(path)},
        )

    async def year(request: Request) -> Response:
        text = request.path_params["year"]
        if not (len(text) == 4 and text.isdigit()):
            return _not_found()
        return _html(year_page(links, int(text), timezone))

    async def index(request: Request) -> Response:
        return _html(index_page(links, timezone))

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    routes = [
        Route("/", index, methods=["GET", "HEAD"]),
        Route("/health", health, methods=["GET", "HEAD"]),
        Route(f"/{YEAR_ROUTE}/{{year}}", year, methods=["GET", "HEAD"]),
        Route(f"/{FILES_ROUTE}/{{key}}/{{rest:path}}", download, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes)
    return BasicAuth(app, credential) if credential else app


def _html(text: str) -> Response:
    return HTMLResponse(
        text,
        headers={
            **SAFE_HEADERS,
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
        },
    )


def start_in_background(app, host: str, port: int) -> tuple[uvicorn.Server, threading.Thread]:
    """Serve `app` from a daemon thread (the main thread runs the Prefect deployments)."""
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))

    def run() -> None:
        with contextlib.suppress(SystemExit):  # uvicorn exits when it cannot listen: never started
            server.run()

    thread = threading.Thread(target=run, name="dvk-file-server", daemon=True)
    thread.start()
    return server, thread
