"""Counts for the reports: registrations by field × form × kind, and recognised models.

Pure functions over the DataFrames `dvk collect`/`dvk check` write; no I/O.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from dvk.schema import FIELD_LABELS, Field, Form, Kind

NUMERALS = {
    Field.ECONOMY: "I",
    Field.CULTURE_SOCIETY: "II",
    Field.DEFENSE_SECURITY: "III",
    Field.POLITICAL_SYSTEM: "IV",
}


# The counted columns of the statistics table, in table order.
COUNT_KEYS = (
    "total",
    "collective_new",
    "collective_replicated",
    "individual_new",
    "individual_replicated",
    "recognised",
)


@dataclass
class FieldCounts:
    numeral: str
    label: str
    total: int = 0
    collective_new: int = 0
    collective_replicated: int = 0
    individual_new: int = 0
    individual_replicated: int = 0
    recognised: int = 0

    @property
    def collective(self) -> int:
        return self.collective_new + self.collective_replicated

    @property
    def individual(self) -> int:
        return self.individual_new + self.individual_replicated

    @property
    def new(self) -> int:
        return self.collective_new + self.individual_new

    @property
    def replicated(self) -> int:
        return self.collective_replicated + self.individual_replicated

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Statistics:
    rows: list[FieldCounts]
    total: FieldCounts

    def as_context(self) -> dict:
        return {"rows": [row.as_dict() for row in self.rows], "total": self.total.as_dict()}


def field_statistics(registrations: pd.DataFrame, recognised: pd.DataFrame | None = None) -> Statistics:
    """One row per field in section order I–IV, and the totals.

    `recognised` holds the register rows staff marked as recognised (machine field codes).
    """
    rows = {field: FieldCounts(NUMERALS[field], FIELD_LABELS[field]) for field in Field}
    for record in registrations[["field", "form", "kind"]].itertuples(index=False):
        counts = rows[Field(record.field)]
        counts.total += 1
        key = f"{Form(record.form).value}_{Kind(record.kind).value}"
        setattr(counts, key, getattr(counts, key) + 1)
    if recognised is not None:
        for field_code in recognised["field"]:
            if field_code in Field._value2member_map_:
                rows[Field(field_code)].recognised += 1
    total = FieldCounts("", "Tổng cộng")
    for counts in rows.values():
        for key in COUNT_KEYS:
            setattr(total, key, getattr(total, key) + getattr(counts, key))
    return Statistics(list(rows.values()), total)
