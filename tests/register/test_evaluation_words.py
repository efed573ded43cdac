"""What staff type in the register's evaluation columns, read back by meaning."""

import pytest

from dvk.mappings import DEFAULT_MAPPINGS_DIR
from dvk.register.evaluation import Level, Result, parse_level, parse_result

MAPPINGS = DEFAULT_MAPPINGS_DIR


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Công nhận", Result.RECOGNISED),
        ("đạt", Result.RECOGNISED),
        ("KHÔNG ĐẠT", Result.NOT_RECOGNISED),
        ("chua danh gia", Result.PENDING),
        ("", None),
        (None, None),
    ],
)
def test_results(typed, expected):
    assert parse_result(typed, MAPPINGS) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Cấp tỉnh", Level.PROVINCE), ("tỉnh", Level.PROVINCE), ("Cấp cơ sở", Level.COMMUNE), ("", None)],
)
def test_levels(typed, expected):
    assert parse_level(typed, MAPPINGS) == expected


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        parse_result("Tốt lắm", MAPPINGS)
    with pytest.raises(ValueError):
        parse_level("Trung ương", MAPPINGS)
