"""Lập báo cáo: the consolidated list, the results report, the reminder letter, the units' forms."""

from __future__ import annotations

from prefect import flow

from dvk.cycle import jobs
from dvk.ui.parameters import ReportParams
from flows.publish import publish_results, reports_failure, run_name, upload_documents
from flows.tasks import TASKS, check_parameters


@flow(
    name="lap-bao-cao",
    flow_run_name=run_name("lap-bao-cao", "year"),
    description="Văn bản Word/Excel của năm từ danh sách đăng ký và tình trạng đơn vị đã có.",
)
@reports_failure
def build_reports(params: ReportParams = ReportParams()) -> list[str]:  # noqa: B008
    plan = check_parameters(params)
    reported = jobs.report(plan, TASKS)
    uploaded, drive = upload_documents(plan, reported.files)
    notes = reported.warnings + uploaded
    publish_results(
        f"Báo cáo năm {plan.year}",
        [
            ("Văn bản đã lập", [f"- {label}: `{path.name}`" for label, path in reported.files]),
            ("Lưu ý", [f"- {note}" for note in notes]),
        ],
        reported.files,
        year=plan.year,
        drive=drive,
    )
    return [str(path) for _, path in reported.files]
