"""Registration ids that never collide, the newest answer winning, marks and invisible text."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dvk.demo.files import FormRow, write_forms_csv, write_official_form
from dvk.errors import ConfigError
from dvk.mappings import Mappings
from dvk.roster import load_roster
from dvk.safe_text import safe_file_name
from dvk.schema import Field
from tests.test_collect import forms_row, report, run

ROOT = Path(__file__).resolve().parents[2]
TABLE_HEADERS = [
    "ID",
    "Tên cơ quan, đơn vị",
    "Lĩnh vực",
    "Tên mô hình, điển hình",
    "Hình thức",
    "Loại đăng ký",
]


def table_row(number, unit, name):
    return [str(number), unit, "Kinh tế", name, "Tập thể", "Xây dựng mới"]


def test_a_tables_own_id_column_is_not_a_registration_id(tmp_path, settings):
    first = write_forms_csv(
        tmp_path / "a.csv",
        [table_row(1, "Sở Y tế", "Tủ thuốc"), table_row(2, "Sở Y tế", "Vườn thuốc")],
        headers=TABLE_HEADERS,
    )
    second = write_forms_csv(
        tmp_path / "b.csv",
        [table_row(1, "Công an tỉnh", "Camera"), table_row(2, "Công an tỉnh", "Kẻng")],
        headers=TABLE_HEADERS,
    )
    result = run(settings, first, second)
    ids = result.registrations["registration_id"].tolist()
    assert len(ids) == 4 and len(set(ids)) == 4
    assert all(reg_id.startswith("DK2026-") for reg_id in ids)
    assert result.rows_superseded == 0


def test_a_forms_response_id_in_an_id_column_is_kept(tmp_path, settings):
    response_id = "ACYDBNiQ3xk2Lq8vT0u1"
    source = write_forms_csv(
        tmp_path / "a.csv", [table_row(response_id, "Sở Y tế", "Tủ thuốc")], headers=TABLE_HEADERS
    )
    assert run(settings, source).registrations["registration_id"].tolist() == [response_id]


RESPONSE_HEADERS = [
    "Dấu thời gian",
    "Response ID",
    "Tên cơ quan, đơn vị",
    "Lĩnh vực",
    "Tên mô hình, điển hình",
    "Hình thức",
    "Địa chỉ",
    "Nội dung",
    "Xây dựng mới hay nhân rộng",
]


def response(when, response_id, name, content=""):
    return [when, response_id, "Sở Y tế", "Kinh tế", name, "Tập thể", "", content, "Mới"]


@pytest.mark.parametrize(
    ("rows", "kept", "replaced"),
    [
        # an edited response exported again, its model renamed: one registration, the later one
        (
            [
                response("10/03/2026 08:00", "resp-1", "Tủ thuốc"),
                response("12/03/2026 08:00", "resp-1", "Tủ thuốc nhân đạo"),
            ],
            [("resp-1", "Tủ thuốc nhân đạo")],
            [(2, 3)],
        ),
        # the same time twice: the row read later wins
        (
            [
                response("10/03/2026 08:00", "", "Tủ thuốc", "đầu"),
                response("10/03/2026 08:00", "", "Tủ thuốc", "sau"),
            ],
            [("", "Tủ thuốc")],
            [(2, 3)],
        ),
        # a row with no time is never the newest, even read later
        (
            [
                response("10/03/2026 08:00", "", "Tủ thuốc", "có giờ"),
                response("", "", "Tủ thuốc", "không giờ"),
            ],
            [("", "Tủ thuốc")],
            [(3, 2)],
        ),
        # a chain: the first two are both replaced by the last
        (
            [
                response("10/03/2026 08:00", "resp-1", "Tủ thuốc"),
                response("11/03/2026 08:00", "resp-2", "Tủ thuốc"),
                response("12/03/2026 08:00", "resp-2", "Tủ thuốc mới"),
            ],
            [("resp-2", "Tủ thuốc mới")],
            [(2, 4), (3, 4)],
        ),
    ],
)
def test_the_newest_answer_stands_and_ids_are_unique(tmp_path, settings, rows, kept, replaced):
    result = run(settings, write_forms_csv(tmp_path / "f.csv", rows, headers=RESPONSE_HEADERS))
    registrations = result.registrations.to_dict("records")
    assert [
        (r["registration_id"] if r["registration_id"].startswith("resp") else "", r["model_name"])
        for r in registrations
    ] == kept
    assert [(s["source_row"], s["replaced_by_row"]) for s in result.superseded.to_dict("records")] == replaced
    assert result.registrations["registration_id"].is_unique and result.balanced
    if rows[0][7]:
        assert registrations[0]["content"] == ("sau" if rows[0][7] == "đầu" else "có giờ")


def test_ids_are_the_same_in_two_separate_processes(tmp_path):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row(name=f"Mô hình {i}") for i in range(5)])
    ids = []
    for run_number, seed in enumerate(("1", "2")):
        out = tmp_path / f"out{run_number}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "dvk.cli",
                "collect",
                "--year",
                "2026",
                "--source",
                str(source),
                "--out",
                str(out),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        with (out / "registrations.csv").open(encoding="utf-8-sig", newline="") as handle:
            ids.append([row["registration_id"] for row in csv.DictReader(handle)])
    assert ids[0] == ids[1] and len(set(ids[0])) == 5


@pytest.mark.parametrize("mark", ["x", "X", "✓", "✔", "có", "Có", " x ", "v"])
def test_every_mark_in_values_toml_ticks_a_box(tmp_path, settings, mark):
    path = write_official_form(
        tmp_path / "f.xlsx",
        "Sở Nội vụ",
        [FormRow(Field.ECONOMY, "Một cửa", collective="", individual=mark, new="", replicated=mark)],
    )
    rows = run(settings, path).registrations.to_dict("records")
    assert [(r["form"], r["kind"]) for r in rows] == [("individual", "replicated")]


def test_the_marks_listed_in_values_toml_are_all_recognised():
    mappings = Mappings()
    assert all(mappings.is_mark(mark) for mark in ["x", "X", "✓", "✔", "có", "đánh dấu"])
    assert not any(mappings.is_mark(text) for text in ["", " ", "\u200b"])


@pytest.mark.parametrize(
    "name", ["\u200b", "\u00a0", "\u200b\u200c\u00a0 ", "\ufeff", "\u3000", "\u2060\u180e"]
)
def test_invisible_or_blank_names_are_empty(tmp_path, settings, name):
    result = run(settings, write_forms_csv(tmp_path / "f.csv", [forms_row(name=name)]))
    assert [code for _, _, code in report(result)] == ["missing_model_name"]


def test_a_roster_with_a_unit_code_twice_is_refused(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "unit_code,unit_name,unit_type,aliases\nSYT,Sở Y tế,department,\nSYT,Sở Y tế tỉnh khác,department,\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="mã đơn vị «SYT» đã dùng"):
        load_roster(roster, Mappings())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("COM1", "COM1_"),
        ("nul", "nul_"),
        ("LPT9.docx", "LPT9_.docx"),
        ("COM10", "COM10"),
        ("../../etc", "etc"),
    ],
)
def test_unit_codes_never_become_windows_device_names(text, expected):
    assert safe_file_name(text) == expected
