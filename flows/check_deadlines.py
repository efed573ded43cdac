"""Kiểm tra hạn đăng ký: (fresh) registrations + roster → each unit's status."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger

from dvk import artifacts
from dvk.parameters import CheckParams
from dvk.pipeline import CheckSummary
from flows import steps
from flows.publish import publish_results
from flows.tasks import check_parameters, read_rejects


@flow(
    name="kiem-tra-han-dang-ky",
    flow_run_name="kiem-tra-han-dang-ky",
    description="Đơn vị nào đúng hạn, trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu.",
)
def check_deadlines(params: CheckParams = CheckParams()) -> CheckSummary:  # noqa: B008
    plan = check_parameters(params)
    sections, files, collected = [], [], None
    if params.collect_first:
        collected = steps.collect(plan)
        sections.append(("Thu thập lại đăng ký", artifacts.collect_lines(collected.summary)))
        files += artifacts.collect_files(collected.summary)
        rejects = collected.collection.rejects
    else:
        rejects = read_rejects(plan.out_dir)
    checked = steps.check(plan, collected)
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
    )
    return summary
