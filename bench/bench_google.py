"""API calls and time for Google sources, against the local stand-in (real HTTP, no internet).

    uv run python bench/bench_google.py [responses] [spreadsheets] [register rows]

Measures 1 form × 12,000 responses and 200 spreadsheets × 10 rows (defaults), counting the
requests the stand-in received (the token request is listed apart), and `dvk google
push-register` of a 14,000-row register (calls, bytes per call, beside the single call the
push used to make). Numbers go in the closing notes, not in tests.
"""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "google"))

from big_register import CONTENT, SENTENCE, big_register  # noqa: E402
from standin import forms_api, sheets_api  # noqa: E402
from standin.server import REQUEST_LIMIT, Standin  # noqa: E402

from dvk.cycle.steps import read_sources  # noqa: E402
from dvk.demo.files import FORMS_HEADERS  # noqa: E402
from dvk.google.chunks import REQUEST_BUDGET, Block  # noqa: E402
from dvk.google.outputs import _workbook_grids, push_register  # noqa: E402
from dvk.google.register_sync import rectangular  # noqa: E402
from dvk.settings import load_settings  # noqa: E402

ACCOUNT = "dvk-bench@dvk-bench.iam.gserviceaccount.com"
QUESTIONS = [
    ("Tên cơ quan, đơn vị", None),
    ("Lĩnh vực", ["Kinh tế", "Văn hóa - Xã hội"]),
    ("Tên mô hình, điển hình", None),
    ("Hình thức", ["Tập thể", "Cá nhân"]),
    ("Địa chỉ thực hiện", None),
    ("Nội dung cụ thể mô hình, điển hình", None),
    ("Xây dựng mới hay nhân rộng", ["Xây dựng mới", "Nhân rộng"]),
]


def key_file(folder: Path, standin: Standin) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    standin.register_account(ACCOUNT, key.public_key())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    path = folder / "bench_key.json"
    info = {"type": "service_account", "client_email": ACCOUNT, "private_key": pem, "private_key_id": "b"}
    path.write_text(json.dumps({**info, "token_uri": "https://oauth2.googleapis.com/token"}))
    return path


def measure(label: str, standin: Standin, specs: list[str], settings, rows: int, expected: int) -> None:
    before = len(standin.calls())
    tokens = len(standin.token_requests())
    started = time.perf_counter()
    read = read_sources(specs, settings.mappings)
    elapsed = time.perf_counter() - started
    calls = standin.calls()[before:]
    by_method: dict[str, int] = {}
    for call in calls:
        by_method[call.method_id] = by_method.get(call.method_id, 0) + 1
    read_rows = sum(len(t.rows) for t in read.tables)
    print(f"{label}: {read_rows} rows read in {elapsed:.2f} s")
    tokens = len(standin.token_requests()) - tokens
    print(f"  API calls: {len(calls)} (expected {expected}); token requests: {tokens}")
    for method_id, count in sorted(by_method.items()):
        print(f"    {method_id}: {count}")
    if read_rows != rows:
        print(f"  !! expected {rows} rows")


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.2f} MB"


def measure_push(standin: Standin, rows: int, folder: Path, content: str, label: str) -> None:
    """Push a register of `rows` rows into a new sheet, then again (the sheet now has dvk's tabs)."""
    register = big_register(folder / "so_theo_doi_bench.xlsx", rows, content)
    key = sheets_api.add_spreadsheet(standin.state, "Sổ bench", {"Trang tính1": []}, {ACCOUNT})
    # What the push used to send: every tab in one body, as requests serializes json= (ASCII escapes).
    started = time.perf_counter()
    grids = _workbook_grids(register)
    reading = time.perf_counter() - started
    single = {
        "valueInputOption": "RAW",
        "data": [{"range": f"'{t}'!A1", "values": Block(t, rectangular(g)).rows} for t, g in grids.items()],
    }
    single_size = len(json.dumps(single).encode())
    verdict = "refused" if single_size > REQUEST_LIMIT else "accepted"
    print(
        f"push-register, {rows} rows, {label}: one call would be {_megabytes(single_size)} "
        f"({verdict} by Google); reading the workbook (openpyxl read-only) takes {reading:.2f} s"
    )
    for push in ("new sheet", "sheet with dvk's tabs"):
        before = len(standin.calls())
        started = time.perf_counter()
        result = push_register(register, key)
        elapsed = time.perf_counter() - started
        calls = standin.calls()[before:]
        writes = [c.size for c in calls if c.method_id == "sheets.spreadsheets.values.batchUpdate"]
        expected = math.ceil(sum(writes) / REQUEST_BUDGET) + 2
        print(f"  {push}: {len(calls)} calls (⌈bytes / 8 MB⌉ + 2 = {expected}) in {elapsed:.2f} s")
        for call in calls:
            print(f"    {call.method_id} {call.status}: request {_megabytes(call.size)}")
        print(f"    written {_megabytes(sum(writes))} in {len(writes)} writes; {result.rows} rows")


def main() -> None:
    responses = int(sys.argv[1]) if len(sys.argv) > 1 else 12_000
    spreadsheets = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    register_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 14_000
    settings = load_settings()
    units = [unit.name for unit in settings.roster.units]
    with tempfile.TemporaryDirectory() as temp, Standin() as standin:
        os.environ["DVK_GOOGLE_API_BASE"] = standin.url
        os.environ["DVK_GOOGLE_CREDENTIALS"] = str(key_file(Path(temp), standin))
        state = standin.state
        form_id = forms_api.add_form(state, "Bench", QUESTIONS, shared_with=[ACCOUNT])
        for number in range(responses):
            answers = dict(
                zip(
                    [q for q, _ in QUESTIONS],
                    [
                        units[number % len(units)],
                        "Kinh tế",
                        f"Mô hình {number}",
                        "Tập thể",
                        "",
                        "",
                        "Nhân rộng",
                    ],
                    strict=True,
                )
            )
            forms_api.submit(state, form_id, answers, f"r{number}", "2026-03-02T01:00:00Z")
        keys = []
        for sheet in range(spreadsheets):
            rows = [
                [
                    datetime(2026, 3, 3, 8),
                    "",
                    units[(sheet + r) % len(units)],
                    "Kinh tế",
                    f"Mô hình {sheet}-{r}",
                    "Tập thể",
                    "",
                    "",
                    "Mới",
                ]
                for r in range(10)
            ]
            keys.append(
                sheets_api.add_spreadsheet(
                    state, f"Bảng {sheet}", {"Câu trả lời": [FORMS_HEADERS, *rows]}, {ACCOUNT}
                )
            )
        pages = math.ceil(responses / 5000) if responses else 1
        measure(
            f"1 form × {responses} responses", standin, [f"gform:{form_id}"], settings, responses, 1 + pages
        )
        measure(
            f"{spreadsheets} spreadsheets × 10 rows",
            standin,
            [f"gsheet:{key}" for key in keys],
            settings,
            10 * spreadsheets,
            2 * spreadsheets,
        )
        # ~300 characters of content a row: the one-call body is ~11.5 MB, as measured on real data.
        usual = SENTENCE * 2 + "Mỗi tháng tổng vệ sinh đường làng hai lần, có sổ theo dõi."
        measure_push(standin, register_rows, Path(temp), usual, "usual texts")
        measure_push(standin, register_rows, Path(temp), CONTENT, "long texts (~950 characters)")


if __name__ == "__main__":
    main()
