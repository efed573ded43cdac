"""A decision that cannot be written takes no number: the checks that would stop it come first."""

from __future__ import annotations

import json
from datetime import date

import openpyxl
import pytest

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.errors import DvkError
from dvk.folders import register_path
from dvk.register.workbook import REGISTER_SHEET


def _set_first_recognised(register, header: str, value: str) -> str:
    """Type `value` under `header` on the first row evaluated «Công nhận»; returns the old value."""
    workbook = openpyxl.load_workbook(register)
    sheet = workbook[REGISTER_SHEET]
    columns = {cell.value: cell.column for cell in sheet[1]}
    row = next(
        r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(r, columns["Kết quả đánh giá"]).value == "Công nhận"
    )
    old = sheet.cell(row, columns[header]).value
    sheet.cell(row, columns[header]).value = value
    workbook.save(register)
    return old


def test_a_recognised_row_with_an_unknown_field_takes_no_number(settings, sample_dir, tmp_path):
    numbering = tmp_path / "so_van_ban"
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)], numbering_dir=numbering)
    jobs.collect(plan)
    register = register_path(tmp_path, 2026)
    fill_register(register, read_evaluations(SAMPLE_EVALUATIONS))
    field = _set_first_recognised(register, "Lĩnh vực", "Lĩnh vực lạ")

    with pytest.raises(DvkError, match="lĩnh vực «Lĩnh vực lạ» không hợp lệ"):
        jobs.decide(plan, signed_on=date(2026, 3, 5))
    assert not (tmp_path / "quyet_dinh_cong_nhan_2026.docx").exists()
    register_file = numbering / "so_van_ban_QD.json"
    assert not register_file.exists() or json.loads(register_file.read_text("utf-8"))["entries"] == []

    _set_first_recognised(register, "Lĩnh vực", field)
    decided = jobs.decide(plan, signed_on=date(2026, 3, 6))
    assert decided.number == 1 and "cấp lại" not in decided.note  # a first allocation, not a repeat
