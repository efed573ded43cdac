"""The multi-year review's template (sơ kết 3 năm, tổng kết 5 năm): an official report on the same
profiles as the others, its numbers filled by dvk, its assessments marked for staff to write."""

from __future__ import annotations

from dvk.documents.template_blocks import header_block, signature_block, title_block
from dvk.documents.template_kit import (
    add_row,
    cell_text,
    keep_with_next,
    new_document,
    para,
    repeat_as_header,
    table,
    tag,
    vertical_center,
)

PER_YEAR = [
    ("Năm", "year", 1.6),
    ("Số mô hình đăng ký", "registrations", 2.0),
    ("Số đơn vị đăng ký", "units", 2.0),
    ("Xây dựng mới", "new", 1.9),
    ("Nhân rộng", "replicated", 1.9),
    ("Mô hình tập thể", "collective", 2.0),
    ("Mô hình cá nhân", "individual", 2.0),
    ("Được công nhận", "recognised", 2.1),
]
PER_FIELD = [
    ("Năm", "year", 1.6),
    ("Kinh tế", "economy", 2.6),
    ("Văn hóa - Xã hội", "culture_society", 2.6),
    ("Quốc phòng - An ninh", "defense_security", 2.6),
    ("Xây dựng hệ thống chính trị", "political_system", 2.9),
    ("Cộng", "total", 2.2),
]
REPLICATED = [
    ("TT", "number", 1.1),
    ("Tên mô hình, điển hình", "name", 7.5),
    ("Số lần nhân rộng", "times", 2.3),
    ("Số đơn vị", "units", 1.9),
    ("Các năm", "years", 2.7),
]


def numbers_table(document, columns: list[tuple[str, str, float]], rows: str, total: str | None) -> None:
    """A header row repeated on every page, one row per item of `rows`, and a total row."""
    grid = table(document, 1, [width for _, _, width in columns])
    for cell, (title, _, _) in zip(grid.rows[0].cells, columns, strict=True):
        cell_text(cell, title, "DVK Table Heading")
    repeat_as_header(grid.rows[0])
    vertical_center(grid.rows[0])
    cell_text(add_row(grid).cells[0], f"{{%tr for r in {rows} %}}")
    row = add_row(grid)
    for column, (_, key, _) in enumerate(columns):
        style = "DVK Table" if key == "name" else "DVK Table Center"
        cell_text(row.cells[column], f"{{{{ r.{key} }}}}", style)
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    if total:
        row = add_row(grid)
        for column, (_, key, _) in enumerate(columns):
            cell_text(row.cells[column], f"{{{{ {total}.{key} }}}}", "DVK Table Heading")
    if total:  # a short table: kept on one page
        for row in grid.rows[:-1]:
            keep_with_next(p for cell in row.cells for p in cell.paragraphs)


def staff_part(document, key: str) -> None:
    """Paragraphs from organisation.toml, or a marked place for staff to write."""
    tag(document, f"{{%p for p in text.{key} %}}")
    tag(document, "{%p if p.for_staff %}")
    para(document, "{{ p.text }}", "DVK Staff Note")
    tag(document, "{%p else %}")
    para(document, "{{ p.text }}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def so_ket_tong_ket():
    document = new_document()
    header_block(document)
    title_block(document, "BÁO CÁO", "{{ title_line }}")
    tag(document, "{%p if intro %}")
    para(document, "{{ intro }}")
    tag(document, "{%p endif %}")
    para(document, "I. KẾT QUẢ ĐẠT ĐƯỢC", "DVK Heading")
    para(document, "1. Công tác lãnh đạo, chỉ đạo, tuyên truyền", "DVK Heading")
    staff_part(document, "leadership")
    para(document, "2. Kết quả xây dựng, nhân rộng mô hình, điển hình", "DVK Heading")
    para(document, "{{ totals_sentence }}")
    para(document, "Bảng 1. Kết quả đăng ký, công nhận theo năm", "DVK Figure")
    numbers_table(document, PER_YEAR, "per_year", "per_year_total")
    para(document, "Bảng 2. Số mô hình, điển hình đăng ký theo lĩnh vực", "DVK Figure")
    numbers_table(document, PER_FIELD, "per_field", "per_field_total")
    tag(document, "{%p if replicated %}")
    para(document, "Bảng 3. Mô hình, điển hình được nhân rộng nhiều nhất", "DVK Figure")
    numbers_table(document, REPLICATED, "replicated", None)
    tag(document, "{%p endif %}")
    para(document, "{{ never_registered }}")
    staff_part(document, "results")
    para(document, "II. HẠN CHẾ VÀ NGUYÊN NHÂN", "DVK Heading")
    para(document, "1. Hạn chế", "DVK Heading")
    staff_part(document, "limitations")
    para(document, "2. Nguyên nhân", "DVK Heading")
    staff_part(document, "causes")
    para(document, "III. BÀI HỌC KINH NGHIỆM", "DVK Heading")
    staff_part(document, "lessons")
    para(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "DVK Heading")
    staff_part(document, "directions")
    para(document, "")
    signature_block(document)
    return document
