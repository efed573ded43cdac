"""Sources → registrations and rejects, on real files built in each test."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dvk.cycle.steps import read_sources
from dvk.demo.files import (
    FormRow,
    to_tcvn3,
    write_forms_csv,
    write_forms_xlsx,
    write_official_form,
)
from dvk.errors import SourceError
from dvk.intake.collection import build_collection
from dvk.schema import Field


def forms_row(
    unit="Sở Y tế",
    field="Kinh tế",
    name="Tổ hợp tác nuôi bò",
    form="Tập thể",
    kind="Xây dựng mới",
    when="10/03/2026 08:00:00",
    address="thôn An Điềm",
    content="Nội dung",
):
    return [when, "a@example.gov.vn", unit, field, name, form, address, content, kind]


def run(settings, *paths, year=2026):
    read = read_sources([str(p) for p in paths], settings.mappings)
    return build_collection(read, year, settings.roster, settings.mappings)


def report(collection):
    """The rejects flattened as [row, column, code], frictionless style."""
    return [[r["source_row"], r["column"], r["code"]] for r in collection.rejects.to_dict("records")]


def test_forms_csv_export(tmp_path, settings):
    path = write_forms_csv(
        tmp_path / "responses.csv",
        [
            forms_row(),
            forms_row(
                unit="Công an tỉnh",
                field="QP-AN",
                name="Camera an ninh",
                form="tap the",
                kind="Nhân rộng",
                when="31/03/2026 23:59:00",
            ),
        ],
    )
    result = run(settings, path)
    rows = result.registrations.to_dict("records")
    assert [r["unit_code"] for r in rows] == ["SYT", "CAT"]
    assert rows[1]["field"] == "defense_security"
    assert rows[1]["form"] == "collective"
    assert rows[1]["kind"] == "replicated"
    assert rows[1]["submitted_at"] == "2026-03-31T23:59:00+07:00"
    assert rows[1]["late"] == "false"
    assert (rows[0]["source"], rows[0]["source_row"]) == ("responses.csv", 2)
    assert result.sources[0].layout == "Câu trả lời Google Forms"


def test_forms_xlsx_export_with_real_dates(tmp_path, settings):
    rows = [forms_row(when=datetime(2026, 4, 1, 0, 0, 0)), forms_row(name="Khác", when=46112.75)]
    result = run(settings, write_forms_xlsx(tmp_path / "responses.xlsx", rows))
    times = result.registrations["submitted_at"].tolist()
    assert times == ["2026-04-01T00:00:00+07:00", "2026-03-31T18:00:00+07:00"]
    assert result.registrations["late"].tolist() == ["true", "false"]


def test_official_form_xlsx(tmp_path, settings):
    path = write_official_form(
        tmp_path / "any_name.xlsx",
        "Xã Tịnh Khê",
        [
            FormRow(Field.ECONOMY, "Nuôi bò sinh sản", "thôn 1", "nội dung 1"),
            FormRow(Field.ECONOMY, "Trồng keo", collective="", individual="x", new="", replicated="x"),
            FormRow(Field.POLITICAL_SYSTEM, "Một cửa thân thiện", collective="X", new="x"),
        ],
        signed=date(2026, 3, 28),
    )
    result = run(settings, path)
    rows = result.registrations.to_dict("records")
    assert [(r["field"], r["model_name"], r["form"], r["kind"]) for r in rows] == [
        ("economy", "Nuôi bò sinh sản", "collective", "new"),
        ("economy", "Trồng keo", "individual", "replicated"),
        ("political_system", "Một cửa thân thiện", "collective", "new"),
    ]
    assert {r["unit_code"] for r in rows} == {"X-TINHKHE"}
    assert rows[0]["address"] == "thôn 1"
    # The signing date is the submission time; rows 8, 11, 12 and 13 are the section rows.
    assert rows[0]["submitted_at"] == "2026-03-28T00:00:00+07:00"
    assert [r["source_row"] for r in rows] == [9, 10, 14]
    assert result.sources[0].layout == "Biểu mẫu đăng ký của đơn vị"
    assert result.rows_in == 3 and result.balanced


def test_official_form_typed_by_hand_without_tt_column(tmp_path, settings):
    """A form whose header says "Tên mô hình" and whose unit sits in the cell after "ĐƠN VỊ:"."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ĐƠN VỊ:", "Hội Nông dân tỉnh"])
    sheet.append(['SỐ MÔ HÌNH, ĐIỂN HÌNH "DÂN VẬN KHÉO" ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG'])
    sheet.append(["Tên mô hình", "Hình thức", None, "Địa chỉ", "Nội dung", "Trong đó", None])
    sheet.append([None, "Tập thể", "Cá nhân", None, None, "Xây dựng mới", "Nhân rộng"])
    sheet.merge_cells("B3:C3")
    sheet.merge_cells("F3:G3")
    sheet.append(["I. Lĩnh vực kinh tế"])
    sheet.append(["1) Vườn mẫu", "x", None, "thôn 2", "trồng rau", None, "x"])
    sheet.append(["III - QUỐC PHÒNG, AN NINH"])
    sheet.append(["- Tiếng kẻng an ninh", None, "x", "thôn 3", "", "x", None])
    sheet.append(["Tổng cộng", 1, 1, None, None, 1, 1])
    sheet.append([None, None, None, "Quảng Ngãi, ngày 02 tháng 4 năm 2026"])
    sheet.append([None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    workbook.save(tmp_path / "hnd.xlsx")
    result = run(settings, tmp_path / "hnd.xlsx")
    rows = result.registrations.to_dict("records")
    assert [(r["unit_code"], r["field"], r["model_name"], r["form"], r["kind"]) for r in rows] == [
        ("HND", "economy", "Vườn mẫu", "collective", "replicated"),
        ("HND", "defense_security", "Tiếng kẻng an ninh", "individual", "new"),
    ]
    assert {r["late"] for r in rows} == {"true"}  # signed 2 April
    assert result.rows_in == 2 and result.rejects.empty


def test_official_form_typed_in_tcvn3(tmp_path, settings):
    path = write_official_form(
        tmp_path / "legacy.xlsx",
        "Xã Mộ Đức",
        [FormRow(Field.CULTURE_SOCIETY, "Dòng họ học tập", "thôn Đông Yên", "Khuyến học")],
        signed=date(2026, 3, 20),
        legacy_tcvn3=True,
    )
    stored = openpyxl.load_workbook(path).active["B10"].value
    assert stored == to_tcvn3("1. Dòng họ học tập") and stored != "1. Dòng họ học tập"
    rows = run(settings, path).registrations.to_dict("records")
    assert [(r["unit_code"], r["model_name"], r["address"], r["field"]) for r in rows] == [
        ("X-MODUC", "Dòng họ học tập", "thôn Đông Yên", "culture_society")
    ]


def test_nfd_answers_are_normalised_and_matched(tmp_path, settings):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    row = forms_row(
        unit=nfd("Phường Nghĩa Lộ"), field=nfd("Văn hóa - Xã hội"), name=nfd("Gia đình hạnh phúc")
    )
    rows = run(settings, write_forms_csv(tmp_path / "nfd.csv", [row])).registrations.to_dict("records")
    assert rows[0]["unit_code"] == "P-NGHIALO"
    assert rows[0]["model_name"] == "Gia đình hạnh phúc"
    assert unicodedata.is_normalized("NFC", rows[0]["model_name"])


def test_old_unit_names_match_the_roster_by_alias(tmp_path, settings):
    rows = [
        forms_row(unit="Sở Giao thông vận tải"),
        forms_row(unit="huyen dao ly son"),
        forms_row(unit="SNNMT"),
    ]
    result = run(settings, write_forms_csv(tmp_path / "f.csv", rows))
    assert [(r["unit_code"], r["unit_name"]) for r in result.registrations.to_dict("records")] == [
        ("SXD", "Sở Xây dựng"),
        ("DK-LYSON", "Đặc khu Lý Sơn"),
        ("SNNMT", "Sở Nông nghiệp và Môi trường"),
    ]


def test_header_variants_from_another_export(tmp_path, settings):
    headers = [
        "Timestamp",
        "ten co quan, don vi",
        "LĨNH VỰC",
        "TÊN MÔ HÌNH, ĐIỂN HÌNH (*)",
        "Hình thức (*)",
        "Địa chỉ",
        "Nội dung",
        "Loại đăng ký",
    ]
    rows = [["05/03/2026 10:00", "Hội LHPN tỉnh", "II", "Chi hội 5 không 3 sạch", "TT", "", "", "XDM"]]
    result = run(settings, write_forms_csv(tmp_path / "x.csv", rows, headers=headers))
    record = result.registrations.to_dict("records")[0]
    assert (record["unit_code"], record["field"], record["form"], record["kind"]) == (
        "HLHPN",
        "culture_society",
        "collective",
        "new",
    )
    assert record["submitted_at"] == "2026-03-05T10:00:00+07:00"


def test_every_reject_code_with_row_column_and_vietnamese_reason(tmp_path, settings):
    forms = write_forms_csv(
        tmp_path / "forms.csv",
        [
            forms_row(name=""),  # row 2 missing_model_name
            forms_row(unit=""),  # row 3 missing_unit
            forms_row(unit="UBND xã Không Có"),  # row 4 unknown_unit
            forms_row(field=""),  # row 5 missing_field
            forms_row(field="Môi trường"),  # row 6 unknown_field
            forms_row(form="Hỗn hợp"),  # row 7 unknown_form
            forms_row(form=""),  # row 8 form_neither
            forms_row(kind="Cải tiến"),  # row 9 unknown_kind
            forms_row(kind=""),  # row 10 kind_neither
            forms_row(when="32/13/2026"),  # row 11 bad_timestamp
            forms_row(when="10/03/2025 08:00:00"),  # row 12 wrong_year
        ],
    )
    official = write_official_form(
        tmp_path / "form.xlsx",
        "Sở Xây dựng",
        [
            FormRow(Field.ECONOMY, "Cả hai hình thức", collective="x", individual="x"),
            FormRow(Field.ECONOMY, "Cả hai loại", new="x", replicated="x"),
        ],
    )
    junk = tmp_path / "notes.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Ghi chú", "không phải bảng đăng ký"])
    workbook.save(junk)
    result = run(settings, forms, official, junk)
    assert report(result) == [
        ["", "", "unrecognised_layout"],
        [2, "Tên mô hình, điển hình (*)", "missing_model_name"],
        [3, "Tên cơ quan, đơn vị (*)", "missing_unit"],
        [4, "Tên cơ quan, đơn vị (*)", "unknown_unit"],
        [5, "Lĩnh vực (*)", "missing_field"],
        [6, "Lĩnh vực (*)", "unknown_field"],
        [7, "Hình thức", "unknown_form"],
        [8, "Hình thức", "form_neither"],
        [9, "Xây dựng mới hay nhân rộng", "unknown_kind"],
        [10, "Xây dựng mới hay nhân rộng", "kind_neither"],
        [11, "Dấu thời gian", "bad_timestamp"],
        [12, "Dấu thời gian", "wrong_year"],
        [9, "Mô hình tập thể", "form_both"],
        [10, "Xây dựng mới", "kind_both"],
    ]
    messages = dict(zip(result.rejects["code"], result.rejects["message"], strict=True))
    assert messages["unknown_unit"].startswith("Đơn vị «UBND xã Không Có» không có trong danh sách đơn vị")
    assert messages["form_both"] == "Đánh dấu cả «Mô hình tập thể» và «Mô hình cá nhân»; chỉ được chọn một."
    assert messages["wrong_year"] == "Bản đăng ký thuộc năm 2025, không thuộc năm đang tổng hợp."
    assert all(unicodedata.is_normalized("NFC", m) for m in messages.values())
    assert result.rows_in == 13 and result.rows_out == 0 and result.rows_rejected == 13 and result.balanced


