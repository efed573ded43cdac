"""The `dvk` command. Each sub-command lives in its own module under dvk/commands/.

Only the sub-command being run is imported: the table of sub-commands (NAME and HELP) is read
from the modules' source, so `dvk --help` or `dvk collect` on local files does not pay for
every command's dependencies (Prefect, the document templates, the Google client).
"""

from __future__ import annotations

import argparse
import ast
import importlib
import os
import pkgutil
import sys
import tempfile
import traceback
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import dvk.commands
from dvk.errors import EXIT_USER_ERROR, DvkError, exit_code


@dataclass(frozen=True)
class Command:
    module: str  # "dvk.commands.collect"
    name: str
    help: str


def _constants(path: Path) -> dict[str, object]:
    """The module-level NAME and HELP of a command's source (literals, so no import is needed)."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id in ("NAME", "HELP"):
            found[target.id] = ast.literal_eval(node.value)
    return found


def commands() -> list[Command]:
    """Every sub-command, in name order of its module, without importing any of them."""
    table = []
    for info in sorted(pkgutil.iter_modules(dvk.commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        spec = info.module_finder.find_spec(info.name, None)
        constants = _constants(Path(spec.origin))
        table.append(Command(f"dvk.commands.{info.name}", str(constants["NAME"]), str(constants["HELP"])))
    return table


def _chosen(argv: list[str]) -> str | None:
    """The sub-command named on the command line: the first word that is not an option."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; only the sub-command named in `argv` gets its arguments (all of them when None)."""
    parser = argparse.ArgumentParser(
        prog="dvk",
        description="dvk: tổng hợp đăng ký mô hình, điển hình «Dân vận khéo», đôn đốc và công nhận.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    chosen = None if argv is None else _chosen(argv)
    for command in commands():
        parsed = sub.add_parser(command.name, help=command.help, description=command.help)
        if argv is None or command.name == chosen:
            module = importlib.import_module(command.module)
            module.add_arguments(parsed)
            parsed.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(argv).parse_args(argv)
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
