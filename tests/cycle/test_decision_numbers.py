"""Decision numbers: a decision issued again on another date keeps its number; two runs allocating
at the same moment never get the same number (the register's lock, across processes)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.folders import register_path

ALLOCATE = """
import sys
from datetime import date
from pathlib import Path
from dvk.documents.numbering import allocate, load_numbering_rules
from dvk.mappings import DEFAULT_MAPPINGS_DIR

folder, who = Path(sys.argv[1]), sys.argv[2]
rules = load_numbering_rules(DEFAULT_MAPPINGS_DIR)
sys.stdin.readline()  # both processes start allocating when the test says go
for index in range(40):
    print(allocate(folder, rules, "QD", f"{who}-{index}", date(2026, 5, 1)).number, flush=True)
"""


def test_a_decision_issued_again_on_another_date_keeps_its_number(settings, sample_dir, tmp_path):
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)], numbering_dir=tmp_path / "so_van_ban")
    jobs.collect(plan)
    fill_register(register_path(tmp_path, 2026), read_evaluations(SAMPLE_EVALUATIONS))
    first = jobs.decide(plan, signed_on=date(2026, 3, 5))
    again = jobs.decide(plan, signed_on=date(2026, 3, 20))
    assert first.number == again.number == 1
    assert "cấp lại số đã có" in again.note and "20/03/2026" in again.note
    entries = json.loads((tmp_path / "so_van_ban" / "so_van_ban_QD.json").read_text("utf-8"))["entries"]
    assert [entry["number"] for entry in entries] == [1]


def test_two_processes_allocating_at_once_never_share_a_number(tmp_path):
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", ALLOCATE, str(tmp_path), who],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for who in ("a", "b")
    ]
    for run in runs:
        run.stdin.write("go\n")
        run.stdin.flush()
    numbers = []
    for run in runs:
        out, _ = run.communicate(timeout=600)
        assert run.returncode == 0
        numbers += [int(line) for line in out.split()]
    assert sorted(numbers) == list(range(1, 81))
