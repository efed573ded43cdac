"""Every column and every file accounted for: columns.csv, refusals, outcomes on screen."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest

from dvk.cli import main
from dvk.demo.files import FormRow, write_forms_csv, write_forms_xlsx, write_official_form
from dvk.schema import Field
from tests.sources.test_headers import OFFICIAL_CONTENT

ROW = [
    "10/03/2026 08:00:00",
    "Sở Y tế",
    "Kinh tế",
    "Tủ thuốc nhân đạo",
    "Tập thể",
    "thôn 1",
    "Cấp thuốc",
    "Mới",
]
HEADERS = [
    "Dấu thời gian",
    "Tên cơ quan, đơn vị",
    "Lĩnh vực",
    "Tên mô hình, điển hình",
    "Hình thức",
    "Địa chỉ",
    "Nội dung",
    "Xây dựng mới hay nhân rộng",
]


def collect(tmp_path, *sources, capsys):
    out = tmp_path / "out"
    argv = ["collect", "--year", "2026", "--out", str(out)]
    for source in sources:
        argv += ["--source", str(source)]
    code = main(argv)
    printed = capsys.readouterr()
    return code, printed.out + printed.err, out


def rows_of(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def with_header(index: int, text: str) -> list[str]:
    return [text if i == index else h for i, h in enumerate(HEADERS)]


@pytest.mark.parametrize(
    ("headers", "field", "expected"),
    [
        (with_header(6, OFFICIAL_CONTENT), "content", "Cấp thuốc"),
        (with_header(1, "Tên cơ quan, đơn vị đăng ký mô hình"), "unit_code", "SYT"),
        (with_header(3, "1. Tên mô hình, điển hình (*)?"), "model_name", "Tủ thuốc nhân đạo"),
        (
            ["Timestamp", "Unit", "Field", "Model name", "Form", "Address", "Content", "New or replicated"],
            "model_name",
            "Tủ thuốc nhân đạo",
        ),
    ],
)
def test_headers_worded_otherwise_are_read(tmp_path, capsys, headers, field, expected):
    source = write_forms_csv(tmp_path / "f.csv", [ROW], headers=headers)
    code, printed, out = collect(tmp_path, source, capsys=capsys)
    assert code == 0, printed
    assert [row[field] for row in rows_of(out / "registrations.csv")] == [expected]
    assert "không nhận ra" not in printed


def test_official_form_with_the_plans_content_title(tmp_path, capsys):
    path = write_official_form(
        tmp_path / "form.xlsx",
        "Sở Nội vụ",
        [FormRow(Field.ECONOMY, "Một cửa", "phường 1", "giảm thời gian chờ")],
    )
    workbook = openpyxl.load_workbook(path)
    workbook.active["F5"] = OFFICIAL_CONTENT
    workbook.save(path)
    code, printed, out = collect(tmp_path, path, capsys=capsys)
    assert code == 0, printed
    assert [(r["model_name"], r["content"]) for r in rows_of(out / "registrations.csv")] == [
        ("Một cửa", "giảm thời gian chờ")
    ]


def test_columns_csv_lists_every_column_and_the_screen_names_unread_data(tmp_path, capsys):
    headers = [*HEADERS, "Ghi chú", "Người liên hệ", ""]
    rows = [[*ROW, "cần gọi lại", "", "x"], [*ROW[:3], "Mô hình 2", *ROW[4:], "", "", ""]]
    source = write_forms_csv(tmp_path / "f.csv", rows, headers=headers)
    code, printed, out = collect(tmp_path, source, capsys=capsys)
    assert code == 0
    columns = [
        (r["column_index"], r["header"], r["field"], r["non_empty_cells"])
        for r in rows_of(out / "columns.csv")
    ]
    assert columns == [
        ("1", "Dấu thời gian", "timestamp", "2"),
        ("2", "Tên cơ quan, đơn vị", "unit_name", "2"),
        ("3", "Lĩnh vực", "field", "2"),
        ("4", "Tên mô hình, điển hình", "model_name", "2"),
        ("5", "Hình thức", "form", "2"),
        ("6", "Địa chỉ", "address", "2"),
        ("7", "Nội dung", "content", "2"),
        ("8", "Xây dựng mới hay nhân rộng", "kind", "2"),
        ("9", "Ghi chú", "", "1"),
        ("10", "Người liên hệ", "", "0"),
        ("11", "", "", "1"),
    ]
    assert {r["source"] for r in rows_of(out / "columns.csv")} == {"f.csv"}
    assert "«Ghi chú» (cột I, 1 ô có dữ liệu)" in printed
    assert "(không có tiêu đề) (cột K, 1 ô có dữ liệu)" in printed
    assert "Người liên hệ" not in printed  # an empty column is not worth a warning


def test_a_column_past_excels_last_letters_is_still_named(tmp_path, capsys):
    """A CSV may be wider than any worksheet (openpyxl names columns up to ZZZ only): column 20,009
    with data is still named on screen, and the file is read."""
    rows = [[*ROW, *[""] * 20_000, "x"]]
    source = write_forms_csv(tmp_path / "f.csv", rows, headers=HEADERS)
    code, printed, out = collect(tmp_path, source, capsys=capsys)
    assert code == 0, printed
    assert "(không có tiêu đề) (cột ACOO, 1 ô có dữ liệu)" in printed
    assert [r["model_name"] for r in rows_of(out / "registrations.csv")] == ["Tủ thuốc nhân đạo"]


def test_a_question_recreated_in_the_form_is_merged(tmp_path, capsys):
    """Deleting and re-creating a Forms question leaves two columns; each row answered one."""
    headers = [*HEADERS, "Tên cơ quan, đơn vị"]
    rows = [
        [*ROW[:1], "Sở Y tế", *ROW[2:], ""],
        [*ROW[:1], "", *ROW[2:3], "Trồng rau", *ROW[4:], "Công an tỉnh"],
    ]
    code, printed, out = collect(
        tmp_path, write_forms_csv(tmp_path / "f.csv", rows, headers=headers), capsys=capsys
    )
    assert code == 0
    assert [r["unit_code"] for r in rows_of(out / "registrations.csv")] == ["SYT", "CAT"]
    assert rows_of(out / "rejects.csv") == []


@pytest.mark.parametrize(
    ("headers", "said"),
    [
        (
            [h for h in HEADERS if h != "Tên cơ quan, đơn vị"] + ["Tên người đăng ký"],
            [
                "không có cột «Tên cơ quan, đơn vị»",
                "«Tên người đăng ký»",
                "unit_name",
                "mappings/headers.toml",
            ],
        ),
        (
            [h for h in HEADERS if h != "Lĩnh vực"] + ["Lãnh vực hoạt động"],
            ["không có cột «Lĩnh vực»", "Cột gần nhất với «Lĩnh vực» là «Lãnh vực hoạt động»"],
        ),
        (
            [*HEADERS, "Tên đơn vị và tên mô hình"],
            ["«Tên đơn vị và tên mô hình» có thể là «Tên cơ quan, đơn vị» hoặc «Tên mô hình, điển hình»"],
        ),
    ],
)
def test_a_table_without_a_required_column_is_refused_as_a_whole(tmp_path, capsys, headers, said):
    good = write_forms_csv(tmp_path / "good.csv", [ROW], headers=HEADERS)
    bad = write_forms_csv(tmp_path / "bad.csv", [ROW + ["?"], ROW + ["?"], ROW + ["?"]], headers=headers)
    code, printed, out = collect(tmp_path, good, bad, capsys=capsys)
    assert code == 0
    refusal = next(line for line in printed.splitlines() if line.strip().startswith("bad.csv"))
    assert "KHÔNG ĐỌC (3 dòng, tính là bị loại)" in refusal and "Không đọc tệp «bad.csv»" in refusal
    for text in said:
        assert text in refusal
    rejects = rows_of(out / "rejects.csv")
    assert [(r["source"], r["source_row"], r["code"]) for r in rejects] == [
        ("bad.csv", "2", "file_refused"),
        ("bad.csv", "3", "file_refused"),
        ("bad.csv", "4", "file_refused"),
    ]
    assert rejects[0]["message"].startswith("Không đọc tệp «bad.csv»")
    assert "Số dòng đọc vào 4 = hợp lệ 1 + bị loại 3 + bị thay thế 0 (khớp)" in printed


def test_every_source_is_named_with_its_outcome(tmp_path, capsys):
    folder = tmp_path / "nguon"
    write_forms_csv(folder / "a.csv", [ROW], headers=HEADERS)
    (folder / "rong.csv").write_bytes(b"")
    (folder / "ghi_chu.docx").write_bytes(b"PK not read")
    notes = openpyxl.Workbook()
    notes.active.append(["Họ tên", "Chức vụ"])
    notes.active.append(["Nguyễn Văn A", "Chuyên viên"])
    notes.save(folder / "danh_ba.xlsx")
    deep = openpyxl.Workbook()
    for _ in range(40):
        deep.active.append(["Hướng dẫn điền biểu mẫu"])
    deep.active.append(HEADERS)
    deep.active.append([*ROW[:3], "Mô hình dưới dòng 40", *ROW[4:]])
    deep.save(folder / "sau.xlsx")
    code, printed, out = collect(tmp_path, folder, capsys=capsys)
    assert code == 0
    lines = {line.strip().split(":")[0]: line for line in printed.splitlines() if line.startswith("  ")}
    assert "Câu trả lời Google Forms, 1 dòng" in lines["a.csv"]
    assert "bỏ qua — tệp rỗng" in lines["rong.csv"]
    assert "bỏ qua — không phải tệp .csv/.xlsx" in lines["ghi_chu.docx"]
    assert "KHÔNG ĐỌC" in lines["danh_ba.xlsx"] and "«Họ tên», «Chức vụ»" in lines["danh_ba.xlsx"]
    assert "Câu trả lời Google Forms, 1 dòng" in lines["sau.xlsx"]
    codes = sorted((r["source"], r["code"]) for r in rows_of(out / "rejects.csv"))
    assert codes == [("danh_ba.xlsx", "unrecognised_layout"), ("rong.csv", "empty_source")]


def test_empty_sheets_are_passed_over_and_a_workbook_of_them_is_an_empty_file(tmp_path, capsys):
    folder = tmp_path / "nguon"
    folder.mkdir()
    two = openpyxl.Workbook()
    two.active.title = "Đăng ký"
    two.active.append(HEADERS)
    two.active.append(ROW)
    two.create_sheet("Trang trắng")
    two.save(folder / "hai_trang.xlsx")
    blank = openpyxl.Workbook()
    blank.create_sheet("Trang 2")
    blank.save(folder / "trang.xlsx")
    code, printed, out = collect(tmp_path, folder, capsys=capsys)
    assert code == 0
    lines = {line.strip().split(":")[0]: line for line in printed.splitlines() if line.startswith("  ")}
    assert "Câu trả lời Google Forms, 1 dòng" in lines["hai_trang.xlsx › Đăng ký"]
    assert not any("Trang trắng" in line for line in printed.splitlines())
    assert "bỏ qua — tệp rỗng" in lines["trang.xlsx"]
    codes = sorted((r["source"], r["code"]) for r in rows_of(out / "rejects.csv"))
    assert codes == [("trang.xlsx", "empty_source")]


def test_a_run_where_no_source_has_a_row_says_so(tmp_path, capsys):
    empty = write_forms_csv(tmp_path / "f.csv", [], headers=HEADERS)
    code, printed, out = collect(tmp_path, empty, capsys=capsys)
    assert code == 0
    assert "nguồn này không có dòng đăng ký nào" in printed
    assert "không nguồn nào có dòng đăng ký" in printed


def test_forms_xlsx_header_below_row_30(tmp_path, capsys):
    path = write_forms_xlsx(tmp_path / "r.xlsx", [[date(2026, 3, 1), *ROW[1:]]], headers=HEADERS)
    workbook = openpyxl.load_workbook(path)
    workbook.active.insert_rows(1, 35)
    workbook.active["A1"] = "Danh sách đăng ký"
    workbook.save(path)
    code, printed, out = collect(tmp_path, path, capsys=capsys)
    assert code == 0 and [r["source_row"] for r in rows_of(out / "registrations.csv")] == ["37"]


def test_an_output_folder_inside_the_source_folder_is_not_read_back(tmp_path, capsys):
    folder = tmp_path / "nguon"
    write_forms_csv(folder / "a.csv", [ROW], headers=HEADERS)
    argv = ["collect", "--year", "2026", "--source", str(folder), "--out", str(folder / "ket_qua")]
    assert main(argv) == 0
    capsys.readouterr()
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "registrations.csv: bỏ qua — tệp kết quả do dvk ghi" in printed
    assert "Số dòng đọc vào 1 = hợp lệ 1" in printed
