"""Forms, Sheets and Drive sources over real HTTP against the stand-in."""

from __future__ import annotations

from datetime import datetime

import pytest
from standin import drive_api, forms_api, sheets_api
from standin.state import FOLDER_MIME, SPREADSHEET_MIME

from dvk.cycle.steps import read_sources
from dvk.demo.files import FORMS_HEADERS, FormRow, write_forms_csv, write_official_form
from dvk.errors import DvkError, SourceError
from dvk.intake.collection import build_collection
from dvk.schema import Field

QUESTIONS = [
    ("Tên cơ quan, đơn vị", None),
    ("Lĩnh vực", ["Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị"]),
    ("Tên mô hình, điển hình", None),
    ("Hình thức", ["Tập thể", "Cá nhân"]),
    ("Địa chỉ thực hiện", None),
    ("Nội dung cụ thể mô hình, điển hình", None),
    ("Xây dựng mới hay nhân rộng", ["Xây dựng mới", "Nhân rộng"]),
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def answers(unit: str, name: str, field: str = "Kinh tế", form: str = "Tập thể", kind: str = "Xây dựng mới"):
    return {
        "Tên cơ quan, đơn vị": unit,
        "Lĩnh vực": field,
        "Tên mô hình, điển hình": name,
        "Hình thức": form,
        "Địa chỉ thực hiện": "thôn An Điềm",
        "Nội dung cụ thể mô hình, điển hình": "Nội dung",
        "Xây dựng mới hay nhân rộng": kind,
    }


def collect_from(settings, *specs, year=2026):
    read = read_sources(list(specs), settings.mappings)
    return read, build_collection(read, year, settings.roster, settings.mappings)


def test_form_with_12000_responses_reads_in_three_pages(google, settings):
    state = google.state
    form_id = forms_api.add_form(state, "Đăng ký Dân vận khéo 2026", QUESTIONS, shared_with=[google.email])
    units = [unit.name for unit in settings.roster.units]
    for number in range(12_000):
        forms_api.submit(
            state,
            form_id,
            answers(units[number % len(units)], f"Mô hình số {number}"),
            response_id=f"ACYDBNresp{number:06d}",
            when=f"2026-03-{1 + number % 28:02d}T01:30:00.000Z",
        )

    read, collection = collect_from(settings, f"gform:{form_id}")

    assert collection.rows_in == 12_000
    assert collection.rows_out == 12_000 and collection.rows_rejected == 0
    first = collection.registrations.iloc[0]
    assert first["registration_id"] == "ACYDBNresp000000"
    assert first["submitted_at"] == "2026-03-01T08:30:00+07:00"  # 01:30 UTC is 08:30 in Vietnam
    assert first["unit_name"] == units[0] and first["field"] == "economy" and first["kind"] == "new"
    # One forms.get and ceil(12000 / 5000) = 3 pages, each asking for the maximum page size.
    assert len(google.standin.calls("forms.forms.get")) == 1
    pages = google.standin.calls("forms.forms.responses.list")
    assert len(pages) == 3
    assert all(page.query["pageSize"] == ["5000"] for page in pages)
    assert len(google.standin.token_requests()) == 1


def test_edited_response_replaces_the_earlier_one(google, settings):
    state = google.state
    form_id = forms_api.add_form(state, "Đăng ký", QUESTIONS, shared_with=[google.email])
    forms_api.submit(state, form_id, answers("Sở Y tế", "Tủ thuốc"), "resp-a", "2026-03-02T02:00:00Z")
    forms_api.submit(
        state, form_id, answers("Sở Y tế", "Tủ thuốc", kind="Nhân rộng"), "resp-b", "2026-03-05T02:00:00Z"
    )

    _, collection = collect_from(settings, f"gform:{form_id}")

    assert collection.rows_out == 1 and collection.rows_superseded == 1
    assert collection.registrations.iloc[0]["kind"] == "replicated"


def test_spreadsheet_with_several_tabs_is_one_batch_read(google, settings):
    header = FORMS_HEADERS
    forms_tab = [
        header,
        [
            datetime(2026, 3, 10, 8, 0),
            "a@x.vn",
            "Sở Y tế",
            "Kinh tế",
            "Tủ thuốc nhân đạo",
            "Tập thể",
            "xã A",
            "Nội dung",
            "Xây dựng mới",
        ],
        [
            datetime(2026, 4, 3, 9, 15),
            "b@x.vn",
            "Sở Tài chính",
            "VHXH",
            "Sổ tay tài chính",
            "Cá nhân",
            "xã B",
            "Nội dung",
            "Nhân rộng",
        ],
    ]
    official = [
        ["ĐƠN VỊ: Sở Y tế"],
        ['SỐ MÔ HÌNH, ĐIỂN HÌNH "DÂN VẬN KHÉO" ĐĂNG KÝ XÂY DỰNG, NHÂN RỘNG'],
        [],
        [
            "TT",
            "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH",
            "HÌNH THỨC",
            "",
            "ĐỊA CHỈ",
            "NỘI DUNG CỤ THỂ MÔ HÌNH, ĐIỂN HÌNH",
            "TRONG ĐÓ",
        ],
        ["", "", "Mô hình tập thể", "Mô hình cá nhân", "", "", "Xây dựng mới", "Nhân rộng"],
        ["", 1, 2, 3, 4, 5, 6, 7],
        ["I", "LĨNH VỰC KINH TẾ"],
        [1, "1. Vườn thuốc nam", "x", "", "xã C", "Trồng cây thuốc", "x", ""],
        ["II", "LĨNH VỰC VĂN HÓA - XÃ HỘI"],
        [1, "1. Khám bệnh miễn phí", "", "x", "xã D", "Khám bệnh", "", "x"],
        [],
        ["", "", "", "", "", "Quảng Ngãi, ngày 20 tháng 3 năm 2026"],
        ["", "", "", "", "", "THỦ TRƯỞNG ĐƠN VỊ"],
    ]
    key = sheets_api.add_spreadsheet(
        google.state,
        "Đăng ký của các đơn vị",
        {
            "Câu trả lời biểu mẫu 1": forms_tab,
            "Biểu mẫu Sở Y tế": official,
            "Ghi chú": [["Không có bảng ở đây"]],
        },
        shared_with={google.email},
    )

    read, collection = collect_from(
        settings, f"gsheet:https://docs.google.com/spreadsheets/d/{key}/edit#gid=0"
    )

    layouts = sorted(table.layout for table in read.tables)
    assert layouts == ["forms_export", "official_form"]
    assert collection.rows_out == 4, collection.rejects
    by_name = collection.registrations.set_index("model_name")
    # Serial dates are turned into Vietnam times explicitly: 3 April, never 4 March.
    assert by_name.loc["Sổ tay tài chính", "submitted_at"] == "2026-04-03T09:15:00+07:00"
    assert by_name.loc["Sổ tay tài chính", "late"] == "true"
    assert by_name.loc["Vườn thuốc nam", "submitted_at"] == "2026-03-20T00:00:00+07:00"
    assert by_name.loc["Khám bệnh miễn phí", "form"] == "individual"
    # Exactly one metadata call and one batch read for all three tabs, unformatted with serial dates.
    assert len(google.standin.calls("sheets.spreadsheets.get")) == 1
    reads = google.standin.calls("sheets.spreadsheets.values")
    assert [entry.method_id for entry in reads] == ["sheets.spreadsheets.values.batchGet"]
    assert len(reads[0].query["ranges"]) == 3
    assert reads[0].query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert reads[0].query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]


