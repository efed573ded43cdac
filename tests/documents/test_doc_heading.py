"""The pure format rules: dates with leading zeros, number lines, list punctuation."""

from __future__ import annotations

from datetime import date

import pytest

from dvk.documents import heading
from dvk.documents.profiles import load_profile

PARTY = load_profile("dang")
STATE = load_profile("nha_nuoc")


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 3, 5), "Quảng Ngãi, ngày 05 tháng 3 năm 2026"),
        (date(2026, 1, 9), "Quảng Ngãi, ngày 09 tháng 01 năm 2026"),
        (date(2026, 2, 28), "Quảng Ngãi, ngày 28 tháng 02 năm 2026"),
        (date(2026, 12, 15), "Quảng Ngãi, ngày 15 tháng 12 năm 2026"),
        (date(2026, 10, 10), "Quảng Ngãi, ngày 10 tháng 10 năm 2026"),
    ],
)
def test_date_line_has_leading_zeros_for_days_below_10_and_months_1_2(on, expected):
    assert heading.date_line(PARTY, "Quảng Ngãi", on, 2026) == expected


def test_date_line_without_a_date_leaves_blanks_for_the_clerk():
    line = heading.date_line(PARTY, "Quảng Ngãi", None, 2026)
    assert line.startswith("Quảng Ngãi, ngày ")
    assert line.endswith(" tháng      năm 2026")


@pytest.mark.parametrize(
    ("profile", "kind", "number", "expected"),
    [
        (PARTY, "report", "12", "Số 12-BC/BTGDVTU"),
        (PARTY, "decision", None, "Số       -QĐ/BTGDVTU"),
        (PARTY, "letter", "7", "Số 07-CV/BTGDVTU"),
        (PARTY, "decision", "1", "Số 01-QĐ/BTGDVTU"),
        (STATE, "decision", "15", "Số: 15/QĐ-BTGDVTU"),
        (STATE, "letter", "3", "Số: 03/BTGDVTU"),
        (STATE, "decision", "05a", "Số: 05a/QĐ-BTGDVTU"),
    ],
)
def test_number_line_per_profile(profile, kind, number, expected):
    assert heading.number_line(profile, "BTGDVTU", kind, number) == expected


def test_number_code_drops_the_lead():
    assert heading.number_code(PARTY, "BTGDVTU", "decision", "12") == "12-QĐ/BTGDVTU"
    assert heading.number_code(STATE, "UBND", "decision", "15") == "15/QĐ-UBND"


def test_recipients_start_with_dash_end_with_comma_and_the_last_with_a_full_stop():
    lines = heading.recipients(PARTY, ["Thường trực Tỉnh ủy (để báo cáo),", "- Lưu Văn phòng Ban"])
    assert lines == ["- Thường trực Tỉnh ủy (để báo cáo),", "- Lưu Văn phòng Ban."]


def test_state_recipients_end_with_semicolons_and_always_file_a_copy():
    lines = heading.recipients(STATE, ["Như trên,", "UBND tỉnh (để báo cáo)"])
    assert lines == ["- Như trên;", "- UBND tỉnh (để báo cáo);", "- Lưu: VT."]
    assert heading.recipients(STATE, ["Như trên", "Lưu: VT, VP"]) == ["- Như trên;", "- Lưu: VT, VP."]


@pytest.mark.parametrize(
    ("profile", "typed", "printed"),
    [
        (STATE, "K/T Giám đốc", "KT. GIÁM ĐỐC"),
        (STATE, "T/M Ủy ban nhân dân", "TM. ỦY BAN NHÂN DÂN"),
        (PARTY, "KT. TRƯỞNG BAN", "K/T TRƯỞNG BAN"),
        (PARTY, "T/M BAN THƯỜNG VỤ", "T/M BAN THƯỜNG VỤ"),
        (STATE, "GIÁM ĐỐC", "GIÁM ĐỐC"),
    ],
)
def test_signing_authority_is_written_as_the_profile_says(profile, typed, printed):
    assert heading.authority_line(profile, typed) == printed


def test_body_ends_with_the_profiles_mark():
    assert heading.ended(PARTY, "Trân trọng.") == "Trân trọng./."
    assert heading.ended(STATE, "thi hành Quyết định này.") == "thi hành Quyết định này./."
    assert heading.ended(load_profile("dang_2026"), "Trân trọng.") == "Trân trọng."


@pytest.mark.parametrize(("on", "text"), [(date(2026, 3, 31), "31/3/2026"), (date(2026, 10, 5), "5/10/2026")])
def test_dates_in_running_text_have_no_leading_zero(on, text):
    assert heading.short_date(on) == text


def test_basis_lines_end_with_semicolons_and_the_last_with_a_comma():
    lines = heading.basis_lines(
        PARTY, ["Căn cứ Quy chế làm việc;", "Căn cứ Kế hoạch số 15", "Xét đề nghị của Phòng"]
    )
    assert lines == ["- Căn cứ Quy chế làm việc;", "- Căn cứ Kế hoạch số 15;", "- Xét đề nghị của Phòng,"]
    assert heading.basis_lines(STATE, ["Căn cứ Luật"]) == ["Căn cứ Luật,"]
