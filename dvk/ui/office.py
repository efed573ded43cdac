"""An office's working folder, set up once: where everything lives, the addresses, the password.

`dvk office init` writes two files there:
- `dvk.toml`: dvk's settings (folders of data, results and numbering registers; the file server);
- `.env`: Prefect's settings, read by `prefect server start` and `dvk serve` started in this
  folder: the server's address on the office network, basic authentication
  (`PREFECT_SERVER_API_AUTH_STRING` on the server, `PREFECT_API_AUTH_STRING` for dvk serve,
  the same "user:password"), CSRF protection, the Prefect database inside the folder.
The password goes only into `.env` (readable by its owner only); it is never printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dvk.errors import ParameterError

ENV_FILE = ".env"
PREFECT_HOME_DIR = "prefect"


@dataclass(frozen=True)
class OfficeSetup:
    address: str  # how the other PCs reach this one: an IP address or a host name
    listen: str  # the interface both servers listen on
    prefect_port: int
    files_port: int
    user: str
    password: str
    data: str = "du_lieu/{year}"
    results: str = "ket_qua/{year}"
    review: str = "ket_qua/tong_hop"
    numbering: str = "so_van_ban"

    @property
    def api_url(self) -> str:
        return f"http://{self.address}:{self.prefect_port}/api"

    @property
    def files_url(self) -> str:
        return f"http://{self.address}:{self.files_port}"

    @property
    def credential(self) -> str:
        return f"{self.user}:{self.password}"


def problems(setup: OfficeSetup) -> list[str]:
    found = []
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", setup.user):
        found.append(
            f"Tên đăng nhập «{setup.user}» chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang."
        )
    if len(setup.password) < 8:
        found.append("Mật khẩu phải có ít nhất 8 ký tự.")
    if not (setup.password.isascii() and setup.password.isprintable()):
        found.append("Mật khẩu chỉ gồm chữ không dấu, số và ký hiệu (máy chủ Prefect không nhận chữ có dấu).")
    if any(c in setup.password for c in "\r\n\"'\\") or setup.password != setup.password.strip():
        found.append("Mật khẩu không được có dấu nháy, dấu \\, xuống dòng hay khoảng trắng ở đầu, cuối.")
    if not re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", setup.address):
        found.append(f"Địa chỉ máy «{setup.address}» phải là địa chỉ IP hoặc tên máy, ví dụ 192.168.1.10.")
    for label, port in (("Prefect", setup.prefect_port), ("máy chủ tệp", setup.files_port)):
        if not 0 < port < 65536:
            found.append(f"Cổng {label} {port} phải từ 1 đến 65535.")
    if setup.prefect_port == setup.files_port:
        found.append("Cổng của Prefect và của máy chủ tệp phải khác nhau.")
    return found


def check(setup: OfficeSetup) -> None:
    if found := problems(setup):
        raise ParameterError("Chưa ghi gì:\n" + "\n".join(f"- {p}" for p in found))


def _toml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def dvk_toml(setup: OfficeSetup) -> str:
    return f"""# Settings of this working folder, written by `dvk office init`; edit freely.
# Relative paths are relative to this folder; "{{year}}" is the year chosen in the form.

[folders]
sources = [{_toml(setup.data)}]
output = {_toml(setup.results)}
registers = {_toml(setup.results)}
review_output = {_toml(setup.review)}
numbering = {_toml(setup.numbering)}   # document number registers: back up with the results

[documents]
profile = ""
organisation = ""
pdf = false

[deadline_check]
time = "08:00"
timezone = "Asia/Ho_Chi_Minh"
from = "01/03"
to = "15/04"
active = false

[file_server]
host = {_toml(setup.listen)}
port = {setup.files_port}
public_url = {_toml(setup.files_url)}
"""


def prefect_env(setup: OfficeSetup, home: str) -> str:
    """The `.env` Prefect reads in this folder. Holds the password: never print it."""
    lines = [
        "# Prefect settings of this working folder, written by `dvk office init`. Contains the password.",
        f"PREFECT_HOME={home}",
        f"PREFECT_SERVER_API_HOST={setup.listen}",
        f"PREFECT_SERVER_API_PORT={setup.prefect_port}",
        f"PREFECT_API_URL={setup.api_url}",
        f"PREFECT_UI_API_URL={setup.api_url}",
        f"PREFECT_SERVER_API_AUTH_STRING={setup.credential}",
        f"PREFECT_API_AUTH_STRING={setup.credential}",
        "PREFECT_SERVER_CSRF_PROTECTION_ENABLED=true",
        "PREFECT_SERVER_ANALYTICS_ENABLED=false",
    ]
    return "\n".join(lines) + "\n"
