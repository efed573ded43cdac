"""Processes for a distributed test: a Prefect server, process workers, each in its own session.

Every process is started with its own process group, so stopping one also stops the flow-run
processes it started; `Stack.close()` stops them all, newest first, and never raises.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def wait_for(check, seconds: float, what: str, every: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
        except httpx.HTTPError:
            value = None
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class Stack:
    def __init__(self, logs: Path, env: dict[str, str]) -> None:
        self.logs = logs
        self.env = env
        self.processes: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, *command: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen(
            [str(part) for part in command],
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: the flow runs it starts stop with it
        )
        self.processes.append((name, process))
        return process

    def run(self, *command: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(
            [str(part) for part in command],
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        for _, process in reversed(self.processes):
            _stop_group(process)


def _stop_group(process: subprocess.Popen) -> None:
    try:
        group = os.getpgid(process.pid)
    except ProcessLookupError:
        group = None
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        if group is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, sig)
        try:
            process.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue
    if group is not None:  # children that outlived their parent
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


def post(client: httpx.Client, url: str, body: dict) -> dict:
    answer = client.post(url, json=body)
    answer.raise_for_status()
    return answer.json()


def final_state(client: httpx.Client, run_id: str, seconds: float) -> dict:
    def done():
        state = client.get(f"/flow_runs/{run_id}").json()["state"]
        return state if state and state["type"] in FINAL else None

    return wait_for(done, seconds, f"flow run {run_id}", every=2)
