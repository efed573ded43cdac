"""The multi-year review as an official report: header, sections, numbers, staff places, signature."""

from __future__ import annotations

import pytest
from documents_support import all_text, open_docx, paragraph_texts, row_texts
from docx.enum.text import WD_ALIGN_PARAGRAPH

SECTIONS = [
    "I. KẾT QUẢ ĐẠT ĐƯỢC",
    "II. HẠN CHẾ VÀ NGUYÊN NHÂN",
    "III. BÀI HỌC KINH NGHIỆM",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
]


def test_party_review_has_the_party_header_with_its_type_and_a_signature(review_reports):
    document = open_docx(review_reports["dang"])
    left, right = (paragraph_texts(cell) for cell in document.tables[0].rows[0].cells)
    assert left == ["TỈNH ỦY QUẢNG NGÃI", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số       -BC/BTGDVTU"]
    assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
    national = document.styles["DVK Header National"].font
    assert (national.size.pt, national.bold, national.underline) == (15, True, True)
    text = all_text(review_reports["dang"])
    assert "Nơi nhận:" in text and "K/T TRƯỞNG BAN" in text and "Nguyễn Văn An" in text
    assert "- Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)," in text
    assert 'Sơ kết 3 năm (2024–2026) thực hiện phong trào thi đua "Dân vận khéo"' in text


def test_state_review_is_the_state_bodys(review_reports):
    document = open_docx(review_reports["nha_nuoc"])
    left = paragraph_texts(document.tables[0].rows[0].cells[0])
    assert left[:2] == ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ"] and left[-1] == "Số:       /BC-SNV"
    text = all_text(review_reports["nha_nuoc"])
    assert "KT. GIÁM ĐỐC" in text and "- Lưu: VT, VP." in text


@pytest.mark.parametrize("profile", ["dang", "nha_nuoc"])
def test_review_has_every_section_and_marks_what_staff_write(review_reports, profile):
    document = open_docx(review_reports[profile])
    headings = [p.text for p in document.paragraphs if p.style.name == "DVK Heading"]
    assert [h for h in headings if h.split(".")[0] in ("I", "II", "III", "IV")] == SECTIONS
    assert {"1. Hạn chế", "2. Nguyên nhân"} <= set(headings)
    notes = [p for p in document.paragraphs if p.text.startswith("[Cán bộ viết:")]
    assert len(notes) == 6
    for note in notes:
        assert note.style.name == "DVK Staff Note"
        assert note.style.font.italic and note.style.font.highlight_color is not None


def test_review_tables_hold_the_numbers_centred_without_unit_codes(review_reports, settings):
    document = open_docx(review_reports["dang"])
    per_year = next(t for t in document.tables if row_texts(t.rows[0])[:2] == ["Năm", "Số mô hình đăng ký"])
    rows = [row_texts(r) for r in per_year.rows[1:]]
    assert [r[:2] for r in rows] == [["2024", "6"], ["2025", "6"], ["2026", "6"], ["Cộng", "18"]]
    assert rows[-1][-1] == "6"  # recognised: rows 0 and 3 of each year
    for cell in per_year.rows[1].cells:
        assert cell.paragraphs[0].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    per_field = next(
        t for t in document.tables if row_texts(t.rows[0])[1:3] == ["Kinh tế", "Văn hóa - Xã hội"]
    )
    assert row_texts(per_field.rows[-1]) == ["Cộng", "9", "9", "0", "0", "18"]
    text = all_text(review_reports["dang"])
    never = settings.roster.units[6:]
    assert never[0].name in text
    names = " ".join(unit.name for unit in settings.roster.units).split()
    codes = [unit.code for unit in settings.roster.units if unit.code not in names]  # "MTTQ" is in a name
    assert [code for code in codes if code in text.split()] == []
