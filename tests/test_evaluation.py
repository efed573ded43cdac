"""What staff type in the register's evaluation columns, read back by meaning."""

import pytest

from dvk.evaluation import Level, Result, parse_level, parse_result


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
    assert parse_result(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("Cấp tỉnh", Level.PROVINCE), ("tỉnh", Level.PROVINCE), ("Cấp cơ sở", Level.COMMUNE), ("", None)],
)
def test_levels(typed, expected):
    assert parse_level(typed) == expected


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        parse_result("Tốt lắm")
    with pytest.raises(ValueError):
        parse_level("Trung ương")
