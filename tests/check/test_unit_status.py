"""A unit's deadline status: unknown times never make a unit on time (table-driven, real files)."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pandas as pd
import pytest

from dvk.check.status import unit_statuses
from dvk.cli import main
from dvk.demo.files import FormRow, write_forms_csv, write_official_form
from dvk.errors import SourceError
from dvk.schema import REGISTRATION_COLUMNS, Field
from tests.test_collect import forms_row, run

ON_TIME, LATE = "2026-03-31T23:59:59+07:00", "2026-04-01T00:00:00+07:00"


def registrations(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """(unit_code, submitted_at, kind) rows as registrations.csv holds them."""
    records = [
        {column: "" for column in REGISTRATION_COLUMNS}
        | {"registration_id": f"R{i}", "unit_code": code, "submitted_at": when, "kind": kind}
        for i, (code, when, kind) in enumerate(rows)
    ]
    return pd.DataFrame(records, columns=REGISTRATION_COLUMNS)


@pytest.mark.parametrize(
    ("times", "status"),
    [
        ([ON_TIME], "on_time"),
        ([LATE], "late"),
        ([LATE, LATE], "late"),
        ([LATE, ON_TIME], "on_time"),  # some late, some on time: on time (one in time is enough)
        ([LATE, ""], "late"),  # a form row with no time does not make a late unit on time
        (["", ""], "unknown_time"),
        ([ON_TIME, ""], "on_time"),
        ([], "missing"),
    ],
)
def test_status_of_a_unit(settings, times, status):
    frame = registrations(*[("SYT", when, "new") for when in times])
    statuses = unit_statuses(frame, settings.roster, 2026, settings.mappings.deadlines).set_index("unit_code")
    assert statuses.loc["SYT", "status"] == status


@pytest.mark.parametrize(
    ("count", "new", "meets"),
    [(1, 0, "true"), (0, 0, "false")],  # a department's target: at least 1 model
)
def test_a_department_with_exactly_its_target(settings, count, new, meets):
    frame = registrations(*[("SYT", ON_TIME, "replicated")] * count)
    row = (
        unit_statuses(frame, settings.roster, 2026, settings.mappings.deadlines)
        .set_index("unit_code")
        .loc["SYT"]
    )
    assert (row["registrations"], row["new_models"], row["meets_target"]) == (count, new, meets)
    assert row["target"] == "ít nhất 1 mô hình"


def test_a_commune_with_exactly_its_target(settings):
    frame = registrations(*[("X-TINHKHE", ON_TIME, "new")] * 3)
    row = unit_statuses(frame, settings.roster, 2026, settings.mappings.deadlines).set_index("unit_code")
    assert row.loc["X-TINHKHE", "meets_target"] == "true"
    frame = registrations(*[("X-TINHKHE", ON_TIME, "new")] * 2, ("X-TINHKHE", ON_TIME, "replicated"))
    row = unit_statuses(frame, settings.roster, 2026, settings.mappings.deadlines).set_index("unit_code")
    assert row.loc["X-TINHKHE", "meets_target"] == "false"  # 3 models but only 2 new


def test_a_unit_with_a_late_answer_and_an_undated_paper_form_is_late(tmp_path, settings, capsys):
    forms = write_forms_csv(tmp_path / "f.csv", [forms_row(unit="Sở Nội vụ", when="02/04/2026 09:00:00")])
    paper = write_official_form(
        tmp_path / "giay.xlsx", "Sở Nội vụ", [FormRow(Field.ECONOMY, "Một cửa")], signed=None
    )
    out = tmp_path / "out"
    assert (
        main(["collect", "--year", "2026", "--source", str(forms), "--source", str(paper), "--out", str(out)])
        == 0
    )
    with (out / "registrations.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["source"]: row for row in csv.DictReader(handle)}
    assert (rows["giay.xlsx"]["submitted_at"], rows["giay.xlsx"]["late"]) == ("", "")
    with (out / "unit_status.csv").open(encoding="utf-8-sig", newline="") as handle:
        status = {row["unit_code"]: row["status"] for row in csv.DictReader(handle)}
    assert status["SNV"] == "late"
    register = openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")["Tình trạng đơn vị"]
    labels = {row[0]: row[2] for row in register.iter_rows(min_row=2, values_only=True)}
    assert labels["SNV"] == "Trễ hạn"


def test_only_undated_forms_are_unknown_time_in_every_output(tmp_path, capsys):
    paper = write_official_form(
        tmp_path / "giay.xlsx", "Sở Nội vụ", [FormRow(Field.ECONOMY, "Một cửa")], signed=None
    )
    out = tmp_path / "out"
    assert main(["collect", "--year", "2026", "--source", str(paper), "--out", str(out)]) == 0
    register = openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")["Tình trạng đơn vị"]
    labels = {row[0]: row[2] for row in register.iter_rows(min_row=2, values_only=True)}
    assert labels["SNV"] == "Không rõ thời gian"
    capsys.readouterr()
    argv = ["check", "--year", "2026", "--registrations", str(out / "registrations.csv")]
    assert main([*argv, "--roster", "mappings/roster.csv", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "không rõ thời gian 1" in printed and "«Ngày nhận: ngày/tháng/năm»" in printed


@pytest.mark.parametrize(
    ("line", "submitted", "late"),
    [
        ("Ngày nhận: 25/03/2026", "2026-03-25T00:00:00+07:00", "false"),
        ("Ngày nhận: ngày 02 tháng 4 năm 2026", "2026-04-02T00:00:00+07:00", "true"),
        ("ngày nhận 2-4-2026", "2026-04-02T00:00:00+07:00", "true"),
    ],
)
def test_staff_record_the_arrival_of_an_undated_paper_form(tmp_path, settings, line, submitted, late):
    path = write_official_form(
        tmp_path / "giay.xlsx", "Sở Nội vụ", [FormRow(Field.ECONOMY, "Một cửa")], signed=None
    )
    workbook = openpyxl.load_workbook(path)
    workbook.active["A4"] = line
    workbook.save(path)
    [row] = run(settings, path).registrations.to_dict("records")
    assert (row["submitted_at"], row["late"]) == (submitted, late)


def test_a_signing_date_wins_over_an_arrival_note(tmp_path, settings):
    path = write_official_form(
        tmp_path / "f.xlsx", "Sở Nội vụ", [FormRow(Field.ECONOMY, "Một cửa")], signed=date(2026, 3, 20)
    )
    workbook = openpyxl.load_workbook(path)
    workbook.active["A4"] = "Ngày nhận: 05/04/2026"
    workbook.save(path)
    [row] = run(settings, path).registrations.to_dict("records")
    assert row["submitted_at"] == "2026-03-20T00:00:00+07:00"


@pytest.mark.parametrize("written", ["03/25/2026 10:00", "25/13/2026", "hôm qua"])
def test_a_hand_edited_time_check_cannot_read_is_one_line(tmp_path, settings, capsys, written):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row()])
    out = tmp_path / "out"
    assert main(["collect", "--year", "2026", "--source", str(source), "--out", str(out)]) == 0
    path = out / "registrations.csv"
    text = path.read_text(encoding="utf-8-sig").replace("2026-03-10T08:00:00+07:00", written)
    path.write_text(text, encoding="utf-8-sig")
    capsys.readouterr()
    argv = ["check", "--year", "2026", "--registrations", str(path), "--roster", "mappings/roster.csv"]
    assert main([*argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"«{written}» không đọc được" in err[0] and "Traceback" not in err[0]
    with pytest.raises(SourceError):
        unit_statuses(
            registrations(("SYT", written, "new")), settings.roster, 2026, settings.mappings.deadlines
        )
