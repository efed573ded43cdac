"""Ra quyết định công nhận: the register's evaluation checked, a number allocated, the decision written."""

from __future__ import annotations

from prefect import flow

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.errors import EvaluationInvalid
from dvk.register.evaluation import RESULT_LABELS
from dvk.ui.parameters import DecisionParams
from flows.publish import publish_results, publish_table, reports_failure, run_name
from flows.tasks import TASKS, check_parameters

PROBLEMS_KEY = "dvk-loi-danh-gia"


def decide_or_report(
    plan: RunPlan, then_report: bool = True, **kwargs
) -> tuple[jobs.Decided, jobs.Reported | None]:
    """The decision, and (`then_report`) the results report written again after it; the table of
    evaluation errors is published before the run fails with them."""
    try:
        if not then_report:
            return jobs.decide(plan, TASKS, **kwargs), None
        return jobs.decide_and_report(plan, TASKS, **kwargs)
    except EvaluationInvalid as invalid:
        publish_table(
            [problem.as_row() for problem in invalid.checked.problems],
            PROBLEMS_KEY,
            "Lỗi ở cột đánh giá của sổ theo dõi — sửa rồi chạy lại",
        )
        raise


@flow(
    name="ra-quyet-dinh-cong-nhan",
    flow_run_name=run_name("ra-quyet-dinh-cong-nhan", "year"),
    description="Kiểm tra cột đánh giá của sổ theo dõi, cấp số, viết quyết định công nhận kèm danh sách.",
)
@reports_failure
def issue_decisions(params: DecisionParams = DecisionParams()) -> str:  # noqa: B008
    plan = check_parameters(params)
    decided, reported = decide_or_report(plan, number=params.number, signed_on=params.signed_on)
    counts = [f"- {label}: **{decided.counts.get(key, 0)}**" for key, label in RESULT_LABELS.items()]
    rewritten = [pair for pair in reported.files if pair[0] == jobs.RESULTS_REPORT] if reported else []
    publish_results(
        f"Quyết định công nhận năm {plan.year}",
        [("Quyết định", [f"- {decided.note}"]), ("Kết quả đánh giá trong sổ theo dõi", counts)],
        [("Quyết định công nhận", decided.path), *rewritten],
        year=plan.year,
    )
    return str(decided.path)
