"""The flows on a real Prefect API (the session harness): the files they write and what the UI shows."""

from __future__ import annotations

import json
import shutil

import docx
import openpyxl
import pandas as pd
import pytest
from artifacts_helper import artifacts_of

from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.folders import register_path
from dvk.ui.parameters import CheckParams, CollectParams, CycleParams, DecisionParams

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_harness")]


@pytest.fixture(scope="module")
def cycle(tmp_path_factory, sample_dir):
    """One annual cycle on the sample province; the tests below read what it wrote."""
    from flows.annual_cycle import annual_cycle

    out = tmp_path_factory.mktemp("chu_trinh")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DVK_BASE_DIR", str(out))
        state = annual_cycle(
            CycleParams(year=2026, sources=[str(sample_dir)], out_dir=str(out)), return_state=True
        )
    assert state.is_completed(), state.message
    return out, state.result(), artifacts_of(state.state_details.flow_run_id)


def test_cycle_writes_the_year_files(cycle):
    out, summary, _ = cycle
    registrations = pd.read_csv(out / "registrations.csv", dtype=str, encoding="utf-8-sig")
    assert len(registrations) == summary.collect.rows_out == 88
    statuses = pd.read_csv(out / "unit_status.csv", dtype=str, encoding="utf-8-sig")
    assert statuses.set_index("unit_code").loc["X-SONTAY", "status"] == "missing"
    assert openpyxl.load_workbook(register_path(out, 2026)).sheetnames[0] == "Sổ theo dõi"
    report = docx.Document(out / "bao_cao_ket_qua_2026.docx")
    assert any("Dân vận khéo" in p.text for p in report.paragraphs)
    assert (out / "cong_van_don_doc_2026.docx").exists()
    # nobody has evaluated yet: no decision, and the run says so
    assert summary.decision is None and not (out / "quyet_dinh_cong_nhan_2026.docx").exists()
    assert any("chưa ra quyết định" in note for note in summary.notes)


def test_cycle_artifacts_show_counts_statuses_rejects_and_every_file(cycle):
    out, summary, artifacts = cycle
    assert {"dvk-tom-tat", "dvk-tinh-trang-don-vi", "dvk-ban-bi-loai", "dvk-tep-da-ghi"} <= set(artifacts)
    text = artifacts["dvk-tom-tat"].data
    assert "Số dòng đọc vào: **95**" in text and "Bị thay thế bởi bản gửi sau: **1**" in text
    assert "- Hợp lệ: **88**" in text and "- Bị loại: **6**" in text
    assert "Chưa đăng ký: Sở Văn hóa, Thể thao và Du lịch" in text
    statuses = json.loads(artifacts["dvk-tinh-trang-don-vi"].data)
    assert len(statuses) == 31
    by_unit = {row["Tên đơn vị"]: row for row in statuses}
    assert by_unit["Xã Sơn Tây"]["Tình trạng"] == "Chưa đăng ký"
    rejects = json.loads(artifacts["dvk-ban-bi-loai"].data)
    assert len(rejects) == summary.collect.rows_rejected == 6
    assert all(row["Lý do"] for row in rejects) and any(
        "Đơn vị «UBND xã Tịnh Hòa»" in r["Lý do"] for r in rejects
    )
    files = artifacts["dvk-tep-da-ghi"].data
    for label, path in summary.files:
        assert path in files, label
    assert "quyet_dinh" not in files and str(out / "so_theo_doi_2026.xlsx") in files


def test_collect_then_check_without_collecting_again(tmp_path, sample_dir):
    from flows.check_deadlines import check_deadlines
    from flows.collect_registrations import collect_registrations

    summary = collect_registrations(
        CollectParams(year=2026, sources=[str(sample_dir)], out_dir=str(tmp_path))
    )
    assert summary.balanced and (tmp_path / "rejects.csv").exists()
    state = check_deadlines(
        CheckParams(year=2026, collect_first=False, out_dir=str(tmp_path), units=["X-SONTAY", "SYT"]),
        return_state=True,
    )
    checked = state.result()
    assert (checked.late, checked.missing) == (3, 4)
    shown = json.loads(artifacts_of(state.state_details.flow_run_id)["dvk-tinh-trang-don-vi"].data)
    assert sorted(row["Mã đơn vị"] for row in shown) == ["SYT", "X-SONTAY"]
    assert len(pd.read_csv(tmp_path / "unit_status.csv")) == 31  # the file keeps every unit


def test_unreadable_source_fails_the_run_and_writes_nothing(tmp_path):
    from flows.collect_registrations import collect_registrations

    broken = tmp_path / "nguon" / "hong.xlsx"
    broken.parent.mkdir()
    broken.write_bytes(b"not a workbook")
    out = tmp_path / "ket_qua"
    state = collect_registrations(
        CollectParams(year=2026, sources=[str(broken.parent)], out_dir=str(out)), return_state=True
    )
    assert state.is_failed()
    assert "hong.xlsx" in state.message
    assert not out.exists()


