"""`dvk report` and `dvk decide` as a clerk runs them, including the messages when something is wrong."""

from __future__ import annotations

import shutil

import pytest
from documents_support import YEAR, decide, mark_register, open_docx, structure_problems

from dvk.cli import main
from dvk.documents import pdf


def test_report_command_writes_every_file(collected, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["report", "--year", str(YEAR), "--in", str(collected), "--out", str(out)]) == 0
    for name in ("tong_hop_dang_ky", "bao_cao_ket_qua", "cong_van_don_doc"):
        assert (out / f"{name}_{YEAR}.docx").exists()
    assert (out / f"tong_hop_dang_ky_{YEAR}.xlsx").exists()
    assert len(list((out / "bieu_mau").glob("*.docx"))) > 10
    assert "Báo cáo tổng hợp đăng ký" in capsys.readouterr().out


def test_report_without_check_output_says_what_to_run(tmp_path, collected, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(collected / "registrations.csv", data)
    assert main(["report", "--year", str(YEAR), "--in", str(data), "--out", str(tmp_path / "o")]) == 2
    assert "dvk check" in capsys.readouterr().err


def test_decide_command_with_number(marked_register, tmp_path, capsys):
    path, recognised = marked_register
    code = main(
        ["decide", "--year", str(YEAR), "--register", str(path), "--out", str(tmp_path), "--number", "7"]
    )
    assert code == 0
    decision = tmp_path / f"quyet_dinh_cong_nhan_{YEAR}.docx"
    left = open_docx(decision).tables[0].rows[0].cells[0].text
    assert "Số 07-QĐ/BTGDVTU" in left  # numbers below 10 take a leading zero
    assert len(open_docx(decision).tables[-1].rows) - 1 == len(recognised)


def test_decide_refuses_an_unknown_result_and_names_it(collected, tmp_path, capsys):
    register = tmp_path / f"so_theo_doi_{YEAR}.xlsx"
    shutil.copy(collected / register.name, register)
    mark_register(register, {0: ("Công nhận", "Cấp tỉnh"), 1: ("Xuất sắc lắm", "")})
    assert main(["decide", "--year", str(YEAR), "--register", str(register), "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "«Xuất sắc lắm»" in err and "Công nhận" in err
    assert not (tmp_path / f"quyet_dinh_cong_nhan_{YEAR}.docx").exists()


def test_decide_with_nothing_recognised_says_so(collected, tmp_path, capsys):
    register = tmp_path / f"so_theo_doi_{YEAR}.xlsx"
    shutil.copy(collected / register.name, register)
    mark_register(register, {0: ("Không đạt", "")})
    assert main(["decide", "--year", str(YEAR), "--register", str(register), "--out", str(tmp_path)]) == 2
    assert "chưa có mô hình nào được đánh giá «Công nhận»" in capsys.readouterr().err


def test_pdf_without_libreoffice_gives_a_clear_message(collected, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "out"
    code = main(["report", "--year", str(YEAR), "--in", str(collected), "--out", str(out), "--pdf"])
    assert code == 2
    assert "Không tìm thấy LibreOffice" in capsys.readouterr().err


@pytest.mark.skipif(pdf.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.slow
def test_pdf_through_libreoffice(marked_register, tmp_path, settings):
    path, _ = marked_register
    decision = decide(path, tmp_path, settings, pdf=True)
    produced = decision.with_suffix(".pdf")
    assert produced.read_bytes().startswith(b"%PDF")
    assert structure_problems(decision) == []


def test_decide_refuses_a_recognised_row_without_a_level(collected, tmp_path, capsys):
    register = tmp_path / f"so_theo_doi_{YEAR}.xlsx"
    shutil.copy(collected / register.name, register)
    mark_register(register, {0: ("Công nhận", "Cấp tỉnh"), 1: ("Công nhận", "")})
    assert main(["decide", "--year", str(YEAR), "--register", str(register), "--out", str(tmp_path)]) == 2
    assert "chưa ghi «Cấp công nhận»" in capsys.readouterr().err
    assert not (tmp_path / f"quyet_dinh_cong_nhan_{YEAR}.docx").exists()
