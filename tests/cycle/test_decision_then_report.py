"""After a decision, the year's results report counts exactly what the decision recognises."""

from __future__ import annotations

import docx

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.folders import register_path


def paragraphs(path) -> str:
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


def annex_rows(path) -> int:
    """Data rows of the decision's annex: the rows whose first cell is a number."""
    table = docx.Document(path).tables[-1]
    return sum(1 for row in table.rows if row.cells[0].text.strip().isdigit())


def test_results_report_is_rewritten_after_the_decision(settings, sample_dir, tmp_path):
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)])
    collected = jobs.collect(plan)
    jobs.check(plan, collected=collected)
    before = jobs.report(plan).report_files.results_report
    assert "có 0/88 mô hình, điển hình được công nhận" in paragraphs(before)

    fill_register(register_path(tmp_path, 2026), read_evaluations(SAMPLE_EVALUATIONS))
    decided, reported = jobs.decide_and_report(plan)
    assert decided.recognised == annex_rows(decided.path) > 0
    after = paragraphs(reported.report_files.results_report)
    assert f"có {decided.recognised}/88 mô hình, điển hình được công nhận" in after


def test_no_decision_no_second_report(settings, sample_dir, tmp_path):
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)])
    jobs.collect(plan)
    decided, reported = jobs.decide_and_report(plan, required=False)
    assert decided.path is None and reported is None
