"""End to end as staff use it: a real Prefect server, `dvk serve`, a run started through the API
the way the UI starts it, then the artifacts and files it produced."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import uuid
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


USER, PASSWORD = "vanphong", "Mat-khau thu#2026"


@pytest.fixture
def served(tmp_path):
    """An office set up by `dvk office init` (password, CSRF), then from its folder a Prefect
    server (SQLite in the folder) and `dvk serve` with its file server; stopped afterwards."""
    prefect_port, files_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "DVK_"))}
    env |= {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    work = tmp_path / "van_phong"
    logs = tmp_path / "logs"
    logs.mkdir()
    init = subprocess.run(
        [BIN / "dvk", "office", "init", "--folder", str(work), "--user", USER]
        + ["--prefect-port", str(prefect_port), "--files-port", str(files_port)],
        env={**env, "DVK_OFFICE_PASSWORD": PASSWORD},
        capture_output=True,
        text=True,
        check=True,
    )
    assert PASSWORD not in init.stdout + init.stderr
    api = f"http://127.0.0.1:{prefect_port}/api"
    processes = []
    try:
        for name, command in [
            ("server", [BIN / "prefect", "server", "start"]),
            ("serve", [BIN / "dvk", "serve"]),
        ]:
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=work,
                    env=env,
                    stdout=(logs / f"{name}.log").open("w"),
                    stderr=subprocess.STDOUT,
                )
            )
            if name == "server":  # everything from the folder's .env: port, password, CSRF, database
                wait_for(lambda: httpx.get(f"{api}/health").status_code == 200, 600, "the Prefect server")
        client = httpx.Client(base_url=api, timeout=10, auth=(USER, PASSWORD))
        files = httpx.Client(base_url=f"http://127.0.0.1:{files_port}", timeout=30)
        wait_for(lambda: files.get("/health").status_code == 200, 600, "the file server")
        yield client, files, work
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        logged = "".join(path.read_text("utf-8", "replace") for path in logs.glob("*.log"))
        assert PASSWORD not in logged


def deployment(client: httpx.Client, flow: str, name: str) -> dict:
    def found():
        answer = client.get(f"/deployments/name/{flow}/{quote(name)}")
        return answer.json() if answer.status_code == 200 else None

    return wait_for(found, 600, f"deployment {flow}/{name}")


def csrf_headers(client: httpx.Client) -> dict[str, str]:
    """What the UI sends with every change: a CSRF token fetched for its client id."""
    client_id = str(uuid.uuid4())
    token = client.get("/csrf-token", params={"client": client_id})
    token.raise_for_status()
    return {"Prefect-Csrf-Token": token.json()["token"], "Prefect-Csrf-Client": client_id}


def post(client: httpx.Client, url: str, body: dict) -> httpx.Response:
    """POST as the UI does, trying again while SQLite is busy (503), as Prefect's own client does."""
    headers = csrf_headers(client)
    for _ in range(20):
        answer = client.post(url, json=body, headers=headers)
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

    return wait_for(done, 1200, f"flow run {run_id}")


