"""`dvk collect` on Google sources through DVK_GOOGLE_API_BASE, and no secret in any output."""

from __future__ import annotations

import json
import logging
from datetime import datetime

from standin import drive_api, forms_api, sheets_api
from standin.state import FOLDER_MIME
from test_google_sources import QUESTIONS, answers

from dvk.cli import main
from dvk.demo.files import FORMS_HEADERS
from dvk.schema import REGISTRATION_COLUMNS
from dvk.tables import read_csv


def seed(google) -> tuple[str, str, str]:
    state = google.state
    form_id = forms_api.add_form(state, "Đăng ký 2026", QUESTIONS, shared_with=[google.email])
    forms_api.submit(
        state, form_id, answers("Sở Y tế", "Tủ thuốc nhân đạo"), "resp-1", "2026-03-10T02:00:00Z"
    )
    forms_api.submit(state, form_id, answers("Đơn vị lạ", "Mô hình lạ"), "resp-2", "2026-03-11T02:00:00Z")
    row = [
        datetime(2026, 3, 12, 9),
        "",
        "Sở Tài chính",
        "Kinh tế",
        "Sổ tay tài chính",
        "Tập thể",
        "",
        "",
        "Nhân rộng",
    ]
    key = sheets_api.add_spreadsheet(
        state, "Câu trả lời", {"Câu trả lời biểu mẫu 1": [FORMS_HEADERS, row]}, {google.email}
    )
    folder = drive_api.add_file(state, "Kết quả", "", b"", FOLDER_MIME, shared_with=[google.email])
    return form_id, key, folder


def test_collect_from_a_form_and_a_sheet(google, tmp_path, capsys):
    form_id, key, _ = seed(google)
    out = tmp_path / "out"

    code = main(
        [
            "collect",
            "--year",
            "2026",
            "--source",
            f"gform:{form_id}",
            "--source",
            f"GSHEET:{key}",
            "--out",
            str(out),
        ]
    )

    printed = capsys.readouterr()
    assert code == 0, printed.err
    registrations = read_csv(out / "registrations.csv", REGISTRATION_COLUMNS)
    assert sorted(registrations["model_name"]) == ["Sổ tay tài chính", "Tủ thuốc nhân đạo"]
    assert "Google Forms › Đăng ký 2026" in printed.out and "Câu trả lời" in printed.out
    assert "hợp lệ 2 + bị loại 1" in printed.out
    assert (out / "so_theo_doi_2026.xlsx").exists()


def test_no_credential_value_in_logs_output_or_files(google, tmp_path, capsys, caplog, monkeypatch):
    caplog.set_level(logging.DEBUG)
    form_id, key, folder = seed(google)
    # An OAuth user token too: its refresh token and client secret are secrets as well.
    user_token = tmp_path / "token_nguoi_dung.json"
    refresh, client_secret = "1//refresh-token-value-0123456789", "GOCSPX-client-secret-value"
    user_token.write_text(
        json.dumps(
            {
                "type": "authorized_user",
                "client_id": "123.apps.googleusercontent.com",
                "client_secret": client_secret,
                "refresh_token": refresh,
                "account": "can.bo@example.gov.vn",
            }
        )
    )
    google.state.refresh_tokens[refresh] = "can.bo@example.gov.vn"
    google.state.spreadsheets[key].shared_with.add("can.bo@example.gov.vn")
    out = tmp_path / "out"

    assert main(["collect", "--year", "2026", "--source", f"gform:{form_id}", "--out", str(out)]) == 0
    register = out / "so_theo_doi_2026.xlsx"
    assert main(["google", "push-register", "--register", str(register), "--sheet", key]) == 0
    assert main(["google", "upload", "--folder", folder, str(register)]) == 0
    google.standin.inject(503, times=-1, match="drive.files.list")
    assert main(["google", "upload", "--folder", folder, str(register)]) == 2
    google.standin.clear_faults()
    assert (
        main(
            [
                "google",
                "push-register",
                "--register",
                str(register),
                "--sheet",
                key,
                "--credentials",
                str(user_token),
            ]
        )
        == 0
    )
    monkeypatch.setenv("DVK_GOOGLE_CREDENTIALS", str(tmp_path / "hong.json"))
    (tmp_path / "hong.json").write_text('{"type": "service_account", "private_key": "not a key"}')
    assert main(["collect", "--year", "2026", "--source", f"gform:{form_id}", "--out", str(out)]) == 2

    printed = capsys.readouterr()
    secrets = [*google.secrets(), refresh, client_secret, "not a key"]
    assert len(google.standin.issued_tokens()) >= 4
    texts = {"logs": caplog.text, "stdout": printed.out, "stderr": printed.err}
    texts.update({path.name: path.read_bytes().decode("latin-1") for path in out.iterdir() if path.is_file()})
    leaks = [(where, secret[:12]) for where, text in texts.items() for secret in secrets if secret in text]
    assert leaks == []
    assert "Lỗi:" in printed.err  # the failures did print their messages
