"""Credentials from a service account key or an OAuth user token, with the narrowest scopes.

The file's content is a secret: it is read here, handed to google-auth and never printed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from google.auth.credentials import Credentials
from google.oauth2 import credentials as user_credentials
from google.oauth2 import service_account

from dvk.errors import ConfigError
from dvk.google.config import CREDENTIALS_ENV

_AUTH = "https://www.googleapis.com/auth/"
# Reading sources.
FORMS_READ = (_AUTH + "forms.body.readonly", _AUTH + "forms.responses.readonly")
SHEETS_READ = (_AUTH + "spreadsheets.readonly",)
DRIVE_READ = (_AUTH + "drive.readonly",)
# Writing outputs.
SHEETS_WRITE = (_AUTH + "spreadsheets",)
DRIVE_WRITE = (_AUTH + "drive",)  # replacing a file someone else put in the folder needs full Drive
FORMS_CREATE = (_AUTH + "forms.body", _AUTH + "drive.file")  # drive.file: share the form dvk made


@dataclass(frozen=True)
class Account:
    credentials: Credentials
    email: str  # who to share sheets and folders with; "" for a user token without one


def _read_json(path: Path) -> dict:
    if not path.is_file():
        raise ConfigError(
            f"Không tìm thấy tệp khóa Google «{path}». Hãy tải tệp khóa JSON của tài khoản dịch vụ "
            f"và ghi đường dẫn của nó vào biến môi trường {CREDENTIALS_ENV} hoặc tùy chọn --credentials."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"Tệp khóa Google «{path}» không phải tệp JSON hợp lệ.") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"Tệp khóa Google «{path}» không phải tệp JSON hợp lệ.")
    return data


def load_account(path: Path | None, scopes: tuple[str, ...], token_uri: str | None = None) -> Account:
    """The account in a key file; `token_uri` replaces Google's token endpoint (a proxy or stand-in)."""
    if path is None:
        raise ConfigError(
            "Chưa chỉ ra tệp khóa Google: đặt biến môi trường "
            f"{CREDENTIALS_ENV}=<đường dẫn tệp JSON> hoặc dùng tùy chọn --credentials."
        )
    info = _read_json(path)
    kind = info.get("type")
    if token_uri:
        info = {**info, "token_uri": token_uri}
    try:
        if kind == "service_account":
            credentials = service_account.Credentials.from_service_account_info(info, scopes=list(scopes))
            return Account(credentials, str(info.get("client_email", "")))
        if kind == "authorized_user":
            credentials = user_credentials.Credentials.from_authorized_user_info(info, scopes=list(scopes))
            return Account(credentials, str(info.get("account", "")))
    except (ValueError, KeyError) as exc:
        # The message names the missing field only; it never quotes the key.
        raise ConfigError(f"Tệp khóa Google «{path}» thiếu thông tin hoặc khóa bị hỏng ({exc}).") from None
    raise ConfigError(
        f'Tệp «{path}» không phải khóa tài khoản dịch vụ ("type": "service_account") '
        'hay mã đăng nhập OAuth của người dùng ("type": "authorized_user").'
    )