def _xlsx_bytes(path) -> bytes:
    return path.read_bytes()


def test_drive_folder_with_mixed_files(google, settings, tmp_path):
    state = google.state
    folder = drive_api.add_file(state, "Đăng ký 2026", "", b"", FOLDER_MIME, shared_with=[google.email])
    sub = drive_api.add_file(state, "Xã phường", folder, b"", FOLDER_MIME)
    csv_path = write_forms_csv(
        tmp_path / "dang_ky.csv",
        [
            [
                "10/03/2026 08:00:00",
                "a@x.vn",
                "Sở Y tế",
                "Kinh tế",
                "Tủ thuốc",
                "Tập thể",
                "xã A",
                "Nội dung",
                "Mới",
            ]
        ],
    )
    form_path = write_official_form(
        tmp_path / "bieu_mau.xlsx", "Sở Tài chính", [FormRow(Field.ECONOMY, "Sổ tay thu chi")], signed=None
    )
    drive_api.add_file(state, "Đăng ký Sở Y tế.csv", folder, csv_path.read_bytes(), "text/csv")
    unsigned = drive_api.add_file(state, "Biểu mẫu STC.xlsx", sub, form_path.read_bytes(), XLSX)
    state.files[unsigned].modified_time = "2026-04-02T03:00:00.000Z"
    drive_api.add_file(state, "Công văn.pdf", folder, b"%PDF-1.4", "application/pdf")
    sheet_key = sheets_api.add_spreadsheet(
        state,
        "Bảng đăng ký Sở GD",
        {
            "Trang tính1": [
                FORMS_HEADERS,
                [
                    datetime(2026, 3, 1, 7),
                    "",
                    "Sở Giáo dục và Đào tạo",
                    "I",
                    "Thư viện xanh",
                    "TT",
                    "",
                    "",
                    "XDM",
                ],
            ]
        },
        shared_with=set(),
    )
    state.files[sheet_key] = state.files.pop(
        drive_api.add_file(state, "Bảng đăng ký Sở GD", folder, b"", SPREADSHEET_MIME)
    )
    state.files[sheet_key].id = sheet_key
    state.spreadsheets[sheet_key].shared_with.add(google.email)

    read, collection = collect_from(settings, f"gdrive:https://drive.google.com/drive/folders/{folder}")

    assert collection.rows_out == 3, collection.rejects
    by_name = collection.registrations.set_index("model_name")
    assert by_name.loc["Tủ thuốc", "submitted_at"] == "2026-03-10T08:00:00+07:00"
    # The unsigned official form takes the file's modified time on Drive: 2 April, late.
    assert by_name.loc["Sổ tay thu chi", "submitted_at"] == "2026-04-02T10:00:00+07:00"
    assert by_name.loc["Sổ tay thu chi", "late"] == "true"
    assert by_name.loc["Thư viện xanh", "unit_code"] == "SGDDT"
    assert read.skipped_files == ["Đăng ký 2026/Công văn.pdf"]
    assert {t.source for t in read.tables} >= {
        "Đăng ký Sở Y tế.csv",
        "Biểu mẫu STC.xlsx",
        "Bảng đăng ký Sở GD",
    }
    # Two folders listed (plus the check that the id is a folder), two downloads, one spreadsheet read.
    assert len(google.standin.calls("drive.files.list")) == 2
    downloads = [e for e in google.standin.calls("drive.files.get") if e.query.get("alt") == ["media"]]
    assert len(downloads) == 2
    assert len(google.standin.calls("sheets.spreadsheets.values.batchGet")) == 1


