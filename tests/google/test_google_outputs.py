"""The register as a Google Sheet (staff entries kept), Drive uploads, and `dvk form create`."""

from __future__ import annotations

from pathlib import Path

import pytest
from standin import drive_api, sheets_api
from standin.state import FOLDER_MIME

from dvk.cli import main
from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import read_sources
from dvk.demo.files import write_forms_csv
from dvk.google.formbuilder import create_registration_form, registration_questions
from dvk.google.outputs import push_register, upload_files
from dvk.google.register_sync import merge_register
from dvk.register.workbook import DVK_NOTE, ORPHAN_NOTE, REGISTER_SHEET, read_register


def forms_rows(*names: str, unit: str = "Sở Y tế") -> list[list[object]]:
    return [
        [
            f"1{i}/03/2026 08:00:00",
            "a@x.vn",
            unit,
            "Kinh tế",
            name,
            "Tập thể",
            "xã A",
            "Nội dung",
            "Xây dựng mới",
        ]
        for i, name in enumerate(names)
    ]


def collect_register(tmp_path: Path, settings, *names: str) -> Path:
    source = write_forms_csv(tmp_path / "in" / "dang_ky.csv", forms_rows(*names))
    summary = jobs.collect(RunPlan(2026, settings, tmp_path / "out", sources=[str(source)])).summary
    return Path(summary.files["register"])


def tab(google, key: str, title: str = REGISTER_SHEET) -> list[list[object]]:
    grid = google.state.spreadsheets[key].tabs[title].grid
    rows = [[v for v in row] for row in grid]
    while rows and not any(v not in (None, "") for v in rows[-1]):
        rows.pop()
    return rows


def column(rows: list[list[object]], header: str) -> list[object]:
    index = rows[0].index(header)
    return [row[index] if index < len(row) else None for row in rows[1:]]


def test_register_round_trip_keeps_what_staff_typed_in_the_sheet(google, settings, tmp_path):
    key = sheets_api.add_spreadsheet(google.state, "Sổ theo dõi 2026", {"Trang tính1": []}, {google.email})
    register = collect_register(tmp_path, settings, "Tủ thuốc", "Vườn rau", "Sân chơi")

    first = push_register(register, key)

    rows = tab(google, key)
    assert first.rows == 3 and len(rows) == 4
    assert sorted(column(rows, "Tên mô hình, điển hình")) == ["Sân chơi", "Tủ thuốc", "Vườn rau"]
    # Staff evaluate in the shared sheet: scores, a result, and a column of their own.
    grid = google.state.spreadsheets[key].tabs[REGISTER_SHEET].grid
    names = column(rows, "Tên mô hình, điển hình")
    score, result = (rows[0].index(h) for h in ("Điểm", "Kết quả đánh giá"))
    tu_thuoc = 1 + names.index("Tủ thuốc")
    san_choi = 1 + names.index("Sân chơi")
    grid[tu_thuoc][score] = 9.5
    grid[tu_thuoc][result] = "Đạt"
    grid[0].append("Người chấm")
    grid[san_choi].extend([None] * (len(grid[0]) - len(grid[san_choi])))
    grid[san_choi][-1] = "Chị Lan"
    grid[san_choi][result] = "Không đạt"

    # Next collection: "Sân chơi" was withdrawn, a new model arrived; the local workbook is rewritten.
    (tmp_path / "in" / "dang_ky.csv").unlink()
    register = collect_register(tmp_path, settings, "Tủ thuốc", "Vườn rau", "Nhà văn hóa")
    second = push_register(register, key)

    rows = tab(google, key)
    by_name = {row[rows[0].index("Tên mô hình, điển hình")]: row for row in rows[1:]}
    assert set(by_name) == {"Tủ thuốc", "Vườn rau", "Nhà văn hóa", "Sân chơi"}
    assert by_name["Tủ thuốc"][score] == 9.5 and by_name["Tủ thuốc"][result] == "Đạt"
    withdrawn = by_name["Sân chơi"]
    assert withdrawn[result] == "Không đạt"
    assert withdrawn[rows[0].index("Người chấm")] == "Chị Lan"
    assert withdrawn[rows[0].index(DVK_NOTE)] == ORPHAN_NOTE
    assert second.orphan_rows == 1 and second.staff_entries_kept == 4
    # The workbook now holds the same entries, so the next local rewrite carries them too.
    local = read_register(register).set_index("model_name")
    assert local.loc["Tủ thuốc", "Điểm"] == 9.5 and local.loc["Sân chơi", "Người chấm"] == "Chị Lan"
    assert rows[0][-1] == DVK_NOTE


def test_retried_write_does_not_duplicate_rows(google, settings, tmp_path):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, {google.email})
    register = collect_register(tmp_path, settings, "Tủ thuốc", "Vườn rau")
    # The write goes through but its answer is lost (503): dvk repeats it.
    google.standin.inject(503, times=1, match="values.batchUpdate", after_apply=True)

    push_register(register, key)
    push_register(register, key)

    assert len(tab(google, key)) == 3  # header + 2, however often the write ran
    writes = google.standin.calls("sheets.spreadsheets.values.batchUpdate")
    assert [w.status for w in writes] == [503, 200, 200]
    assert not google.standin.calls("sheets.spreadsheets.values.append")


