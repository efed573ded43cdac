"""dvk form create: the registration form as a Google Form that dvk can read back."""

from __future__ import annotations

from dvk.commands._common import add_settings, add_year, check_year
from dvk.settings import load_settings

NAME = "form"
HELP = "Tạo biểu mẫu đăng ký trên Google Forms đúng với các cột dvk đọc được."


def add_credentials(parser) -> None:
    parser.add_argument(
        "--credentials",
        metavar="TỆP_JSON",
        help="tệp khóa Google (mặc định: biến môi trường DVK_GOOGLE_CREDENTIALS)",
    )


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="VIỆC")
    create = sub.add_parser("create", help="tạo biểu mẫu mới", description="Tạo biểu mẫu đăng ký mới.")
    add_year(create)
    create.add_argument("--title", help="tiêu đề biểu mẫu (mặc định: Đăng ký mô hình Dân vận khéo năm …)")
    create.add_argument(
        "--free-unit-name",
        action="store_true",
        help="để đơn vị tự gõ tên thay vì chọn trong danh sách đơn vị",
    )
    create.add_argument(
        "--share-with",
        action="append",
        default=[],
        metavar="EMAIL",
        help="chia sẻ quyền chỉnh sửa biểu mẫu cho địa chỉ này; dùng nhiều lần cho nhiều người",
    )
    add_settings(create)
    add_credentials(create)


def run(args) -> int:
    from dvk.google.formbuilder import create_registration_form  # the Google client: only when used

    check_year(args.year)
    settings = load_settings(args.roster, args.mappings)
    units = None if args.free_unit_name else [unit.name for unit in settings.roster.units]
    title = args.title or f"Đăng ký mô hình, điển hình «Dân vận khéo» năm {args.year}"
    created = create_registration_form(
        title, args.year, settings.mappings, units, args.share_with, credentials=args.credentials
    )
    print(f"Đã tạo biểu mẫu «{title}» với {created.questions} câu hỏi.")
    print(f"  Mã biểu mẫu: {created.form_id}")
    print(f"  Sửa biểu mẫu: {created.edit_url}")
    if created.responder_uri:
        print(f"  Gửi cho các đơn vị: {created.responder_uri}")
    print(f"  Thu thập câu trả lời: dvk collect --year {args.year} --source gform:{created.form_id} --out …")
    return 0
