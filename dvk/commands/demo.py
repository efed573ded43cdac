"""dvk demo: the annual cycle on the bundled sample province, through the Prefect flow."""

from __future__ import annotations

import os
import time
from pathlib import Path

from dvk.commands._common import print_check, print_collect
from dvk.sample import SAMPLE_DIR, YEAR

NAME = "demo"
HELP = "Chạy thử cả chu trình năm trên dữ liệu mẫu kèm theo (không cần tài khoản Google)."


def add_arguments(parser) -> None:
    parser.add_argument("--out", default="dvk-demo", help="thư mục ghi kết quả (mặc định dvk-demo)")


def run(args) -> int:
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from dvk.parameters import CycleParams
    from flows.annual_cycle import annual_cycle

    out = Path(args.out).resolve()
    sources = [str(SAMPLE_DIR / str(YEAR))]
    print(f"Dữ liệu mẫu: {sources[0]}")
    print("Đang chạy chu trình năm trên Prefect (lần đầu mất khoảng 10–20 giây)…", flush=True)
    started = time.monotonic()
    result = annual_cycle(CycleParams(year=YEAR, sources=sources, out_dir=str(out)))
    print_collect(result.collect)
    print_check(result.check)
    print(f"Xong sau {time.monotonic() - started:.1f} giây. Các tệp nằm trong: {out}")
    return 0
