"""The multi-year review: per year, per field, units that never registered, most replicated models."""

from __future__ import annotations

import docx
import openpyxl
import pandas as pd

from dvk.documents.review import aggregate, review_title
from dvk.documents.review_files import write_review_docx, write_review_xlsx


def registrations(year: int, rows: list[tuple]) -> pd.DataFrame:
    columns = [
        "registration_id",
        "year",
        "unit_code",
        "field",
        "model_name",
        "form",
        "kind",
        "Kết quả đánh giá",
        "Cấp công nhận",
    ]
    levelled = [(*row, "Cấp tỉnh" if row[-1] == "Công nhận" else "") for row in rows]
    return pd.DataFrame(
        [(f"{year}-{i}", year, *row) for i, row in enumerate(levelled)], columns=columns
    ).astype(object)


def three_years() -> dict[int, pd.DataFrame]:
    return {
        2024: registrations(
            2024,
            [
                ("SYT", "economy", "Tổ hợp tác nuôi bò", "collective", "new", "Công nhận"),
                ("SGDDT", "culture_society", "Tủ sách cộng đồng", "collective", "replicated", ""),
            ],
        ),
        2025: registrations(
            2025,
            [
                ("SYT", "culture_society", "tủ sách  cộng đồng", "collective", "replicated", "Công nhận"),
                ("CAT", "defense_security", "Tiếng kẻng an ninh", "collective", "replicated", "Không đạt"),
            ],
        ),
        2026: registrations(
            2026,
            [
                ("X-MODUC", "culture_society", "Tủ sách cộng đồng", "collective", "replicated", "Công nhận"),
                ("X-MODUC", "economy", "Nông dân giỏi", "individual", "new", "Xem lại"),
            ],
        ),
    }


def test_statistics_per_year_and_field(settings):
    review = aggregate(three_years(), settings.roster, settings.mappings.folder)
    assert review.title == "Sơ kết 3 năm (2024–2026)"
    assert [
        (r["Năm"], r["Số mô hình đăng ký"], r["Nhân rộng"], r["Được công nhận"]) for r in review.per_year
    ] == [
        (2024, 2, 1, 1),
        (2025, 2, 2, 1),
        (2026, 2, 1, 1),
    ]
    # An unknown result is not silently "not recognised": the review says which row to fix.
    assert len(review.warnings) == 1
    assert "2026" in review.warnings[0] and "Nông dân giỏi" in review.warnings[0]
    assert "Xem lại" in review.warnings[0]
    culture = next(r for r in review.per_field if r["Lĩnh vực"] == "Văn hóa - Xã hội")
    assert (culture["2024"], culture["2025"], culture["2026"], culture["Cộng"]) == (1, 1, 1, 3)
    assert review.per_year[2]["Cá nhân"] == 1 and review.per_year[2]["Số đơn vị đăng ký"] == 1


def test_most_replicated_groups_spellings_and_never_registered_units(settings):
    review = aggregate(three_years(), settings.roster, settings.mappings.folder)
    top = review.most_replicated[0]
    assert top["Tên mô hình, điển hình"] == "Tủ sách cộng đồng"
    assert (top["Số lần nhân rộng"], top["Số đơn vị"], top["Các năm"]) == (3, 3, "2024, 2025, 2026")
    never = {row["Mã đơn vị"] for row in review.never_registered}
    assert {"SYT", "SGDDT", "CAT", "X-MODUC"}.isdisjoint(never)
    assert len(never) == len(settings.roster.units) - 4
    assert review.totals["never_registered"] == len(never)


def test_review_files_open_with_the_tables(settings, tmp_path):
    review = aggregate(three_years(), settings.roster, settings.mappings.folder)
    xlsx = write_review_xlsx(review, tmp_path / "r.xlsx")
    workbook = openpyxl.load_workbook(xlsx)
    assert workbook.sheetnames == ["Theo năm", "Theo lĩnh vực", "Nhân rộng nhiều nhất", "Chưa từng đăng ký"]
    assert [c.value for c in workbook["Theo năm"][3]][:2] == [2025, 2]
    path = write_review_docx(review, tmp_path / "r.docx")
    document = docx.Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Sơ kết 3 năm (2024–2026)" in text and "đã đăng ký 6 mô hình" in text
    section = document.sections[0]
    assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (
        30,
        15,
        20,
    )
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "Tủ sách cộng đồng" in cells and "TỈNH ỦY QUẢNG NGÃI" in cells[0]


def test_five_years_is_a_final_review():
    assert review_title(2021, 2025) == "Tổng kết 5 năm (2021–2025)"
