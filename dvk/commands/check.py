"""dvk check: each unit on time, late or missing, and whether it meets its target."""

from __future__ import annotations

from pathlib import Path

from dvk.commands._common import add_settings, add_year, plan_from_args, print_check
from dvk.cycle import jobs

NAME = "check"
HELP = "Kiểm tra hạn đăng ký và chỉ tiêu của từng đơn vị."


def add_arguments(parser) -> None:
    add_year(parser)
    parser.add_argument("--registrations", required=True, help="registrations.csv do dvk collect ghi")
    add_settings(parser, roster_required=True)
    parser.add_argument("--out", required=True, help="thư mục ghi unit_status.csv")


def run(args) -> int:
    plan = plan_from_args(args, args.out)
    print_check(jobs.check(plan, registrations=Path(args.registrations)).summary)
    return 0
