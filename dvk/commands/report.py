"""dvk report: the consolidated list (Word + Excel), the results report, the reminder letter, unit forms."""

from __future__ import annotations

from pathlib import Path

from dvk.commands._common import add_document_options, add_settings, add_year, plan_from_args
from dvk.cycle import jobs

NAME = "report"
HELP = (
    "Lập báo cáo tổng hợp đăng ký (Word, Excel), báo cáo kết quả, công văn đôn đốc và biểu mẫu từng đơn vị."
)


def add_arguments(parser) -> None:
    add_year(parser)
    parser.add_argument(
        "--in", dest="in_dir", required=True, help="thư mục kết quả của dvk collect và dvk check"
    )
    parser.add_argument("--out", required=True, help="thư mục ghi các văn bản")
    add_document_options(parser)
    add_settings(parser)


def run(args) -> int:
    plan = plan_from_args(args, args.out, in_dir=Path(args.in_dir))
    files = jobs.report(plan).report_files
    print(f"Văn bản năm {args.year}:")
    for label, path in [
        ("Báo cáo tổng hợp đăng ký", files.consolidated_docx),
        ("Bảng tổng hợp (Excel)", files.consolidated_xlsx),
        ("Báo cáo kết quả", files.results_report),
        ("Công văn đôn đốc", files.reminder_letter),
    ]:
        print(f"  {label}: {path}")
    if files.unit_forms:
        print(f"  Biểu mẫu của {len(files.unit_forms)} đơn vị: {files.unit_forms[0].parent}")
    if files.pdfs:
        print(f"  {len(files.pdfs)} bản PDF ghi cạnh các tệp Word.")
    for warning in files.warnings:
        print(f"  Lưu ý: {warning}")
    return 0
