"""The part of `dvk collect` before the register: read, normalise, unit statuses, CSV lists.

    uv run python bench/bench_intake.py [--rows 100000]

Builds a Forms CSV export of N responses with `dvk.demo.generate` (as bench_table.py does), then
runs the steps of `dvk collect` up to the register in a child process: CPU seconds of each step
(user + system, imports not counted) and the peak memory of the whole child, imports included.
The register workbook is not written: bench_table.py measures the whole command.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dvk.demo.generate import write_collect_inputs  # noqa: E402

STEPS_SCRIPT = """
import json, resource, sys
from pathlib import Path
from dvk.cycle.steps import check_units, normalise_registrations, read_sources
from dvk.settings import load_settings
from dvk.tables import write_csv

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

forms, roster, out = sys.argv[1:4]
settings = load_settings(roster, None)
times, mark = {}, cpu()
read = read_sources([forms], settings.mappings)
times["read"], mark = cpu() - mark, cpu()
collection = normalise_registrations(read, 2026, settings)
del read
times["normalise"], mark = cpu() - mark, cpu()
statuses = check_units(collection.registrations, 2026, settings)
times["unit statuses"], mark = cpu() - mark, cpu()
for name, frame in [
    ("registrations", collection.registrations),
    ("rejects", collection.rejects),
    ("superseded", collection.superseded),
    ("columns", collection.columns),
    ("unit_status", statuses),
]:
    write_csv(frame, Path(out) / f"{name}.csv")
times["CSV lists"] = cpu() - mark
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"times": times, "peak_mb": peak, "rows": collection.rows_in}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dvk-bench-") as temp:
        folder = Path(temp)
        roster, forms = write_collect_inputs(folder, args.rows)
        size_mb = forms.stat().st_size / 1e6
        done = subprocess.run(
            [sys.executable, "-c", STEPS_SCRIPT, str(forms), str(roster), str(folder)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result["times"].items())
    total = sum(result["times"].values())
    print(
        f"{result['rows']:,} rows ({size_mb:.0f} MB): "
        f"{total:.2f} s CPU — {steps}; peak {result['peak_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
