"""The register is read back whatever saved it last: dvk, openpyxl, Excel or LibreOffice."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.files import write_forms_csv
from dvk.folders import register_path
from dvk.register.workbook import REGISTER_SHEET, read_register
from dvk.xlsx_values import MissingSheet, UnreadableWorkbook, read_sheet
from tests.office import calc_convert, has_calc
from tests.register.test_register_workbook import sheet_records, type_as_staff
from tests.test_collect import forms_row


def test_values_keep_their_places_when_the_data_starts_away_from_a1(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Trang"
    sheet["C3"] = "Tên"
    sheet["D5"] = 92
    sheet["E5"] = 9.5
    sheet["F5"] = datetime(2026, 3, 1, 7, 30)
    workbook.save(tmp_path / "a.xlsx")

    rows = list(read_sheet(tmp_path / "a.xlsx", "Trang").rows)
    assert len(rows) == 5
    assert rows[2][2] == "Tên"
    assert rows[4][3:6] == [92, 9.5, datetime(2026, 3, 1, 7, 30)]
    assert isinstance(rows[4][3], int)  # a whole number reads as 92, as the clerk typed it


def test_formulas_are_read_as_typed_with_their_escaped_characters(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Trang"
    sheet["A1"] = "Điểm"
    sheet["B2"] = '=IF(A2<5,"thấp & kém","đạt")'
    sheet["AB40"] = "=SUM(40,55)"
    workbook.save(tmp_path / "f.xlsx")

    formulas = read_sheet(tmp_path / "f.xlsx", "Trang").formulas
    assert formulas == {(1, 1): '=IF(A2<5,"thấp & kém","đạt")', (39, 27): "=SUM(40,55)"}


def test_a_missing_sheet_and_a_damaged_file_are_told_apart(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Khác"
    workbook.save(tmp_path / "a.xlsx")
    with pytest.raises(MissingSheet) as missing:
        read_sheet(tmp_path / "a.xlsx", REGISTER_SHEET)
    assert missing.value.names == ["Khác"]

    (tmp_path / "b.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(UnreadableWorkbook):
        read_sheet(tmp_path / "b.xlsx", REGISTER_SHEET)


def libreoffice_resave(path: Path, folder: Path) -> None:
    """Open the register in LibreOffice Calc and save it again as .xlsx, as a clerk might."""
    shutil.copy(calc_convert(path, folder / "resaved", "xlsx"), path)


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed (.ci/run installs it)")
def test_a_register_resaved_by_libreoffice_keeps_every_staff_entry(tmp_path, settings):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")])
    out = tmp_path / "out"
    jobs.collect(RunPlan(2026, settings, out, sources=[str(source)]))
    register = register_path(out, 2026)
    type_as_staff(
        register,
        {
            "Nuôi bò": {"Điểm": "=SUM(40,55)", "Kết quả đánh giá": "Công nhận", "Cấp công nhận": "Cấp tỉnh"},
            "Trồng rau": {"Điểm": 61, "Ghi chú": "xác minh lại"},
        },
    )
    libreoffice_resave(register, tmp_path)
    assert b"sharedStrings" in register.read_bytes()  # LibreOffice's own layout, not dvk's

    summary = jobs.collect(RunPlan(2026, settings, out, sources=[str(source)])).summary
    assert summary.staff_entries_kept == 5
    records = {r["Tên mô hình, điển hình"]: r for r in sheet_records(register)}
    assert records["Trồng rau"]["Điểm"] == 61 and records["Trồng rau"]["Ghi chú"] == "xác minh lại"
    assert records["Nuôi bò"]["Kết quả đánh giá"] == "Công nhận"
    score = openpyxl.load_workbook(register)[REGISTER_SHEET]
    headers = [cell.value for cell in score[1]]
    row = next(
        r for r in score.iter_rows(min_row=2) if r[headers.index("Tên mô hình, điển hình")].value == "Nuôi bò"
    )
    assert (row[headers.index("Điểm")].value, row[headers.index("Điểm")].data_type) == ("=SUM(40,55)", "f")
    machine = read_register(register).set_index("model_name")
    assert machine.loc["Trồng rau", "field"] == "economy" and machine.loc["Trồng rau", "Điểm"] == 61
