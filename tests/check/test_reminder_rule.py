"""Who gets a reminder and what it says: late, missing or below target, most urgent first."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dvk.check.reminders import reminder_message, units_to_remind

COLUMNS = ["unit_code", "unit_name", "status", "registrations", "target", "meets_target"]
STATUSES = pd.DataFrame(
    [
        ("A", "Sở A", "on_time", 2, "ít nhất 1 mô hình", "true"),  # nothing to remind
        ("B", "Xã B", "on_time", 2, "ít nhất 3 mô hình", "false"),  # below target
        ("C", "Sở C", "late", 1, "ít nhất 1 mô hình", "true"),  # late
        ("D", "Sở D", "missing", 0, "ít nhất 1 mô hình", "false"),  # not registered
    ],
    columns=COLUMNS,
)


def test_units_to_remind_are_missing_then_late_then_below_target():
    assert units_to_remind(STATUSES)["unit_code"].tolist() == ["D", "C", "B"]


def test_a_unit_filter_narrows_the_list():
    assert units_to_remind(STATUSES, ["B", "A"])["unit_code"].tolist() == ["B"]


def test_each_message_says_what_the_unit_must_do():
    by_code = {r["unit_code"]: r for r in STATUSES.to_dict("records")}
    deadline = date(2026, 3, 31)
    missing = reminder_message(by_code["D"], 2026, deadline)
    assert missing.startswith("Kính gửi Sở D:") and "chưa gửi đăng ký" in missing and "31/3/2026" in missing
    late = reminder_message(by_code["C"], 2026, deadline)
    assert "sau hạn 31/3/2026" in late and "chỉ tiêu" not in late
    below = reminder_message(by_code["B"], 2026, deadline)
    assert "mới đăng ký 2 mô hình, chưa đạt chỉ tiêu (ít nhất 3 mô hình)" in below and "sau hạn" not in below