def test_one_row_with_several_problems_is_one_rejected_row(tmp_path, settings):
    result = run(settings, write_forms_csv(tmp_path / "f.csv", [forms_row(name="", field="?", form="")]))
    assert [code for _, _, code in report(result)] == ["missing_model_name", "unknown_field", "form_neither"]
    assert result.rows_rejected == 1 and result.balanced


def test_rejects_are_listed_in_reading_order_whatever_was_found_first(tmp_path, settings):
    rows = [
        forms_row(when="10/03/2025 08:00:00"),  # row 2: the year, the last thing looked at
        forms_row(kind="Cải tiến"),  # row 3
        forms_row(field="Môi trường", name=""),  # row 4: two problems
        forms_row(name=""),  # row 5: the model name, the first thing looked at
    ]
    result = run(settings, write_forms_csv(tmp_path / "f.csv", rows))
    assert [[row, code] for row, _, code in report(result)] == [
        [2, "wrong_year"],
        [3, "unknown_kind"],
        [4, "missing_model_name"],
        [4, "unknown_field"],
        [5, "missing_model_name"],
    ]


def test_a_workbook_cell_with_an_unreadable_character_is_flagged_beside_numbers(tmp_path, settings):
    """A sheet filled from a badly decoded file: the damaged text is rejected, a number read."""
    rows = [forms_row(name=2026), forms_row(name="Tủ s\ufffdch", when=datetime(2026, 3, 9, 8, 0))]
    result = run(settings, write_forms_xlsx(tmp_path / "responses.xlsx", rows))
    assert result.registrations["model_name"].tolist() == ["2026"]
    assert report(result) == [[3, "Tên mô hình, điển hình (*)", "undecodable"]]


