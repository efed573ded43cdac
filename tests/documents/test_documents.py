"""The generated Word documents, opened with python-docx and checked the way a reader would."""

from __future__ import annotations

import pytest
from documents_support import (
    FIELD_OF_SECTION,
    SECTION_TITLES,
    all_text,
    form_entries,
    open_docx,
    paragraph_texts,
    row_texts,
    section_order,
    structure_problems,
)
from docx.enum.section import WD_ORIENT

from dvk.documents.profiles import load_profile

FORM_HEADERS = [
    "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH",
    "HÌNH THỨC",
    "ĐỊA CHỈ",
    "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH",
    "TRONG ĐÓ",
]
SUB_HEADERS = ["Mô hình tập thể", "Mô hình cá nhân", "Xây dựng mới", "Nhân rộng"]


def official_documents(files) -> list:
    return [files.consolidated_docx, files.results_report, files.reminder_letter]


def every_docx(files, decision=None) -> list:
    return official_documents(files) + files.unit_forms + ([decision] if decision else [])


@pytest.mark.parametrize("which", ["reports", "state_reports"])
def test_page_size_orientation_and_margins_follow_the_profile(which, request):
    files = request.getfixturevalue(which)
    profile = load_profile("dang" if which == "reports" else "nha_nuoc")
    page = profile.page
    expected_orientation = {
        files.consolidated_docx.name: [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE],
        files.results_report.name: [WD_ORIENT.PORTRAIT],
        files.reminder_letter.name: [WD_ORIENT.PORTRAIT],
    }
    for path in official_documents(files) + files.unit_forms[:2]:
        sections = open_docx(path).sections
        orientations = [s.orientation for s in sections]
        assert orientations == expected_orientation.get(path.name, [WD_ORIENT.LANDSCAPE]), path.name
        for section in sections:
            # Word stores lengths in twips (1/1440 inch): equal to within a tenth of a millimetre.
            short, long = sorted([section.page_width.mm, section.page_height.mm])
            assert short == pytest.approx(page.width_mm, abs=0.1), path.name
            assert long == pytest.approx(page.height_mm, abs=0.1), path.name
            assert section.top_margin.mm == pytest.approx(page.top_mm, abs=0.1)
            assert section.bottom_margin.mm == pytest.approx(page.bottom_mm, abs=0.1)
            assert section.left_margin.mm == pytest.approx(page.left_mm, abs=0.1)
            assert section.right_margin.mm == pytest.approx(page.right_mm, abs=0.1)
            landscape = section.orientation == WD_ORIENT.LANDSCAPE
            assert (section.page_width > section.page_height) == landscape
        assert open_docx(path).styles["Normal"].font.name == "Times New Roman"


def header_cells(path):
    left, right = open_docx(path).tables[0].rows[0].cells
    return paragraph_texts(left), paragraph_texts(right)


def test_party_header_table(reports):
    for path, type_code in [
        (reports.consolidated_docx, "BC"),
        (reports.results_report, "BC"),
        (reports.reminder_letter, "CV"),
    ]:
        left, right = header_cells(path)
        assert left[:4] == [
            "TỈNH ỦY QUẢNG NGÃI",
            "BAN TUYÊN GIÁO VÀ DÂN VẬN",
            "*",
            f"Số       -{type_code}/BTGDVTU",
        ]
        assert right[0] == "ĐẢNG CỘNG SẢN VIỆT NAM"
        assert right[1] == "Quảng Ngãi, ngày      tháng      năm 2026"
    left, _ = header_cells(reports.reminder_letter)
    assert left[4] == 'V/v đôn đốc đăng ký mô hình, điển hình "Dân vận khéo" năm 2026'
    national = open_docx(reports.consolidated_docx).styles["DVK Header National"].font
    assert national.bold and national.underline and national.size.pt == 15


def test_state_header_table_is_the_state_bodys(state_reports):
    left, right = header_cells(state_reports.consolidated_docx)
    # The State body from [profiles.nha_nuoc] in organisation.toml, a rule drawn under its name.
    assert left == ["UBND TỈNH QUẢNG NGÃI", "SỞ NỘI VỤ", "", "Số:       /BC-SNV"]
    assert right == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
        "Quảng Ngãi, ngày      tháng      năm 2026",
    ]
    styles = open_docx(state_reports.consolidated_docx).styles
    assert not styles["DVK Header Motto"].font.underline
    assert not styles["DVK Header National"].font.underline
    # Quốc hiệu 12 pt and the motto 13 pt under it (NĐ 30: 12/13 or 13/14).
    assert (styles["DVK Header National"].font.size.pt, styles["DVK Header Motto"].font.size.pt) == (12, 13)


def test_decision_header_has_its_number_and_date(decision):
    left, right = header_cells(decision)
    assert "Số 12-QĐ/BTGDVTU" in left
    assert right[-1] == "Quảng Ngãi, ngày 05 tháng 3 năm 2026"


