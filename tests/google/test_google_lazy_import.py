"""The Google client is imported only when a Google source or output is used (checked in a fresh
interpreter, after the command's own code ran)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_google_outputs import forms_rows

from dvk.demo.files import write_forms_csv

GOOGLE_MODULES = ("googleapiclient", "gspread", "google.auth", "httplib2")
PROBE = """
import json, sys
from dvk.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(json.dumps({"code": code, "loaded": [m for m in %r if m in sys.modules]}), file=sys.stderr)
"""


def run_dvk(*args: str, cwd: Path) -> tuple[int, list[str], str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (GOOGLE_MODULES,), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        timeout=300,
        env={**os.environ, "DVK_GOOGLE_CREDENTIALS": ""},
    )
    last = json.loads(done.stderr.strip().splitlines()[-1])
    return last["code"], last["loaded"], done.stdout + done.stderr


def test_help_lists_every_command_without_importing_google(tmp_path):
    code, loaded, output = run_dvk("--help", cwd=tmp_path)
    assert code == 0 and loaded == []
    for name in ("check", "collect", "decide", "demo", "form", "google", "report", "serve"):
        assert f"    {name}" in output
    assert "Thu thập đăng ký từ tệp Google Forms" in output  # the collect command's help line


def test_collect_on_a_local_csv_does_not_import_google(tmp_path):
    source = write_forms_csv(tmp_path / "dang_ky.csv", forms_rows("Tủ thuốc", "Vườn rau"))
    code, loaded, output = run_dvk(
        "collect", "--year", "2026", "--source", str(source), "--out", str(tmp_path / "out"), cwd=tmp_path
    )
    assert code == 0 and "2 dòng" in output
    assert (tmp_path / "out" / "so_theo_doi_2026.xlsx").is_file()
    assert loaded == []


def test_google_help_does_not_import_google_but_a_google_source_does(tmp_path):
    code, loaded, output = run_dvk("google", "push-register", "--help", cwd=tmp_path)
    assert code == 0 and "--register" in output and loaded == []
    # A Google source loads the client (and, with no key configured, says so in Vietnamese).
    code, loaded, output = run_dvk(
        "collect",
        "--year",
        "2026",
        "--source",
        "gform:1FAIpQLSsomething00",
        "--out",
        str(tmp_path),
        cwd=tmp_path,
    )
    assert code == 2 and "Chưa chỉ ra tệp khóa Google" in output
    assert "googleapiclient" in loaded and "gspread" in loaded
