"""The roster: units found by code, name or old name; targets from the unit type or the roster row."""

from __future__ import annotations

import pytest

from dvk.errors import ConfigError
from dvk.mappings import Mappings
from dvk.roster import load_roster

HEADER = "unit_code,unit_name,unit_type,aliases,target_total,target_new,email\n"


def roster_from(tmp_path, text: str):
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return load_roster(path, Mappings())


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("SYT", "SYT"),
        ("Sở Y tế", "SYT"),
        ("so y te", "SYT"),  # without accents or case
        ("  Sở   Y tế ", "SYT"),
        ("Huyện đảo Lý Sơn", "DK-LYSON"),  # an old name from before the 2025 merger
        ("Đặc khu Lý Sơn", "DK-LYSON"),
        ("Sở Giáo dục", None),
        ("", None),
    ],
)
def test_units_are_found_by_code_name_or_old_name(tmp_path, typed, code):
    units = roster_from(
        tmp_path,
        "SYT,Sở Y tế,department,,,,syt@example.gov.vn\n"
        "DK-LYSON,Đặc khu Lý Sơn,commune,Huyện đảo Lý Sơn|Huyện Lý Sơn,,,\n",
    )
    found = units.find(typed)
    assert (found.code if found else None) == code


def test_targets_come_from_the_unit_type_unless_the_row_sets_them(tmp_path):
    units = roster_from(tmp_path, "SYT,Sở Y tế,department,,,,\nXA,Xã A,commune,,,,\nXB,Xã B,commune,,5,2,\n")
    targets = {unit.code: (unit.target.total, unit.target.new) for unit in units.units}
    assert targets == {"SYT": (1, 0), "XA": (3, 3), "XB": (5, 2)}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("SYT,Sở Y tế,hospital,,,,\n", "loại đơn vị «hospital»"),
        (",Sở Y tế,department,,,,\n", "thiếu mã hoặc tên"),
        ("SYT,Sở Y tế,department,,ba,,\n", "chỉ tiêu «ba» phải là số nguyên"),
        ("SYT,Sở Y tế,department,,,,\nSGD,Sở Giáo dục,department,Sở Y tế,,,\n", "dùng cho cả SYT và SGD"),
    ],
)
def test_a_wrong_roster_is_refused_with_the_row_and_the_reason(tmp_path, rows, message):
    with pytest.raises(ConfigError, match=message):
        roster_from(tmp_path, rows)


@pytest.mark.parametrize("text", ["31/02", "00/03", "32/12"])
def test_an_impossible_deadline_is_a_clear_configuration_error(text):
    from dvk.mappings import parse_day_month, parse_full_date

    with pytest.raises(ConfigError, match="không phải một ngày có thật"):
        parse_day_month(text)
    with pytest.raises(ConfigError, match="không phải một ngày có thật"):
        parse_full_date(f"{text}/2026")
