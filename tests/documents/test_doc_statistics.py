"""Counts by field × form × kind, and unit statuses, on small frames counted by hand."""

from __future__ import annotations

import pandas as pd

from dvk.check.counts import unit_counts
from dvk.documents.statistics import field_statistics

ROWS = [
    # field, form, kind
    ("economy", "collective", "new"),
    ("economy", "collective", "new"),
    ("economy", "individual", "replicated"),
    ("political_system", "individual", "new"),
]


def frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["field", "form", "kind"])


def test_counts_by_field_form_and_kind():
    stats = field_statistics(frame(ROWS), recognised=frame([("economy", "collective", "new")]))
    economy, culture, defense, political = stats.rows
    assert [r.numeral for r in stats.rows] == ["I", "II", "III", "IV"]
    assert (economy.total, economy.collective_new, economy.individual_replicated, economy.recognised) == (
        3,
        2,
        1,
        1,
    )
    assert culture.total == defense.total == 0
    assert (political.total, political.individual_new) == (1, 1)
    total = stats.total
    assert (total.total, total.collective, total.individual, total.new, total.replicated) == (4, 2, 2, 3, 1)
    assert total.recognised == 1


def test_empty_year_has_four_zero_rows():
    stats = field_statistics(frame([]))
    assert len(stats.rows) == 4 and stats.total.total == 0


def test_unit_counts():
    statuses = pd.DataFrame(
        [
            ("A", "on_time", "true"),
            ("B", "late", "false"),
            ("C", "missing", "false"),
            ("D", "on_time", "false"),
        ],
        columns=["unit_name", "status", "meets_target"],
    )
    counts = unit_counts(statuses)
    assert (counts.units, counts.registered, counts.on_time, counts.late, counts.missing) == (4, 3, 2, 1, 1)
    assert counts.below_target_names == ["B", "C", "D"]
    assert counts.missing_names == ["C"] and counts.late_names == ["B"]