def test_later_answer_replaces_earlier_and_both_are_recorded(tmp_path, settings):
    path = write_forms_csv(
        tmp_path / "f.csv",
        [
            forms_row(name="Nuôi bò", content="bản đầu", when="10/03/2026 08:00:00"),
            forms_row(name="Trồng rau", when="10/03/2026 09:00:00"),
            forms_row(name="  NUÔI  BÒ ", content="bản sửa", when="12/03/2026 08:00:00"),
            forms_row(unit="Công an tỉnh", name="Nuôi bò", when="11/03/2026 08:00:00"),  # other unit
        ],
    )
    result = run(settings, path)
    rows = result.registrations.to_dict("records")
    assert [(r["unit_code"], r["content"]) for r in rows] == [
        ("SYT", "Nội dung"),
        ("SYT", "bản sửa"),
        ("CAT", "Nội dung"),
    ]
    superseded = result.superseded.to_dict("records")
    assert [(s["source_row"], s["replaced_by_row"]) for s in superseded] == [(2, 4)]
    assert (result.rows_in, result.rows_out, result.rows_superseded) == (4, 3, 1)
    assert "4 = hợp lệ 3 + bị loại 0 + bị thay thế 1 (khớp)" in result.count_line()


def test_registration_ids_are_stable_across_reruns(tmp_path, settings):
    path = write_forms_csv(tmp_path / "f.csv", [forms_row(), forms_row(name="Khác")])
    first = run(settings, path).registrations["registration_id"].tolist()
    write_forms_csv(tmp_path / "f.csv", [forms_row(name="Mới thêm"), forms_row(), forms_row(name="Khác")])
    second = run(settings, path).registrations["registration_id"].tolist()
    assert len(set(first)) == 2 and set(first) <= set(second)


