"""The `dvk` command. Each sub-command lives in its own module under dvk/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

import dvk.commands
from dvk.errors import EXIT_USER_ERROR, DvkError, exit_code


def _commands():
    for info in sorted(pkgutil.iter_modules(dvk.commands.__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"dvk.commands.{info.name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dvk",
        description="dvk: tổng hợp đăng ký mô hình, điển hình «Dân vận khéo», đôn đốc và công nhận.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for module in _commands():
        command = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DvkError as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return exit_code(error)
    except OSError as error:  # a file the command itself touched: one line, the user can act on it
        where = f" «{error.filename}»" if error.filename else ""
        print(f"Lỗi: không đọc/ghi được tệp{where}: {error.strerror or error}.", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception:  # noqa: BLE001 — a bug: one line for the user, the details in a log file
        log = _write_crash_log()
        print(
            f"Lỗi nội bộ của dvk (không phải do dữ liệu của bạn). Chi tiết đã ghi vào «{log}»; "
            "gửi tệp này cho người hỗ trợ.",
            file=sys.stderr,
        )
        return 1


def _write_crash_log() -> Path:
    """The traceback of an unexpected error, in a file the user can send."""
    folder = Path(tempfile.gettempdir())
    log = folder / f"dvk-loi-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.log"
    try:
        log.write_text(f"dvk {' '.join(sys.argv[1:])}\n\n{traceback.format_exc()}", encoding="utf-8")
    except OSError:
        return Path("(không ghi được tệp nhật ký)")
    return log


if __name__ == "__main__":
    sys.exit(main())
