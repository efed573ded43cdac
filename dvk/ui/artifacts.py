"""What a run shows in the Prefect UI, as plain data: markdown texts and table rows in Vietnamese.

Pure functions; flows/publish.py hands the results to Prefect.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dvk.cycle.summaries import CheckSummary, CollectSummary, source_lines
from dvk.register.workbook import display_value
from dvk.schema import REJECT_HEADERS_VI, UNIT_STATUS_HEADERS_VI
from dvk.ui.file_index import human_size
from dvk.ui.file_links import FileLinks

SUMMARY_KEY = "dvk-tom-tat"
STATUS_KEY = "dvk-tinh-trang-don-vi"
REJECTS_KEY = "dvk-ban-bi-loai"
FILES_KEY = "dvk-tep-da-ghi"


def _names(names: list[str]) -> str:
    return ", ".join(names) if names else "không có"


def collect_lines(summary: CollectSummary) -> list[str]:
    lines = [
        f"- Số dòng đọc vào: **{summary.rows_in}**",
        f"- Hợp lệ: **{summary.rows_out}**",
        f"- Bị loại: **{summary.rows_rejected}** (xem bảng «Bản bị loại»)",
        f"- Bị thay thế bởi bản gửi sau: **{summary.rows_superseded}**",
        f"- Kiểm tra số dòng: {summary.count_line}",
    ]
    if summary.staff_entries_kept or summary.orphan_rows:
        lines.append(
            f"- Sổ theo dõi: giữ lại {summary.staff_entries_kept} ô cán bộ đã nhập, "
            f"{summary.orphan_rows} dòng không còn trong dữ liệu vẫn được giữ"
        )
    lines += [f"- CHÚ Ý (sổ theo dõi): {warning}" for warning in summary.register_warnings]
    for source in summary.sources:
        first, *rest = source_lines(source)
        lines.append(f"- Nguồn {first}")
        lines += [f"    - {line}" for line in rest]
    named = {Path(source["source"]).name for source in summary.sources}
    for skipped in summary.skipped_files:
        if Path(skipped).name not in named:
            lines.append(f"- Bỏ qua (không phải .csv/.xlsx): `{skipped}`")
    return lines


def check_lines(summary: CheckSummary) -> list[str]:
    unknown = f", không rõ thời gian **{summary.unknown_time}**" if summary.unknown_time else ""
    lines = [
        f"- Số đơn vị: **{summary.units}** — đúng hạn **{summary.on_time}**, trễ hạn **{summary.late}**"
        f"{unknown}, chưa đăng ký **{summary.missing}**, chưa đạt chỉ tiêu **{summary.below_target}**",
        f"- Trễ hạn: {_names(summary.late_names)}",
        f"- Chưa đăng ký: {_names(summary.missing_names)}",
        f"- Chưa đạt chỉ tiêu: {_names(summary.below_target_names)}",
    ]
    if summary.unknown_time:
        lines.append(
            f"- Không rõ thời gian (biểu mẫu không ghi ngày ký): {_names(summary.unknown_time_names)} — "
            "ghi «Ngày nhận: ngày/tháng/năm» vào biểu mẫu khi nhận bản giấy rồi thu thập lại"
        )
    return lines


def summary_markdown(title: str, sections: list[tuple[str, list[str]]]) -> str:
    parts = [f"# {title}"]
    for heading, lines in sections:
        parts.append(f"## {heading}")
        parts.append("\n".join(lines) if lines else "_(không có)_")
    return "\n\n".join(parts) + "\n"


# The problem first (status, target), then who; the UI's table cuts the columns on the right.
STATUS_TABLE_COLUMNS = [
    "status",
    "meets_target",
    "unit_name",
    "unit_code",
    "registrations",
    "new_models",
    "target",
]
PROBLEM_ORDER = {"missing": 0, "late": 1, "unknown_time": 2}  # then below target, then the rest


def _problem_rank(record: dict) -> int:
    below = str(record.get("meets_target")).strip().lower() == "false"
    return PROBLEM_ORDER.get(str(record.get("status")), 3 if below else 4)


def status_rows(statuses: pd.DataFrame, units: list[str] | None = None) -> list[dict[str, object]]:
    """Unit statuses with Vietnamese headers and labels, the units with a problem first
    (missing, late, below target); only the given unit codes when any."""
    frame = statuses if not units else statuses[statuses["unit_code"].isin(units)]
    records = sorted(frame.to_dict("records"), key=_problem_rank)  # stable: roster order kept within
    return [
        {UNIT_STATUS_HEADERS_VI[c]: display_value(c, record.get(c)) for c in STATUS_TABLE_COLUMNS}
        for record in records
    ]


# The reason first, then where it is, so it shows without scrolling in the UI's table.
REJECT_TABLE_COLUMNS = ["message", "source", "source_row", "column", "value", "code"]


def reject_rows(rejects: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {REJECT_HEADERS_VI[c]: display_value(c, record.get(c)) for c in REJECT_TABLE_COLUMNS}
        for record in rejects.to_dict("records")
    ]


def _cell(text: object) -> str:
    """Text safe inside a markdown table cell and link text."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def files_markdown(
    files: list[tuple[str, Path]],
    links: FileLinks | None = None,
    drive: dict[str, str] | None = None,
    year: int | None = None,
) -> str:
    """Every file a run wrote: a link that downloads it from the office's file server (when
    `dvk serve` runs one), the link to its Google Drive copy (when uploaded), where it is on the
    server PC. `drive` maps a file name to its Drive address."""
    drive = drive or {}
    lines = ["# Các tệp đã ghi", ""]
    if links is not None and year is not None:
        lines += [f"Mọi tệp của năm, kèm cỡ và giờ ghi: [trang tệp năm {year}]({links.year_url(year)})", ""]
    header = ["Tệp", "Tải về"] + (["Google Drive"] if drive else []) + ["Trên máy chủ"]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, path in files:
        path = Path(path).resolve()
        url = links.file_url(path) if links else None
        name = _cell(path.name)
        size = f" ({human_size(path.stat().st_size)})" if path.is_file() else ""
        cells = [_cell(label), (f"[{name}]({url})" if url else name) + size]
        if drive:
            web = drive.get(path.name)
            cells.append(f"[Mở trên Drive]({web})" if web else "")
        cells.append(f"`{path}`")
        lines.append("| " + " | ".join(cells) + " |")
    if not files:
        lines.append("| _(không ghi tệp nào)_ |" + " |" * (len(header) - 1))
    return "\n".join(lines) + "\n"


def collect_files(summary: CollectSummary) -> list[tuple[str, Path]]:
    labels = {
        "registrations": "Danh sách hợp lệ",
        "rejects": "Danh sách bị loại",
        "superseded": "Bản bị thay thế",
        "register": "Sổ theo dõi",
        "columns": "Các cột đã đọc",
    }
    return [(labels[key], Path(path)) for key, path in summary.files.items() if key in labels]


def drive_link(uploaded) -> str:
    """The Drive page of an uploaded file, from its id."""
    return f"https://drive.google.com/file/d/{uploaded.file_id}/view"
