"""The stand-in answers only in shapes the discovery documents allow (so it cannot drift)."""

from __future__ import annotations

import contextlib
from datetime import datetime

from standin import drive_api, forms_api, sheets_api
from standin.discovery import validate, validate_request, validate_response
from standin.state import FOLDER_MIME
from test_google_sources import QUESTIONS, answers

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import read_sources
from dvk.demo.files import write_forms_csv
from dvk.errors import DvkError
from dvk.google.api import GoogleApi
from dvk.google.formbuilder import create_registration_form
from dvk.google.outputs import push_register, upload_files
from dvk.google.remote import form_target
from dvk.google.sources import READ_SCOPES


def test_validator_catches_shapes_google_never_sends():
    assert validate_response("forms.forms.responses.list", {"responses": [], "nextPageToken": "x"}) == []
    wrong_value = {"responses": [{"answers": {"q1": {"textAnswers": {"answers": [{"value": 5}]}}}}]}
    assert validate_response("forms.forms.responses.list", wrong_value) == [
        "$.responses[0].answers['q1'].textAnswers.answers[0].value: expected string, got int"
    ]
    assert validate_response("drive.files.list", {"files": [{"size": 12}]}) == [
        "$.files[0].size: expected string, got int"
    ]
    assert validate_response("sheets.spreadsheets.values.batchGet", {"valueRange": []}) == [
        "$: unknown property 'valueRange'"
    ]
    assert validate_request(
        "forms.forms.batchUpdate", {"requests": [{"createItem": {"item": {"titel": "x"}}}]}
    )
    assert validate({"type": "RADIOS"}, {"$ref": "ChoiceQuestion"}, "forms")


def test_every_answer_of_a_full_session_matches_the_discovery_documents(google, settings, tmp_path):
    state = google.state
    form_id = forms_api.add_form(state, "Đăng ký", QUESTIONS, shared_with=[google.email])
    for number in range(3):
        forms_api.submit(state, form_id, answers("Sở Y tế", f"Mô hình {number}"), f"r{number}")
    key = sheets_api.add_spreadsheet(
        state,
        "Bảng",
        {"A": [["Dấu thời gian", "Tên mô hình"], [datetime(2026, 3, 1), "x"]], "B": []},
        {google.email},
    )
    folder = drive_api.add_file(state, "Thư mục", "", b"", FOLDER_MIME, shared_with=[google.email])
    csv = write_forms_csv(
        tmp_path / "a.csv", [["01/03/2026", "", "Sở Y tế", "I", "Mô hình", "TT", "", "", "Mới"]]
    )
    drive_api.add_file(state, "a.csv", folder, csv.read_bytes(), "text/csv")

    read_sources([f"gform:{form_id}", f"gsheet:{key}", f"gdrive:{folder}"], settings.mappings)
    api = GoogleApi(READ_SCOPES)
    api.forms(lambda s: s.forms().responses().list(formId=form_id, pageSize=2), form_target(form_id))
    summary = jobs.collect(RunPlan(2026, settings, tmp_path / "out", sources=[str(csv)])).summary
    push_register(summary.files["register"], key)
    upload_files([csv, summary.files["register"]], folder)
    create_registration_form("Mẫu", 2026, settings.mappings, ["Sở Y tế"], ["a@example.gov.vn"])
    google.standin.inject(429, times=1, match="forms.forms.get")
    with contextlib.suppress(DvkError):  # the 404 answer itself is checked below
        read_sources(["gsheet:1NoSuchSheetAnywhere00"], settings.mappings)
    read_sources([f"gform:{form_id}"], settings.mappings)

    log = google.standin.calls()
    methods = {entry.method_id for entry in log}
    assert methods >= {
        "forms.forms.get",
        "forms.forms.responses.list",
        "forms.forms.create",
        "forms.forms.batchUpdate",
        "forms.forms.setPublishSettings",
        "sheets.spreadsheets.get",
        "sheets.spreadsheets.values.batchGet",
        "sheets.spreadsheets.values.batchUpdate",
        "sheets.spreadsheets.batchUpdate",
        "drive.files.list",
        "drive.files.get",
        "drive.files.create",
        "drive.files.update",
        "drive.files.generateIds",
        "drive.permissions.create",
    }
    assert any("nextPageToken" in (e.body or {}) for e in log if e.method_id == "forms.forms.responses.list")
    problems = []
    for entry in log:
        if entry.status == 200 and entry.body is not None:
            problems += [f"{entry.method_id}: {p}" for p in validate_response(entry.method_id, entry.body)]
        elif entry.status != 200:
            error = entry.body["error"]
            assert set(error) >= {"code", "message", "status"} and error["code"] == entry.status
    assert problems == []
    assert {e.status for e in log} >= {200, 404, 429}
