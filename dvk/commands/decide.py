"""dvk decide: the recognition decision from the register rows staff marked as recognised."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from dvk.commands._common import add_document_options, add_year, check_year
from dvk.documents.pipeline import write_decision

NAME = "decide"
HELP = "Lập quyết định công nhận mô hình, điển hình (kèm danh sách) từ sổ theo dõi đã đánh giá."


def _day(text: str) -> date:
    day, month, year = (int(part) for part in text.split("/"))
    return date(year, month, day)


def add_arguments(parser) -> None:
    add_year(parser)
    parser.add_argument("--register", required=True, help="sổ theo dõi so_theo_doi_<năm>.xlsx đã đánh giá")
    parser.add_argument("--out", required=True, help="thư mục ghi quyết định")
    parser.add_argument("--number", help="số quyết định; bỏ trống để văn thư điền tay")
    parser.add_argument(
        "--date", dest="signed_on", type=_day, help="ngày ký, dạng ngày/tháng/năm; bỏ trống để điền tay"
    )
    add_document_options(parser)


def run(args) -> int:
    check_year(args.year)
    path = write_decision(
        args.year,
        Path(args.register),
        Path(args.out),
        number=args.number,
        signed_on=args.signed_on,
        organisation=Path(args.organisation) if args.organisation else None,
        profile=args.profile,
        pdf=args.pdf,
    )
    print(f"Quyết định công nhận năm {args.year}: {path}")
    return 0