def test_not_shared_and_wrong_id_give_clear_messages(google, settings):
    key = sheets_api.add_spreadsheet(google.state, "Bảng riêng", {"A": [["x"]]}, shared_with=set())

    with pytest.raises(SourceError) as not_shared:
        read_sources([f"gsheet:{key}"], settings.mappings)
    assert "chưa được chia sẻ" in str(not_shared.value) and google.email in str(not_shared.value)

    with pytest.raises(SourceError) as wrong:
        read_sources(["gform:1FAIpQLSwrongwrongwrong"], settings.mappings)
    assert "Không tìm thấy biểu mẫu Google Forms «1FAIpQLSwrongwrongwrong»" in str(wrong.value)

    folder = drive_api.add_file(google.state, "Thư mục lạ", "", b"", FOLDER_MIME)
    with pytest.raises(SourceError) as hidden:
        read_sources([f"gdrive:{folder}"], settings.mappings)
    assert "Không tìm thấy thư mục Google Drive" in str(hidden.value) and google.email in str(hidden.value)


def test_missing_credential_file(google, settings, monkeypatch, tmp_path):
    monkeypatch.setenv("DVK_GOOGLE_CREDENTIALS", str(tmp_path / "khong_co.json"))
    with pytest.raises(DvkError) as missing:
        read_sources(["gsheet:1AbCdEfGhIjKlMnOp"], settings.mappings)
    assert "Không tìm thấy tệp khóa Google" in str(missing.value)
    assert "DVK_GOOGLE_CREDENTIALS" in str(missing.value)
    assert google.standin.calls() == []
