"""The register (sổ theo dõi) keeps what staff typed, and user text never becomes a formula."""

from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import read_registrations
from dvk.demo.files import write_forms_csv
from dvk.errors import SourceError
from dvk.folders import REGISTRATIONS_CSV, register_path
from dvk.register.workbook import ORPHAN_NOTE, REGISTER_SHEET, read_register
from tests.test_collect import forms_row

HEADERS = [
    "Dấu thời gian",
    "Response ID",
    "Tên cơ quan, đơn vị",
    "Lĩnh vực",
    "Tên mô hình, điển hình",
    "Hình thức",
    "Địa chỉ",
    "Nội dung",
    "Xây dựng mới hay nhân rộng",
]


def sheet_records(path):
    sheet = openpyxl.load_workbook(path)[REGISTER_SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def type_as_staff(path, entries: dict[str, dict[str, object]], extra_column: str | None = None):
    """Open the register as a clerk would, type into cells by model name, sort it, save."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[REGISTER_SHEET]
    headers = [cell.value for cell in sheet[1]]
    if extra_column:
        sheet.cell(row=1, column=len(headers) + 1, value=extra_column)
        headers.append(extra_column)
    name_column = headers.index("Tên mô hình, điển hình") + 1
    for row in range(2, sheet.max_row + 1):
        typed = entries.get(sheet.cell(row=row, column=name_column).value, {})
        for header, value in typed.items():
            sheet.cell(row=row, column=headers.index(header) + 1, value=value)
    workbook.save(path)


def test_rerun_keeps_staff_entries_and_adds_new_rows(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    register = register_path(out, 2026)
    type_as_staff(
        register,
        {
            "Nuôi bò": {
                "Điểm": 92,
                "Kết quả đánh giá": "Công nhận",
                "Cấp công nhận": "Cấp tỉnh",
                "Ghi chú": "=đã kiểm tra thực tế",
                "Người thẩm định": "Đ/c Lan",
            },
            "Trồng rau": {"Kết quả đánh giá": "Chưa đạt"},
        },
        extra_column="Người thẩm định",
    )

    write_forms_csv(
        tmp_path / "f.csv",
        [forms_row(name="Tủ sách cộng đồng"), forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")],
    )
    summary = jobs.collect(RunPlan(2026, settings, out, sources=[str(source)])).summary

    records = {r["Tên mô hình, điển hình"]: r for r in sheet_records(register)}
    assert set(records) == {"Nuôi bò", "Trồng rau", "Tủ sách cộng đồng"}
    assert records["Nuôi bò"]["Điểm"] == 92
    assert records["Nuôi bò"]["Kết quả đánh giá"] == "Công nhận"
    assert records["Nuôi bò"]["Cấp công nhận"] == "Cấp tỉnh"
    assert records["Nuôi bò"]["Ghi chú"] == "=đã kiểm tra thực tế"
    assert records["Nuôi bò"]["Người thẩm định"] == "Đ/c Lan"
    assert records["Trồng rau"]["Kết quả đánh giá"] == "Chưa đạt"
    assert records["Tủ sách cộng đồng"]["Kết quả đánh giá"] is None
    assert summary.staff_entries_kept == 6
    assert register.with_name("so_theo_doi_2026.truoc_lan_chay.xlsx").exists()


def test_row_gone_from_the_source_keeps_its_staff_entries(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    type_as_staff(register_path(out, 2026), {"Nuôi bò": {"Điểm": 70}})
    write_forms_csv(tmp_path / "f.csv", [forms_row(name="Trồng rau")])
    summary = jobs.collect(RunPlan(2026, settings, out, sources=[str(source)])).summary
    records = {r["Tên mô hình, điển hình"]: r for r in sheet_records(register_path(out, 2026))}
    assert records["Nuôi bò"]["Điểm"] == 70
    assert records["Nuôi bò"]["Ghi chú của dvk"] == ORPHAN_NOTE
    assert records["Trồng rau"]["Ghi chú của dvk"] is None
    assert summary.orphan_rows == 1


def test_resubmission_under_a_new_response_id_inherits_the_evaluation(tmp_path, settings):
    first = [
        "10/03/2026 08:00:00",
        "resp-1",
        "Sở Y tế",
        "Kinh tế",
        "Nuôi bò",
        "Tập thể",
        "",
        "bản đầu",
        "Mới",
    ]
    again = [
        "15/03/2026 08:00:00",
        "resp-2",
        "Sở Y tế",
        "Kinh tế",
        "Nuôi bò",
        "Tập thể",
        "",
        "bản sửa",
        "Mới",
    ]
    source = write_forms_csv(tmp_path / "f.csv", [first], headers=HEADERS)
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    assert sheet_records(register_path(out, 2026))[0]["Mã bản đăng ký"] == "resp-1"
    type_as_staff(register_path(out, 2026), {"Nuôi bò": {"Kết quả đánh giá": "Công nhận"}})
    write_forms_csv(tmp_path / "f.csv", [first, again], headers=HEADERS)
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    records = sheet_records(register_path(out, 2026))
    assert [
        (r["Mã bản đăng ký"], r["Nội dung cụ thể mô hình, điển hình"], r["Kết quả đánh giá"]) for r in records
    ] == [("resp-2", "bản sửa", "Công nhận")]


def test_user_text_starting_with_equals_stays_text(tmp_path, settings):
    name = '=HYPERLINK("http://example.com","bấm vào đây")'
    content = "+84 905 000 000 & <b>đậm</b> {{ x }} 🌱"
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name=name, content=content, address="@thôn 1")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    register = register_path(out, 2026)
    with zipfile.ZipFile(register) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula anywhere in the register sheet
    sheet = openpyxl.load_workbook(register)[REGISTER_SHEET]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value == name]
    assert len(cells) == 1 and cells[0].data_type == "s"

    raw_csv = (out / REGISTRATIONS_CSV).read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens Vietnamese correctly
    assert "'=HYPERLINK" in raw_csv.decode("utf-8-sig")  # escaped for Excel
    back = read_registrations(out / REGISTRATIONS_CSV).to_dict("records")[0]
    assert (back["model_name"], back["content"], back["address"]) == (name, content, "@thôn 1")

    machine = read_register(register).to_dict("records")[0]
    assert (machine["model_name"], machine["field"], machine["form"], machine["kind"]) == (
        name,
        "economy",
        "collective",
        "new",
    )


def staff_edit(path, edit):
    workbook = openpyxl.load_workbook(path)
    edit(workbook[REGISTER_SHEET])
    workbook.save(path)


def insert_title_row(sheet):
    sheet.insert_rows(1, 2)
    sheet["A1"] = "SỔ THEO DÕI ĐĂNG KÝ NĂM 2026 (bản cán bộ)"


def delete_id_column(sheet):
    sheet.delete_cols(1)


@pytest.mark.parametrize(
    ("edit", "note"),
    [
        (insert_title_row, None),
        (delete_id_column, "ghép theo đơn vị và tên mô hình"),
        (lambda sheet: None, None),
    ],
)
def test_staff_entries_survive_what_staff_did_to_the_sheet(tmp_path, settings, edit, note):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    register = register_path(out, 2026)
    type_as_staff(register, {"Nuôi bò": {"Điểm": 92, "Kết quả đánh giá": "Công nhận"}})
    staff_edit(register, edit)
    write_forms_csv(
        tmp_path / "f.csv", [forms_row(name="Mới"), forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")]
    )
    summary = jobs.collect(RunPlan(2026, settings, out, sources=[str(source)])).summary
    records = {r["Tên mô hình, điển hình"]: r for r in sheet_records(register)}
    assert set(records) == {"Nuôi bò", "Trồng rau", "Mới"}  # no orphan copy of a matched row
    assert (records["Nuôi bò"]["Điểm"], records["Nuôi bò"]["Kết quả đánh giá"]) == (92, "Công nhận")
    assert records["Trồng rau"]["Điểm"] is None
    assert summary.staff_entries_kept == 2
    if note:
        assert note in records["Nuôi bò"]["Ghi chú của dvk"]
        assert records["Trồng rau"]["Ghi chú của dvk"] is None


def test_a_formula_staff_typed_stays_a_formula_and_text_stays_text(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    register = register_path(out, 2026)
    type_as_staff(register, {"Nuôi bò": {"Điểm": "=SUM(40,55)", "Ghi chú": "=đạt yêu cầu"}})
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    sheet = openpyxl.load_workbook(register)[REGISTER_SHEET]
    headers = [cell.value for cell in sheet[1]]
    score = sheet.cell(row=2, column=headers.index("Điểm") + 1)
    note = sheet.cell(row=2, column=headers.index("Ghi chú") + 1)
    assert (score.value, score.data_type) == ("=SUM(40,55)", "f")
    assert (note.value, note.data_type) == ("=đạt yêu cầu", "s")


def test_a_register_without_a_header_in_its_first_30_rows_stops_the_run(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    staff_edit(register_path(out, 2026), lambda sheet: sheet.insert_rows(1, 30))
    before = (out / REGISTRATIONS_CSV).read_bytes()
    with pytest.raises(SourceError, match="30 dòng đầu"):
        jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    assert (out / REGISTRATIONS_CSV).read_bytes() == before


def test_a_damaged_register_names_the_backup_to_put_back(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò")])
    out = tmp_path / "out"
    plan = RunPlan(2026, settings, out, sources=[str(source)])
    jobs.collect(plan)
    register = register_path(out, 2026)
    whole = register.read_bytes()
    register.write_bytes(whole[: len(whole) // 2])  # a copy cut short (a full disk, a pulled USB stick)
    with pytest.raises(SourceError) as first:
        jobs.collect(plan)
    assert "bị hỏng hoặc không phải tệp Excel .xlsx" in str(first.value)
    assert "bản lưu" not in str(first.value)  # no backup yet after one run

    register.write_bytes(whole)
    type_as_staff(register, {"Nuôi bò": {"Điểm": 92}})
    jobs.collect(plan)  # keeps the register as it was beside it
    typed = register.read_bytes()
    register.write_bytes(typed[: len(typed) // 2])
    with pytest.raises(SourceError) as second:
        jobs.collect(plan)
    message = str(second.value)
    assert "bị hỏng" in message and "so_theo_doi_2026.truoc_lan_chay.xlsx" in message
    assert "chép bản lưu đó đè lên tệp hỏng (đặt tên là «so_theo_doi_2026.xlsx»)" in message

    shutil.copy(out / "so_theo_doi_2026.truoc_lan_chay.xlsx", register)  # what the message says to do
    jobs.collect(plan)
    assert sheet_records(register)[0]["Điểm"] == 92


@pytest.mark.parametrize("hostile", ["\x01\x08\x0b\x1f", "\ufffe\uffff\ufdd0", "\x00"])
def test_control_characters_and_non_characters_never_break_the_register(tmp_path, settings, hostile):
    """Text from any source (a Google Sheet, a hand-made frame) with characters the xlsx format refuses."""
    from dvk.register.workbook import write_register
    from dvk.schema import REGISTRATION_COLUMNS, REJECT_COLUMNS, SUPERSEDED_COLUMNS, UNIT_STATUS_COLUMNS

    row = {column: "" for column in REGISTRATION_COLUMNS} | {
        "registration_id": "R1",
        "model_name": f"Tủ{hostile} thuốc",
        "content": f"dòng 1{hostile}\ndòng 2",
    }
    frame = pd.DataFrame([row], columns=REGISTRATION_COLUMNS)
    empty = [
        pd.DataFrame(columns=columns) for columns in (REJECT_COLUMNS, SUPERSEDED_COLUMNS, UNIT_STATUS_COLUMNS)
    ]
    path = write_register(tmp_path / "so.xlsx", frame, *empty).path
    [record] = sheet_records(path)
    assert record["Tên mô hình, điển hình"] == "Tủ thuốc"
    assert record["Nội dung cụ thể mô hình, điển hình"] == "dòng 1\ndòng 2"


def test_text_shaped_like_the_files_own_markup_is_kept_as_typed(tmp_path):
    """A cell that reads "<r>…</r>" (rich-text XML inside an .xlsx) or "_x0000_" (Excel's escape
    of a control character) is text like any other: the register opens and shows it unchanged."""
    from dvk.register.workbook import write_register
    from dvk.schema import REGISTRATION_COLUMNS, REJECT_COLUMNS, SUPERSEDED_COLUMNS, UNIT_STATUS_COLUMNS

    typed = {
        "registration_id": "R1",
        "model_name": "<r><b>đậm & </r>",
        "address": "_x0000_ thôn 1",
        "content": "<r><t>Mô hình</t></r>",
    }
    frame = pd.DataFrame(
        [{column: "" for column in REGISTRATION_COLUMNS} | typed], columns=REGISTRATION_COLUMNS
    )
    empty = [
        pd.DataFrame(columns=columns) for columns in (REJECT_COLUMNS, SUPERSEDED_COLUMNS, UNIT_STATUS_COLUMNS)
    ]
    path = write_register(tmp_path / "so.xlsx", frame, *empty).path
    [record] = sheet_records(path)  # openpyxl, as another program reads it
    assert record["Tên mô hình, điển hình"] == typed["model_name"]
    assert record["Nội dung cụ thể mô hình, điển hình"] == typed["content"]
    # "_x0000_" is stored escaped ("_x005F_x0000_"), as Excel does; Excel, LibreOffice Calc and
    # calamine show it as typed (openpyxl's reader does not undo that escape).
    [machine] = read_register(path).to_dict("records")
    assert {key: machine[key] for key in typed} == typed
