"""Đôn đốc đơn vị: who to remind, their e-mail and a message, and the reminder letter."""

from __future__ import annotations

from prefect import flow

from dvk.check.reminders import units_to_remind
from dvk.cycle import jobs
from dvk.ui import artifacts
from dvk.ui.parameters import ReminderParams
from flows.publish import publish_results, reports_failure, run_name
from flows.tasks import TASKS, check_parameters

LETTER_LABEL = "Công văn đôn đốc"


@flow(
    name="don-doc-don-vi",
    flow_run_name=run_name("don-doc-don-vi", "year"),
    description="Đơn vị trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu kèm thư điện tử; công văn đôn đốc.",
)
@reports_failure
def send_reminders(params: ReminderParams = ReminderParams()) -> str:  # noqa: B008
    plan = check_parameters(params)
    reminded = jobs.remind(plan, TASKS)
    publish_results(
        f"Đôn đốc đơn vị năm {plan.year}",
        [
            ("Cần đôn đốc", [f"- **{reminded.count}** đơn vị (danh sách kèm thư điện tử và nội dung nhắc)"]),
            ("Tình trạng đơn vị", artifacts.check_lines(reminded.checked.summary)),
            (
                "Lưu ý",
                ["- dvk không tự gửi thư điện tử: gửi công văn theo danh sách này."],
            ),
        ],
        [("Danh sách đơn vị cần đôn đốc", reminded.path), (LETTER_LABEL, reminded.letter)],
        statuses=units_to_remind(reminded.checked.statuses, plan.units),
        year=plan.year,
    )
    return str(reminded.path)
