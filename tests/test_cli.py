"""The dvk command as a user types it."""

from __future__ import annotations

import csv

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
