"""Kiểm tra hạn đăng ký: (fresh) registrations + roster → each unit's status."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger

from dvk.cycle import jobs
from dvk.cycle.summaries import CheckSummary
from dvk.ui import artifacts
from dvk.ui.parameters import CheckParams
from flows.publish import publish_results, reports_failure, run_name
from flows.tasks import TASKS, check_parameters


@flow(
    name="kiem-tra-han-dang-ky",
    flow_run_name=run_name("kiem-tra-han-dang-ky", "year"),
    description="Đơn vị nào đúng hạn, trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu.",
)
@reports_failure
def check_deadlines(params: CheckParams = CheckParams()) -> CheckSummary:  # noqa: B008
    plan = check_parameters(params)
    sections, files, collected = [], [], None
    if params.collect_first:
        collected = jobs.collect(plan, TASKS)
        sections.append(("Thu thập lại đăng ký", artifacts.collect_lines(collected.summary)))
        files += artifacts.collect_files(collected.summary)
        rejects = collected.collection.rejects
    else:
        rejects = TASKS.read_rejects(plan.data_dir)
    checked = jobs.check(plan, TASKS, collected)
    summary = checked.summary
    get_run_logger().info(
        "Đúng hạn %s, trễ hạn %s, chưa đăng ký %s", summary.on_time, summary.late, summary.missing
    )
    publish_results(
        f"Kiểm tra hạn đăng ký năm {plan.year}",
        [("Tình trạng đơn vị", artifacts.check_lines(summary)), *sections],
        [*files, ("Tình trạng đơn vị", Path(summary.file))],
        statuses=checked.statuses,
        rejects=rejects,
        units=plan.units,
        year=plan.year,
    )
    return summary
