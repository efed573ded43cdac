"""The file server's index pages, in Vietnamese: the years there are, and a year's files.

Pure HTML from what is on disk in the served folders; every name is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from dvk.folders import (
    BACKUP_SUFFIX,
    REGISTRATIONS_CSV,
    REJECTS_CSV,
    SUPERSEDED_CSV,
    UNIT_FORMS_DIR,
    UNIT_STATUS_CSV,
)
from dvk.ui.file_links import YEAR, FileLinks, ServedFolder

KNOWN_FILES = {
    REGISTRATIONS_CSV: "Danh sách đăng ký hợp lệ",
    REJECTS_CSV: "Danh sách bị loại, kèm lý do",
    SUPERSEDED_CSV: "Bản bị thay thế bởi bản gửi sau",
    UNIT_STATUS_CSV: "Tình trạng đơn vị",
}
# (file name start, what it is), the first that matches wins
DESCRIBED = [
    ("so_theo_doi_", BACKUP_SUFFIX, "Sổ theo dõi trước lần chạy gần nhất (bản lưu)"),
    ("so_theo_doi_", "", "Sổ theo dõi: cán bộ nhập đánh giá ở đây"),
    ("tong_hop_dang_ky_", ".docx", "Tổng hợp đăng ký (Word)"),
    ("tong_hop_dang_ky_", ".xlsx", "Tổng hợp đăng ký (Excel)"),
    ("bao_cao_ket_qua_", "", "Báo cáo kết quả năm"),
    ("cong_van_don_doc_", "", "Công văn đôn đốc"),
    ("quyet_dinh_cong_nhan_", "", "Quyết định công nhận"),
    ("danh_sach_don_doc_", "", "Đơn vị cần đôn đốc, kèm thư điện tử"),
]
# (group, test on the path inside the year's folder), the first that matches wins
GROUPS: list[tuple[str, object]] = [
    ("Sổ theo dõi", lambda p: p.name.startswith("so_theo_doi_")),
    ("Quyết định công nhận", lambda p: p.name.startswith("quyet_dinh_")),
    ("Báo cáo, công văn", lambda p: p.name.startswith(("tong_hop_dang_ky_", "bao_cao_", "cong_van_"))),
    ("Danh sách", lambda p: p.name in KNOWN_FILES or p.name.startswith("danh_sach_")),
    ("Biểu mẫu từng đơn vị", lambda p: p.parts[0] == UNIT_FORMS_DIR and len(p.parts) > 1),
    ("Tệp khác", lambda p: True),
]
STYLE = """
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; margin: 2rem; color: #1f2937; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 1.8rem; }
table { border-collapse: collapse; width: 100%; max-width: 64rem; table-layout: fixed; }
th.ten { width: 38%; } th.noi-dung { width: 34%; } th.co { width: 10%; } th.luc { width: 18%; }
td { overflow-wrap: anywhere; }
th, td { text-align: left; padding: .35rem .8rem; border-bottom: 1px solid #e5e7eb; }
th { background: #f3f4f6; } td.so { text-align: right; white-space: nowrap; }
a { color: #1d4ed8; } p.ghi-chu { color: #6b7280; }
"""


@dataclass(frozen=True)
class Listed:
    path: Path
    inside: Path  # relative to the served folder
    url: str


def _page(title: str, body: list[str]) -> str:
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def human_size(size: int) -> str:
    """Bytes as staff read them, with a decimal comma: 1536 → «1,5 KB»."""
    for unit, step in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= step:
            return f"{size / step:.1f}".replace(".", ",") + f" {unit}"
    return f"{size} byte"


def _visible_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    found = []
    for path in root.rglob("*"):
        inside = path.relative_to(root)
        if path.is_file() and not any(part.startswith(".") for part in inside.parts):
            found.append(path)
    return sorted(found)


def _listed(links: FileLinks, folder: ServedFolder, year: int | None) -> list[Listed]:
    """The folder's files, each linked where the server finds it (no link for one that leads out)."""
    root = folder.folder(year)
    listed = []
    for path in _visible_files(root):
        inside = path.relative_to(root)
        served = path.resolve().is_relative_to(root)
        listed.append(Listed(path, inside, links.url_in(folder, year, inside) if served else ""))
    return listed


def describe(inside: Path) -> str:
    """What a file of the year is, for the index page; empty when dvk does not know it."""
    name = inside.name
    if name in KNOWN_FILES:
        return KNOWN_FILES[name]
    if inside.parts[0] == UNIT_FORMS_DIR and len(inside.parts) > 1:
        return f"Biểu mẫu đăng ký của đơn vị {inside.stem}"
    described = next(
        (text for start, end, text in DESCRIBED if name.startswith(start) and name.endswith(end)), ""
    )
    return f"{described} (PDF)" if described and name.endswith(".pdf") else described


def _table(items: list[Listed], zone: ZoneInfo) -> str:
    rows = [
        "<table>",
        '<tr><th class="ten">Tệp</th><th class="noi-dung">Nội dung</th>'
        '<th class="co">Cỡ</th><th class="luc">Ghi lúc</th></tr>',
    ]
    for item in items:
        stat = item.path.stat()
        when = datetime.fromtimestamp(stat.st_mtime, zone).strftime("%d/%m/%Y %H:%M")
        shown = escape(item.inside.as_posix())
        rows.append(
            f'<tr><td><a href="{escape(item.url)}">{shown}</a></td>'
            f"<td>{escape(describe(item.inside))}</td>"
            f'<td class="so">{human_size(stat.st_size)}</td><td class="so">{when}</td></tr>'
        )
    rows.append("</table>")
    return "\n".join(rows)


def _grouped(items: list[Listed]) -> list[tuple[str, list[Listed]]]:
    groups: dict[str, list[Listed]] = {name: [] for name, _ in GROUPS}
    for item in items:
        name = next(name for name, test in GROUPS if test(item.inside))
        groups[name].append(item)
    return [(name, found) for name, found in groups.items() if found]


def year_page(links: FileLinks, year: int, timezone: str) -> str:
    zone = ZoneInfo(timezone)
    body = [f'<p><a href="{escape(links.base_url)}/">← Các năm</a></p>']
    items = [item for folder in links.folders if folder.yearly for item in _listed(links, folder, year)]
    for name, found in _grouped(items):
        body += [f"<h2>{escape(name)} ({len(found)} tệp)</h2>", _table(found, zone)]
    if not items:
        body.append(f'<p class="ghi-chu">Chưa có tệp nào của năm {year}.</p>')
    body.append(
        f'<p class="ghi-chu">Giờ theo {escape(timezone)}. Tệp Word, Excel tải về rồi mở bằng Word, Excel; '
        "sửa xong thì lưu vào thư mục của Ban (sửa trên máy này không làm thay đổi tệp ở đây).</p>"
    )
    return _page(f"Tệp kết quả năm {year}", body)


def _years(folder: ServedFolder) -> list[int]:
    """The years that have a folder on disk, newest first."""
    parts = folder.folder().parts
    first = next(i for i, part in enumerate(parts) if YEAR in part)
    root, rest = Path(*parts[:first]), Path(*parts[first:]).as_posix()
    shape = re.compile(re.escape(rest).replace(re.escape(YEAR), r"(\d{4})"))
    years = set()
    for candidate in root.glob(rest.replace(YEAR, "[0-9]" * 4)) if root.is_dir() else []:
        match = shape.fullmatch(candidate.relative_to(root).as_posix())
        if match and candidate.is_dir():
            years.add(int(match[1]))
    return sorted(years, reverse=True)


def index_page(links: FileLinks, timezone: str) -> str:
    zone = ZoneInfo(timezone)
    years = sorted({y for folder in links.folders if folder.yearly for y in _years(folder)}, reverse=True)
    body = ["<h2>Theo năm</h2>"]
    if years:
        items = "".join(f'<li><a href="{escape(links.year_url(y))}">Năm {y}</a></li>' for y in years)
        body.append(f"<ul>{items}</ul>")
    else:
        body.append('<p class="ghi-chu">Chưa có kết quả của năm nào.</p>')
    for folder in links.folders:
        if not folder.yearly:
            items = _listed(links, folder, None)
            body.append(f"<h2>{escape(folder.label)}</h2>")
            body.append(_table(items, zone) if items else '<p class="ghi-chu">Chưa có tệp nào.</p>')
    return _page("Tệp kết quả của dvk", body)
