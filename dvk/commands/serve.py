"""dvk serve: offer every job as a Prefect deployment, and serve the files the jobs write.

Run from the office's working folder (the one `dvk office init` prepared): its `dvk.toml`
says where data, results and registers live; Prefect reads the server address and the
password from the `.env` file next to it. The file server checks the same password.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from dvk.errors import ConfigError, DvkError
from dvk.ui.file_links import FILES_URL_ENV, FileLinks, served_folders
from dvk.ui.serve_config import BASE_ENV, CONFIG_ENV, ServeConfig, load_serve_config

NAME = "serve"
HELP = "Đưa các việc của dvk lên giao diện Prefect và mở máy chủ tệp (chạy liên tục; dừng bằng Ctrl+C)."
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
START_SECONDS = 30


def add_arguments(parser) -> None:
    parser.add_argument(
        "--config", help="tệp cấu hình; mặc định dvk.toml của thư mục này, hoặc mappings/serve.toml"
    )
    parser.add_argument(
        "--list", action="store_true", help="chỉ liệt kê các việc và lịch chạy, không kết nối Prefect"
    )
    parser.add_argument("--no-files", action="store_true", help="không mở máy chủ tệp")


def office_credential() -> str:
    """The office password as Prefect holds it ("user:password"); never printed."""
    from prefect.settings import PREFECT_API_AUTH_STRING, PREFECT_SERVER_API_AUTH_STRING

    return PREFECT_API_AUTH_STRING.value() or PREFECT_SERVER_API_AUTH_STRING.value() or ""


def start_file_server(config: ServeConfig, credential: str) -> str:
    """Start the file server in the background; its public address, for the links."""
    from dvk.ui.fileserver import build_app, start_in_background

    files = config.file_server
    if files.host not in LOOPBACK and not credential:
        raise ConfigError(
            f"Máy chủ tệp mở cho cả mạng ({files.host}) nên cần mật khẩu: chạy «dvk office init» "
            'trong thư mục làm việc, hoặc đặt host = "127.0.0.1" trong mục [file_server].'
        )
    url = os.environ.get(FILES_URL_ENV) or files.url
    links = FileLinks(url, served_folders(config))
    server, thread = start_in_background(
        build_app(links, credential, config.deadline_check.timezone), files.host, files.port
    )
    deadline = time.monotonic() + START_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    if not server.started:
        raise DvkError(
            f"Không mở được máy chủ tệp ở {files.host}:{files.port} (cổng đang được dùng?). "
            "Đổi port trong mục [file_server] của dvk.toml, hoặc tắt chương trình đang dùng cổng này."
        )
    os.environ[FILES_URL_ENV] = url  # the flow runs build their links from it
    return url


def run(args) -> int:
    os.environ.setdefault(BASE_ENV, str(Path.cwd()))
    if args.config:
        os.environ[CONFIG_ENV] = str(Path(args.config).resolve())
    config = load_serve_config()
    from flows.deployments import build_deployments, jobs, remove_stale_schedules

    if args.list:
        for job in jobs(config):
            print(f"- {job.name} ({job.flow.name}): {job.description}")
        if not args.no_files:
            print(f"- Máy chủ tệp: {config.file_server.url} (nghe ở {config.file_server.host})")
        return 0

    from prefect import serve
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise DvkError(
            "Chưa chỉ máy chủ Prefect. Chạy «dvk office init» trong thư mục làm việc (một lần), "
            "hoặc «uv run prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api»."
        )
    print(f"Cấu hình: {config.path}; thư mục làm việc: {os.environ[BASE_ENV]}")
    print(f"Lịch kiểm tra hạn đăng ký: {config.deadline_check.describe()}")
    if not args.no_files:
        credential = office_credential()
        url = start_file_server(config, credential)
        guarded = "cần tên và mật khẩu như giao diện Prefect" if credential else "không có mật khẩu"
        print(f"Máy chủ tệp: {url} ({guarded})")
    deployments = build_deployments(config)
    remove_stale_schedules(deployments)
    serve(*deployments, pause_on_shutdown=False)
    return 0
