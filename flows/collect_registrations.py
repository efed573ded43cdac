"""Thu thập đăng ký: sources → normalised registrations, rejects and the register."""

from __future__ import annotations

from prefect import flow, get_run_logger

from dvk.cycle import jobs
from dvk.cycle.summaries import CollectSummary
from dvk.ui import artifacts
from dvk.ui.parameters import CollectParams
from flows.publish import publish_results, reports_failure, run_name
from flows.tasks import TASKS, check_parameters


@flow(
    name="thu-thap-dang-ky",
    flow_run_name=run_name("thu-thap-dang-ky", "year"),
    description="Thu thập đăng ký mô hình, điển hình từ Google Forms, biểu mẫu Excel và thư mục.",
)
@reports_failure
def collect_registrations(params: CollectParams = CollectParams()) -> CollectSummary:  # noqa: B008
    plan = check_parameters(params)
    collected = jobs.collect(plan, TASKS)
    get_run_logger().info(collected.summary.count_line)
    publish_results(
        f"Thu thập đăng ký năm {plan.year}",
        [("Số dòng", artifacts.collect_lines(collected.summary))],
        artifacts.collect_files(collected.summary),
        statuses=collected.statuses,
        rejects=collected.collection.rejects,
        year=plan.year,
    )
    return collected.summary
