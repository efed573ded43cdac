"""The one summary of unit statuses: how many units are on time, late, missing, below target."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from dvk.schema import UnitStatus


@dataclass
class UnitCounts:
    units: int
    registered: int
    on_time: int
    late: int
    missing: int
    below_target: int
    late_names: list[str] = field(default_factory=list)
    missing_names: list[str] = field(default_factory=list)
    below_target_names: list[str] = field(default_factory=list)
    unknown_time: int = 0  # registered, but no registration says when (a paper form with no date)
    unknown_time_names: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def below_target(statuses: pd.DataFrame) -> pd.Series:
    return statuses["meets_target"].astype(str) == "false"


def unit_counts(statuses: pd.DataFrame) -> UnitCounts:
    """Counts and names (roster order) from the unit-status table `dvk.check.status` builds."""
    status = statuses["status"]
    below = below_target(statuses)

    def names(mask) -> list[str]:
        return statuses.loc[mask, "unit_name"].tolist()

    return UnitCounts(
        units=len(statuses),
        registered=int((status != UnitStatus.MISSING).sum()),
        on_time=int((status == UnitStatus.ON_TIME).sum()),
        late=int((status == UnitStatus.LATE).sum()),
        missing=int((status == UnitStatus.MISSING).sum()),
        below_target=int(below.sum()),
        late_names=names(status == UnitStatus.LATE),
        missing_names=names(status == UnitStatus.MISSING),
        below_target_names=names(below),
        unknown_time=int((status == UnitStatus.UNKNOWN_TIME).sum()),
        unknown_time_names=names(status == UnitStatus.UNKNOWN_TIME),
    )
