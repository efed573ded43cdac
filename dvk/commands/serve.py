"""dvk serve: offer every job as a Prefect deployment, so staff run them from the Prefect UI."""

from __future__ import annotations

import os
from pathlib import Path

from dvk.errors import DvkError
from dvk.ui.serve_config import BASE_ENV, CONFIG_ENV, load_serve_config

NAME = "serve"
HELP = "Đưa các việc của dvk lên giao diện Prefect (chạy liên tục; dừng bằng Ctrl+C)."


def add_arguments(parser) -> None:
    parser.add_argument("--config", help="tệp cấu hình; mặc định mappings/serve.toml")
    parser.add_argument(
        "--list", action="store_true", help="chỉ liệt kê các việc và lịch chạy, không kết nối Prefect"
    )


def run(args) -> int:
    os.environ.setdefault(BASE_ENV, str(Path.cwd()))
    if args.config:
        os.environ[CONFIG_ENV] = str(Path(args.config).resolve())
    config = load_serve_config()
    from flows.deployments import build_deployments, jobs

    if args.list:
        for job in jobs(config):
            print(f"- {job.name} ({job.flow.name}): {job.description}")
        return 0

    from prefect import serve
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise DvkError(
            "Chưa chỉ máy chủ Prefect. Mở một cửa sổ khác chạy «uv run prefect server start», "
            "rồi chạy «uv run prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api» một lần."
        )
    print(f"Cấu hình: {config.path}; thư mục làm việc: {os.environ[BASE_ENV]}")
    print(f"Lịch kiểm tra hạn đăng ký: {config.deadline_check.describe()}")
    serve(*build_deployments(config), pause_on_shutdown=False)
    return 0
