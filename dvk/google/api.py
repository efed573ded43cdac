"""The one module that speaks HTTP to Google.

It holds the credentials, builds the googleapiclient services (from the discovery documents
shipped inside googleapiclient, never fetched) and the gspread client, points all of them at
one base address when DVK_GOOGLE_API_BASE is set, retries transient failures in one bounded
layer (dvk.google.retry), takes a slot of the shared rate limit before each try when one is
configured (dvk.google.quota) and turns every HTTP failure into a Vietnamese DvkError. The other
modules never see an HTTP status.
"""

from __future__ import annotations

import logging
import socket
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import google.auth.transport.requests
import gspread
import httplib2
import requests
from google.auth import exceptions as auth_exceptions
from google.auth.transport.requests import AuthorizedSession
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from requests.adapters import HTTPAdapter

from dvk.errors import DvkError, SourceError
from dvk.google.auth import Account, load_account
from dvk.google.config import GoogleConfig, load_config
from dvk.google.failures import already_exists, cause, classify, reasons, refusal, status_and_error
from dvk.google.quota import RateLimiter, quota_key
from dvk.google.retry import RetriesExhausted, RetryPolicy, with_retries

log = logging.getLogger("dvk.google")
T = TypeVar("T")
_SERVICE_PATHS = {"forms": "", "sheets": "", "drive": "drive/v3/"}


@dataclass(frozen=True)
class Target:
    """What a call works on, for messages: "bảng tính Google Sheets «1AbC…»"."""

    noun: str
    ident: str
    action: str = "đọc"  # "đọc", "ghi", "tải lên", "tạo"
    share_role: str = "Người xem"  # the role to give the service account

    def __str__(self) -> str:
        return f"{self.noun} «{self.ident}»" if self.ident else self.noun


def redirect(url: str, base: str | None) -> str:
    """The URL sent to `base` instead of Google (same path and query); unchanged without a base."""
    if not base:
        return url
    parts = urllib.parse.urlsplit(url)
    target = urllib.parse.urlsplit(base)
    google = parts.hostname and (
        parts.hostname.endswith(".googleapis.com") or parts.hostname == "googleapis.com"
    )
    if not google and parts.netloc != target.netloc:
        return url
    path = parts.path
    if target.path and not path.startswith(target.path):
        path = target.path.rstrip("/") + path
    return urllib.parse.urlunsplit((target.scheme, target.netloc, path, parts.query, parts.fragment))


