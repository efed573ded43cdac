"""Kiểm tra hạn đăng ký: normalised registrations + roster → each unit's status."""

from __future__ import annotations

from prefect import flow, get_run_logger

from dvk.pipeline import CheckSummary, summarise_statuses
from flows.tasks import check_units, load_run_settings, read_registrations, write_unit_statuses


@flow(
    name="kiem-tra-han-dang-ky",
    flow_run_name="kiem-tra-han-dang-ky-{year}",
    description="Đơn vị nào đúng hạn, trễ hạn, chưa đăng ký, chưa đạt chỉ tiêu.",
)
def check_deadlines(
    year: int, registrations: str, out_dir: str, roster: str | None = None, mappings_dir: str | None = None
) -> CheckSummary:
    settings = load_run_settings(roster, mappings_dir)
    frame = read_registrations(registrations)
    statuses = check_units(frame, year, settings)
    path = write_unit_statuses(statuses, out_dir)
    summary = summarise_statuses(statuses, year, path)
    get_run_logger().info(
        "Đúng hạn %s, trễ hạn %s, chưa đăng ký %s", summary.on_time, summary.late, summary.missing
    )
    return summary
