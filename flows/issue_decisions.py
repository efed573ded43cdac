"""Ra quyết định công nhận: the register's evaluation checked, a number allocated, the decision written."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_table_artifact

from dvk.parameters import DecisionParams
from flows import steps
from flows.publish import publish_results
from flows.tasks import check_parameters

PROBLEMS_KEY = "dvk-loi-danh-gia"


def decide_or_report(plan, **kwargs) -> steps.Decided:
    """steps.decide, publishing the table of evaluation errors before the run fails with them."""
    try:
        return steps.decide(plan, **kwargs)
    except steps.EvaluationInvalid as invalid:
        create_table_artifact(
            [problem.as_row() for problem in invalid.checked.problems],
            key=PROBLEMS_KEY,
            description="Lỗi ở cột đánh giá của sổ theo dõi — sửa rồi chạy lại",
        )
        raise


@flow(
    name="ra-quyet-dinh-cong-nhan",
    flow_run_name="ra-quyet-dinh-cong-nhan-{params.year}",
    description="Kiểm tra cột đánh giá của sổ theo dõi, cấp số, viết quyết định công nhận kèm danh sách.",
)
def issue_decisions(params: DecisionParams = DecisionParams()) -> str:  # noqa: B008
    plan = check_parameters(params)
    decided = decide_or_report(plan, number=params.number, signed_on=params.signed_on)
    counts = [f"- {label}: **{decided.counts.get(key, 0)}**" for key, label in steps.RESULT_LABELS.items()]
    publish_results(
        f"Quyết định công nhận năm {plan.year}",
        [("Quyết định", [f"- {decided.note}"]), ("Kết quả đánh giá trong sổ theo dõi", counts)],
        [("Quyết định công nhận", decided.path)],
    )
    return str(decided.path)
