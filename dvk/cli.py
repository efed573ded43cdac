"""The `dvk` command. Each sub-command lives in its own module under dvk/commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys

import dvk.commands
from dvk.errors import DvkError, exit_code


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


if __name__ == "__main__":
    sys.exit(main())
