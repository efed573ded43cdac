"""Arguments and printing shared by the sub-commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dvk.cycle.plan import RunPlan
from dvk.cycle.summaries import CheckSummary, CollectSummary, source_lines
from dvk.errors import ParameterError
from dvk.outputs import COLUMNS_CSV
from dvk.settings import load_settings
from dvk.ui.years import year_problem


def add_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="năm đăng ký, ví dụ 2026")


def add_settings(parser: argparse.ArgumentParser, roster_required: bool = False) -> None:
    parser.add_argument(
        "--roster", required=roster_required, help="danh sách đơn vị (CSV); mặc định mappings/roster.csv"
    )
    parser.add_argument("--mappings", help="thư mục mappings; mặc định mappings/ của dvk")


def add_document_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--organisation", help="tệp thông tin cơ quan ban hành; mặc định mappings/organisation.toml"
    )
    parser.add_argument("--profile", help="thể thức: dang (36-HD/VPTW) hoặc nha_nuoc (NĐ 30/2020)")
    parser.add_argument("--pdf", action="store_true", help="xuất thêm bản PDF (cần LibreOffice)")


def check_year(year: int) -> None:
    if problem := year_problem(year):
        raise ParameterError(problem)


def plan_from_args(args, out: str, **extra) -> RunPlan:
    """The run's settings from the command's options: the same RunPlan the Prefect form gives."""
    check_year(args.year)
    settings = load_settings(getattr(args, "roster", None), getattr(args, "mappings", None))
    organisation = getattr(args, "organisation", None)
    return RunPlan(
        year=args.year,
        settings=settings,
        out_dir=Path(out),
        profile=getattr(args, "profile", None),
        organisation=Path(organisation) if organisation else None,
        pdf=bool(getattr(args, "pdf", False)),
        **extra,
    )


class Progress:
    """One line per file on stderr, so a long run shows where it is."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, name: str) -> None:
        self.count += 1
        print(f"  đang đọc tệp {self.count}: {name}", file=sys.stderr, flush=True)


def _print_source(source: dict) -> None:
    first, *rest = source_lines(source)
    print(f"  {first}")
    for line in rest:
        print(f"    {line}")


def print_collect(summary: CollectSummary) -> None:
    print(f"Thu thập đăng ký năm {summary.year}")
    named = set()
    for source in summary.sources:
        _print_source(source)
        named.add(source["source"])
    for skipped in summary.skipped_files:
        if Path(skipped).name not in named:
            print(f"  {skipped}: bỏ qua")
    if not summary.rows_in:
        print("  CHÚ Ý: không nguồn nào có dòng đăng ký; kiểm tra lại đường dẫn và các tệp ở trên.")
    print(f"  {summary.count_line}")
    if summary.staff_entries_kept or summary.orphan_rows:
        print(
            f"  giữ lại {summary.staff_entries_kept} ô cán bộ đã nhập trong sổ theo dõi"
            f"; {summary.orphan_rows} dòng không còn trong dữ liệu vẫn được giữ"
        )
    for warning in summary.register_warnings:
        print(f"  CHÚ Ý (sổ theo dõi): {warning}")
    for label, path in [
        ("Danh sách hợp lệ", summary.files["registrations"]),
        ("Danh sách bị loại", summary.files["rejects"]),
        ("Các cột đã đọc", str(Path(summary.files["registrations"]).with_name(COLUMNS_CSV))),
        ("Sổ theo dõi", summary.files["register"]),
    ]:
        print(f"  {label}: {path}")


def print_check(summary: CheckSummary) -> None:
    unknown = summary.unknown_time
    unknown_part = f", không rõ thời gian {unknown}" if unknown else ""
    print(
        f"Tình trạng đăng ký năm {summary.year}: {summary.units} đơn vị — đúng hạn "
        f"{summary.on_time}, trễ hạn {summary.late}{unknown_part}, chưa đăng ký {summary.missing}, "
        f"chưa đạt chỉ tiêu {summary.below_target}"
    )
    if unknown:
        print(
            f"  Không rõ thời gian ({unknown} đơn vị): biểu mẫu không ghi ngày ký; ghi «Ngày nhận: "
            "ngày/tháng/năm» vào tệp biểu mẫu khi nhận bản giấy rồi chạy lại «dvk collect»."
        )
    if summary.late_names:
        print(f"  Trễ hạn: {', '.join(summary.late_names)}")
    if summary.missing_names:
        print(f"  Chưa đăng ký: {', '.join(summary.missing_names)}")
    print(f"  Tình trạng đơn vị: {summary.file}")
