"""The benchmark's data generator at a test's size: every answer accounted for, staff entries kept."""

from __future__ import annotations

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.generate import generated_units, type_staff_entries, write_forms_export, write_roster
from dvk.folders import register_path
from dvk.register.workbook import read_register
from dvk.settings import load_settings


def test_a_generated_year_collects_whole_and_a_rerun_keeps_staff_entries(tmp_path):
    units = generated_units(40)
    roster = write_roster(tmp_path / "roster.csv", units)
    source = write_forms_export(tmp_path / "forms.csv", [u.name for u in units], rows=300, seed=3)
    settings = load_settings(roster)
    plan = RunPlan(2026, settings, tmp_path / "out", sources=[str(source)])

    first = jobs.collect(plan).summary
    assert first.rows_in == 300 and first.balanced
    assert first.rows_rejected == 0 and first.rows_superseded > 0
    assert first.rows_out + first.rows_superseded == 300

    typed = type_staff_entries(register_path(plan.out_dir, 2026), share=0.1, recognised=5)
    again = jobs.collect(plan).summary
    assert again.rows_out == first.rows_out
    assert (
        again.staff_entries_kept == typed * 2 + 5
    )  # a score and a result each, a level for the 5 recognised
    register = read_register(register_path(plan.out_dir, 2026))
    assert (register["Kết quả đánh giá"] == "Công nhận").sum() == 5
