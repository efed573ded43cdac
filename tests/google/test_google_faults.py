"""Quotas and faults: bounded retries with backoff for 429/5xx and slow answers, one layer only."""

from __future__ import annotations

import pytest
from standin import forms_api, sheets_api
from test_google_sources import QUESTIONS, answers

from dvk.cycle.steps import read_sources
from dvk.errors import DvkError
from dvk.google.retry import RetryPolicy


@pytest.fixture
def form_id(google, settings):
    form_id = forms_api.add_form(google.state, "Đăng ký", QUESTIONS, shared_with=[google.email])
    for number in range(7):
        forms_api.submit(google.state, form_id, answers("Sở Y tế", f"Mô hình {number}"), f"r{number}")
    return form_id


def test_bursts_of_429_and_503_recover(google, settings, form_id):
    key = sheets_api.add_spreadsheet(
        google.state, "Bảng", {"A": [["Tên mô hình", "Đơn vị", "Lĩnh vực"]]}, {google.email}
    )
    google.standin.inject(429, times=3, match="responses.list")
    google.standin.inject(503, times=2, match="values.batchGet")
    google.standin.inject(500, times=1, match="sheets.spreadsheets.get")

    read = read_sources([f"gform:{form_id}", f"gsheet:{key}"], settings.mappings)

    assert sum(t.row_count for t in read.tables) == 7
    lists = google.standin.calls("forms.forms.responses.list")
    assert [c.status for c in lists] == [429, 429, 429, 200]
    assert [c.status for c in google.standin.calls("sheets.spreadsheets.values.batchGet")] == [503, 503, 200]
    assert [c.status for c in google.standin.calls("sheets.spreadsheets.get")] == [500, 200]
    # Exponential backoff with jitter: each wait within [ceiling/2, ceiling], ceilings 1, 2, 4 s.
    policy = RetryPolicy()
    assert len(google.sleeps) == 6
    for wait, retry in zip(google.sleeps[:3], range(3), strict=True):
        ceiling = min(policy.max_delay, policy.base_delay * 2**retry)
        assert ceiling / 2 <= wait <= ceiling


def test_permanent_429_fails_within_bounded_time_with_a_clear_message(google, settings, form_id):
    google.standin.inject(429, times=-1, match="responses.list")

    with pytest.raises(DvkError) as failure:
        read_sources([f"gform:{form_id}"], settings.mappings)

    message = str(failure.value)
    assert "vượt hạn mức" in message and "429" in message and "sau 6 lần thử" in message
    assert "chờ vài phút" in message
    assert len(google.standin.calls("forms.forms.responses.list")) == 6  # then it stops
    # bounded: 6 tries and the waits between them (recorded, not slept) add up to at most 31 s
    assert sum(google.sleeps) <= RetryPolicy().longest_wait <= 31


def test_permanent_429_on_sheets_also_stops(google, settings, monkeypatch):
    """gspread's BackOffHTTPClient would retry this forever; dvk's client gives up."""
    monkeypatch.setenv("DVK_GOOGLE_ATTEMPTS", "3")
    key = sheets_api.add_spreadsheet(google.state, "Bảng", {"A": [["x"]]}, {google.email})
    google.standin.inject(429, times=-1, match="sheets.spreadsheets.get")

    with pytest.raises(DvkError, match="sau 3 lần thử"):
        read_sources([f"gsheet:{key}"], settings.mappings)
    assert len(google.standin.calls("sheets.spreadsheets.get")) == 3
    assert len(google.sleeps) == 2


def test_retry_after_header_is_honoured(google, settings, form_id):
    google.standin.inject(429, times=1, match="forms.forms.get", retry_after=7)
    read_sources([f"gform:{form_id}"], settings.mappings)
    assert google.sleeps == [7.0]


def test_slow_answer_times_out_and_is_retried(google, settings, form_id, monkeypatch):
    # The slow answers are held until the stand-in stops (far beyond the timeout, whatever the
    # machine's load); the retried calls are answered at once.
    monkeypatch.setenv("DVK_GOOGLE_TIMEOUT", "5")
    key = sheets_api.add_spreadsheet(google.state, "Bảng", {"A": [["x"]]}, {google.email})
    google.standin.inject(None, times=1, match="forms.forms.get", delay=600)
    google.standin.inject(None, times=1, match="values.batchGet", delay=600)

    read = read_sources([f"gform:{form_id}", f"gsheet:{key}"], settings.mappings)

    assert sum(t.row_count for t in read.tables) == 7
    assert len(google.sleeps) == 2  # one retry for each slow answer (httplib2 and requests)


def test_a_server_that_never_answers_in_time_fails_clearly(google, settings, form_id, monkeypatch):
    monkeypatch.setenv("DVK_GOOGLE_TIMEOUT", "1")
    monkeypatch.setenv("DVK_GOOGLE_ATTEMPTS", "2")
    google.standin.inject(None, times=-1, match="forms.forms.get", delay=600)  # held until the end

    with pytest.raises(DvkError, match="không trả lời trong"):
        read_sources([f"gform:{form_id}"], settings.mappings)


def test_client_errors_are_not_retried(google, settings):
    with pytest.raises(DvkError, match="404"):
        read_sources(["gsheet:1NoSuchSheetAnywhere00"], settings.mappings)
    assert len(google.standin.calls("sheets.spreadsheets.get")) == 1
    assert google.sleeps == []


def test_unreachable_google_fails_clearly(google, settings, monkeypatch):
    monkeypatch.setenv("DVK_GOOGLE_API_BASE", "http://127.0.0.1:9")  # nothing listens on the discard port
    with pytest.raises(DvkError, match="không kết nối được tới Google .* sau 6 lần thử"):
        read_sources(["gform:1FAIpQLSsomething00"], settings.mappings)
