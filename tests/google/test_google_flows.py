"""The annual cycle in Prefect with the Google outputs switched on, against the stand-in."""

from __future__ import annotations

import openpyxl
import pytest
from standin import drive_api, sheets_api
from standin.state import FOLDER_MIME

from dvk.register.workbook import REGISTER_SHEET
from dvk.ui.parameters import CycleParams
from flows.annual_cycle import annual_cycle

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_harness")]


def test_cycle_mirrors_the_register_to_a_sheet_and_uploads_the_documents(google, sample_dir, tmp_path):
    state = google.state
    key = sheets_api.add_spreadsheet(state, "Sổ theo dõi 2026", {"Trang tính1": []}, {google.email})
    folder = drive_api.add_file(state, "Văn bản 2026", "", b"", FOLDER_MIME, shared_with=[google.email])
    out = tmp_path / "ket_qua"

    summary = annual_cycle(
        CycleParams(
            year=2026,
            sources=[str(sample_dir)],
            out_dir=str(out),
            issue_decision=False,
            register_sheet=f"https://docs.google.com/spreadsheets/d/{key}/edit",
            drive_folder=folder,
        )
    )

    local = openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")[REGISTER_SHEET]
    local_ids = {row[0] for row in local.iter_rows(min_row=2, values_only=True)}
    remote = state.spreadsheets[key].tabs[REGISTER_SHEET].grid
    remote_ids = {row[0] for row in remote[1:] if row and row[0]}
    assert remote[0][0] == "Mã bản đăng ký"
    assert remote_ids == local_ids and len(remote_ids) == summary.collect.rows_out

    uploaded = sorted(f.name for f in state.files.values() if folder in f.parents)
    written = sorted(
        path.name
        for path in out.rglob("*")
        if path.suffix in {".docx", ".xlsx"} and "truoc_lan_chay" not in path.name
    )
    assert "tong_hop_dang_ky_2026.docx" in uploaded and "so_theo_doi_2026.xlsx" in uploaded
    assert set(uploaded) <= set(written)
    assert any("Google Drive" in note for note in summary.notes)
