"""dvk google push-register / upload / quota: the register as a shared Google Sheet, files into
Drive, the Google quota shared by the workers of a national run."""

from __future__ import annotations

from pathlib import Path

from dvk.commands.form import add_credentials
from dvk.errors import ConfigError
from dvk.google.quota import DEFAULT_PREFIX

NAME = "google"
HELP = "Đưa sổ theo dõi lên Google Sheets, tải tệp kết quả lên thư mục Google Drive, đặt hạn mức gọi Google."


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="action", required=True, metavar="VIỆC")
    push = sub.add_parser(
        "push-register",
        help="ghi sổ theo dõi lên một Google Sheet, giữ nguyên ý kiến cán bộ đã nhập",
        description="Ghi sổ theo dõi (tệp so_theo_doi_<năm>.xlsx) lên một Google Sheet. Các cột cán bộ "
        "nhập (Điểm, Kết quả đánh giá, …) trên Google Sheet được giữ nguyên và chép cả vào tệp Excel.",
    )
    push.add_argument("--register", required=True, help="tệp so_theo_doi_<năm>.xlsx do dvk collect ghi")
    push.add_argument("--sheet", required=True, help="mã hoặc đường dẫn Google Sheet")
    add_credentials(push)
    upload = sub.add_parser(
        "upload",
        help="tải tệp lên thư mục Google Drive, thay tệp cùng tên",
        description="Tải các tệp (.docx, .xlsx, …) lên một thư mục Google Drive; tệp cùng tên đã có "
        "được thay nội dung mới, không tạo bản trùng.",
    )
    upload.add_argument("--folder", required=True, help="mã hoặc đường dẫn thư mục Google Drive")
    upload.add_argument("files", nargs="+", metavar="TỆP", help="các tệp cần tải lên")
    add_credentials(upload)
    quota = sub.add_parser(
        "quota",
        help="giới hạn lượt gọi Google dùng chung cho mọi worker (giới hạn của Prefect)",
        description="Hạn mức gọi Google (lượt một phút) dùng chung cho mọi worker của một lần chạy "
        "toàn quốc, đặt thành giới hạn đồng thời toàn cục của máy chủ Prefect (PREFECT_API_URL). "
        "Bật cho các worker bằng biến môi trường DVK_GOOGLE_RATE_LIMIT_PREFIX=<tiền tố>.",
    )
    quota.add_argument(
        "--setup", action="store_true", help="tạo hoặc cập nhật các giới hạn trên máy chủ Prefect"
    )
    quota.add_argument(
        "--prefix", default=DEFAULT_PREFIX, help=f"tiền tố tên giới hạn (mặc định {DEFAULT_PREFIX})"
    )
    quota.add_argument(
        "--per-minute",
        action="append",
        default=[],
        metavar="HẠN_MỨC=SỐ",
        help="đổi một hạn mức, ví dụ sheets-read=300 khi các worker dùng nhiều tài khoản; dùng nhiều lần",
    )


def _per_minute(items: list[str]) -> dict[str, int]:
    values = {}
    for item in items:
        key, _, number = item.partition("=")
        if not number.strip().isdigit():
            raise ConfigError(f"«{item}» không đúng dạng HẠN_MỨC=SỐ, ví dụ sheets-read=300.")
        values[key.strip()] = int(number)
    return values


def run_quota(args) -> int:
    from dvk.google.quota import RATE_LIMIT_PREFIX_ENV, limit_settings, setup_rate_limits

    per_minute = _per_minute(args.per_minute)
    if args.setup:
        settings = setup_rate_limits(args.prefix, per_minute)
        print("Đã đặt giới hạn gọi Google trên máy chủ Prefect:")
    else:
        settings = limit_settings(args.prefix, per_minute)
        print("Giới hạn gọi Google sẽ đặt (thêm --setup để tạo trên máy chủ Prefect):")
    for setting in settings:
        rate = f"{setting.per_second:.2f}".replace(".", ",")
        print(
            f"  {setting.name}: {setting.label}, {setting.per_minute} lượt/phút "
            f"(tối đa {setting.burst} lượt cùng lúc, rồi {rate} lượt/giây)"
        )
    print(f"  Bật cho mọi worker: {RATE_LIMIT_PREFIX_ENV}={args.prefix}")
    return 0


def run(args) -> int:
    if args.action == "quota":
        return run_quota(args)
    from dvk.google.outputs import push_register, upload_files  # the Google client: only when used

    if args.action == "push-register":
        result = push_register(Path(args.register), args.sheet, credentials=args.credentials)
        print(f"Đã ghi sổ theo dõi lên Google Sheets: {result.rows} dòng ({', '.join(result.tabs)}).")
        if result.staff_entries_kept:
            print(
                f"  Giữ {result.staff_entries_kept} ô cán bộ đã nhập trên Google Sheet "
                "(đã chép vào tệp Excel)."
            )
        if result.conflicts:
            print(f"  {result.conflicts} ô khác với tệp Excel: giữ giá trị trên Google, ghi chú giá trị cũ.")
        if result.orphan_rows:
            print(f"  {result.orphan_rows} dòng không còn trong dữ liệu vẫn được giữ vì có ý kiến cán bộ.")
        print(f"  {result.url}")
        return 0
    for item in upload_files([Path(f) for f in args.files], args.folder, credentials=args.credentials):
        verb = "thay tệp cũ" if item.replaced else "tệp mới"
        print(f"Đã tải lên «{item.name}» ({verb}).")
    return 0
