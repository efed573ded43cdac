"""A register larger than Google's 10 MB request limit goes up in calls under 8 MB each."""

from __future__ import annotations

import math

import pytest
from big_register import CONTENT, big_register
from standin import sheets_api
from standin.server import REQUEST_LIMIT

import dvk.google.chunks
from dvk.errors import DvkError
from dvk.google.chunks import REQUEST_BUDGET
from dvk.google.outputs import push_register
from dvk.register.workbook import REGISTER_SHEET

ROWS = 14_000


def test_a_register_over_10_mb_goes_up_in_calls_under_8_mb(google, tmp_path, monkeypatch):
    key = sheets_api.add_spreadsheet(google.state, "Sổ toàn quốc", {"Trang tính1": []}, {google.email})
    register = big_register(tmp_path / "so_theo_doi_2026.xlsx", ROWS)

    result = push_register(register, key)

    rows = google.state.spreadsheets[key].tabs[REGISTER_SHEET].grid
    assert result.rows == ROWS and len(rows) == ROWS + 1
    ids = [row[0] for row in rows[1:]]
    assert ids == [f"r{n:05d}" for n in range(ROWS)]
    content = rows[0].index("Nội dung cụ thể mô hình, điển hình")
    assert rows[ROWS][content] == f"{ROWS - 1}: {CONTENT}"
    writes = google.standin.calls("sheets.spreadsheets.values.batchUpdate")
    sizes = [w.size for w in writes]
    assert all(w.status == 200 for w in writes) and max(sizes) <= REQUEST_BUDGET
    assert sum(sizes) > REQUEST_LIMIT
    assert sizes == result.request_bytes
    # ⌈bytes / 8 MB⌉ writes + the metadata + adding dvk's tabs (the sheet had none of them).
    methods = [c.method_id for c in google.standin.calls()]
    assert len(methods) == math.ceil(sum(sizes) / REQUEST_BUDGET) + 2
    assert methods[:2] == ["sheets.spreadsheets.get", "sheets.spreadsheets.batchUpdate"]

    # Staff score the last row in the sheet; the next push reads it back and keeps it.
    score = rows[0].index("Điểm")
    rows[ROWS][score] = 9.5
    google.standin.log.clear()
    again = push_register(register, key)
    assert again.staff_entries_kept == 1
    assert google.state.spreadsheets[key].tabs[REGISTER_SHEET].grid[ROWS][score] == 9.5
    methods = [c.method_id for c in google.standin.calls()]
    assert methods[:2] == ["sheets.spreadsheets.get", "sheets.spreadsheets.values.batchGet"]
    assert len(methods) == len(again.request_bytes) + 2

    other = sheets_api.add_spreadsheet(google.state, "Sổ cũ", {"Trang tính1": []}, {google.email})
    # As it was: the whole register in one values:batchUpdate. Google refuses it (400, over 10 MB).
    with monkeypatch.context() as patch, pytest.raises(DvkError) as refused:
        patch.setattr(dvk.google.chunks, "REQUEST_BUDGET", 10**9)
        push_register(register, other)
    single = google.standin.calls("sheets.spreadsheets.values.batchUpdate")[len(again.request_bytes) :]
    assert [c.status for c in single] == [400] and single[0].size > REQUEST_LIMIT
    assert single[0].body["error"]["message"].startswith("Request payload size exceeds the limit")
    message = str(refused.value)
    assert "\n" not in message and "10 MB" in message and "quá lớn" in message
