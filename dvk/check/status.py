"""Deadline status and target check for every unit in the roster."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dvk.dates import DateParseError, parse_moment
from dvk.errors import SourceError
from dvk.mappings import Deadlines
from dvk.roster import Roster
from dvk.schema import UNIT_STATUS_COLUMNS, Kind, UnitStatus
from dvk.text import map_distinct


@dataclass(frozen=True)
class _Unreadable:
    """A registration's time that does not read: told with the registration it belongs to."""

    text: str
    error: DateParseError


def _lateness(submitted_at: object, is_late: Callable[[datetime], bool]) -> bool | None | _Unreadable:
    """True late, False on time, None when the registration has no time (a paper form with no date)."""
    text = str(submitted_at or "").strip()
    if not text:
        return None
    try:
        moment = parse_moment(text)
    except DateParseError as error:
        return _Unreadable(text, error)
    return None if moment is None else is_late(moment)


def _refusal(record: dict, time: _Unreadable) -> SourceError:
    return SourceError(
        f"Bản đăng ký «{record.get('registration_id', '')}» ({record.get('unit_name', '')}): thời gian "
        f"gửi «{time.text}» không đọc được ({time.error}); ghi theo ngày/tháng/năm giờ:phút, ví dụ "
        "25/03/2026 10:00, hoặc để trống nếu không rõ."
    )


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
    """Each roster unit's status, count and target; SourceError at the first registration (in roster
    order) whose time does not read. Each distinct time is read once."""
    frame = registrations.fillna("")
    times = frame["submitted_at"].tolist()
    is_late = deadlines.lateness(year)
    lateness = map_distinct(lambda value: _lateness(value, is_late), times)
    is_new = (frame["kind"] == str(Kind.NEW)).tolist()
    by_unit = frame.groupby("unit_code", sort=False).indices
    rows = []
    for unit in roster.units:
        positions = by_unit.get(unit.code, [])
        unit_lateness = [lateness[row] for row in positions]
        for row, late in zip(positions, unit_lateness, strict=True):
            if isinstance(late, _Unreadable):
                raise _refusal(frame.iloc[row].to_dict(), late) from late.error
        count = len(positions)
        new_models = sum(is_new[row] for row in positions)
        submitted = [str(times[row]) for row in positions if times[row]]
        meets = count >= unit.target.total and new_models >= unit.target.new
        rows.append(
            {
                "unit_code": unit.code,
                "unit_name": unit.name,
                "status": str(unit_status(unit_lateness)),
                "registrations": count,
                "new_models": new_models,
                "target": unit.target.describe(),
                "meets_target": "true" if meets else "false",
                "unit_type": unit.unit_type,
                "first_submitted_at": min(submitted, default=""),
                "email": unit.email,
            }
        )
    return pd.DataFrame(rows, columns=UNIT_STATUS_COLUMNS).astype(object)