def test_folder_source_reads_every_file_and_skips_others(tmp_path, settings):
    folder = tmp_path / "uploads"
    write_forms_csv(folder / "a.csv", [forms_row()])
    write_official_form(folder / "sub" / "b.xlsx", "Sở Nội vụ", [FormRow(Field.ECONOMY, "Mô hình B")])
    (folder / "huong_dan.docx").write_bytes(b"not a spreadsheet")
    (folder / "~$b.xlsx").write_bytes(b"excel lock file")
    read = read_sources([str(folder)], settings.mappings)
    assert [t.source for t in read.tables] == ["a.csv", "b.xlsx"]
    assert [Path(p).name for p in read.skipped_files] == ["huong_dan.docx"]


def test_unreadable_file_is_a_clear_error(tmp_path, settings):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    with pytest.raises(SourceError, match="Không mở được «hong.xlsx»"):
        run(settings, broken)
    with pytest.raises(SourceError, match="Không tìm thấy"):
        run(settings, tmp_path / "khong_co.csv")


def test_sample_province_balances(settings, sample_dir):
    """The bundled sample's counts, pinned: 95 rows = 88 valid + 6 rejected + 1 replaced."""
    result = run(settings, sample_dir)
    assert (result.rows_in, result.rows_out, result.rows_rejected, result.rows_superseded) == (95, 88, 6, 1)
    assert result.count_line() == "Số dòng đọc vào 95 = hợp lệ 88 + bị loại 6 + bị thay thế 1 (khớp)"
    assert result.registrations["registration_id"].is_unique
    assert [s.status for s in result.sources] == ["đã đọc"] * 7
