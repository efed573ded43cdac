"""dvk google push-register / upload: the register as a shared Google Sheet, files into Drive."""

from __future__ import annotations

from pathlib import Path

from dvk.commands.form import add_credentials

NAME = "google"
HELP = "Đưa sổ theo dõi lên Google Sheets, tải tệp kết quả lên thư mục Google Drive."


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


def run(args) -> int:
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
