"""Pure helpers: header keys, legacy text, day-first dates, the deadline boundary."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from dvk.dates import DateParseError, iso, parse_moment
from dvk.demo.files import to_tcvn3
from dvk.mappings import Mappings
from dvk.text import match_key, repair

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Tên mô hình", "model_name"),
        ("TÊN MÔ HÌNH, ĐIỂN HÌNH", "model_name"),
        ("ten mo hinh", "model_name"),
        ("Tên mô hình, điển hình (*)", "model_name"),
        ("  Tên   mô hình,  điển hình  (*) ", "model_name"),
        ("Timestamp", "timestamp"),
        ("Dấu thời gian", "timestamp"),
        ("Tên cơ quan, đơn vị:", "unit_name"),
        (unicodedata.normalize("NFD", "Lĩnh vực"), "field"),
        ("Câu hỏi không liên quan", None),
    ],
)
def test_header_variants_map_to_the_official_columns(header, canonical):
    assert Mappings().header_for(header) == canonical


@pytest.mark.parametrize(
    ("value", "table", "expected"),
    [
        ("Tập thể", "forms", "collective"),
        ("tap the", "forms", "collective"),
        ("TT", "forms", "collective"),
        ("Cá nhân", "forms", "individual"),
        ("Kinh tế", "fields", "economy"),
        ("LĨNH VỰC KINH TẾ", "fields", "economy"),
        ("KT", "fields", "economy"),
        ("I", "fields", "economy"),
        ("IV", "fields", "political_system"),
        ("Văn hoá - xã hội", "fields", "culture_society"),
        ("nhân rộng", "kinds", "replicated"),
        ("XÂY DỰNG MỚI", "kinds", "new"),
    ],
)
def test_value_variants(value, table, expected):
    assert str(getattr(Mappings(), table)[match_key(value)]) == expected


def test_nfd_text_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Hội Nông dân xã Tịnh Khê")
    assert decomposed != "Hội Nông dân xã Tịnh Khê"
    assert repair(decomposed) == "Hội Nông dân xã Tịnh Khê"


def test_tcvn3_text_is_repaired_with_or_without_the_font():
    assert repair("Ban D©n vËn") == "Ban Dân vận"
    assert repair(to_tcvn3("Mô hình dân vận khéo"), font_name=".VnTime") == "Mô hình dân vận khéo"
    # The capitals font draws lower-case code points as capitals.
    assert repair(to_tcvn3("ban dân vận"), font_name=".VnTimeH") == "BAN DÂN VẬN"


def test_vni_text_is_repaired():
    assert repair("Ban Daân vaän") == "Ban Dân vận"
    assert repair("Moâ hình", font_name="VNI-Times") == "Mô hình"


def test_unicode_text_is_left_alone():
    for text in ["Café & <b> {{ x }}", "Nguyễn Văn A", "=SUM(A1)", "🌱 tăng 20%"]:
        assert repair(text) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03/04/2026", datetime(2026, 4, 3, tzinfo=VN)),  # day first: 3 April, never 4 March
        ("3/4/2026 8:05:09", datetime(2026, 4, 3, 8, 5, 9, tzinfo=VN)),
        ("31/03/2026 23:59", datetime(2026, 3, 31, 23, 59, tzinfo=VN)),
        ("2026-03-31T16:59:59Z", datetime(2026, 3, 31, 23, 59, 59, tzinfo=VN)),  # UTC → +07:00
        ("2026-03-31T17:00:00.123456Z", datetime(2026, 4, 1, 0, 0, 0, 123456, tzinfo=VN)),
        (46112.5, datetime(2026, 3, 31, 12, 0, tzinfo=VN)),  # Excel serial
        ("46112", datetime(2026, 3, 31, tzinfo=VN)),
        (datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 1, 9, 0, tzinfo=VN)),
    ],
)
def test_dates_arrive_in_every_shape(value, expected):
    assert parse_moment(value) == expected


@pytest.mark.parametrize("value", ["31/02/2026", "hôm qua", "2026/13/45"])
def test_unreadable_dates_raise(value):
    with pytest.raises(DateParseError):
        parse_moment(value)


def test_iso_output_has_the_vietnam_offset():
    assert iso(parse_moment("2026-03-31T17:00:00Z")) == "2026-04-01T00:00:00+07:00"


def test_deadline_is_inclusive_to_the_end_of_the_day():
    deadlines = Mappings().deadlines
    assert not deadlines.is_late(datetime(2026, 3, 31, 23, 59, 59, tzinfo=VN), 2026)
    assert deadlines.is_late(datetime(2026, 4, 1, 0, 0, 0, tzinfo=VN), 2026)
    # 16:59:59 UTC on the deadline day is 23:59:59 in Vietnam: still on time.
    assert not deadlines.is_late(parse_moment("2026-03-31T16:59:59Z"), 2026)
    assert deadlines.is_late(parse_moment("2026-03-31T17:00:00Z"), 2026)


def test_per_year_deadline_override():
    deadlines = Mappings().deadlines
    assert str(deadlines.deadline_date(2021)) == "2021-05-01"
    assert str(deadlines.deadline_date(2027)) == "2027-03-31"
    assert not deadlines.is_late(datetime(2021, 4, 30, 12, tzinfo=VN), 2021)
