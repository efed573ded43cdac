"""After a decision, the year's results report counts exactly what the decision recognises."""

from __future__ import annotations

from datetime import date

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
    after = paragraphs(dict(reported.files)["Báo cáo kết quả"])
    assert f"có {decided.recognised}/88 mô hình, điển hình được công nhận" in after


def test_no_decision_no_second_report(settings, sample_dir, tmp_path):
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)])
    jobs.collect(plan)
    decided, reported = jobs.decide_and_report(plan, required=False)
    assert decided.path is None and reported is None


def test_a_decision_rewrites_the_results_report_only(settings, sample_dir, tmp_path):
    """The reminder letter already sent keeps its reply date; the unit forms and the consolidated
    list are not written again; the results report counts what the decision recognised."""
    sent = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)], reply_by=date(2026, 4, 7))
    jobs.collect(sent)
    files = jobs.report(sent).report_files
    letter = files.reminder_letter
    assert "trước ngày 7/4/2026" in paragraphs(letter)
    untouched = [letter, files.consolidated_docx, files.consolidated_xlsx, *files.unit_forms]
    before = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in untouched}

    fill_register(register_path(tmp_path, 2026), read_evaluations(SAMPLE_EVALUATIONS))
    decided, reported = jobs.decide_and_report(RunPlan(2026, settings, tmp_path))  # no reply date
    assert "trước ngày 7/4/2026" in paragraphs(letter)
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in untouched} == before
    assert [label for label, _ in reported.files] == ["Báo cáo kết quả"]
    results = paragraphs(dict(reported.files)["Báo cáo kết quả"])
    assert f"có {decided.recognised}/88 mô hình, điển hình được công nhận" in results
    assert decided.recognised == 16
