"""The `dvk` command. Each sub-command lives in its own module under dvk/commands/.

Only the sub-command being run is imported: the table of sub-commands (NAME and HELP) is read
from the modules' source, so `dvk --help` or `dvk collect` on local files does not pay for
every command's dependencies (Prefect, the document templates, the Google client).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import os
import pkgutil
import sys
from dataclasses import dataclass
from pathlib import Path

import dvk.commands
from dvk.errors import DvkError, exit_code


@dataclass(frozen=True)
class Command:
    module: str  # "dvk.commands.collect"
    name: str
    help: str


def _constants(path: Path) -> dict[str, object]:
    """The module-level NAME and HELP of a command's source, when they are literals."""
    found: dict[str, object] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id in ("NAME", "HELP"):
            with contextlib.suppress(ValueError):  # not a literal: the module is imported instead
                found[target.id] = ast.literal_eval(node.value)
    return found


def commands() -> list[Command]:
    """Every sub-command, in name order of its module, without importing any of them."""
    table = []
    for info in sorted(pkgutil.iter_modules(dvk.commands.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = f"dvk.commands.{info.name}"
        spec = info.module_finder.find_spec(info.name, None)
        constants = _constants(Path(spec.origin)) if spec and spec.origin else {}
        if not {"NAME", "HELP"} <= constants.keys():  # computed, not literal: ask the module
            loaded = importlib.import_module(module)
            constants = {"NAME": loaded.NAME, "HELP": loaded.HELP}
        table.append(Command(module, str(constants["NAME"]), str(constants["HELP"])))
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


if __name__ == "__main__":
    sys.exit(main())
