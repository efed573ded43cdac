"""What a run page shows: problem units first, reasons first, file links, one-line failures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dvk.errors import ParameterError, SourceError
from dvk.ui.artifacts import files_markdown, reject_rows, status_rows
from dvk.ui.error_report import describe_failure
from dvk.ui.file_links import FileLinks, ServedFolder


def test_units_with_a_problem_come_first_with_the_problem_in_the_first_columns():
    statuses = pd.DataFrame(
        [
            {"unit_code": "A", "unit_name": "Sở A", "status": "on_time", "meets_target": "true"},
            {"unit_code": "B", "unit_name": "Sở B", "status": "on_time", "meets_target": "false"},
            {"unit_code": "C", "unit_name": "Xã C", "status": "late", "meets_target": "true"},
            {"unit_code": "D", "unit_name": "Xã D", "status": "missing", "meets_target": "false"},
            {"unit_code": "E", "unit_name": "Xã E", "status": "missing", "meets_target": "false"},
        ]
    )
    rows = status_rows(statuses)
    assert [row["Mã đơn vị"] for row in rows] == ["D", "E", "C", "B", "A"]
    assert list(rows[0])[:3] == ["Tình trạng", "Đạt chỉ tiêu", "Tên đơn vị"]
    assert rows[0]["Tình trạng"] == "Chưa đăng ký"
    assert [row["Mã đơn vị"] for row in status_rows(statuses, ["A", "C"])] == ["C", "A"]


def test_reject_reason_is_the_first_column():
    rejects = pd.DataFrame(
        [
            {
                "source": "x.csv",
                "source_row": "4",
                "column": "Đơn vị",
                "value": "?",
                "code": "unit",
                "message": "Sai",
            }
        ]
    )
    assert list(reject_rows(rejects)[0]) == ["Lý do", "Nguồn", "Dòng", "Cột", "Giá trị", "Mã lỗi"]


def test_file_table_links_each_file_to_the_server_and_its_drive_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    year = tmp_path / "ket_qua" / "2026"
    (year / "bieu_mau").mkdir(parents=True)
    report = year / "bao_cao_ket_qua_2026.docx"
    report.write_bytes(b"x" * 2048)
    form = year / "bieu_mau" / "Xã [Mộ] Đức|1.docx"
    form.write_bytes(b"y")
    outside = tmp_path / "noi_khac.xlsx"
    outside.write_bytes(b"z")
    links = FileLinks("https://dvk.ban.vn", [ServedFolder("ket-qua", "Kết quả", "ket_qua/{year}")])
    text = files_markdown(
        [("Báo cáo kết quả", report), ("Biểu mẫu", form), ("Ở chỗ khác", outside)],
        links,
        {"bao_cao_ket_qua_2026.docx": "https://drive.google.com/file/d/abc/view"},
        2026,
    )
    assert "[trang tệp năm 2026](https://dvk.ban.vn/nam/2026)" in text
    assert (
        "| Báo cáo kết quả | [bao_cao_ket_qua_2026.docx](https://dvk.ban.vn/tep/ket-qua/2026/bao_cao_ket_qua_2026.docx)"
        " (2,0 KB) | [Mở trên Drive](https://drive.google.com/file/d/abc/view) |" in text
    )
    assert (
        "(https://dvk.ban.vn/tep/ket-qua/2026/bieu_mau/X%C3%A3%20%5BM%E1%BB%99%5D%20%C4%90%E1%BB%A9c%7C1.docx)"
        in text
    )
    assert "Xã \\[Mộ\\] Đức\\|1.docx" in text  # the name cannot break the table or the link
    assert f"| Ở chỗ khác | noi_khac.xlsx (1 byte) |  | `{outside}` |" in text  # outside: no link
    assert "file://" not in text
    without_server = files_markdown([("Báo cáo kết quả", report)])
    assert "http" not in without_server and str(report) in without_server


def test_a_failed_run_says_why_in_one_vietnamese_line_and_what_to_do():
    error = ParameterError(
        "Thông số không hợp lệ, chưa làm gì:\n- Năm 1999 không hợp lệ.\n- Không có đơn vị mã «ZZZ»."
    )
    report = describe_failure(error)
    assert (
        report.line == "Thông số không hợp lệ, chưa làm gì: Năm 1999 không hợp lệ; Không có đơn vị mã «ZZZ»."
    )
    assert "\n" not in report.line
    assert "- Không có đơn vị mã «ZZZ»." in report.markdown
    assert "biểu mẫu «Thông số»" in report.markdown and "chưa đọc, chưa ghi tệp nào" in report.markdown
    unreadable = describe_failure(SourceError("Không mở được tệp «hong.xlsx»: không phải tệp Excel."))
    assert "đang mở trong Excel" in unreadable.markdown
    refused = describe_failure(SourceError("Google từ chối đọc bảng tính «Đăng ký 2026»: chưa được chia sẻ."))
    assert "tài khoản dịch vụ" in refused.markdown and "Excel" not in refused.markdown
    crash = describe_failure(OSError(28, "No space left on device"))
    assert crash.line.startswith("Lỗi ngoài dự kiến: OSError")
    assert "Bấm Retry" in crash.markdown
    long = describe_failure(SourceError("x" * 5000))
    assert len(long.line) <= 600 and len(long.markdown) > 5000


def test_paths_outside_every_served_folder_have_no_link(tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    links = FileLinks("http://h:1", [ServedFolder("ket-qua", "Kết quả", "ket_qua/{year}")])
    assert links.file_url(tmp_path / "ket_qua" / "abcd" / "x.docx") is None
    assert links.file_url(tmp_path / "ket_qua" / "x.docx") is None
    assert links.file_url(Path("/etc/passwd")) is None
    assert (
        links.file_url(tmp_path / "ket_qua" / "2025" / "a b.csv") == "http://h:1/tep/ket-qua/2025/a%20b.csv"
    )
