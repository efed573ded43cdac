"""dvk collect: registrations from files and folders into the normalised list and the register."""

from __future__ import annotations

from dvk.commands._common import Progress, add_settings, add_year, plan_from_args, print_collect
from dvk.cycle import jobs

NAME = "collect"
HELP = "Thu thập đăng ký từ tệp Google Forms, biểu mẫu Excel của đơn vị hoặc thư mục."


def add_arguments(parser) -> None:
    add_year(parser)
    parser.add_argument(
        "--source",
        action="append",
        required=True,
        metavar="PATH",
        help="tệp .csv/.xlsx hoặc thư mục; dùng nhiều lần cho nhiều nguồn",
    )
    add_settings(parser)
    parser.add_argument("--out", required=True, help="thư mục ghi kết quả")


def run(args) -> int:
    plan = plan_from_args(args, args.out, sources=list(args.source))
    print_collect(jobs.collect(plan, progress=Progress()).summary)
    return 0
