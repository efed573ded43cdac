"""Deadline status and targets per unit: the heart of the check, rule by rule (pure, no files)."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pandas as pd
import pytest

from dvk.check.status import unit_statuses
from dvk.mappings import Deadlines, Target
from dvk.roster import Roster, Unit

DEADLINES = Deadlines(ZoneInfo("Asia/Ho_Chi_Minh"), (31, 3), {2021: date(2021, 5, 1)})


def roster(*units: tuple[str, str, int, int]) -> Roster:
    return Roster(
        [Unit(code, f"Đơn vị {code}", kind, (), Target(total, new)) for code, kind, total, new in units]
    )


def rows(code: str, *entries: tuple[str, str]) -> list[dict]:
    return [{"unit_code": code, "kind": kind, "submitted_at": at} for at, kind in entries]


def status_of(registrations: list[dict], units: Roster, year: int = 2026) -> dict[str, tuple[str, str]]:
    frame = pd.DataFrame(registrations, columns=["unit_code", "kind", "submitted_at"])
    table = unit_statuses(frame, units, year, DEADLINES)
    return {r["unit_code"]: (r["status"], r["meets_target"]) for r in table.to_dict("records")}


ONE = roster(("A", "department", 1, 0))


@pytest.mark.parametrize(
    ("submitted_at", "year", "expected"),
    [
        ("2026-03-31T23:59:59+07:00", 2026, "on_time"),  # the last second of 31/3 in Việt Nam
        ("2026-04-01T00:00:00+07:00", 2026, "late"),  # the first second of 1/4
        ("2026-03-31T16:59:59Z", 2026, "on_time"),  # the same instants written in UTC (Forms API)
        ("2026-03-31T17:00:00Z", 2026, "late"),
        ("2026-03-31T23:30:00", 2026, "on_time"),  # no zone: Việt Nam time, not UTC
        ("2026-01-02T08:00:00+07:00", 2026, "on_time"),
        ("2021-04-30T10:00:00+07:00", 2021, "on_time"),  # 2021's own deadline: 01/05/2021
        ("2021-05-01T23:59:00+07:00", 2021, "on_time"),
        ("2021-05-02T00:00:00+07:00", 2021, "late"),
    ],
)
def test_deadline_boundary_in_vietnam_time(submitted_at, year, expected):
    assert status_of(rows("A", (submitted_at, "new")), ONE, year)["A"][0] == expected


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        (["2026-04-02T08:00:00+07:00", "2026-04-03T08:00:00+07:00"], "late"),  # every row late
        (["2026-03-20T08:00:00+07:00", "2026-04-03T08:00:00+07:00"], "on_time"),  # one row in time
        ([], "missing"),
    ],
)
def test_a_unit_is_late_only_when_every_registration_is_late(times, expected):
    registrations = rows("A", *[(t, "new") for t in times])
    assert status_of(registrations, ONE)["A"][0] == expected


@pytest.mark.parametrize(
    ("unit", "kinds", "meets"),
    [
        (("D", "department", 1, 0), ["replicated"], "true"),  # exactly its target
        (("D", "department", 1, 0), [], "false"),
        (("X", "commune", 3, 3), ["new", "new", "new"], "true"),  # a commune: 3 new models
        (("X", "commune", 3, 3), ["new", "new", "replicated"], "false"),  # 3 models, only 2 new
        (("X", "commune", 3, 3), ["new", "new"], "false"),
        (("X", "commune", 3, 3), ["new", "new", "new", "replicated"], "true"),
        (("S", "department", 2, 1), ["replicated", "replicated"], "false"),  # a roster's own target
        (("S", "department", 2, 1), ["new", "replicated"], "true"),
    ],
)
def test_targets_per_unit_type(unit, kinds, meets):
    registrations = rows(unit[0], *[("2026-03-01T08:00:00+07:00", kind) for kind in kinds])
    assert status_of(registrations, roster(unit))[unit[0]][1] == meets


def test_late_registrations_count_towards_the_target():
    units = roster(("X", "commune", 3, 3))
    registrations = rows("X", *[("2026-04-10T08:00:00+07:00", "new")] * 3)
    assert status_of(registrations, units)["X"] == ("late", "true")


def test_every_roster_unit_gets_one_row_in_roster_order_and_unknown_codes_are_ignored():
    units = roster(("B", "department", 1, 0), ("A", "department", 1, 0))
    registrations = rows("A", ("2026-03-01T08:00:00+07:00", "new")) + rows("Z", ("2026-03-01", "new"))
    frame = pd.DataFrame(registrations, columns=["unit_code", "kind", "submitted_at"])
    table = unit_statuses(frame, units, 2026, DEADLINES)
    assert table["unit_code"].tolist() == ["B", "A"]
    assert table["status"].tolist() == ["missing", "on_time"]
    assert table["registrations"].tolist() == [0, 1]
