"""Each figure of issue 12's table, measured side by side with its baseline, as a Markdown table.

    uv run python bench/bench_table.py [--rows 100000] [--report-rows 10000] [--report-units 2773]
                                        [--decision 1500] [--repeat 3] [--out bench/RESULTS.md]

Every command runs in a child process, measured with os.wait4 (CPU = user + system time of the
child and what it started; peak memory = its maximum resident set). Medians of --repeat runs.
The data comes from `dvk.demo.generate`, the same builders the tests use at a test's size.
The floor of `dvk collect` is `pandas.read_csv` of the same file plus writing the same rows as an
18-column .xlsx with xlsxwriter in constant-memory mode.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk.demo.generate import (  # noqa: E402
    generated_units,
    write_collect_inputs,
    write_forms_export,
    write_roster,
)
from dvk.folders import register_path  # noqa: E402

FLOOR_SCRIPT = """
import sys, pandas as pd, xlsxwriter
frame = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
columns = list(frame.columns) + [f"extra_{i}" for i in range(18 - len(frame.columns))]
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet()
sheet.write_row(0, 0, columns)
for number, row in enumerate(frame.itertuples(index=False), start=1):
    sheet.write_row(number, 0, [*row, *[""] * (18 - len(row))])
book.close()
"""
READ_SCRIPT = "import sys, pandas as pd; pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)"


@dataclass
class Measure:
    wall: float
    cpu: float
    peak_mb: float


def child_environment() -> dict[str, str]:
    """As on a staff PC: Python keeps compiled bytecode (some shells set PYTHONDONTWRITEBYTECODE,
    which makes every command recompile pandas and the rest from source: seconds per run)."""
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode() -> None:
    """Compile the environment and dvk once, before anything is measured."""
    site = [p for p in sys.path if p.endswith("site-packages")]
    command = [
        sys.executable,
        "-m",
        "compileall",
        "-q",
        "-j",
        "0",
        *site,
        str(ROOT / "dvk"),
        str(ROOT / "flows"),
    ]
    subprocess.run(command, env=child_environment(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run(command: list[str], cwd: Path | None = None) -> Measure:
    """One child process: its wall time, CPU time and peak memory."""
    env = child_environment()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(command_factory, repeat: int) -> Measure:
    runs = [run(*command_factory(attempt)) for attempt in range(repeat)]
    return Measure(*(statistics.median(getattr(m, k) for m in runs) for k in ("wall", "cpu", "peak_mb")))


def type_as_staff(register: Path, share: float, recognised: int | None = None) -> int:
    """Staff typing into the register, in a child process: a parent grown by opening a large
    workbook would pass its memory high-water mark on to every command measured after it."""
    code = (
        "import sys; from pathlib import Path; from dvk.demo.generate import type_staff_entries; "
        "r = None if sys.argv[3] == 'all' else int(sys.argv[3]); "
        "print(type_staff_entries(Path(sys.argv[1]), float(sys.argv[2]), recognised=r))"
    )
    limit = "all" if recognised is None else str(recognised)
    command = [sys.executable, "-c", code, str(register), str(share), limit]
    done = subprocess.run(command, capture_output=True, text=True, check=True, env=child_environment())
    return int(done.stdout.split()[-1])


def evaluations_in(register: Path) -> int:
    """Rows of the register with a result typed (read in a child process, as above)."""
    code = (
        "import sys; from pathlib import Path; from dvk.register.workbook import read_register; "
        "print((read_register(Path(sys.argv[1]))['Kết quả đánh giá'] != '').sum())"
    )
    command = [sys.executable, "-c", code, str(register)]
    return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()[-1])


def dvk(*args: str) -> list[str]:
    return [sys.executable, "-m", "dvk.cli", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--report-rows", type=int, default=10_000)
    parser.add_argument("--report-units", type=int, default=2_773)
    parser.add_argument("--decision", type=int, default=1_500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--skip-demo", action="store_true")
    args = parser.parse_args()
    compile_bytecode()
    rows: list[tuple[str, str, str, str]] = []  # what, measured, baseline, goal

    with tempfile.TemporaryDirectory(prefix="dvk-bench-") as temp:
        folder = Path(temp)
        roster, forms = write_collect_inputs(folder, args.rows)
        size_mb = forms.stat().st_size / 1e6

        def collect_into(out: Path) -> list[str]:
            return dvk(
                "collect",
                "--year",
                "2026",
                "--source",
                str(forms),
                "--roster",
                str(roster),
                "--out",
                str(out),
            )

        def collect(attempt: int):
            out = folder / f"collect{attempt}"
            shutil.rmtree(out, ignore_errors=True)
            return (collect_into(out),)

        first = median(collect, args.repeat)
        read_only = median(lambda a: ([sys.executable, "-c", READ_SCRIPT, str(forms)],), args.repeat)
        floor = median(
            lambda a: ([sys.executable, "-c", FLOOR_SCRIPT, str(forms), str(folder / f"floor{a}.xlsx")],),
            args.repeat,
        )
        floor_text = f"{floor.cpu:.1f} s CPU, {floor.peak_mb:.0f} MB (read alone {read_only.cpu:.1f} s)"
        ratio = f" = {first.cpu / floor.cpu:.1f}× the floor"
        floor_peak = f"floor {floor.peak_mb:.0f} MB"
        rows.append(
            (
                f"`dvk collect`, {args.rows:,} rows, one CSV ({size_mb:.0f} MB)",
                f"{first.cpu:.1f} s CPU{ratio}; {first.wall:.1f} s wall",
                floor_text,
                "≤ 2× the floor",
            )
        )
        rows.append(("peak memory, same run", f"{first.peak_mb:.0f} MB", floor_peak, "≤ 500 MB"))

        register = register_path(folder / "collect0", 2026)
        typed = type_as_staff(register, share=0.05)

        def rerun(attempt: int):
            out = folder / f"rerun{attempt}"
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir()
            shutil.copy(register, register_path(out, 2026))
            return (collect_into(out),)

        again = median(rerun, args.repeat)
        kept = evaluations_in(register_path(folder / "rerun0", 2026))
        rows.append(
            (
                f"rerun with an existing register ({typed:,} rows evaluated, 5 %)",
                f"{again.cpu:.1f} s CPU = {again.cpu / first.cpu:.2f}× the first run; "
                f"{again.peak_mb:.0f} MB; {kept:,}/{typed:,} evaluations kept",
                f"first run {first.cpu:.1f} s",
                "≤ 1.5× the first run",
            )
        )

        report_units = generated_units(args.report_units)
        report_roster = write_roster(folder / "roster_report.csv", report_units)
        report_forms = write_forms_export(
            folder / "forms_report.csv", [u.name for u in report_units], args.report_rows, seed=11
        )
        data = folder / "report_data"
        run(
            dvk(
                "collect",
                "--year",
                "2026",
                "--source",
                str(report_forms),
                "--roster",
                str(report_roster),
                "--out",
                str(data),
            )
        )
        run(
            dvk(
                "check",
                "--year",
                "2026",
                "--registrations",
                str(data / "registrations.csv"),
                "--roster",
                str(report_roster),
                "--out",
                str(data),
            )
        )
        report = median(
            lambda a: (
                dvk(
                    "report",
                    "--year",
                    "2026",
                    "--in",
                    str(data),
                    "--out",
                    str(folder / f"report{a}"),
                    "--roster",
                    str(report_roster),
                ),
            ),
            args.repeat,
        )
        rows.append(
            (
                f"`dvk report`, {args.report_rows:,} registrations from {args.report_units:,} units",
                f"{report.cpu:.1f} s CPU; {report.wall:.1f} s wall",
                "",
                "≤ 30 s",
            )
        )
        type_as_staff(register_path(data, 2026), share=args.decision / args.report_rows, recognised=None)
        decision = median(
            lambda a: (
                dvk(
                    "decide",
                    "--year",
                    "2026",
                    "--register",
                    str(register_path(data, 2026)),
                    "--out",
                    str(folder / f"decision{a}"),
                    "--roster",
                    str(report_roster),
                ),
            ),
            args.repeat,
        )
        rows.append(
            (
                f"`dvk decide`, {args.decision:,} recognised models",
                f"{decision.cpu:.1f} s CPU",
                "",
                "a few seconds",
            )
        )

        startup = median(lambda a: (dvk("--help"),), args.repeat)
        probe = "import sys, dvk.cli\ntry:\n dvk.cli.main(['--help'])\nexcept SystemExit: pass\n"
        probe += "print('googleapiclient' in sys.modules)"
        imported = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
        google = "imports the Google client" if "True" in imported else "no Google client imported"
        rows.append(("`dvk --help` (start-up)", f"{startup.cpu:.2f} s CPU; {google}", "", "no Google import"))

        if not args.skip_demo:
            demo = median(lambda a: (dvk("demo", "--out", str(folder / f"demo{a}")),), 1)
            rows.append(
                ("`dvk demo` end to end (temporary Prefect server)", f"{demo.wall:.1f} s wall", "", "")
            )

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {machine}; medians of {args.repeat} runs "
        "(`uv run python bench/bench_table.py`).",
        "",
        "| what | measured | baseline | goal |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