def assert_signature_and_recipients(path, authority, position, name, recipients):
    document = open_docx(path)
    blocks = [t for t in document.tables if t.rows[0].cells[0].text.startswith("Nơi nhận:")]
    assert len(blocks) == 1, path.name
    left, right = blocks[0].rows[0].cells
    lines = paragraph_texts(left)
    assert lines[0] == "Nơi nhận:"
    assert left.paragraphs[0].style.name == "DVK Recipients Heading"
    assert lines[1:] == recipients
    signed = [t for t in paragraph_texts(right) if t]
    assert signed == [authority, position, name]


def test_signature_and_recipient_blocks(reports, decision):
    assert_signature_and_recipients(
        reports.consolidated_docx,
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn An",
        ["- Thường trực Tỉnh ủy (để báo cáo),", "- Lãnh đạo Ban,", "- Lưu Văn phòng Ban."],
    )
    assert_signature_and_recipients(
        decision,
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Văn An",
        ["- Như Điều 3,", "- Thường trực Tỉnh ủy (để báo cáo),", "- Lưu Văn phòng Ban."],
    )
    for path in (reports.results_report, reports.reminder_letter):
        assert "Nơi nhận:" in all_text(path)


def form_table(path):
    tables = [t for t in open_docx(path).tables if t.rows[0].cells[0].text == FORM_HEADERS[0]]
    assert len(tables) == 1
    return tables[0]


@pytest.mark.parametrize("with_unit", [True, False])
def test_official_table_headers_and_numbering_row(reports, with_unit):
    table = form_table(reports.consolidated_docx if with_unit else reports.unit_forms[0])
    first, second, numbers = (row_texts(r) for r in table.rows[:3])
    expected_first = FORM_HEADERS + (["ĐƠN VỊ"] if with_unit else [])
    # Column 5 carries its bracketed guidance on a second line, as in the form of plan 31-KH/TU.
    assert [text.split("\n")[0] for text in first] == expected_first
    assert first[3] == f"{FORM_HEADERS[3]}\n(Giải quyết vấn đề gì; ai thực hiện; kết quả dự kiến)"
    assert all(run.font.italic for cell in table.rows[2].cells for run in cell.paragraphs[0].runs)
    assert [t for t in row_texts(table.rows[1]) if t in SUB_HEADERS] == SUB_HEADERS
    assert second[0] == FORM_HEADERS[0]  # merged down over two rows
    assert numbers == [str(n) for n in range(1, 9 if with_unit else 8)]


def test_consolidated_list_has_every_registration_once_under_its_field(reports, registrations):
    table = form_table(reports.consolidated_docx)
    assert section_order(table) == SECTION_TITLES
    entries = form_entries(table)
    assert len(entries) == len(registrations)
    seen = {}
    for section, _number, cells in entries:
        name, collective, individual, address, content, new, replicated, unit = cells
        key = (name.split(". ", 1)[1], unit, content)
        assert key not in seen, f"listed twice: {key}"
        seen[key] = (FIELD_OF_SECTION[section], collective, individual, new, replicated, address)
    for record in registrations.to_dict("records"):
        key = (record["model_name"], record["unit_name"], record["content"])
        field, collective, individual, new, replicated, address = seen[key]
        assert field == record["field"]
        assert (collective, individual) == (("x", "") if record["form"] == "collective" else ("", "x"))
        assert (new, replicated) == (("x", "") if record["kind"] == "new" else ("", "x"))
        assert address == record["address"]


def test_numbering_restarts_in_each_section(reports):
    entries = form_entries(form_table(reports.consolidated_docx))
    for title in SECTION_TITLES:
        numbers = [number for section, number, _ in entries if section == title]
        assert numbers == list(range(1, len(numbers) + 1))


def test_totals_equal_the_data(reports, registrations):
    table = form_table(reports.consolidated_docx)
    total = row_texts(table.rows[-1])
    count = len(registrations)
    assert total[0] == f"TỔNG CỘNG: {count} mô hình, điển hình"
    form, kind = registrations["form"], registrations["kind"]
    assert total[1:3] == [str((form == "collective").sum()), str((form == "individual").sum())]
    assert total[5:7] == [str((kind == "new").sum()), str((kind == "replicated").sum())]
    assert total[7] == f"{registrations['unit_code'].nunique()} đơn vị"

    stats = [t for t in open_docx(reports.consolidated_docx).tables if t.rows[0].cells[0].text == "TT"][0]
    by_field = {row_texts(r)[1]: row_texts(r)[2:] for r in stats.rows[2:]}
    assert by_field["Tổng cộng"][0] == str(count)
    economy = registrations[registrations["field"] == "economy"]
    expected = [
        len(economy),
        ((economy["form"] == "collective") & (economy["kind"] == "new")).sum(),
        ((economy["form"] == "collective") & (economy["kind"] == "replicated")).sum(),
        ((economy["form"] == "individual") & (economy["kind"] == "new")).sum(),
        ((economy["form"] == "individual") & (economy["kind"] == "replicated")).sum(),
    ]
    assert by_field["Kinh tế"] == [str(n) for n in expected]


