"""Đôn đốc đơn vị: who to remind, their e-mail and a message, and the reminder letter."""

from __future__ import annotations

from prefect import flow

from dvk import artifacts
from dvk.parameters import ReminderParams
from dvk.reminders import units_to_remind
from flows import steps
from flows.publish import publish_results
from flows.tasks import check_parameters, write_reminder_list


@flow(
    name="don-doc-don-vi",
    flow_run_name="don-doc-don-vi-{params.year}",
    description="Đơn vị trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu kèm thư điện tử; công văn đôn đốc.",
)
def send_reminders(params: ReminderParams = ReminderParams()) -> str:  # noqa: B008
    plan = check_parameters(params)
    checked = steps.check(plan)
    path, count = write_reminder_list(plan, checked.statuses)
    files, warnings = steps.reports(plan)
    letter = [(label, file) for label, file in files if label == "Công văn đôn đốc"]
    publish_results(
        f"Đôn đốc đơn vị năm {plan.year}",
        [
            ("Cần đôn đốc", [f"- **{count}** đơn vị (danh sách kèm thư điện tử và nội dung nhắc)"]),
            ("Tình trạng đơn vị", artifacts.check_lines(checked.summary)),
            (
                "Lưu ý",
                [
                    *[f"- {w}" for w in warnings],
                    "- dvk không tự gửi thư điện tử: gửi công văn theo danh sách này.",
                ],
            ),
        ],
        [("Danh sách đơn vị cần đôn đốc", path), *letter],
        statuses=units_to_remind(checked.statuses, plan.units),
    )
    return str(path)
