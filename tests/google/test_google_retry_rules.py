"""Retry rules on both client stacks, and a register that shrinks by exactly one row."""

from __future__ import annotations

import pytest
from standin import sheets_api
from test_google_faults import form_id  # noqa: F401 — the fixture: a shared form with 7 answers
from test_google_outputs import collect_register, tab

from dvk.cycle.steps import read_sources
from dvk.errors import DvkError
from dvk.google.outputs import push_register
from dvk.register.workbook import REGISTER_SHEET


def test_gspread_honours_retry_after(google, settings):
    """Spreadsheets are read through gspread: its 429 waits as long as Google asks, once."""
    key = sheets_api.add_spreadsheet(google.state, "Bảng", {"A": [["x"]]}, {google.email})
    google.standin.inject(429, times=1, match="sheets.spreadsheets.get", retry_after=4)
    read_sources([f"gsheet:{key}"], settings.mappings)
    assert google.sleeps == [4.0]
    assert len(google.standin.calls("sheets.spreadsheets.get")) == 2


def test_a_403_rate_limit_is_retried_but_a_403_refusal_is_not(google, settings, form_id):  # noqa: F811
    google.standin.inject(403, times=1, match="responses.list", reason="rateLimitExceeded")
    read = read_sources([f"gform:{form_id}"], settings.mappings)
    assert sum(t.row_count for t in read.tables) == 7
    assert len(google.sleeps) == 1

    google.sleeps.clear()
    google.standin.inject(403, times=1, match="responses.list", reason="forbidden")
    with pytest.raises(DvkError):
        read_sources([f"gform:{form_id}"], settings.mappings)
    assert google.sleeps == []


def test_a_register_one_row_shorter_leaves_no_stale_row(google, settings, tmp_path):
    key = sheets_api.add_spreadsheet(google.state, "Sổ", {REGISTER_SHEET: []}, {google.email})
    push_register(collect_register(tmp_path, settings, "A một", "B hai", "C ba"), key)
    assert [row[0] for row in tab(google, key)[1:]] != []
    names_before = {str(v) for row in tab(google, key)[1:] for v in row}
    assert {"A một", "B hai", "C ba"} <= names_before

    (tmp_path / "in" / "dang_ky.csv").unlink()
    push_register(collect_register(tmp_path, settings, "A một", "B hai"), key)
    rows = tab(google, key)
    assert len(rows) == 3  # the header and two rows: the third is gone, not left over
    cells = {str(v) for row in rows for v in row}
    assert {"A một", "B hai"} <= cells and "C ba" not in cells