def run_artifacts(client: httpx.Client, run_id: str) -> dict[str, str]:
    found = post(client, "/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run_id]}}}).json()
    return {a["key"]: a["data"] for a in found if a["key"]}


FILE_ROW = re.compile(r"\]\((http://[^)]+)\)[^|]*\|.*`([^`]+)` \|$")


def test_staff_run_the_annual_cycle_from_the_ui(served, sample_dir):
    client, files, work = served
    cycle = deployment(client, "chu-trinh-nam", "Chu trình năm")
    check = deployment(client, "kiem-tra-han-dang-ky", "Kiểm tra hạn đăng ký")
    deployment(client, "so-ket-tong-ket", "Sơ kết, tổng kết nhiều năm")  # the last one served

    # the office password and CSRF protection are on
    anonymous = httpx.Client(base_url=str(client.base_url), timeout=10)
    assert anonymous.get(f"/deployments/{cycle['id']}").status_code == 401
    assert anonymous.get("/csrf-token", params={"client": str(uuid.uuid4())}).status_code == 401
    assert (
        anonymous.post("/flow_runs/filter", json={}).status_code == 403
    )  # no CSRF token without the password
    no_token = client.post(f"/deployments/{cycle['id']}/create_flow_run", json={"parameters": {}})
    assert no_token.status_code == 403

    # what the UI shows: a Vietnamese form, a paused daily schedule
    form = cycle["parameter_openapi_schema"]
    assert form["properties"]["params"]["title"] == "Thông số"
    assert form["definitions"]["CycleParams"]["properties"]["year"]["title"] == "Năm"
    assert "thu thập đăng ký" in cycle["description"]
    [schedule] = check["schedules"]
    assert not schedule["active"] and schedule["schedule"]["timezone"] == "Asia/Ho_Chi_Minh"
    assert "RRULE:FREQ=DAILY;BYMONTH=3,4;BYHOUR=8" in schedule["schedule"]["rrule"]
    assert (
        schedule["slug"] == "Hằng ngày 08:00 (giờ Asia/Ho_Chi_Minh), từ 01/03 đến 15/04"
    )  # its name in the UI

    good = start_run(
        client, cycle["id"], {"year": 2026, "sources": [str(sample_dir)], "out_dir": "ket_qua/2026"}
    )
    bad = start_run(client, cycle["id"], {"year": 2026, "sources": ["khong_co"], "units": ["ZZZ"]})
    state = final_state(client, good)
    assert state["type"] == "COMPLETED", state["message"]
    failed = final_state(client, bad)
    assert failed["type"] == "FAILED"
    assert (
        failed["message"].startswith("Thông số không hợp lệ, chưa làm gì: ") and "\n" not in failed["message"]
    )
    assert "Không tìm thấy nguồn đăng ký" in failed["message"] and "«ZZZ»" in failed["message"]
    names = {client.get(f"/flow_runs/{run}").json()["name"] for run in (good, bad)}
    assert len(names) == 2 and all(
        re.fullmatch(r"chu-trinh-nam-2026 \(\d\d/\d\d/20\d\d \d\d:\d\d, mã \w{6}\)", name) for name in names
    )

    out = work / "ket_qua" / "2026"
    assert len(openpyxl.load_workbook(out / "so_theo_doi_2026.xlsx")["Sổ theo dõi"]["A"]) == 89  # header + 88
    assert (out / "bao_cao_ket_qua_2026.docx").exists() and (out / "tong_hop_dang_ky_2026.xlsx").exists()

    artifacts = run_artifacts(client, good)
    assert "Số dòng đọc vào: **95**" in artifacts["dvk-tom-tat"]
    assert len(json.loads(artifacts["dvk-tinh-trang-don-vi"])) == 31
    assert len(json.loads(artifacts["dvk-ban-bi-loai"])) == 6

    # every file link downloads that very file, with the password only
    rows = [FILE_ROW.search(line) for line in artifacts["dvk-tep-da-ghi"].splitlines()]
    linked = {Path(row[2]): row[1] for row in rows if row}
    written = {path for path in out.rglob("*") if path.is_file() and "truoc_lan_chay" not in path.name}
    assert set(linked) == written and len(linked) > 30  # with the 27 unit forms
    for path, url in linked.items():
        assert url.startswith(str(files.base_url) + "/tep/ket-qua/2026/"), url
        assert files.get(url).status_code == 401
        answer = files.get(url, auth=(USER, PASSWORD))
        assert answer.status_code == 200 and answer.content == path.read_bytes(), path
    year_page = f"{files.base_url}/nam/2026"
    assert year_page in artifacts["dvk-tom-tat"]
    page = files.get(year_page, auth=(USER, PASSWORD)).text
    assert "Tệp kết quả năm 2026" in page and "quyet_dinh" not in page and "bao_cao_ket_qua_2026.docx" in page
    for outside in [
        "/tep/ket-qua/2026/..%2F..%2F.env",
        "/tep/ket-qua/2026/%2e%2e/%2e%2e/dvk.toml",
        "/du_lieu/",
    ]:
        assert files.get(outside, auth=(USER, PASSWORD)).status_code == 404, outside

    # the failed run says why, in Vietnamese, and wrote nothing else
    reasons = run_artifacts(client, bad)
    assert set(reasons) == {"dvk-loi"}
    assert "Không có đơn vị mã «ZZZ»" in reasons["dvk-loi"] and "biểu mẫu «Thông số»" in reasons["dvk-loi"]
