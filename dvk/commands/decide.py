"""dvk decide: the recognition decision from the register rows staff marked as recognised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dvk.commands._common import add_document_options, add_settings, add_year, plan_from_args
from dvk.cycle import jobs
from dvk.errors import ConfigError, ParameterError
from dvk.mappings import parse_full_date

NAME = "decide"
HELP = "Lập quyết định công nhận mô hình, điển hình (kèm danh sách) từ sổ theo dõi đã đánh giá."


def _day(text: str) -> date:
    try:
        return parse_full_date(text)
    except ConfigError as exc:
        raise ParameterError(f"Ngày ký «{text}» phải có dạng ngày/tháng/năm, ví dụ 05/03/2026.") from exc


def add_arguments(parser) -> None:
    add_year(parser)
    parser.add_argument("--register", required=True, help="sổ theo dõi so_theo_doi_<năm>.xlsx đã đánh giá")
    parser.add_argument("--out", required=True, help="thư mục ghi quyết định")
    parser.add_argument("--number", help="số quyết định; bỏ trống để văn thư điền tay")
    parser.add_argument("--date", dest="signed_on", help="ngày ký, dạng ngày/tháng/năm; bỏ trống để điền tay")
    add_document_options(parser)
    add_settings(parser)


def run(args) -> int:
    plan = plan_from_args(args, args.out, register=Path(args.register))
    if args.number and not args.number.strip().isdigit():
        raise ParameterError(f"Số quyết định «{args.number}» chỉ gồm chữ số, ví dụ 125.")
    signed_on = _day(args.signed_on) if args.signed_on else None
    decided = jobs.decide(plan, number=args.number or "", signed_on=signed_on)
    print(f"Quyết định công nhận năm {args.year}: {decided.path}")
    return 0