def test_shorter_register_clears_old_rows(google, settings, tmp_path):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {REGISTER_SHEET: []}, {google.email})
    push_register(collect_register(tmp_path, settings, "A một", "B hai", "C ba"), key)
    (tmp_path / "in" / "dang_ky.csv").unlink()
    push_register(collect_register(tmp_path, settings, "A một"), key)
    assert len(tab(google, key)) == 2
    # The missing tabs were added once, by the first push. The second emptied the rows it no longer
    # has in its one write ("" over the old extent): metadata, one read, one write.
    assert len(google.standin.calls("sheets.spreadsheets.batchUpdate")) == 1
    assert not google.standin.calls("sheets.spreadsheets.values.batchClear")
    grid = google.state.spreadsheets[key].tabs[REGISTER_SHEET].grid
    assert len(grid) == 4 and not any(grid[2]) and not any(grid[3])
    second = [c.method_id for c in google.standin.calls()][-3:]
    assert second == [
        "sheets.spreadsheets.get",
        "sheets.spreadsheets.values.batchGet",
        "sheets.spreadsheets.values.batchUpdate",
    ]


def test_merge_gives_a_resubmission_the_entries_of_the_row_it_replaced():
    header = [
        "Mã bản đăng ký",
        "Tên mô hình, điển hình",
        "Điểm",
        "Kết quả đánh giá",
        "Cấp công nhận",
        "Ghi chú",
        DVK_NOTE,
    ]
    local = [header, ["NEW", "Tủ thuốc", None, None, None, "ghi ở Excel", None]]
    sheet = [header, ["OLD", "Tủ thuốc", 8, "Đạt", None, "ghi trên Google", None]]
    merged = merge_register(local, sheet, {"NEW": "OLD"})
    assert merged.grid[1][:6] == ["NEW", "Tủ thuốc", 8, "Đạt", None, "ghi trên Google"]
    assert "ghi ở Excel" in merged.grid[1][6]  # the workbook's differing value is noted, not lost
    assert merged.conflicts == 1 and merged.orphans == []


def test_upload_replaces_a_same_name_file(google, tmp_path):
    state = google.state
    folder = drive_api.add_file(state, "Kết quả", "", b"", FOLDER_MIME, shared_with=[google.email])
    old = drive_api.add_file(state, "so_theo_doi_2026.xlsx", folder, b"old", "application/octet-stream")
    register = tmp_path / "so_theo_doi_2026.xlsx"
    register.write_bytes(b"PK new register")
    letter = tmp_path / "cong_van_don_doc.docx"
    letter.write_bytes(b"PK letter")

    first = upload_files([register, letter], f"https://drive.google.com/drive/folders/{folder}")
    letter.write_bytes(b"PK letter v2")
    google.standin.inject(503, times=1, match="POST /upload", after_apply=True)
    register.write_bytes(b"PK newer register")
    upload_files([register, letter], folder)

    in_folder = sorted((f.name, f.content) for f in state.files.values() if folder in f.parents)
    assert in_folder == [
        ("cong_van_don_doc.docx", b"PK letter v2"),
        ("so_theo_doi_2026.xlsx", b"PK newer register"),
    ]
    assert [(u.name, u.replaced) for u in first] == [
        ("so_theo_doi_2026.xlsx", True),
        ("cong_van_don_doc.docx", False),
    ]
    assert first[0].file_id == old
    docx = state.files[first[1].file_id]
    assert docx.mime_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_retried_create_does_not_make_a_second_file(google, tmp_path):
    folder = drive_api.add_file(google.state, "Kết quả", "", b"", FOLDER_MIME, shared_with=[google.email])
    report = tmp_path / "bao_cao.docx"
    report.write_bytes(b"PK report")
    google.standin.inject(503, times=1, match="drive.files.create", after_apply=True)

    upload_files([report], folder)

    assert [f.name for f in google.state.files.values() if folder in f.parents] == ["bao_cao.docx"]
    assert [c.status for c in google.standin.calls("drive.files.create")] == [503, 409]


