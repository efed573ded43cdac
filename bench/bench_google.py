"""API calls and time for Google sources, against the local stand-in (real HTTP, no internet).

    uv run python bench/bench_google.py [responses] [spreadsheets]

Measures 1 form × 12,000 responses and 200 spreadsheets × 10 rows (defaults), counting the
requests the stand-in received (the token request is listed apart). Numbers go in the
closing notes, not in tests.
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

from standin import forms_api, sheets_api  # noqa: E402
from standin.server import Standin  # noqa: E402

from dvk.cycle.steps import read_sources  # noqa: E402
from dvk.demo.files import FORMS_HEADERS  # noqa: E402
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


def main() -> None:
    responses = int(sys.argv[1]) if len(sys.argv) > 1 else 12_000
    spreadsheets = int(sys.argv[2]) if len(sys.argv) > 2 else 200
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


if __name__ == "__main__":
    main()