def test_bad_parameters_fail_before_any_work(tmp_path):
    from flows.annual_cycle import annual_cycle

    state = annual_cycle(
        CycleParams(
            year=2026, sources=[str(tmp_path / "khong_co")], out_dir=str(tmp_path / "kq"), units=["ZZZ"]
        ),
        return_state=True,
    )
    assert state.is_failed()
    assert "Không tìm thấy nguồn đăng ký" in state.message and "Không có đơn vị mã «ZZZ»" in state.message
    assert "\n" not in state.message and "ParameterError" not in state.message
    assert not (tmp_path / "kq").exists()
    shown = artifacts_of(state.state_details.flow_run_id)
    assert set(shown) == {"dvk-loi"}
    assert "Không có đơn vị mã «ZZZ»" in shown["dvk-loi"].data and "Submit" in shown["dvk-loi"].data


@pytest.fixture
def evaluated(cycle, tmp_path, monkeypatch):
    """A copy of the cycle's folder where staff have typed the sample evaluations."""
    out = tmp_path / "ket_qua"
    shutil.copytree(cycle[0], out)
    shutil.rmtree(out / "so_van_ban", ignore_errors=True)
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    fill_register(register_path(out, 2026), read_evaluations(SAMPLE_EVALUATIONS))
    return out


def test_decision_gets_a_number_that_stays_on_rerun(evaluated, tmp_path):
    from flows.issue_decisions import issue_decisions

    path = issue_decisions(DecisionParams(year=2026, out_dir=str(evaluated)))
    document = docx.Document(path)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Số 01-QĐ/BTGDVTU" in cells  # numbers below 10 take a leading zero
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Công nhận 16 mô hình" in body
    issue_decisions(DecisionParams(year=2026, out_dir=str(evaluated)))
    entries = json.loads((tmp_path / "so_van_ban" / "so_van_ban_QD.json").read_text("utf-8"))["entries"]
    assert [e["number"] for e in entries] == [1]


def test_bad_evaluations_fail_with_every_error_and_no_decision(evaluated, tmp_path):
    from flows.issue_decisions import issue_decisions

    register = register_path(evaluated, 2026)
    workbook = openpyxl.load_workbook(register)
    sheet = workbook["Sổ theo dõi"]
    headers = {c.value: c.column for c in sheet[1]}
    sheet.cell(row=2, column=headers["Kết quả đánh giá"]).value = "Xuất sắc"
    sheet.cell(row=6, column=headers["Kết quả đánh giá"]).value = "Công nhận"
    sheet.cell(row=6, column=headers["Cấp công nhận"]).value = None
    workbook.save(register)

    state = issue_decisions(DecisionParams(year=2026, out_dir=str(evaluated)), return_state=True)
    assert state.is_failed()
    assert "«Xuất sắc» không phải kết quả đánh giá hợp lệ" in state.message
    assert "chưa ghi «Cấp công nhận»" in state.message
    assert not (evaluated / "quyet_dinh_cong_nhan_2026.docx").exists()
    assert not (tmp_path / "so_van_ban").exists()  # no number taken from bad data
    problems = json.loads(artifacts_of(state.state_details.flow_run_id)["dvk-loi-danh-gia"].data)
    assert [row["Dòng trong sổ"] for row in problems] == [2, 6]


def test_demo_runs_the_year_and_a_simulated_decision(tmp_path, monkeypatch, capsys):
    from argparse import Namespace

    from dvk.commands import demo

    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))  # restored after the test; demo sets its own
    assert demo.run(Namespace(out=str(tmp_path / "demo"))) == 0
    printed = capsys.readouterr().out
    assert "[MÔ PHỎNG]" in printed and "dữ liệu giả định" in printed
    decision = docx.Document(tmp_path / "demo" / "quyet_dinh_cong_nhan_2026.docx")
    annex = [c.text for t in decision.tables for r in t.rows for c in r.cells]
    recognised = [
        row["Tên mô hình, điển hình"]
        for row in pd.read_csv(SAMPLE_EVALUATIONS, dtype=str, encoding="utf-8-sig").to_dict("records")
        if row["Kết quả đánh giá"] == "Công nhận"
    ]
    assert all(name in annex for name in recognised)
    assert (tmp_path / "demo" / "so_van_ban" / "so_van_ban_QD.json").exists()


def test_scheduled_check_is_named_with_the_year_and_says_what_to_run_first(tmp_path):
    from datetime import date

    from prefect.client.orchestration import get_client

    from flows.check_deadlines import check_deadlines

    state = check_deadlines(CheckParams(collect_first=False, out_dir=str(tmp_path)), return_state=True)
    assert state.is_failed()
    assert state.message.startswith("Chưa có danh sách đăng ký") and "«Thu thập đăng ký»" in state.message
    run_id = state.state_details.flow_run_id
    with get_client(sync_client=True) as client:
        name = client.read_flow_run(run_id).name
    assert name.startswith(f"kiem-tra-han-dang-ky-{date.today().year} (")
    reason = artifacts_of(run_id)["dvk-loi"].data
    assert "Chưa có danh sách đăng ký" in reason and "## Cần làm" in reason


def test_the_annual_cycle_decides_first_so_its_report_counts_the_recognised(evaluated, sample_dir):
    from flows.annual_cycle import annual_cycle

    summary = annual_cycle(CycleParams(year=2026, sources=[str(sample_dir)], out_dir=str(evaluated)))
    assert summary.decision and "Công nhận 16 mô hình" in "\n".join(
        p.text for p in docx.Document(summary.decision).paragraphs
    )
    report = "\n".join(p.text for p in docx.Document(evaluated / "bao_cao_ket_qua_2026.docx").paragraphs)
    assert "có 16/88 mô hình, điển hình được công nhận" in report
