"""End to end as staff use it: a real Prefect server, `dvk serve`, a run started through the API
the way the UI starts it, then the artifacts and files it produced."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import openpyxl
import pytest

pytestmark = [pytest.mark.prefect, pytest.mark.slow]
BIN = Path(sys.executable).parent
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path):
    """A Prefect server (SQLite in a temp folder) and `dvk serve` against it; stopped afterwards."""
    port = free_port()
    home = tmp_path / "prefect_home"
    home.mkdir()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": api,
        "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home / 'prefect.db'}",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("DVK_BASE_DIR", None)
    work = tmp_path / "van_phong"
    work.mkdir()
    logs = tmp_path / "logs"
    logs.mkdir()
    processes = []
    try:
        processes.append(
            subprocess.Popen(
                [BIN / "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env,
                stdout=(logs / "server.log").open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        client = httpx.Client(base_url=api, timeout=10)
        wait_for(lambda: client.get("/health").status_code == 200, 90, "the Prefect server")
        processes.append(
            subprocess.Popen(
                [BIN / "dvk", "serve"],
                cwd=work,
                env=env,
                stdout=(logs / "serve.log").open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        yield client, work
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def deployment(client: httpx.Client, flow: str, name: str) -> dict:
    def found():
        answer = client.get(f"/deployments/name/{flow}/{quote(name)}")
        return answer.json() if answer.status_code == 200 else None

    return wait_for(found, 60, f"deployment {flow}/{name}")


def post(client: httpx.Client, url: str, body: dict) -> httpx.Response:
    """POST, trying again while SQLite is busy (the server answers 503), as Prefect's own client does."""
    for _ in range(20):
        answer = client.post(url, json=body)
        if answer.status_code != 503:
            break
        time.sleep(0.5)
    answer.raise_for_status()
    return answer


def start_run(client: httpx.Client, deployment_id: str, params: dict) -> str:
    """What the UI's Run button does: the form's values as the run's parameters."""
    return post(
        client, f"/deployments/{deployment_id}/create_flow_run", {"parameters": {"params": params}}
    ).json()["id"]


def final_state(client: httpx.Client, run_id: str) -> dict:
    def done():
        state = client.get(f"/flow_runs/{run_id}").json()["state"]
        return state if state["type"] in FINAL else None

    return wait_for(done, 120, f"flow run {run_id}")


def test_staff_run_the_annual_cycle_from_the_ui(served, sample_dir):
    client, work = served
    cycle = deployment(client, "chu-trinh-nam", "Chu trình năm")
    check = deployment(client, "kiem-tra-han-dang-ky", "Kiểm tra hạn đăng ký")
    deployment(client, "so-ket-tong-ket", "Sơ kết, tổng kết nhiều năm")  # the last one served

    # what the UI shows: a Vietnamese form, a paused daily schedule
    form = cycle["parameter_openapi_schema"]
    assert form["properties"]["params"]["title"] == "Thông số"
    assert form["definitions"]["CycleParams"]["properties"]["year"]["title"] == "Năm"
    assert "thu thập đăng ký" in cycle["description"]
    assert sorted(s["schedule"]["cron"] for s in check["schedules"]) == ["0 8 1-15 4 *", "0 8 1-31 3 *"]
    assert all(
        not s["active"] and s["schedule"]["timezone"] == "Asia/Ho_Chi_Minh" for s in check["schedules"]
    )

    good = start_run(
        client, cycle["id"], {"year": 2026, "sources": [str(sample_dir)], "out_dir": "ket_qua/2026"}
    )
    bad = start_run(client, cycle["id"], {"year": 2026, "sources": ["khong_co"], "units": ["ZZZ"]})
    state = final_state(client, good)
    assert state["type"] == "COMPLETED", state["message"]
    failed = final_state(client, bad)
    assert failed["type"] == "FAILED"
    assert "Không tìm thấy nguồn đăng ký" in failed["message"] and "«ZZZ»" in failed["message"]

    out = work / "ket_qua" / "2026"
    assert len(openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")["Sổ theo dõi"]["A"]) == 89  # header + 88
    assert (out / "bao_cao_ket_qua_2026.docx").exists() and (out / "tong_hop_dang_ky_2026.xlsx").exists()

    found = post(client, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [good]}}}).json()
    artifacts = {a["key"]: a["data"] for a in found if a["key"]}
    assert "Số dòng đọc vào: **95**" in artifacts["dvk-tom-tat"]
    assert len(json.loads(artifacts["dvk-tinh-trang-don-vi"])) == 31
    assert len(json.loads(artifacts["dvk-ban-bi-loai"])) == 6
    assert str(out / "bao_cao_ket_qua_2026.docx") in artifacts["dvk-tep-da-ghi"]
    none_for_bad = client.post(
        "/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [bad]}}}
    ).json()
    assert not [a for a in none_for_bad if a["key"]]
