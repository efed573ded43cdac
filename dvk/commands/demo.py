"""dvk demo: the annual cycle on the bundled sample province, through the Prefect flows.

After the cycle it simulates the staff's evaluation (the committed sample file
sample/danh_gia_mau_2026.csv typed into the register) and issues the recognition decision.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from dvk.commands._common import print_check, print_collect
from dvk.demo.province import SAMPLE_DIR, YEAR
from dvk.errors import DvkError, PrefectUnavailable
from dvk.folders import register_path

NAME = "demo"
HELP = "Chạy thử cả chu trình năm trên dữ liệu mẫu kèm theo (không cần tài khoản Google)."


def add_arguments(parser) -> None:
    parser.add_argument("--out", default="dvk-demo", help="thư mục ghi kết quả (mặc định dvk-demo)")


STARTUP_TIMEOUT_ENV = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
STARTUP_TIMEOUT = "120"  # Prefect's 20 s is too short for a first start on a busy office PC


def _unavailable(error: Exception) -> PrefectUnavailable:
    waited = os.environ.get(STARTUP_TIMEOUT_ENV, STARTUP_TIMEOUT)
    return PrefectUnavailable(
        f"Máy chủ Prefect tạm thời chưa khởi động kịp (đã chờ {waited} giây); chưa chạy bước nào. Máy đang "
        f"bận: đóng bớt chương trình rồi chạy lại «dvk demo», hoặc đặt biến {STARTUP_TIMEOUT_ENV}=300 để "
        f"chờ lâu hơn. ({type(error).__name__})"
    )


def _is_startup_failure(error: Exception) -> bool:
    text = str(error)
    return "ephemeral" in text.lower() or "connect to" in text.lower() or isinstance(error, ConnectionError)


def run(args) -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault(STARTUP_TIMEOUT_ENV, STARTUP_TIMEOUT)
    # The temporary server's own shutdown noise (English tracebacks after the run) is not for a clerk.
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    try:
        return _run(args)
    except DvkError:
        raise
    except Exception as error:
        if _is_startup_failure(error):
            raise _unavailable(error) from error
        raise


def _run(args) -> int:
    out = Path(args.out).resolve()
    os.environ["DVK_BASE_DIR"] = str(out)  # the number register goes to <out>/so_van_ban
    from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
    from dvk.ui.parameters import CycleParams, DecisionParams
    from flows.annual_cycle import annual_cycle
    from flows.issue_decisions import issue_decisions

    sources = [str(SAMPLE_DIR / str(YEAR))]
    print(f"Dữ liệu mẫu: {sources[0]}")
    print("Đang chạy chu trình năm trên Prefect (lần đầu mất khoảng 10–20 giây)…", flush=True)
    started = time.monotonic()
    result = annual_cycle(CycleParams(year=YEAR, sources=sources, out_dir=str(out)))
    print_collect(result.collect)
    print_check(result.check)
    for note in result.notes:
        print(f"  {note}")
    unit_forms = [path for label, path in result.files if label.startswith("Biểu mẫu đơn vị")]
    for label, path in result.files:
        if path.endswith((".docx", ".xlsx")) and path not in unit_forms:
            print(f"  {label}: {path}")
    if unit_forms:
        print(f"  Biểu mẫu của {len(unit_forms)} đơn vị: {Path(unit_forms[0]).parent}")

    register = register_path(out, YEAR)
    entries = read_evaluations(SAMPLE_EVALUATIONS)
    filled = fill_register(register, entries)
    print(
        f"\n[MÔ PHỎNG] Cán bộ nhập đánh giá: chép {filled} dòng từ {SAMPLE_EVALUATIONS.name} vào cột "
        f"«Kết quả đánh giá», «Cấp công nhận», «Điểm» của {register.name} "
        "(dữ liệu giả định, không phải đánh giá thật)."
    )
    decision = issue_decisions(DecisionParams(year=YEAR, out_dir=str(out)))
    print(f"Quyết định công nhận: {decision}")
    print(f"  Sổ cấp số văn bản: {out / 'so_van_ban'}")
    print(f"Xong sau {time.monotonic() - started:.1f} giây. Các tệp nằm trong: {out}")
    return 0
