"""dvk national: a whole country (several provinces) in one run, on this machine or on Prefect workers."""

from __future__ import annotations

import os
from pathlib import Path

from dvk.errors import DvkError
from dvk.national.params import CONFIG_ENV, DEFAULT_POOL

NAME = "national"
HELP = "Tổng hợp toàn quốc: chạy nhiều tỉnh, thành phố rồi gộp sổ theo dõi và danh sách công nhận."


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="VIỆC")
    run = sub.add_parser(
        "run",
        help="chạy các tỉnh lần lượt trên máy này (không cần máy chủ Prefect), rồi gộp",
        description="Chạy từng tỉnh trong tệp cấu hình toàn quốc lần lượt trên máy này; tỉnh lỗi được ghi "
        "rõ lý do, các tỉnh khác vẫn chạy; rồi ghi sổ theo dõi toàn quốc và danh sách công nhận cấp tỉnh.",
    )
    run.add_argument("--config", required=True, help="tệp quoc_gia.toml")
    run.add_argument("--year", type=int, required=True, help="năm đăng ký")
    run.add_argument("--province", action="append", default=[], help="chỉ chạy lại tỉnh này (lặp lại được)")
    deploy = sub.add_parser(
        "deploy",
        help="đăng ký «Tổng hợp toàn quốc» lên một nhóm máy thợ (work pool) của máy chủ Prefect",
        description="Tạo nhóm máy thợ loại process (nếu chưa có) và đăng ký hai việc «Tổng hợp toàn quốc», "
        "«Tổng hợp một tỉnh» lên đó. Sau đó bật các máy thợ: prefect worker start --pool <nhóm>.",
    )
    deploy.add_argument("--pool", default=DEFAULT_POOL, help=f"tên nhóm máy thợ; mặc định {DEFAULT_POOL}")
    deploy.add_argument("--config", default="", help="tệp quoc_gia.toml dùng làm mặc định trong biểu mẫu")
    sample = sub.add_parser(
        "sample", help="ghi bộ dữ liệu mẫu nhiều tỉnh (tệp CSV, danh sách đơn vị, cấu hình)"
    )
    sample.add_argument("--out", required=True, help="thư mục ghi bộ mẫu")
    sample.add_argument("--provinces", type=int, default=6, help="số tỉnh (1–8); mặc định 6")


def _run(args) -> int:
    from dvk.national.config import load_national_config
    from dvk.national.outcomes import ProvinceState, summary_lines
    from dvk.national.run import run_national

    config = load_national_config(args.config)
    merged = run_national(config, args.year, args.province)
    for line in summary_lines(merged.outcomes, args.year) + [f"- {w}" for w in merged.warnings]:
        print(line.replace("**", ""))
    for label, path in merged.files:
        print(f"{label}: {path}")
    return 1 if any(o.state == ProvinceState.FAILED for o in merged.outcomes) else 0


def _deploy(args) -> int:
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        raise DvkError(
            "Chưa chỉ máy chủ Prefect: đặt PREFECT_API_URL (ví dụ http://127.0.0.1:4200/api) rồi chạy lại."
        )
    config = str(Path(args.config).resolve()) if args.config else os.environ.get(CONFIG_ENV, "")
    from flows.national import deploy_national

    for name in deploy_national(args.pool, config):
        print(f"Đã đăng ký {name} lên nhóm máy thợ «{args.pool}».")
    print(f"Bật máy thợ (mỗi cửa sổ một máy): prefect worker start --pool {args.pool} --limit 4")
    return 0


def run(args) -> int:
    if args.action == "run":
        return _run(args)
    if args.action == "deploy":
        return _deploy(args)
    from dvk.national.sample import write_national_sample

    if not 1 <= args.provinces <= 8:
        raise DvkError("Số tỉnh của bộ mẫu phải từ 1 đến 8.")
    print(f"Đã ghi bộ mẫu: {write_national_sample(Path(args.out), args.provinces)}")
    return 0
