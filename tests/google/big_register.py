"""A large register workbook for the push tests and bench/bench_google.py (one generator for both)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dvk.register.workbook import DVK_NOTE, REGISTER_SHEET, STATUS_SHEET
from dvk.schema import EVALUATION_HEADERS_VI, REGISTRATION_COLUMNS, REGISTRATION_HEADERS_VI

SENTENCE = "Vận động nhân dân hiến đất mở rộng đường giao thông nông thôn, làm sạch kênh mương. "
CONTENT = SENTENCE * 11  # ~950 characters: 14,000 rows make 20 MB of UTF-8 JSON


def big_register(path: Path, rows: int, content: str = CONTENT) -> Path:
    """A register workbook shaped like dvk's, `rows` registrations with `content` in each
    (written in write-only mode: 14,000 rows in seconds)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(REGISTER_SHEET)
    sheet.append(
        [REGISTRATION_HEADERS_VI[c] for c in REGISTRATION_COLUMNS] + EVALUATION_HEADERS_VI + [DVK_NOTE]
    )
    for number in range(rows):
        values = {
            "registration_id": f"r{number:05d}",
            "year": 2026,
            "unit_code": f"DV{number % 300:03d}",
            "unit_name": f"Ủy ban nhân dân xã số {number % 300}",
            "field": "Kinh tế",
            "model_name": f"Mô hình «Đường làng sáng, xanh, sạch» số {number}",
            "form": "Tập thể",
            "address": f"thôn {number % 40}, xã Đông Hưng",
            "content": f"{number}: {content}",
            "kind": "Xây dựng mới",
            "submitted_at": "2026-03-02 08:00:00",
            "late": "Không",
            "source": "dang_ky.csv",
            "source_row": number + 2,
        }
        sheet.append([values[c] for c in REGISTRATION_COLUMNS] + ["", "", "", "", ""])
    workbook.create_sheet(STATUS_SHEET).append(["Mã đơn vị", "Tên đơn vị"])
    workbook.save(path)
    return path
