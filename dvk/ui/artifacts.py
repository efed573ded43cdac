"""What a run shows in the Prefect UI, as plain data: markdown texts and table rows in Vietnamese.

Pure functions; flows/publish.py hands the results to Prefect.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dvk.cycle.summaries import CheckSummary, CollectSummary
from dvk.register.workbook import display_value
from dvk.schema import REJECT_HEADERS_VI, UNIT_STATUS_COLUMNS, UNIT_STATUS_HEADERS_VI

SUMMARY_KEY = "dvk-tom-tat"
STATUS_KEY = "dvk-tinh-trang-don-vi"
REJECTS_KEY = "dvk-ban-bi-loai"
FILES_KEY = "dvk-tep-da-ghi"

STATUS_TABLE_COLUMNS = UNIT_STATUS_COLUMNS[: UNIT_STATUS_COLUMNS.index("meets_target") + 1]


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
    for source in summary.sources:
        unit = f" — {source['unit_name']}" if source["unit_name"] else ""
        lines.append(
            f"- Nguồn `{Path(source['source']).name}`: {source['layout']}, {source['rows']} dòng{unit}"
        )
    for skipped in summary.skipped_files:
        lines.append(f"- Bỏ qua (không phải .csv/.xlsx): `{skipped}`")
    return lines


def check_lines(summary: CheckSummary) -> list[str]:
    return [
        f"- Số đơn vị: **{summary.units}** — đúng hạn **{summary.on_time}**, trễ hạn **{summary.late}**, "
        f"chưa đăng ký **{summary.missing}**, chưa đạt chỉ tiêu **{summary.below_target}**",
        f"- Trễ hạn: {_names(summary.late_names)}",
        f"- Chưa đăng ký: {_names(summary.missing_names)}",
        f"- Chưa đạt chỉ tiêu: {_names(summary.below_target_names)}",
    ]


def summary_markdown(title: str, sections: list[tuple[str, list[str]]]) -> str:
    parts = [f"# {title}"]
    for heading, lines in sections:
        parts.append(f"## {heading}")
        parts.append("\n".join(lines) if lines else "_(không có)_")
    return "\n\n".join(parts) + "\n"


def status_rows(statuses: pd.DataFrame, units: list[str] | None = None) -> list[dict[str, object]]:
    """Unit statuses with Vietnamese headers and labels; only the given unit codes when any."""
    frame = statuses if not units else statuses[statuses["unit_code"].isin(units)]
    return [
        {UNIT_STATUS_HEADERS_VI[c]: display_value(c, record.get(c)) for c in STATUS_TABLE_COLUMNS}
        for record in frame.to_dict("records")
    ]


# The reason first after where it is, so it shows without scrolling in the UI's table.
REJECT_TABLE_COLUMNS = ["source", "source_row", "message", "column", "value", "code"]


def reject_rows(rejects: pd.DataFrame) -> list[dict[str, object]]:
    return [
        {REJECT_HEADERS_VI[c]: display_value(c, record.get(c)) for c in REJECT_TABLE_COLUMNS}
        for record in rejects.to_dict("records")
    ]


def files_markdown(files: list[tuple[str, Path]]) -> str:
    """Every file a run wrote, with its full path and a link that opens it on this computer."""
    lines = ["# Các tệp đã ghi", "", "| Tệp | Đường dẫn |", "|---|---|"]
    for label, path in files:
        path = Path(path).resolve()
        lines.append(f"| {label} | [{path}]({path.as_uri()}) |")
    if not files:
        lines.append("| _(không ghi tệp nào)_ | |")
    return "\n".join(lines) + "\n"


def collect_files(summary: CollectSummary) -> list[tuple[str, Path]]:
    labels = {
        "registrations": "Danh sách hợp lệ",
        "rejects": "Danh sách bị loại",
        "superseded": "Bản bị thay thế",
        "register": "Sổ theo dõi",
    }
    return [(labels[key], Path(path)) for key, path in summary.files.items() if key in labels]
