"""A later registration of the same model by the same unit replaces the earlier one (pure)."""

from __future__ import annotations

import pandas as pd
import pytest

from dvk.intake import supersede as rules
from dvk.text import match_key


def supersede(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The standing and the replaced rows, as records."""
    keys = [match_key(r["model_name"]) for r in rows]
    standing, superseded = rules.supersede(pd.DataFrame(rows), keys)
    return standing.to_dict("records"), superseded.to_dict("records")


def row(ident: str, unit: str, name: str, at: str) -> dict:
    return {
        "registration_id": ident,
        "unit_code": unit,
        "model_name": name,
        "submitted_at": at,
        "source": "dang_ky.csv",
        "source_row": ident,
    }


@pytest.mark.parametrize(
    ("rows", "kept", "replaced"),
    [
        # the later time wins, whatever the order read
        (
            [row("1", "A", "Tủ sách", "2026-03-02T08:00"), row("2", "A", "Tủ sách", "2026-03-01T08:00")],
            ["1"],
            ["2"],
        ),
        # same name up to case, accents and spacing
        (
            [row("1", "A", "Tủ sách", "2026-03-01T08:00"), row("2", "A", "TU  SACH", "2026-03-05T08:00")],
            ["2"],
            ["1"],
        ),
        # equal times: the row read last wins
        (
            [row("1", "A", "Tủ sách", "2026-03-01T08:00"), row("2", "A", "Tủ sách", "2026-03-01T08:00")],
            ["2"],
            ["1"],
        ),
        # a row with no time is never the newest, even when read last
        ([row("1", "A", "Tủ sách", "2026-03-01T08:00"), row("2", "A", "Tủ sách", "")], ["1"], ["2"]),
        ([row("1", "A", "Tủ sách", ""), row("2", "A", "Tủ sách", "2026-03-01T08:00")], ["2"], ["1"]),
        # another unit, or another model: nothing replaced
        (
            [row("1", "A", "Tủ sách", "2026-03-01T08:00"), row("2", "B", "Tủ sách", "2026-03-02T08:00")],
            ["1", "2"],
            [],
        ),
        (
            [row("1", "A", "Tủ sách", "2026-03-01T08:00"), row("2", "A", "Chợ phiên", "2026-03-02T08:00")],
            ["1", "2"],
            [],
        ),
        # three versions: the two older ones both point at the newest
        (
            [
                row("1", "A", "Tủ sách", "2026-03-01T08:00"),
                row("2", "A", "Tủ sách", "2026-03-03T08:00"),
                row("3", "A", "Tủ sách", "2026-03-02T08:00"),
            ],
            ["2"],
            ["1", "3"],
        ),
    ],
)
def test_the_latest_stands(rows, kept, replaced):
    standing, superseded = supersede(rows)
    assert [r["registration_id"] for r in standing] == kept
    assert sorted(r["registration_id"] for r in superseded) == replaced
    assert {r["replaced_by_id"] for r in superseded} <= set(kept)


def test_kept_rows_stay_in_reading_order():
    rows = [row(str(i), "A", f"Mô hình {i}", f"2026-03-0{9 - i}T08:00") for i in range(1, 5)]
    standing, _ = supersede(rows)
    assert [r["registration_id"] for r in standing] == ["1", "2", "3", "4"]


def test_nothing_is_lost():
    rows = [
        row(str(i), "A" if i % 2 else "B", "Tủ sách" if i < 4 else "Chợ", f"2026-03-0{i}T08:00")
        for i in range(1, 8)
    ]
    standing, superseded = supersede(rows)
    assert len(standing) + len(superseded) == len(rows)
