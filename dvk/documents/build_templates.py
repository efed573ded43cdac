"""Build the .docx templates in templates/docx/.

    uv run python -m dvk.documents.build_templates [--out templates/docx]

The templates are committed as .docx so staff can open and adjust them in Word; this script
rebuilds them from scratch (it overwrites local edits — keep a copy of a template you changed).
Tags are docxtpl/Jinja: `{{ value }}`, `{%p if … %}` paragraphs, `{%tr for … %}` table rows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dvk.documents.render import TEMPLATE_NAMES, templates_dir
from dvk.documents.review_template import so_ket_tong_ket
from dvk.documents.template_blocks import header_block, signature_block, title_block, title_rule
from dvk.documents.template_kit import (
    LEFT,
    add_row,
    cell_text,
    keep_with_next,
    new_document,
    new_section,
    para,
    preserve_spaces,
    repeat_as_header,
    table,
    tag,
    vertical_center,
)

DVK_TITLE = '"DÂN VẬN KHÉO"'  # in headings set in capitals
DVK = '"Dân vận khéo"'  # in running text and summary lines
# Column 5's bracketed guidance in the form attached to plan 31-KH/TU.
FORM_CONTENT_GUIDANCE = "(Giải quyết vấn đề gì; ai thực hiện; kết quả dự kiến)"


def stats_table(document, recognised: bool, whole: bool = True) -> None:
    """Registrations by field × collective/individual × new/replicated (and recognised); `whole`:
    kept on one page (not when the signature follows, or the page before would be left half empty)."""
    widths = [1.0, 4.2, 1.9, 1.8, 1.8, 1.8, 1.8] + ([2.2] if recognised else [])
    if not recognised:
        widths[1] += 2.2
    grid = table(document, 2, widths)
    first, second = grid.rows
    heads = {0: "TT", 1: "Lĩnh vực", 2: "Tổng số đăng ký"}
    if recognised:
        heads[7] = "Được công nhận"
    for column, text in heads.items():
        cell_text(first.cells[column], text, "DVK Table Heading")
        first.cells[column].merge(second.cells[column])
    cell_text(first.cells[3], "Mô hình tập thể", "DVK Table Heading")
    first.cells[3].merge(first.cells[4])
    cell_text(first.cells[5], "Mô hình cá nhân", "DVK Table Heading")
    first.cells[5].merge(first.cells[6])
    for column in (3, 5):
        cell_text(second.cells[column], "Xây dựng mới", "DVK Table Heading")
        cell_text(second.cells[column + 1], "Nhân rộng", "DVK Table Heading")
    for row in (first, second):
        repeat_as_header(row)
        vertical_center(row)
    keys = ["total", "collective_new", "collective_replicated", "individual_new", "individual_replicated"]
    keys += ["recognised"] if recognised else []
    cell_text(add_row(grid).cells[0], "{%tr for s in stats.rows %}")
    body = add_row(grid)
    cell_text(body.cells[0], "{{ s.numeral }}", "DVK Table Center")
    cell_text(body.cells[1], "{{ s.label }}", "DVK Table")
    for column, key in enumerate(keys, start=2):
        cell_text(body.cells[column], f"{{{{ s.{key} }}}}", "DVK Table Center")
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    total = add_row(grid)
    cell_text(total.cells[1], "Tổng cộng", "DVK Table Section")
    for column, key in enumerate(keys, start=2):
        cell_text(total.cells[column], f"{{{{ stats.total.{key} }}}}", "DVK Table Heading")
    # A handful of rows: the whole table stays on one page.
    for row in grid.rows[:-1] if whole else grid.rows[:2]:
        keep_with_next(paragraph for cell in row.cells for paragraph in cell.paragraphs)


def form_table(document, with_unit: bool) -> None:
    """The official 7-column table (plus a unit column in the consolidated list).

    Two header rows (HÌNH THỨC and TRONG ĐÓ span two columns each), the 1–7 numbering row,
    then a section row per field (I–IV) and the models under it numbered 1., 2., …
    """
    widths = [4.8, 1.5, 1.5, 3.0, 8.4, 1.5, 1.5] + ([3.0] if with_unit else [])
    if not with_unit:
        widths[0] += 1.0
        widths[3] += 0.5
        widths[4] += 1.5
    columns = len(widths)
    grid = table(document, 3, widths)
    first, second, numbers = grid.rows
    single = {0: "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH", 3: "ĐỊA CHỈ", 4: "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH"}
    if with_unit:
        single[7] = "ĐƠN VỊ"
    for column, text in single.items():
        cell_text(first.cells[column], text, "DVK Table Heading")
        first.cells[column].merge(second.cells[column])
    cell_text(first.cells[1], "HÌNH THỨC", "DVK Table Heading")
    first.cells[1].merge(first.cells[2])
    cell_text(first.cells[5], "TRONG ĐÓ", "DVK Table Heading")
    first.cells[5].merge(first.cells[6])
    for column, text in {
        1: "Mô hình tập thể",
        2: "Mô hình cá nhân",
        5: "Xây dựng mới",
        6: "Nhân rộng",
    }.items():
        cell_text(second.cells[column], text, "DVK Table Heading")
    guidance = first.cells[4].add_paragraph(FORM_CONTENT_GUIDANCE, style="DVK Table Center")
    guidance.runs[0].font.italic = True
    for column in range(columns):
        cell_text(numbers.cells[column], str(column + 1), "DVK Table Heading", italic=True)
    for row in (first, second, numbers):
        repeat_as_header(row)
        vertical_center(row)

    cell_text(add_row(grid).cells[0], "{%tr for section in sections %}")
    section_row = add_row(grid)
    cell_text(section_row.cells[0], "{{ section.title }}", "DVK Table Section")
    section_row.cells[0].merge(section_row.cells[columns - 1])
    cell_text(add_row(grid).cells[0], "{%tr for r in section.rows %}")
    row = add_row(grid)
    cell_text(row.cells[0], "{{ r.number }}. {{ r.name }}", "DVK Table")
    for column, key in {1: "collective", 2: "individual", 5: "new", 6: "replicated"}.items():
        cell_text(row.cells[column], f"{{{{ r.{key} }}}}", "DVK Table Center")
    cell_text(row.cells[3], "{{ r.address }}", "DVK Table")
    cell_text(row.cells[4], "{{ r.content }}", "DVK Table")
    if with_unit:
        cell_text(row.cells[7], "{{ r.unit }}", "DVK Table")
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    total = add_row(grid)
    cell_text(total.cells[0], "TỔNG CỘNG: {{ totals.count }} mô hình, điển hình", "DVK Table Section")
    for column, key in {1: "collective", 2: "individual", 5: "new", 6: "replicated"}.items():
        cell_text(total.cells[column], f"{{{{ totals.{key} }}}}", "DVK Table Heading")
    if with_unit:
        cell_text(total.cells[7], "{{ totals.units }} đơn vị", "DVK Table Center")


def tong_hop_dang_ky():
    document = new_document()
    header_block(document)
    title_block(
        document,
        "BÁO CÁO",
        f"tổng hợp đăng ký xây dựng, nhân rộng mô hình, điển hình {DVK} năm {{{{ year }}}}",
    )
    tag(document, "{%p if plan %}")
    para(document, "Thực hiện {{ plan }}, {{ issuer_name }} báo cáo kết quả tổng hợp đăng ký như sau:")
    tag(document, "{%p endif %}")
    para(document, "1. Tình hình đăng ký của các cơ quan, đơn vị, địa phương", "DVK Heading")
    para(document, "{{ units_sentence }}")
    tag(document, "{%p for line in unit_lines %}")
    para(document, "{{ line }}")
    tag(document, "{%p endfor %}")
    para(document, "2. Số mô hình, điển hình đăng ký", "DVK Heading")
    para(document, "{{ models_sentence }}")
    stats_table(document, recognised=False, whole=False)
    para(document, "{{ closing }}", "DVK Note")
    para(document, "")
    signature_block(document)

    new_section(document, landscape=True)
    para(document, "DANH SÁCH", "DVK Summary")
    para(
        document,
        f"MÔ HÌNH, ĐIỂN HÌNH {DVK_TITLE} ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG NĂM {{{{ year }}}}",
        "DVK Summary",
    )
    para(document, "(Kèm theo Báo cáo {{ attachment_of }})", "DVK Note")
    title_rule(document)
    form_table(document, with_unit=True)
    return document


def bieu_mau_don_vi():
    document = new_document(landscape=True)
    para(document, "ĐƠN VỊ: {{ unit.name }}", "DVK Header Issuer").alignment = LEFT
    para(document, f"SỐ MÔ HÌNH, ĐIỂN HÌNH {DVK_TITLE} ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG", "DVK Summary")
    para(document, "NĂM {{ year }}", "DVK Summary")
    tag(document, "{%p if plan_reference %}")
    para(document, "(Kèm theo {{ plan_reference }})", "DVK Note")
    tag(document, "{%p endif %}")
    para(document, "", "DVK Title Rule")
    form_table(document, with_unit=False)
    grid = table(document, 1, [12.0, 13.2], grid=False)
    right = grid.rows[0].cells[1]
    cell_text(right, "{{ place_date }}", "DVK Header Date")
    para(right, "THỦ TRƯỞNG ĐƠN VỊ", "DVK Authority")
    para(right, "(Ký tên, đóng dấu)", "DVK Note")
    return document


def bao_cao_ket_qua():
    document = new_document()
    header_block(document)
    title_block(
        document,
        "BÁO CÁO",
        f"kết quả xây dựng, nhân rộng mô hình, điển hình {DVK} năm {{{{ year }}}}",
    )
    tag(document, "{%p if plan %}")
    para(document, "Thực hiện {{ plan }}, {{ issuer_name }} báo cáo kết quả như sau:")
    tag(document, "{%p endif %}")
    para(document, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN", "DVK Heading")
    tag(document, "{%p for p in text.leadership %}")
    para(document, "{{ p }}")
    tag(document, "{%p endfor %}")
    para(document, "II. KẾT QUẢ THỰC HIỆN", "DVK Heading")
    para(document, "1. Việc đăng ký", "DVK Heading")
    para(document, "{{ units_sentence }}")
    para(document, "{{ models_sentence }}")
    para(document, "2. Kết quả đánh giá, công nhận", "DVK Heading")
    para(document, "{{ recognised_sentence }}")
    para(document, "Bảng 1. Số mô hình, điển hình theo lĩnh vực và hình thức", "DVK Figure")
    stats_table(document, recognised=True)
    para(document, "{{ chart }}", "DVK Centered").paragraph_format.keep_with_next = True
    para(document, "Hình 1. Số mô hình, điển hình đăng ký theo lĩnh vực và hình thức", "DVK Figure")
    para(document, "III. ĐÁNH GIÁ CHUNG", "DVK Heading")
    for number, (title, key) in enumerate(
        [
            ("Ưu điểm", "strengths"),
            ("Hạn chế", "limitations"),
            ("Nguyên nhân", "causes"),
            ("Bài học kinh nghiệm", "lessons"),
        ],
        start=1,
    ):
        para(document, f"{number}. {title}", "DVK Heading")
        tag(document, f"{{%p for p in text.{key} %}}")
        para(document, "{{ p }}")
        tag(document, "{%p endfor %}")
    para(document, "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ", "DVK Heading")
    tag(document, "{%p for p in text.directions %}")
    para(document, "{{ p }}")
    tag(document, "{%p endfor %}")
    para(document, "V. ĐỀ XUẤT, KIẾN NGHỊ", "DVK Heading")
    tag(document, "{%p for p in text.proposals %}")
    para(document, "{{ p }}")
    tag(document, "{%p endfor %}")
    para(document, "")
    signature_block(document)
    return document


def cong_van_don_doc():
    document = new_document()
    header_block(document, with_subject=True)
    para(document, "")
    paragraph = para(document, "", "DVK Centered")
    paragraph.add_run("Kính gửi:", style="DVK Addressee Lead")
    paragraph.add_run(" {{ addressee }}.")
    para(document, "{{ opening }}")
    para(document, "{{ situation }}")
    tag(document, "{%p if units %}")
    widths = [1.0, 5.2, 2.4, 2.1, 4.0, 1.8]
    grid = table(document, 1, widths)
    for column, text in enumerate(
        [
            "TT",
            "Cơ quan, đơn vị, địa phương",
            "Tình trạng",
            "Số mô hình đã đăng ký",
            "Chỉ tiêu",
            "Đạt chỉ tiêu",
        ]
    ):
        cell_text(grid.rows[0].cells[column], text, "DVK Table Heading")
    repeat_as_header(grid.rows[0])
    vertical_center(grid.rows[0])
    cell_text(add_row(grid).cells[0], "{%tr for u in units %}")
    row = add_row(grid)
    for column, (key, style) in enumerate(
        [
            ("number", "DVK Table Center"),
            ("name", "DVK Table"),
            ("status", "DVK Table Center"),
            ("registrations", "DVK Table Center"),
            ("target", "DVK Table"),
            ("meets_target", "DVK Table Center"),
        ]
    ):
        cell_text(row.cells[column], f"{{{{ u.{key} }}}}", style)
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    para(document, "")
    tag(document, "{%p endif %}")
    para(document, "{{ request }}")
    para(document, "{{ closing }}")
    signature_block(document)
    return document


def quyet_dinh_cong_nhan():
    document = new_document()
    header_block(document)
    title_block(
        document,
        "QUYẾT ĐỊNH",
        f"về việc công nhận mô hình, điển hình {DVK} năm {{{{ year }}}}",
    )
    # Party: "Căn cứ …" lines, then "<BODY> QUYẾT ĐỊNH"; State (NĐ 30): the authority first,
    # then "Căn cứ …", then "QUYẾT ĐỊNH:". The profile says which (decision_context).
    tag(document, "{%p if authority_before %}")
    para(document, "{{ authority_before }}", "DVK Centered Bold")
    tag(document, "{%p endif %}")
    tag(document, "{%p for line in basis %}")
    para(document, "{{ line }}", "DVK Basis")
    tag(document, "{%p endfor %}")
    para(document, "{{ decides }}", "DVK Centered Bold")
    for number in (1, 2, 3):
        paragraph = para(document, f"Điều {number}. ", bold=True)
        paragraph.add_run(f"{{{{ articles[{number - 1}] }}}}")
    para(document, "")
    signature_block(document)

    new_section(document, landscape=True)
    para(document, "DANH SÁCH", "DVK Summary")
    para(document, f"MÔ HÌNH, ĐIỂN HÌNH {DVK_TITLE} ĐƯỢC CÔNG NHẬN NĂM {{{{ year }}}}", "DVK Summary")
    para(document, "(Kèm theo Quyết định {{ attachment_of }})", "DVK Note")
    title_rule(document)
    widths = [1.2, 6.6, 4.4, 2.2, 4.6, 3.6, 2.6]
    grid = table(document, 1, widths)
    for column, text in enumerate(
        [
            "TT",
            "Tên mô hình, điển hình",
            "Cơ quan, đơn vị",
            "Hình thức",
            "Địa chỉ",
            "Lĩnh vực",
            "Xây dựng mới / Nhân rộng",
        ]
    ):
        cell_text(grid.rows[0].cells[column], text, "DVK Table Heading")
    repeat_as_header(grid.rows[0])
    vertical_center(grid.rows[0])
    cell_text(add_row(grid).cells[0], "{%tr for r in annex %}")
    row = add_row(grid)
    for column, (key, style) in enumerate(
        [
            ("number", "DVK Table Center"),
            ("name", "DVK Table"),
            ("unit", "DVK Table"),
            ("form", "DVK Table Center"),
            ("address", "DVK Table"),
            ("field", "DVK Table"),
            ("kind", "DVK Table Center"),
        ]
    ):
        cell_text(row.cells[column], f"{{{{ r.{key} }}}}", style)
    cell_text(add_row(grid).cells[0], "{%tr endfor %}")
    return document


BUILDERS = {
    "tong_hop_dang_ky": tong_hop_dang_ky,
    "bieu_mau_don_vi": bieu_mau_don_vi,
    "bao_cao_ket_qua": bao_cao_ket_qua,
    "cong_van_don_doc": cong_van_don_doc,
    "quyet_dinh_cong_nhan": quyet_dinh_cong_nhan,
    "so_ket_tong_ket": so_ket_tong_ket,
}


def build_all(out_dir: Path | None = None) -> list[Path]:
    out_dir = Path(out_dir or templates_dir())
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in TEMPLATE_NAMES:
        document = BUILDERS[name]()
        document.core_properties.title = name
        document.core_properties.author = "dvk"
        preserve_spaces(document)
        path = out_dir / f"{name}.docx"
        document.save(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Dựng lại các mẫu .docx trong templates/docx/.")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    for path in build_all(args.out):
        print(path)


if __name__ == "__main__":
    main()
