"""A national run as a national office runs it: a Prefect server on PostgreSQL, a process work pool
with two workers, six provinces whose registrations are Google Forms on the local Google stand-in,
one of them not shared with the service account."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from national_support import sheet_records
from pg_cluster import Cluster, free_port, postgres_bin
from prefect_stack import BIN, Stack, final_state, post, wait_for
from standin import forms_api
from standin.server import Standin

from dvk.national.merge import NATIONAL_SHEET, PROVINCES_SHEET
from dvk.national.sample import FORM_QUESTIONS, sample_provinces, write_national_config

pytestmark = [pytest.mark.slow, pytest.mark.prefect]
ACCOUNT = "dvk-bot@dvk-test.iam.gserviceaccount.com"
POOL = "dvk-toan-quoc-thu"
YEAR = 2026
UNSHARED = 3  # the fourth province forgot to share its form
WORKERS = ("may-tho-1", "may-tho-2")
# Google's quota shared by the workers: a Prefect rate limit (dvk google quota --setup).
RATE_PREFIX = "dvk-thu"
FORMS_READS_PER_MINUTE = 120  # two calls a second for every worker together
FORMS_PER_PROVINCE = 4  # each province reads four forms: 8 calls at once without a shared limit
WORKER_LIMIT = 2  # flow runs a worker runs at once; the national run itself takes one slot


def _skip_reason() -> str | None:
    if postgres_bin() is None:
        return "PostgreSQL is not installed (Debian package «postgresql»; .ci/run installs it)"
    if os.geteuid() == 0:
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a «postgres» user to run the throwaway cluster"
    return None


@pytest.fixture
def google(tmp_path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    path = tmp_path / "khoa_google.json"
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": "dvk-test",
                "private_key_id": "0123456789abcdef0123456789abcdef01234567",
                "private_key": pem,
                "client_email": ACCOUNT,
                "client_id": "100000000000000000001",
                "token_uri": "https://oauth2.googleapis.com/token",
            }
        ),
        encoding="utf-8",
    )
    with Standin() as standin:
        standin.register_account(ACCOUNT, key.public_key())
        yield standin, path


@pytest.fixture
def stack(tmp_path):
    """PostgreSQL, a Prefect server on it, the API client; everything stopped and deleted after."""
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    logs = tmp_path / "logs"
    logs.mkdir()
    home = tmp_path / "prefect_home"
    home.mkdir()
    cluster = Cluster(postgres_bin())
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "INFO",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PREFECT_WORKER_HEARTBEAT_SECONDS": "5",
    }
    processes = Stack(logs, env)
    try:
        cluster.start()
        url = cluster.create_database("prefect")
        processes.start(
            "server",
            BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
            env={"PREFECT_API_DATABASE_CONNECTION_URL": url},
        )  # fmt: skip
        client = httpx.Client(base_url=api, timeout=30)
        wait_for(lambda: client.get("/health").status_code == 200, 180, "the Prefect server on PostgreSQL")
        yield processes, client
    finally:
        processes.close()
        cluster.stop()


def _forms(standin: Standin, provinces) -> dict[str, list[str]]:
    sources = {}
    for index, province in enumerate(provinces):
        shared = [] if index == UNSHARED else [ACCOUNT]
        sources[province.code] = []
        for part in range(FORMS_PER_PROVINCE):
            title = f"Đăng ký {province.name} ({part + 1})"
            form_id = forms_api.add_form(standin.state, title, FORM_QUESTIONS, shared_with=shared)
            for answer in province.answers[part::FORMS_PER_PROVINCE]:
                forms_api.submit(
                    standin.state,
                    form_id,
                    answer.by_title(),
                    response_id=answer.response_id,
                    when=answer.rfc3339(),
                )
            sources[province.code].append(f"gform:{form_id}")
    return sources


def _register_rows(folder: Path) -> tuple[dict[str, set[str]], dict[str, dict]]:
    path = folder / f"so_theo_doi_toan_quoc_{YEAR}.xlsx"
    by_province: dict[str, set[str]] = {}
    for record in sheet_records(path, NATIONAL_SHEET):
        by_province.setdefault(record["Mã tỉnh"], set()).add(record["Mã bản đăng ký"])
    return by_province, {row["Mã tỉnh"]: row for row in sheet_records(path, PROVINCES_SHEET)}


def _assert_within_rate(standin: Standin) -> None:
    """The quota held at the stand-in, with no assumption about timing.

    Any W seconds hold at most a second's worth of calls plus W seconds' worth granted by the
    shared limit, plus the calls already granted and still on their way when the window began:
    one per province run at most (each reads its forms one after another), and at most
    WORKERS × WORKER_LIMIT − 1 province runs go at once.
    """
    per_second = FORMS_READS_PER_MINUTE / 60
    in_flight = len(WORKERS) * WORKER_LIMIT - 1
    assert len(standin.calls("forms.")) == 2 * FORMS_PER_PROVINCE * 5 + 1  # five provinces read, one refused
    for width in (0.25, 0.5, 1, 2, 5, 10, 60):
        allowed = per_second * (1 + width) + in_flight
        assert standin.most_calls_within(width, "forms.") <= allowed, (width, allowed)


def test_six_provinces_on_two_workers_with_one_form_not_shared(stack, google, tmp_path):
    processes, client = stack
    standin, key_path = google
    provinces = sample_provinces(6, YEAR)
    config = write_national_config(tmp_path / "toan_quoc", provinces, _forms(standin, provinces), YEAR)
    dvk_env = {"DVK_GOOGLE_API_BASE": standin.url, "DVK_GOOGLE_CREDENTIALS": str(key_path)}

    processes.run(BIN / "dvk", "national", "deploy", "--pool", POOL, "--config", config)
    processes.run(
        BIN / "dvk", "google", "quota", "--setup", "--prefix", RATE_PREFIX,
        "--per-minute", f"forms-read={FORMS_READS_PER_MINUTE}",
    )  # fmt: skip
    dvk_env["DVK_GOOGLE_RATE_LIMIT_PREFIX"] = RATE_PREFIX
    for name in WORKERS:
        processes.start(
            name,
            BIN / "prefect", "worker", "start", "--pool", POOL, "--name", name, "--limit", str(WORKER_LIMIT),
            env=dvk_env,
        )  # fmt: skip
    national = client.get(f"/deployments/name/tong-hop-toan-quoc/{quote('Tổng hợp toàn quốc')}").json()
    form = {**national["parameters"]["params"], "year": YEAR}  # the UI's form: the defaults, the year typed
    run = post(client, f"/deployments/{national['id']}/create_flow_run", {"parameters": {"params": form}})
    state = final_state(client, run["id"], 900)

    # the national run names the province that failed and why; the others are merged
    unshared = provinces[UNSHARED]
    assert state["type"] == "FAILED", state["message"]
    assert unshared.name in state["message"] and "chưa được chia sẻ" in state["message"]

    # each province ran as its own flow run on the pool's workers, both workers took some
    children = post(client, "/flow_runs/filter", {"flow_runs": {"parent_flow_run_id": {"any_": [run["id"]]}}})
    by_name = {child["name"]: child for child in children}
    assert sorted(by_name) == sorted(f"tong-hop-{p.code}-{YEAR}" for p in provinces)
    assert {child["labels"]["prefect.worker.name"] for child in children} == set(WORKERS)
    assert {child["work_pool_name"] for child in children} == {POOL}
    failed = by_name[f"tong-hop-{unshared.code}-{YEAR}"]["state"]
    assert failed["type"] == "FAILED"
    assert "chưa được chia sẻ" in failed["message"] and ACCOUNT in failed["message"]
    for province in provinces:
        if province is not unshared:
            child = by_name[f"tong-hop-{province.code}-{YEAR}"]["state"]
            assert child["type"] == "COMPLETED", child["message"]
            # every answer is a row or a reject: nothing lost
            assert (
                f"Số dòng đọc vào {len(province.answers)} = hợp lệ {len(province.valid_answers)}"
                in child["message"]
            )

    # every completed province's registrations are in the national register, under its code
    register, summary = _register_rows(tmp_path / "toan_quoc" / "ket_qua" / "toan_quoc" / str(YEAR))
    for province in provinces:
        expected = set() if province is unshared else {a.response_id for a in province.valid_answers}
        assert register.get(province.code, set()) == expected, province.code
    assert summary[unshared.code]["Tình hình"] == "Lỗi"
    assert "chưa được chia sẻ" in summary[unshared.code]["Lý do, ghi chú"]
    assert all(summary[p.code]["Tình hình"] == "Hoàn thành" for p in provinces if p is not unshared)

    # the unshared form was refused once and not retried; the others were read
    refused = standin.calls("forms.forms.get", status=403)
    assert len(refused) == 1
    # Google's quota held across both workers and all their processes
    _assert_within_rate(standin)
