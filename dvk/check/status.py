"""Deadline status and target check for every unit in the roster."""

from __future__ import annotations

import pandas as pd

from dvk.dates import parse_moment
from dvk.mappings import Deadlines
from dvk.roster import Roster
from dvk.schema import UNIT_STATUS_COLUMNS, Kind, UnitStatus


def _is_late(submitted_at: str, year: int, deadlines: Deadlines) -> bool:
    """A registration without a time (a paper form with no date) counts as on time."""
    moment = parse_moment(submitted_at) if submitted_at else None
    return moment is not None and deadlines.is_late(moment, year)


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
        if count == 0:
            status = UnitStatus.MISSING
            first = ""
        else:
            late = [_is_late(str(t), year, deadlines) for t in group["submitted_at"]]
            status = UnitStatus.LATE if all(late) else UnitStatus.ON_TIME
            times = sorted(str(t) for t in group["submitted_at"] if t)
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
