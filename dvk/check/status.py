"""Deadline status and target check for every unit in the roster."""

from __future__ import annotations

import pandas as pd

from dvk.dates import DateParseError, parse_moment
from dvk.errors import SourceError
from dvk.mappings import Deadlines
from dvk.roster import Roster
from dvk.schema import UNIT_STATUS_COLUMNS, Kind, UnitStatus


def _lateness(record: dict, year: int, deadlines: Deadlines) -> bool | None:
    """True late, False on time, None when the registration has no time (a paper form with no date)."""
    submitted_at = str(record.get("submitted_at") or "").strip()
    if not submitted_at:
        return None
    try:
        moment = parse_moment(submitted_at)
    except DateParseError as error:
        raise SourceError(
            f"Bản đăng ký «{record.get('registration_id', '')}» ({record.get('unit_name', '')}): thời gian "
            f"gửi «{submitted_at}» không đọc được ({error}); ghi theo ngày/tháng/năm giờ:phút, ví dụ "
            "25/03/2026 10:00, hoặc để trống nếu không rõ."
        ) from error
    return None if moment is None else deadlines.is_late(moment, year)


def unit_status(lateness: list[bool | None]) -> UnitStatus:
    """On time if any registration came in time; else late if any came late; else the time is unknown.

    A registration with no time never makes a unit on time."""
    if not lateness:
        return UnitStatus.MISSING
    if False in lateness:
        return UnitStatus.ON_TIME
    if True in lateness:
        return UnitStatus.LATE
    return UnitStatus.UNKNOWN_TIME


def unit_statuses(
    registrations: pd.DataFrame, roster: Roster, year: int, deadlines: Deadlines
) -> pd.DataFrame:
    rows = []
    frame = registrations.fillna("")
    by_unit = {code: group for code, group in frame.groupby("unit_code", sort=False)}
    for unit in roster.units:
        group = by_unit.get(unit.code)
        count = 0 if group is None else len(group)
        new_models = 0 if group is None else int((group["kind"] == str(Kind.NEW)).sum())
        records = [] if group is None else group.to_dict("records")
        status = unit_status([_lateness(record, year, deadlines) for record in records])
        times = sorted(str(record["submitted_at"]) for record in records if record["submitted_at"])
        first = times[0] if times else ""
        meets = count >= unit.target.total and new_models >= unit.target.new
        rows.append(
            {
                "unit_code": unit.code,
                "unit_name": unit.name,
                "status": str(status),
                "registrations": count,
                "new_models": new_models,
                "target": unit.target.describe(),
                "meets_target": "true" if meets else "false",
                "unit_type": unit.unit_type,
                "first_submitted_at": first,
                "email": unit.email,
            }
        )
    return pd.DataFrame(rows, columns=UNIT_STATUS_COLUMNS).astype(object)
