"""Chu trình năm: collect, check deadlines and targets, issue the recognition decision once staff
have evaluated the models in the register, then write the reports (so the results report counts
what the decision recognises)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from dvk.cycle import jobs
from dvk.cycle.summaries import CheckSummary, CollectSummary
from dvk.ui import artifacts
from dvk.ui.parameters import CycleParams
from flows.issue_decisions import decide_or_report
from flows.publish import publish_results, reports_failure, run_name, upload_documents
from flows.tasks import TASKS, check_parameters


@dataclass
class CycleSummary:
    collect: CollectSummary
    check: CheckSummary
    files: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    decision: str | None = None


@flow(
    name="chu-trinh-nam",
    flow_run_name=run_name("chu-trinh-nam", "year"),
    description="Cả năm: thu thập đăng ký, kiểm tra hạn và chỉ tiêu, báo cáo, quyết định công nhận.",
)
@reports_failure
def annual_cycle(params: CycleParams = CycleParams()) -> CycleSummary:  # noqa: B008
    plan = check_parameters(params)
    collected = jobs.collect(plan, TASKS)
    checked = jobs.check(plan, TASKS, collected)
    decision = None
    decision_files: list[tuple[str, Path]] = []
    notes = []
    if params.issue_decision:  # before the reports, so the results report counts what it recognises
        decided, _ = decide_or_report(plan, then_report=False, required=False)
        notes.append(decided.note)
        if decided.path:
            decision = str(decided.path)
            decision_files.append(("Quyết định công nhận", decided.path))
    else:
        notes.append("Không ra quyết định công nhận trong lần chạy này (đã tắt trong thông số).")
    reported = jobs.report(plan, TASKS)
    notes = reported.warnings + notes
    files = [
        *artifacts.collect_files(collected.summary),
        ("Tình trạng đơn vị", Path(checked.summary.file)),
        *reported.files,
        *decision_files,
    ]
    uploaded, drive = upload_documents(plan, files)
    notes += uploaded
    publish_results(
        f"Chu trình năm {plan.year}",
        [
            ("Thu thập đăng ký", artifacts.collect_lines(collected.summary)),
            ("Tình trạng đơn vị", artifacts.check_lines(checked.summary)),
            ("Văn bản và quyết định", [f"- {note}" for note in notes]),
        ],
        files,
        statuses=checked.statuses,
        rejects=collected.collection.rejects,
        units=plan.units,
        year=plan.year,
        drive=drive,
    )
    return CycleSummary(
        collected.summary,
        checked.summary,
        [(label, str(path)) for label, path in files],
        notes,
        decision,
    )