def test_form_create_gives_a_form_the_forms_source_reads_back(google, settings):
    from standin import forms_api

    units = [unit.name for unit in settings.roster.units]
    created = create_registration_form("Đăng ký 2026", 2026, settings.mappings, units, ["vp@example.gov.vn"])

    record = google.state.forms[created.form_id]
    assert record.published and "vp@example.gov.vn" in record.shared_with
    items = record.form["items"]
    assert [i["title"] for i in items] == [q.title for q in registration_questions(units)]
    unit_question = items[0]["questionItem"]["question"]
    assert unit_question["choiceQuestion"]["type"] == "DROP_DOWN"
    assert [o["value"] for o in unit_question["choiceQuestion"]["options"]] == units
    # A unit answers with the form's own choices; the Forms source reads it into the official columns.
    choices = {
        i["title"]: i["questionItem"]["question"].get("choiceQuestion", {}).get("options") for i in items
    }
    answers = {
        "Tên cơ quan, đơn vị": units[1],
        "Lĩnh vực": choices["Lĩnh vực"][2]["value"],
        "Tên mô hình, điển hình": "Camera an ninh thôn",
        "Hình thức": choices["Hình thức"][1]["value"],
        "Địa chỉ thực hiện": "thôn Đông",
        "Nội dung cụ thể mô hình, điển hình": "Lắp camera",
        "Xây dựng mới hay nhân rộng": choices["Xây dựng mới hay nhân rộng"][1]["value"],
    }
    forms_api.submit(google.state, created.form_id, answers, "resp-1", "2026-03-20T03:00:00Z")
    from dvk.intake.collection import build_collection

    read = read_sources([f"gform:{created.form_id}"], settings.mappings)
    collection = build_collection(read, 2026, settings.roster, settings.mappings)

    assert collection.rows_rejected == 0
    row = collection.registrations.iloc[0].to_dict()
    assert (row["unit_name"], row["field"], row["form"], row["kind"]) == (
        units[1],
        "defense_security",
        "individual",
        "replicated",
    )
    assert row["registration_id"] == "resp-1" and row["address"] == "thôn Đông"
    calls = [c.method_id for c in google.standin.calls("forms.forms")]
    assert calls[:4] == [
        "forms.forms.create",
        "forms.forms.batchUpdate",
        "forms.forms.setPublishSettings",
        "forms.forms.get",
    ]


def test_cli_form_create_and_push(google, settings, tmp_path, capsys):
    assert main(["form", "create", "--year", "2026", "--free-unit-name"]) == 0
    out = capsys.readouterr().out
    form_id = next(iter(google.state.forms))
    assert f"gform:{form_id}" in out
    assert google.state.forms[form_id].form["items"][0]["questionItem"]["question"]["textQuestion"] == {
        "paragraph": False
    }

    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, {google.email})
    register = collect_register(tmp_path, settings, "Tủ thuốc")
    assert main(["google", "push-register", "--register", str(register), "--sheet", key]) == 0
    assert "1 dòng" in capsys.readouterr().out


def test_push_to_a_sheet_not_shared_names_the_account(google, tmp_path, settings, capsys):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, set())
    register = collect_register(tmp_path, settings, "Tủ thuốc")
    assert main(["google", "push-register", "--register", str(register), "--sheet", key]) == 2
    err = capsys.readouterr().err
    assert "chưa được chia sẻ" in err and google.email in err and "Người chỉnh sửa" in err


@pytest.mark.parametrize("scopes_of", ["push", "upload"])
def test_writes_ask_for_write_scopes_only_when_writing(google, settings, tmp_path, scopes_of):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, {google.email})
    folder = drive_api.add_file(google.state, "Kết quả", "", b"", FOLDER_MIME, shared_with=[google.email])
    read_sources([f"gsheet:{key}"], settings.mappings)
    register = collect_register(tmp_path, settings, "Tủ thuốc")
    if scopes_of == "push":
        push_register(register, key)
    else:
        upload_files([register], folder)
    read_token, write_token = google.standin.token_requests()
    assert all(scope.endswith(".readonly") for scope in read_token.scopes)
    assert not any(scope.endswith(".readonly") for scope in write_token.scopes)


def test_retried_add_sheet_that_went_through_is_success(google, settings, tmp_path, capsys):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, {google.email})
    register = collect_register(tmp_path, settings, "Tủ thuốc", "Vườn rau")
    # The tabs are made but the answer is lost (503): the retry finds them there (400 "already exists").
    google.standin.inject(503, times=1, match="sheets.spreadsheets.batchUpdate", after_apply=True)

    assert main(["google", "push-register", "--register", str(register), "--sheet", key]) == 0

    assert "2 dòng" in capsys.readouterr().out
    adds = google.standin.calls("sheets.spreadsheets.batchUpdate")
    assert [c.status for c in adds] == [503, 400]
    assert "already exists" in adds[1].body["error"]["message"]
    tabs = list(google.state.spreadsheets[key].tabs)
    assert tabs == ["Trang tính1", REGISTER_SHEET, "Tình trạng đơn vị", "Bản bị loại", "Bản bị thay thế"]
    assert len(tab(google, key)) == 3


def test_a_google_refusal_reaches_the_clerk_as_one_vietnamese_line(google, settings, tmp_path, capsys):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {"Trang tính1": []}, {google.email})
    register = collect_register(tmp_path, settings, "Tủ thuốc")
    google.standin.inject(400, times=1, match="values.batchUpdate")

    assert main(["google", "push-register", "--register", str(register), "--sheet", key]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("Lỗi: Không ghi được bảng tính Google Sheets")
    assert "lỗi 400" in err and "Injected" not in err and "error" not in err.lower().replace("lỗi", "")
