"""The dvk command as a user types it."""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from dvk.cli import main
from dvk.demo.files import write_forms_csv
from dvk.register.workbook import REJECTS_SHEET, STATUS_SHEET
from tests.test_collect import forms_row


def read_csv_rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_collect_then_check(tmp_path, capsys, sample_dir):
    out = tmp_path / "ket_qua"
    assert main(["collect", "--year", "2026", "--source", str(sample_dir), "--out", str(out)]) == 0
    printed = capsys.readouterr()
    assert "(khớp)" in printed.out and "Sổ theo dõi" in printed.out
    assert "đang đọc tệp 1: dang_ky_google_forms.csv" in printed.err

    registrations = read_csv_rows(out / "registrations.csv")
    rejects = read_csv_rows(out / "rejects.csv")
    assert list(registrations[0]) == [
        "registration_id",
        "year",
        "unit_code",
        "unit_name",
        "field",
        "model_name",
        "form",
        "address",
        "content",
        "kind",
        "submitted_at",
        "late",
        "source",
        "source_row",
    ]
    assert list(rejects[0]) == ["source", "source_row", "column", "value", "code", "message"]
    assert (out / "rejects.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    workbook = openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")
    assert workbook.sheetnames == ["Sổ theo dõi", "Tình trạng đơn vị", "Bản bị loại", "Bản bị thay thế"]
    assert workbook[REJECTS_SHEET].max_row == len(rejects) + 1
    statuses_in_book = [row[2] for row in workbook[STATUS_SHEET].iter_rows(min_row=2, values_only=True)]
    assert {"Đúng hạn", "Trễ hạn", "Chưa đăng ký", "Không rõ thời gian"} == set(statuses_in_book)

    assert (
        main(
            [
                "check",
                "--year",
                "2026",
                "--registrations",
                str(out / "registrations.csv"),
                "--roster",
                "mappings/roster.csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    statuses = {row["unit_code"]: row for row in read_csv_rows(out / "unit_status.csv")}
    assert list(next(iter(statuses.values())))[:7] == [
        "unit_code",
        "unit_name",
        "status",
        "registrations",
        "new_models",
        "target",
        "meets_target",
    ]
    assert statuses["SVHTTDL"]["status"] == "missing"
    assert statuses["HCCB"]["status"] == "late"  # only answered on 2 April
    assert statuses["P-DUCPHO"]["status"] == "late"  # form signed 6 April
    assert statuses["SYT"]["status"] == "on_time"
    assert statuses["BDBP"]["status"] == "unknown_time"  # paper form without a date: not on time
    assert (statuses["BDBP"]["registrations"], statuses["BDBP"]["first_submitted_at"]) == ("3", "")
    assert statuses["X-TINHKHE"]["meets_target"] == "false"  # commune: 2 models < 3 new
    assert "Chưa đăng ký: Sở Văn hóa, Thể thao và Du lịch" in capsys.readouterr().out


def test_unit_status_counts_and_targets(tmp_path):
    rows = [
        forms_row(unit="Xã Tịnh Khê", name=f"Mô hình {i}", when=f"0{i}/03/2026 09:00:00") for i in (1, 2, 3)
    ]
    rows.append(forms_row(unit="Xã Tịnh Khê", name="Nhân rộng A", kind="Nhân rộng"))
    rows.append(forms_row(unit="Xã Bình Châu", name="Trễ", when="01/04/2026 00:00:00"))
    source = write_forms_csv(tmp_path / "f.csv", rows)
    assert main(["collect", "--year", "2026", "--source", str(source), "--out", str(tmp_path)]) == 0
    assert (
        main(
            [
                "check",
                "--year",
                "2026",
                "--registrations",
                str(tmp_path / "registrations.csv"),
                "--roster",
                "mappings/roster.csv",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    statuses = {row["unit_code"]: row for row in read_csv_rows(tmp_path / "unit_status.csv")}
    khe = statuses["X-TINHKHE"]
    assert (khe["status"], khe["registrations"], khe["new_models"], khe["meets_target"]) == (
        "on_time",
        "4",
        "3",
        "true",
    )
    assert khe["target"] == "ít nhất 3 mô hình; ít nhất 3 mô hình xây dựng mới"
    assert (statuses["X-BINHCHAU"]["status"], statuses["X-BINHCHAU"]["meets_target"]) == ("late", "false")
    assert statuses["X-TRABONG"]["target"] == "ít nhất 2 mô hình; ít nhất 2 mô hình xây dựng mới"


def test_unreadable_input_exits_non_zero_with_a_clear_message(tmp_path, capsys):
    broken = tmp_path / "hong.xlsx"
    broken.write_text("không phải Excel")
    code = main(["collect", "--year", "2026", "--source", str(broken), "--out", str(tmp_path / "o")])
    assert code == 2
    assert "Lỗi: Không mở được «hong.xlsx»" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()  # nothing half-written


def test_bad_roster_is_reported(tmp_path, capsys):
    roster = tmp_path / "roster.csv"
    roster.write_text("unit_code,unit_name\nA,Đơn vị A\n", encoding="utf-8")
    source = write_forms_csv(tmp_path / "f.csv", [forms_row()])
    code = main(
        [
            "collect",
            "--year",
            "2026",
            "--source",
            str(source),
            "--roster",
            str(roster),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert "thiếu cột: unit_type, aliases" in capsys.readouterr().err


def test_demo_gives_prefects_temporary_server_time_and_keeps_a_chosen_value(monkeypatch):
    from dvk.commands import demo

    seen = []
    monkeypatch.setattr(demo, "_run", lambda args: seen.append(os.environ[demo.STARTUP_TIMEOUT_ENV]) or 0)
    monkeypatch.delenv(demo.STARTUP_TIMEOUT_ENV, raising=False)
    assert demo.run(argparse.Namespace(out="x")) == 0
    monkeypatch.setenv(demo.STARTUP_TIMEOUT_ENV, "300")
    assert demo.run(argparse.Namespace(out="x")) == 0
    assert seen == ["120", "300"]


def test_demo_whose_prefect_server_does_not_start_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env |= {"PREFECT_HOME": str(tmp_path / "home"), "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "dvk.cli", "demo", "--out", str(tmp_path / "out")],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Lỗi: Máy chủ Prefect tạm thời chưa khởi động kịp")
    assert "Traceback" not in done.stderr + done.stdout


def test_an_internal_error_is_one_line_and_a_log_file(tmp_path, capsys, monkeypatch):
    from dvk.cycle import jobs

    def broken(*args, **kwargs):
        raise KeyError("lỗi lập trình")

    monkeypatch.setattr(jobs, "collect", broken)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    source = write_forms_csv(tmp_path / "f.csv", [forms_row()])
    assert main(["collect", "--year", "2026", "--source", str(source), "--out", str(tmp_path / "o")]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Lỗi nội bộ của dvk")
    [log] = tmp_path.glob("dvk-loi-*.log")
    assert "KeyError" in log.read_text(encoding="utf-8") and str(log) in lines[0]
