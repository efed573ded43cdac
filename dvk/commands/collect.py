"""dvk collect: registrations from files and folders into the normalised list and the register."""

from __future__ import annotations

from pathlib import Path

from dvk.commands._common import Progress, add_settings, add_year, check_year, print_collect
from dvk.pipeline import collect_to_folder
from dvk.settings import load_settings

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
    check_year(args.year)
    settings = load_settings(args.roster, args.mappings)
    summary = collect_to_folder(args.source, args.year, settings, Path(args.out), Progress())
    print_collect(summary)
    return 0