def test_unit_forms_one_per_unit_with_exactly_its_rows(reports, registrations):
    units = registrations.groupby("unit_code")
    assert sorted(p.stem for p in reports.unit_forms) == sorted(units.groups)
    for path in reports.unit_forms[:5]:
        rows = units.get_group(path.stem)
        document = open_docx(path)
        texts = paragraph_texts(document)
        assert texts[0] == f"ĐƠN VỊ: {rows['unit_name'].iloc[0].upper()}"
        assert 'SỐ MÔ HÌNH, ĐIỂN HÌNH "DÂN VẬN KHÉO" ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG' in texts
        table = form_table(path)
        assert section_order(table) == SECTION_TITLES
        names = sorted(cells[0].split(". ", 1)[1] for _, _, cells in form_entries(table))
        assert names == sorted(rows["model_name"])
        signature = all_text(path)
        assert "THỦ TRƯỞNG ĐƠN VỊ" in signature and "(Ký tên, đóng dấu)" in signature


def test_reminder_lists_missing_late_and_below_target_units(reports, statuses):
    table = [t for t in open_docx(reports.reminder_letter).tables if row_texts(t.rows[0])[0] == "TT"][0]
    listed = [row_texts(r)[1] for r in table.rows[1:]]
    flagged = statuses[(statuses["status"] != "on_time") | (statuses["meets_target"] == "false")]
    assert sorted(listed) == sorted(flagged["unit_name"])
    missing = statuses.loc[statuses["status"] == "missing", "unit_name"].tolist()
    assert listed[: len(missing)] == missing  # units that have not registered come first


def test_results_report_sections_table_and_chart(reports, registrations):
    document = open_docx(reports.results_report)
    headings = [
        p.text
        for p in document.paragraphs
        if p.style.name == "DVK Heading" and p.text[:2] in ("I.", "II", "IV", "V.")
    ]
    assert headings == [
        "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TUYÊN TRUYỀN",
        "II. KẾT QUẢ THỰC HIỆN",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert len(document.inline_shapes) == 1  # the chart
    stats = [t for t in document.tables if t.rows[0].cells[0].text == "TT"][0]
    assert row_texts(stats.rows[0])[-1] == "Được công nhận"
    assert row_texts(stats.rows[-1])[2] == str(len(registrations))


def test_decision_annex_lists_exactly_the_recognised_rows(decision, marked_register, registrations):
    _, recognised_ids = marked_register
    recognised = registrations[registrations["registration_id"].isin(recognised_ids)]
    document = open_docx(decision)
    text = all_text(decision)
    assert f"Công nhận {len(recognised)} mô hình, điển hình" in text
    assert "(Kèm theo Quyết định số 12-QĐ/BTGDVTU, ngày 05 tháng 3 năm 2026" in text
    assert [s.orientation for s in document.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    annex = document.tables[-1]
    assert row_texts(annex.rows[0])[:2] == ["TT", "Tên mô hình, điển hình"]
    rows = [row_texts(r) for r in annex.rows[1:]]
    assert [r[0] for r in rows] == [str(n) for n in range(1, len(rows) + 1)]
    assert sorted((r[1], r[2]) for r in rows) == sorted(
        zip(recognised["model_name"], recognised["unit_name"], strict=True)
    )
    body = paragraph_texts(document)
    articles = [t.split(".")[0] for t in body if t.startswith("Điều ")]
    assert articles == ["Điều 1", "Điều 2", "Điều 3"]
    basis = [t for t in body if t.startswith("- ")]
    assert basis[-1] == "- Xét đề nghị của Phòng Dân vận,"
    assert all(line.endswith(";") for line in basis[:-1])


def test_no_template_tags_left_and_files_are_well_formed(reports, state_reports, decision, registrations):
    # The sample data itself holds "{{ x }}" in a model name: take the user's text out first, so
    # only what the templates left behind is checked.
    user_text = sorted(
        {v for column in registrations.columns for v in registrations[column] if isinstance(v, str) and v},
        key=len,
        reverse=True,
    )
    for path in every_docx(reports, decision) + every_docx(state_reports):
        text = all_text(path)
        for value in user_text:
            text = text.replace(value, "")
        assert "{{" not in text and "{%" not in text and "%}" not in text, path.name
        assert structure_problems(path) == [], path.name


@pytest.mark.parametrize(("which", "widths"), [("reports", (77, 88)), ("state_reports", (73, 92))])
def test_header_columns_follow_the_profile(which, widths, request):
    table = open_docx(request.getfixturevalue(which).results_report).tables[0]
    assert tuple(round(cell.width.mm) for cell in table.rows[0].cells) == widths
