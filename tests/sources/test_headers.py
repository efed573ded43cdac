"""Header resolution read the way a person reads a header (pure, table-driven)."""

from __future__ import annotations

import pytest

from dvk.mappings import Mappings
from dvk.sources.headers import header_key, resolver_for

OFFICIAL_CONTENT = (
    "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH (Nêu tóm tắt mô hình giải quyết vấn đề gì; tổ chức, cá nhân "
    "thực hiện; dự kiến kết quả mô hình đem lại)"
)


@pytest.mark.parametrize(
    ("header", "field", "how"),
    [
        # a question naming both marks is the choice, not one mark (a wrong kind, silently)
        ("Mới hay nhân rộng", "kind", "contains"),
        ("Hình thức: tập thể hay cá nhân?", "form", "contains"),
        # the official form's own titles (plan 31-KH/TU), guidance in brackets
        (OFFICIAL_CONTENT, "content", "exact"),
        ("LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH", "model_name", "exact"),
        ("HÌNH THỨC", "form", "exact"),
        ("TRONG ĐÓ", "kind", "exact"),
        # numbering, question words, "?" and "(*)"
        ("1. Tên mô hình, điển hình?", "model_name", "exact"),
        ("Câu 3: Lĩnh vực (*)", "field", "exact"),
        ("Câu 4 Hình thức (Tập thể/Cá nhân)", "form", "exact"),
        # one word more (or between) than a synonym
        ("Tên cơ quan, đơn vị đăng ký mô hình", "unit_name", "contains"),
        ("Tên cơ quan hoặc đơn vị", "unit_name", "contains"),
        ("Tên cơ quan", "unit_name", "exact"),
        ("Địa chỉ đơn vị thực hiện", "address", "contains"),
        # a typo
        ("Tên mô hnh, điển hìn", "model_name", "similar"),
        ("Xay dung moi hay nhan rng", "kind", "similar"),
        ("Tên co quan don vj", "unit_name", "similar"),
        # English exports
        ("Model name", "model_name", "exact"),
        ("Unit", "unit_name", "exact"),
        # machine columns only by their exact names
        ("Thời gian thực hiện", None, ""),
        ("Năm thành lập", None, ""),
        ("Kinh phí thực hiện", None, ""),
        ("Ghi chú", None, ""),
        ("Số điện thoại người liên hệ", None, ""),
    ],
)
def test_header_resolution(header, field, how):
    resolution = resolver_for(Mappings()).resolve(header)
    assert (resolution.field, resolution.how) == (field, how)


def test_a_header_naming_two_fields_is_ambiguous_with_both_named():
    resolution = resolver_for(Mappings()).resolve("Tên đơn vị và tên mô hình")
    assert resolution.field is None and resolution.ambiguous
    assert set(resolution.candidates) == {"unit_name", "model_name"}


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("1. Tên mô hình (*)", "ten mo hinh"),
        ("Câu 12: Địa chỉ [ghi rõ thôn, xã]", "dia chi"),
        ("Nội dung (tóm tắt (ngắn))", "noi dung"),
        ("(*)", ""),
    ],
)
def test_header_key_strips_guidance(header, key):
    assert header_key(header) == key
