"""Who needs a reminder (late, missing or below target) and what to tell them: the one rule."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dvk.check.counts import below_target
from dvk.dates import short_date
from dvk.schema import UnitStatus

# The order units are listed in a reminder: not registered, late, no known time, then below target.
REMINDER_ORDER = {
    UnitStatus.MISSING: 0,
    UnitStatus.LATE: 1,
    UnitStatus.UNKNOWN_TIME: 2,
    UnitStatus.ON_TIME: 3,
}


def needs_reminder(statuses: pd.DataFrame) -> pd.Series:
    """True for a unit that has not registered, registered late, or falls short of its target."""
    return (statuses["status"] != UnitStatus.ON_TIME) | below_target(statuses)


def units_to_remind(statuses: pd.DataFrame, units: list[str] | None = None) -> pd.DataFrame:
    """The units to remind, most urgent first; only the given unit codes when any."""
    need = needs_reminder(statuses)
    if units:
        need &= statuses["unit_code"].isin(units)
    flagged = statuses[need]
    rank = flagged["status"].map(lambda status: REMINDER_ORDER.get(UnitStatus(status), 4))
    return flagged.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")


def reminder_message(record: dict, year: int, deadline: date) -> str:
    """The reminder for one unit-status row, in the words a clerk would write."""
    name = record["unit_name"]
    count = int(record["registrations"] or 0)
    status = record["status"]
    if status == UnitStatus.MISSING:
        return (
            f"Kính gửi {name}: đến nay đơn vị chưa gửi đăng ký mô hình, điển hình «Dân vận khéo» năm {year} "
            f"(hạn {short_date(deadline)}). Đề nghị đơn vị đăng ký sớm."
        )
    lines = []
    if status == UnitStatus.LATE:
        lines.append(f"đơn vị gửi đăng ký sau hạn {short_date(deadline)}")
    if status == UnitStatus.UNKNOWN_TIME:
        lines.append(
            "bản đăng ký của đơn vị không ghi ngày (biểu mẫu chưa ghi ngày ký), chưa xác định được đúng hạn"
        )
    if str(record["meets_target"]) == "false":
        lines.append(f"đơn vị mới đăng ký {count} mô hình, chưa đạt chỉ tiêu ({record['target']})")
    return f"Kính gửi {name}: " + "; ".join(lines) + ". Đề nghị đơn vị bổ sung."
