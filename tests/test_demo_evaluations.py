"""Typing the sample evaluations into a register (dvk demo, the tests' evaluation step) finds the
header where the register reader does, even below a title staff added."""

from __future__ import annotations

import openpyxl
import pytest

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.errors import SourceError
from dvk.folders import register_path
from dvk.register.workbook import REGISTER_SHEET, read_register


@pytest.fixture
def titled_register(settings, sample_dir, tmp_path):
    """This year's register with two rows added above the header, a title in the first."""
    jobs.collect(RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)]))
    path = register_path(tmp_path, 2026)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[REGISTER_SHEET]
    sheet.insert_rows(1, 2)
    sheet["A1"] = "SỔ THEO DÕI ĐĂNG KÝ MÔ HÌNH, ĐIỂN HÌNH «DÂN VẬN KHÉO» NĂM 2026"
    workbook.save(path)
    return path


def test_evaluations_land_below_a_title_row_where_the_reader_finds_them(titled_register):
    entries = read_evaluations(SAMPLE_EVALUATIONS)

    filled = fill_register(titled_register, entries)

    register = read_register(titled_register).set_index("registration_id")
    assert filled == len(entries) > 0
    for reg_id, typed in entries.items():
        assert {h: str(register.at[reg_id, h]) for h in typed} == typed
    title = openpyxl.load_workbook(titled_register)[REGISTER_SHEET]["A1"].value
    assert title.startswith("SỔ THEO DÕI")


def test_a_register_without_a_staff_column_is_refused_naming_it(titled_register):
    workbook = openpyxl.load_workbook(titled_register)
    sheet = workbook[REGISTER_SHEET]
    [level] = [cell for cell in sheet[3] if cell.value == "Cấp công nhận"]
    level.value = "Cấp"
    workbook.save(titled_register)

    with pytest.raises(SourceError, match="không có cột «Cấp công nhận» ở dòng tiêu đề \\(dòng 3\\)"):
        fill_register(titled_register, read_evaluations(SAMPLE_EVALUATIONS))
