"""Streamed workbooks: what a clerk sees in Excel or Calc is exactly what was written."""

from __future__ import annotations

import csv
import math
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from dvk.safe_text import Formula
from dvk.xlsx_stream import TableSheet, write_tables
from dvk.xlsx_values import read_sheet
from tests.office import calc_convert, has_calc

AWKWARD_TEXT = [
    "  hai dấu cách đầu và cuối  ",
    "dòng 1\r\ndòng 2",
    "_x0041_ không phải chữ A",
    "<r><t>giống XML</t></r>",
    "Tôm & cua <ngon> \"tươi\" 'sống'",
    "=SUM(1,2) là chữ, không phải công thức",
    "\t thụt đầu dòng",
    "đ" * 40_000,  # over Excel's 32,767 characters: cut, with "…"
]


def write(tmp_path: Path) -> Path:
    rows = [[text, index] for index, text in enumerate(AWKWARD_TEXT)]
    rows.append([datetime(2026, 3, 31, 23, 59), date(2026, 4, 1)])
    rows.append([True, 2.5])
    rows.append([Formula("=SUM(40,55)"), math.nan])
    rows.append([None, ""])
    path = tmp_path / "s.xlsx"
    write_tables(path, [TableSheet("Trang", ["Chữ", "Số"], rows, {1: 40, 2: 12})])
    return path


def test_openpyxl_reads_every_value_and_type_back(tmp_path):
    sheet = openpyxl.load_workbook(write(tmp_path))["Trang"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    for index, text in enumerate(AWKWARD_TEXT):
        if text.startswith("đđđ"):
            assert len(values[index][0]) == 32_767 and values[index][0].endswith("…")
        elif "_x0041_" in text:
            continue  # stored as Excel stores it; openpyxl does not undo that escape (calamine does)
        else:
            assert values[index] == [text, index], index
    dates, numbers, formula = values[len(AWKWARD_TEXT) : len(AWKWARD_TEXT) + 3]
    assert dates == [datetime(2026, 3, 31, 23, 59), datetime(2026, 4, 1)]
    assert numbers == [True, 2.5]
    assert formula == ["=SUM(40,55)", None]  # staff's formula stays one; NaN leaves the cell empty
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert sheet.cell(row=2 + len(AWKWARD_TEXT), column=1).number_format == "dd/mm/yyyy hh:mm"
    assert sheet.cell(row=6, column=1).data_type == "s"  # "=SUM(1,2) là chữ…" is text
    assert sheet.row_dimensions[3].height >= 2 * 15  # two lines of text, a taller row
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == f"A1:B{len(AWKWARD_TEXT) + 5}"


def test_dvks_reader_gets_the_text_exactly(tmp_path):
    rows = list(read_sheet(write(tmp_path), "Trang").rows)
    assert [row[0] for row in rows[1:8]] == AWKWARD_TEXT[:7]


def test_an_empty_table_still_has_its_header(tmp_path):
    path = tmp_path / "e.xlsx"
    assert write_tables(path, [TableSheet("Trống", ["A", "B"], [])]) == {"Trống": 0}
    sheet = openpyxl.load_workbook(path)["Trống"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [["A", "B"]]


@pytest.mark.skipif(not has_calc(), reason="LibreOffice Calc is not installed (.ci/run installs it)")
def test_libreoffice_calc_opens_it_and_shows_the_text_as_written(tmp_path):
    # CSV with comma, double quote, UTF-8 (76)
    shown_csv = calc_convert(write(tmp_path), tmp_path / "calc", "csv:Text - txt - csv (StarCalc):44,34,76")
    with shown_csv.open(encoding="utf-8", newline="") as handle:
        shown = [row[0] for row in csv.reader(handle)]
    assert shown[0] == "Chữ"
    expected = [text.replace("\r\n", "\n") for text in AWKWARD_TEXT[:7]]
    assert [text.replace("\r\n", "\n") for text in shown[1:8]] == expected
