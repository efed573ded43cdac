"""Google's quota shared by every worker through a Prefect global concurrency limit used as a rate limit.

The workers are separate processes (two threads each) reading spreadsheets from the stand-in;
the limit lives on the session's Prefect server. The stand-in's request log is the witness.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from standin import sheets_api

from dvk.cycle.steps import read_sources
from dvk.errors import DvkError
from dvk.google.quota import QUOTAS, limit_setting, setup_rate_limits

PER_MINUTE = 240  # a few calls a second: 4 at once, then 3.93 a second
PROCESSES = 2
THREADS = 2  # per process
SHEETS_PER_PROCESS = 10  # 2 calls each (metadata + one batch read)
WORKER = """
import json, sys
from concurrent.futures import ThreadPoolExecutor
from dvk.settings import load_settings
from dvk.cycle.steps import read_sources

mappings = load_settings().mappings
keys = sys.argv[1:]
with ThreadPoolExecutor(%d) as pool:
    reads = list(pool.map(lambda key: read_sources([f"gsheet:{key}"], mappings), keys))
print(json.dumps(sum(t.row_count for read in reads for t in read.tables)))
"""


def spreadsheet(google, number: int) -> str:
    rows = [
        ["Tên cơ quan, đơn vị", "Lĩnh vực", "Tên mô hình, điển hình"],
        ["Sở Y tế", "Kinh tế", f"Mô hình {number}"],
    ]
    return sheets_api.add_spreadsheet(google.state, f"Bảng {number}", {"Đăng ký": rows}, {google.email})


@pytest.fixture
def prefix(prefect_harness) -> str:
    return f"dvk-test-{uuid.uuid4().hex[:8]}"


def test_workers_in_several_processes_never_exceed_the_shared_limit(google, prefix, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    setup_rate_limits(prefix, {"sheets-read": PER_MINUTE})
    with get_client(sync_client=True) as client:
        limit = client.read_global_concurrency_limit_by_name(f"{prefix}-sheets-read")
    keys = [spreadsheet(google, n) for n in range(PROCESSES * SHEETS_PER_PROCESS)]
    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "DVK_GOOGLE_RATE_LIMIT_PREFIX": prefix,
    }
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER % THREADS, *keys[n::PROCESSES]],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    outputs = [worker.communicate(timeout=600) for worker in workers]

    assert [w.returncode for w in workers] == [0] * PROCESSES, [err[-2000:] for _, err in outputs]
    assert sum(json.loads(out.strip().splitlines()[-1]) for out, _ in outputs) == len(keys)
    reads = google.standin.calls("sheets.spreadsheets")
    assert len(reads) == 2 * len(keys) and all(c.status == 200 for c in reads)
    # A bucket of `limit` slots emptying at `slot_decay_per_second` grants at most limit + decay × W
    # slots in any W seconds. A call reaches the stand-in after its slot was granted, so the calls
    # arriving in a window were granted in it, or before it and still on their way: at most one per
    # thread, as a thread waits for its answer before it asks for the next slot. No timing assumed.
    in_flight = PROCESSES * THREADS
    for width in (1.0, 2.0, 5.0):
        allowed = limit.limit + limit.slot_decay_per_second * width + in_flight
        assert google.standin.most_calls_within(width, "sheets.spreadsheets") <= allowed, (width, allowed)


def test_a_429_still_backs_off_under_the_shared_limit(google, prefix, settings, monkeypatch):
    setup_rate_limits(prefix)
    monkeypatch.setenv("DVK_GOOGLE_RATE_LIMIT_PREFIX", prefix)
    key = spreadsheet(google, 1)
    google.standin.inject(429, times=2, match="sheets.spreadsheets.get")

    read = read_sources([f"gsheet:{key}"], settings.mappings)

    assert sum(t.row_count for t in read.tables) == 1
    assert [c.status for c in google.standin.calls("sheets.spreadsheets.get")] == [429, 429, 200]
    assert len(google.sleeps) == 2


def test_a_limit_not_set_up_on_the_server_stops_with_the_command_to_run(
    google, prefix, settings, monkeypatch
):
    monkeypatch.setenv("DVK_GOOGLE_RATE_LIMIT_PREFIX", prefix)
    key = spreadsheet(google, 1)

    with pytest.raises(DvkError) as failure:
        read_sources([f"gsheet:{key}"], settings.mappings)

    assert f"dvk google quota --setup --prefix {prefix}" in str(failure.value)
    assert google.standin.calls() == []  # nothing went to Google without a slot


def test_setup_makes_every_window_of_a_minute_fit_googles_quota(prefect_harness, prefix):
    from prefect.client.orchestration import get_client

    setup_rate_limits(prefix)
    setup_rate_limits(prefix, {"forms-read": 120})  # running it again updates, never duplicates
    with get_client(sync_client=True) as client:
        made = {q: client.read_global_concurrency_limit_by_name(f"{prefix}-{q}") for q in QUOTAS}
    documented = {
        "sheets-read": 60,
        "sheets-write": 60,
        "forms-read": 120,
        "forms-write": 150,
        "drive": 12_000,
    }
    for key, limit in made.items():
        assert limit.active and limit.slot_decay_per_second > 0
        # A bucket of `limit` slots emptying at the decay rate grants at most limit + 60 × decay a minute.
        assert limit.limit + 60 * limit.slot_decay_per_second <= documented[key] + 1e-9
        assert limit.limit + 60 * limit.slot_decay_per_second >= documented[key] - 1
    assert limit_setting(prefix, QUOTAS["sheets-read"]).burst == made["sheets-read"].limit


def test_quota_command_prints_the_limits_and_the_variable(capsys):
    from dvk.cli import main

    assert main(["google", "quota", "--prefix", "toan-quoc", "--per-minute", "sheets-read=300"]) == 0
    out = capsys.readouterr().out
    assert "toan-quoc-sheets-read: Google Sheets, đọc, 300 lượt/phút" in out
    assert "(tối đa 5 lượt cùng lúc, rồi 4,92 lượt/giây)" in out
    assert "DVK_GOOGLE_RATE_LIMIT_PREFIX=toan-quoc" in out
    assert main(["google", "quota", "--per-minute", "sheets-read"]) == 2
    assert "HẠN_MỨC=SỐ" in capsys.readouterr().err


def test_quota_preview_refuses_what_setup_would_refuse(capsys):
    from dvk.cli import main

    assert main(["google", "quota", "--prefix", "toàn quốc"]) == 2
    assert "Tên giới hạn gọi Google «toàn quốc» không hợp lệ" in capsys.readouterr().err
    assert main(["google", "quota", "--per-minute", "sheet-read=300"]) == 2
    assert "Không có hạn mức Google «sheet-read»" in capsys.readouterr().err


def test_quota_setup_command_creates_the_limits_on_the_server(prefix, capsys):
    from prefect.client.orchestration import get_client

    from dvk.cli import main

    assert main(["google", "quota", "--setup", "--prefix", prefix]) == 0
    assert "Đã đặt giới hạn gọi Google trên máy chủ Prefect" in capsys.readouterr().out
    with get_client(sync_client=True) as client:
        forms = client.read_global_concurrency_limit_by_name(f"{prefix}-forms-read")
    assert (forms.limit, round(forms.slot_decay_per_second * 60)) == (3, 177)  # 3 + 177 = 180 a minute


def test_each_api_draws_on_its_own_limit(google, prefix, settings, monkeypatch):
    from prefect.client.orchestration import get_client
    from standin import forms_api
    from test_google_sources import QUESTIONS, answers

    setup_rate_limits(prefix)
    with get_client(sync_client=True) as client:
        client.delete_global_concurrency_limit_by_name(f"{prefix}-forms-read")
    monkeypatch.setenv("DVK_GOOGLE_RATE_LIMIT_PREFIX", prefix)
    form_id = forms_api.add_form(google.state, "Đăng ký", QUESTIONS, shared_with=[google.email])
    forms_api.submit(google.state, form_id, answers("Sở Y tế", "Tủ thuốc"), "r1")
    key = spreadsheet(google, 1)

    assert sum(t.row_count for t in read_sources([f"gsheet:{key}"], settings.mappings).tables) == 1
    with pytest.raises(DvkError, match=f"«{prefix}-forms-read»"):
        read_sources([f"gform:{form_id}"], settings.mappings)
    assert google.standin.calls("forms") == []
