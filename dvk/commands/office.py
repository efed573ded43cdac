"""dvk office init: prepare a working folder for the office (settings, addresses, password)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from dvk.errors import ParameterError
from dvk.ui.office import ENV_FILE, PREFECT_HOME_DIR, OfficeSetup, check, dvk_toml, prefect_env
from dvk.ui.serve_config import OFFICE_FILE

NAME = "office"
HELP = "Chuẩn bị thư mục làm việc của Ban: nơi để dữ liệu, kết quả, sổ cấp số; địa chỉ; mật khẩu."
PASSWORD_ENV = "DVK_OFFICE_PASSWORD"  # for an unattended set-up; otherwise asked, never echoed


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="VIỆC")
    init = sub.add_parser("init", help="ghi dvk.toml và .env cho thư mục làm việc (làm một lần)")
    init.add_argument("--folder", default=".", help="thư mục làm việc; mặc định thư mục hiện tại")
    init.add_argument(
        "--address",
        default="127.0.0.1",
        help="địa chỉ các máy khác dùng để mở máy này, ví dụ 192.168.1.10; mặc định 127.0.0.1 (chỉ máy này)",
    )
    init.add_argument("--prefect-port", type=int, default=4200, help="cổng giao diện Prefect (4200)")
    init.add_argument("--files-port", type=int, default=4201, help="cổng máy chủ tệp (4201)")
    init.add_argument("--user", default="vanphong", help="tên đăng nhập chung của Ban (vanphong)")
    init.add_argument("--data", default="du_lieu/{year}", help="nơi để tệp đăng ký của năm")
    init.add_argument("--results", default="ket_qua/{year}", help="nơi ghi kết quả của năm")
    init.add_argument("--numbering", default="so_van_ban", help="nơi để sổ cấp số văn bản")
    init.add_argument("--force", action="store_true", help="ghi đè dvk.toml và .env đã có")


def _password() -> str:
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise ParameterError(f"Chưa có mật khẩu: chạy lệnh trong cửa sổ dòng lệnh, hoặc đặt {PASSWORD_ENV}.")
    first = getpass.getpass("Mật khẩu chung của Ban (không hiện khi gõ): ")
    if getpass.getpass("Gõ lại mật khẩu: ") != first:
        raise ParameterError("Hai lần gõ mật khẩu không giống nhau; chưa ghi gì.")
    return first


def _write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (the password is in it)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.chmod(path, 0o600)


def init(args) -> int:
    folder = Path(args.folder).expanduser().resolve()
    folder.mkdir(parents=True, exist_ok=True)
    settings, env = folder / OFFICE_FILE, folder / ENV_FILE
    existing = [p.name for p in (settings, env) if p.exists()]
    if existing and not args.force:
        raise ParameterError(
            f"Thư mục {folder} đã có {', '.join(existing)}; thêm --force để ghi đè (mật khẩu cũ sẽ mất)."
        )
    on_network = args.address not in ("127.0.0.1", "localhost")
    setup = OfficeSetup(
        address=args.address,
        listen="0.0.0.0" if on_network else "127.0.0.1",
        prefect_port=args.prefect_port,
        files_port=args.files_port,
        user=args.user,
        password="placeholder",
        data=args.data,
        results=args.results,
        numbering=args.numbering,
    )
    check(setup)  # everything but the password, before asking for it
    setup = OfficeSetup(**{**setup.__dict__, "password": _password()})
    check(setup)
    home = folder / PREFECT_HOME_DIR
    data = folder / (args.data.split("{year}")[0] or ".")
    for path in (home, data, folder / args.numbering):
        path.mkdir(parents=True, exist_ok=True)
    settings.write_text(dvk_toml(setup), encoding="utf-8")
    _write_private(env, prefect_env(setup, str(home)))
    print(f"Đã chuẩn bị thư mục làm việc {folder}:")
    print(f"- {OFFICE_FILE}: nơi để dữ liệu, kết quả, sổ cấp số; máy chủ tệp {setup.files_url}")
    print(
        f"- {ENV_FILE}: địa chỉ Prefect {setup.api_url}, "
        f"tên đăng nhập «{setup.user}» và mật khẩu (không in ra)"
    )
    print("Từ thư mục này, mở hai cửa sổ: «prefect server start» và «dvk serve».")
    opened = f"http://{setup.address}:{setup.prefect_port}, đăng nhập «{setup.user}:<mật khẩu>»"
    if on_network:
        print(f"Mọi máy trong mạng của Ban mở {opened}.")
    else:
        print(
            f"Chỉ máy này mở được {opened}; để các máy khác cùng dùng, "
            "chạy lại với --address <IP máy này> --force."
        )
    return 0


def run(args) -> int:
    return init(args)