class _RedirectingHttp(httplib2.Http):
    """httplib2 for googleapiclient; media uploads keep https:// after api_endpoint, so fix them here."""

    def __init__(self, base: str | None, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self._base = base

    def request(self, uri, *args, **kwargs):
        return super().request(redirect(uri, self._base), *args, **kwargs)


class _RedirectingAdapter(HTTPAdapter):
    """A requests adapter for gspread: Google's URLs (gspread.urls) go to the base address."""

    def __init__(self, base: str) -> None:
        super().__init__()
        self._base = base

    def send(self, request, *args, **kwargs):
        request.url = redirect(request.url, self._base)
        return super().send(request, *args, **kwargs)


def _make_http_client(policy: RetryPolicy, limiter: RateLimiter):
    class RetryingHTTPClient(gspread.HTTPClient):
        """gspread's plain HTTPClient with dvk's bounded retries (not BackOffHTTPClient: it never
        stops) and the shared rate limit before each try."""

        def request(self, method: str, endpoint: str, *args, **kwargs):
            key = quota_key("drive" if "/drive/" in endpoint else "sheets", method)

            def once():
                limiter.before(key)
                return super(RetryingHTTPClient, self).request(method, endpoint, *args, **kwargs)

            return with_retries(once, classify, policy)

    return RetryingHTTPClient


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class GoogleApi:
    """Credentials, services and the retry/translation boundary for one run."""

    def __init__(self, scopes: tuple[str, ...], credentials: str | Path | None = None, config=None) -> None:
        self.config: GoogleConfig = config or load_config(credentials)
        base = self.config.api_base
        self.account: Account = load_account(
            self.config.credentials_path, scopes, token_uri=f"{base}/token" if base else None
        )
        self.policy = RetryPolicy(attempts=self.config.attempts)
        self.limiter = RateLimiter(self.config.rate_limit_prefix)
        self._local = threading.local()  # httplib2 is not thread-safe: one set of services per thread

    # -- clients

    def _service(self, name: str, version: str):
        services = self._local.__dict__.setdefault("services", {})
        if name not in services:
            base = self.config.api_base
            http = AuthorizedHttp(self.account.credentials, http=_RedirectingHttp(base, self.config.timeout))
            options = {"api_endpoint": f"{base}/{_SERVICE_PATHS[name]}"} if base else None
            services[name] = build(
                name, version, http=http, client_options=options, static_discovery=True, cache_discovery=False
            )
        return services[name]

    def _gspread(self) -> gspread.Client:
        client = getattr(self._local, "gspread", None)
        if client is None:
            # google-auth's own calls (token, the service account's allowed-locations lookup) go
            # through `auth_request`: give it the same redirection as the API calls.
            auth_session = requests.Session()
            session = AuthorizedSession(
                self.account.credentials, auth_request=google.auth.transport.requests.Request(auth_session)
            )
            if self.config.api_base:
                for redirected in (session, auth_session):
                    redirected.mount("https://", _RedirectingAdapter(self.config.api_base))
            client = gspread.Client(
                None, session=session, http_client=_make_http_client(self.policy, self.limiter)
            )
            client.set_timeout(self.config.timeout)
            self._local.gspread = client
        return client

    # -- calls

    def forms(self, make: Callable[[Any], Any], target: Target):
        """Run one Forms API request, e.g. `api.forms(lambda s: s.forms().get(formId=i), target)`."""
        return self._execute("forms", "v1", make, target)

    def drive(self, make: Callable[[Any], Any], target: Target, conflict_ok: bool = False):
        """Run one Drive request; with `conflict_ok` a 409 (the id exists: an earlier try of this
        create went through) gives None instead of an error."""
        return self._execute("drive", "v3", make, target, conflict_ok)

    def sheets(
        self, call: Callable[[gspread.HTTPClient], T], target: Target, exists_ok: bool = False
    ) -> T | None:
        """Run gspread calls (each HTTP request retried inside gspread's HTTP client); with
        `exists_ok` Google's 400 "A sheet with the name … already exists" gives None instead of an
        error (a retried addSheet whose first try went through)."""

        def run() -> T | None:
            try:
                return call(self._gspread().http_client)
            except gspread.exceptions.APIError as exc:
                if exists_ok and already_exists(exc):
                    return None
                raise

        return self._guard(run, target)

    def _execute(
        self, name: str, version: str, make: Callable[[Any], Any], target: Target, conflict_ok=False
    ):
        service = self._service(name, version)

        def once():
            request = make(service)
            self.limiter.before(quota_key(name, request.method))
            try:
                return request.execute(num_retries=0)  # the retries are ours, below
            except HttpError as exc:
                if conflict_ok and exc.resp.status == 409:
                    return None
                raise

        return self._guard(lambda: with_retries(once, classify, self.policy), target)

    def _guard(self, call: Callable[[], T], target: Target) -> T:
        try:
            return call()
        except DvkError:
            raise
        except RetriesExhausted as exc:
            raise self._exhausted(exc, target) from None
        except auth_exceptions.RefreshError as exc:
            raise DvkError(self._refused(exc)) from None
        except auth_exceptions.TransportError:
            raise DvkError(
                f"Không kết nối được tới máy chủ đăng nhập của Google ({self._where()}). "
                "Kiểm tra kết nối mạng rồi chạy lại."
            ) from None
        except Exception as exc:  # noqa: BLE001 — translated when it is a Google failure
            message = self._translate(cause(exc), target)
            if message is not None:
                raise SourceError(message) from None
            if isinstance(exc, requests.RequestException | httplib2.HttpLib2Error | OSError):
                raise DvkError(
                    f"Không {target.action} được {target}: lỗi kết nối tới Google ({self._where()}, "
                    f"{type(exc).__name__}). Kiểm tra kết nối mạng rồi chạy lại."
                ) from None
            raise

    # -- messages

    def _where(self) -> str:
        return self.config.api_base or "googleapis.com"

    def _refused(self, exc: auth_exceptions.RefreshError) -> str:
        reason = str(exc.args[0]) if exc.args else ""
        return (
            f"Google không chấp nhận tệp khóa «{self.config.credentials_path}» ({reason.split(':')[0]}). "
            "Khóa có thể đã bị xóa hoặc thu hồi: hãy tạo khóa mới cho tài khoản dịch vụ."
        )

    def _exhausted(self, exc: RetriesExhausted, target: Target) -> DvkError:
        status, _ = status_and_error(exc.cause)
        tries = f"sau {exc.attempts} lần thử trong khoảng {exc.waited:.0f} giây"
        if status == 429 or status == 403:
            what = "Google báo vượt hạn mức gọi API (lỗi 429)"
            advice = "Hãy chờ vài phút rồi chạy lại; dvk chưa ghi gì dở dang."
        elif status is not None:
            what = f"máy chủ Google đang lỗi (mã {status})"
            advice = "Hãy chạy lại sau ít phút."
        elif isinstance(exc.cause, TimeoutError | socket.timeout | requests.Timeout):
            what = f"Google không trả lời trong {self.config.timeout:.0f} giây"
            advice = "Kiểm tra kết nối mạng rồi chạy lại."
        else:
            what = f"không kết nối được tới Google ({self._where()})"
            advice = "Kiểm tra kết nối mạng rồi chạy lại."
        return DvkError(f"Không {target.action} được {target}: {what} {tries}. {advice}")

    def _translate(self, exc: BaseException, target: Target) -> str | None:
        status, error = status_and_error(exc)
        if status is None:
            return None
        email = self.account.email or "tài khoản Google đang dùng"
        why = reasons(error)
        detail = str(error.get("message", "")).strip()
        if status == 401:
            return (
                f"Google từ chối đăng nhập khi {target.action} {target} (lỗi 401). "
                "Tệp khóa có thể đã bị thu hồi: hãy tạo khóa mới."
            )
        if status == 403:
            if why & {"accessNotConfigured", "SERVICE_DISABLED"} or "has not been used" in detail:
                return (
                    f"API của Google cho {target.noun} chưa được bật trong dự án Google Cloud của {email}. "
                    "Vào console.cloud.google.com › «API và dịch vụ» › «Thư viện», bật Google Forms API, "
                    "Google Sheets API và Google Drive API, rồi chạy lại."
                )
            if "storageQuotaExceeded" in why:
                return (
                    f"Không {target.action} được {target}: tài khoản dịch vụ {email} không có dung lượng "
                    "Drive riêng. Hãy dùng một Drive dùng chung (Shared drive) và thêm tài khoản này làm "
                    "thành viên, hoặc dùng mã đăng nhập OAuth của một người dùng."
                )
            return (
                f"{_capital(str(target))} chưa được chia sẻ "
                f"với {email} (lỗi 403). Mở nó trên Google, bấm «Chia sẻ» và thêm {email} với quyền "
                f"«{target.share_role}», rồi chạy lại."
            )
        if status == 404:
            return (
                f"Không tìm thấy {target} (lỗi 404). Kiểm tra lại mã (phần nằm giữa /d/ hoặc /folders/ và "
                f"dấu / tiếp theo trong đường dẫn); nếu mã đúng, hãy chia sẻ nó với {email}."
            )
        log.info("Google refused %s %s (%s): %s", target.action, target.ident, status, detail)
        return refusal(status, detail.lower(), f"Không {target.action} được {target} (lỗi {status})")
