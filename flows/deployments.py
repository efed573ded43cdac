"""The deployments `dvk serve` offers in the Prefect UI: one per job staff do."""

from __future__ import annotations

from dataclasses import dataclass, field

from prefect import Flow
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.schedules import RRule, Schedule

from dvk.ui.form_schema import clerk_defaults, clerk_form
from dvk.ui.serve_config import ServeConfig

PARAMS_TITLE = "Thông số"
TAGS = ["dvk"]


@dataclass(frozen=True)
class Job:
    flow: Flow
    name: str
    description: str
    schedules: list[Schedule] = field(default_factory=list)


def deadline_schedules(config: ServeConfig) -> list[Schedule]:
    """One schedule for the whole registration window, every year."""
    check = config.deadline_check
    return [RRule(check.rrule(), timezone=check.timezone, active=check.active, slug=check.title())]


def jobs(config: ServeConfig) -> list[Job]:
    from flows.annual_cycle import annual_cycle
    from flows.build_reports import build_reports
    from flows.check_deadlines import check_deadlines
    from flows.collect_registrations import collect_registrations
    from flows.issue_decisions import issue_decisions
    from flows.multi_year_review import multi_year_review
    from flows.send_reminders import send_reminders

    return [
        Job(
            annual_cycle,
            "Chu trình năm",
            "Cả năm trong một lần chạy: thu thập đăng ký, kiểm tra hạn và chỉ tiêu, lập báo cáo, "
            "ra quyết định công nhận khi sổ theo dõi đã có đánh giá. "
            "Thường chỉ cần chọn năm rồi bấm Run.",
        ),
        Job(
            collect_registrations,
            "Thu thập đăng ký",
            "Đọc đăng ký từ Google Forms, biểu mẫu Excel, thư mục; ghi danh sách hợp lệ, "
            "danh sách bị loại kèm lý do và sổ theo dõi (giữ nguyên ô cán bộ đã nhập).",
        ),
        Job(
            check_deadlines,
            "Kiểm tra hạn đăng ký",
            "Đơn vị nào đúng hạn, trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu. "
            f"Lịch tự động: {config.deadline_check.describe()}.",
            deadline_schedules(config),
        ),
        Job(
            send_reminders,
            "Đôn đốc đơn vị",
            "Danh sách đơn vị trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu kèm thư điện tử và nội dung nhắc; "
            "công văn đôn đốc. dvk không tự gửi thư.",
        ),
        Job(
            build_reports,
            "Lập báo cáo",
            "Tổng hợp đăng ký (Word, Excel), báo cáo kết quả, công văn đôn đốc, biểu mẫu từng đơn vị.",
        ),
        Job(
            issue_decisions,
            "Ra quyết định công nhận",
            "Sau khi cán bộ nhập «Kết quả đánh giá» và «Cấp công nhận» trong sổ theo dõi: kiểm tra, "
            "cấp số văn bản, viết quyết định công nhận kèm danh sách.",
        ),
        Job(
            multi_year_review,
            "Sơ kết, tổng kết nhiều năm",
            "Gộp sổ theo dõi của nhiều năm (3 năm: sơ kết, 5 năm: tổng kết): thống kê theo năm và lĩnh vực, "
            "đơn vị chưa từng đăng ký, mô hình được nhân rộng nhiều nhất.",
        ),
    ]


def titled(deployment: RunnerDeployment) -> RunnerDeployment:
    """The form's group of parameters titled «Thông số» (Prefect shows the argument's name)."""
    for prop in deployment._parameter_openapi_schema.properties.values():
        prop["title"] = PARAMS_TITLE
    return deployment


def _for_clerks(deployment: RunnerDeployment, config: ServeConfig) -> RunnerDeployment:
    """The form as a clerk fills it (dvk.ui.form_schema), its group titled «Thông số»."""
    schema = titled(deployment)._parameter_openapi_schema
    for prop in schema.properties.values():
        if isinstance(prop.get("default"), dict):
            prop["default"] = clerk_defaults(prop["default"], config)
    schema.definitions = clerk_form({"definitions": schema.definitions or {}}, config)["definitions"]
    return deployment


def remove_stale_schedules(deployments: list[RunnerDeployment]) -> int:
    """Delete the schedules an earlier `dvk serve` made that this one does not (another slug: an
    older version, or a changed time), so the UI shows one schedule; Prefect only replaces the
    schedules with the same slug. Returns how many were removed."""
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    removed = 0
    with get_client(sync_client=True) as client:
        for deployment in deployments:
            wanted = {schedule.slug for schedule in deployment.schedules or []}
            try:
                existing = client.read_deployment_by_name(f"{deployment.flow_name}/{deployment.name}")
            except ObjectNotFound:
                continue
            for schedule in client.read_deployment_schedules(existing.id):
                if schedule.slug and schedule.slug not in wanted:
                    client.delete_deployment_schedule(existing.id, schedule.id)
                    removed += 1
    return removed


def build_deployments(config: ServeConfig) -> list[RunnerDeployment]:
    return [
        _for_clerks(
            job.flow.to_deployment(
                name=job.name,
                description=job.description,
                schedules=job.schedules or None,
                tags=TAGS,
                entrypoint_type=EntrypointType.MODULE_PATH,
            ),
            config,
        )
        for job in jobs(config)
    ]
