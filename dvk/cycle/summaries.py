"""What a step did, in plain values: shown by the CLI, the Prefect UI and returned by the flows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from dvk.check.counts import UnitCounts, unit_counts
from dvk.intake.collection import Collection
from dvk.outputs import CollectFiles
from dvk.sources import READ, REFUSED


@dataclass
class CollectSummary:
    year: int
    rows_in: int
    rows_out: int
    rows_rejected: int
    rows_superseded: int
    balanced: bool
    count_line: str
    sources: list[dict] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    staff_entries_kept: int = 0
    orphan_rows: int = 0
    register_warnings: list[str] = field(default_factory=list)  # e.g. staff deleted the id column

    def as_dict(self) -> dict:
        return asdict(self)


def summarise_collection(collection: Collection, files: CollectFiles) -> CollectSummary:
    return CollectSummary(
        year=collection.year,
        rows_in=collection.rows_in,
        rows_out=collection.rows_out,
        rows_rejected=collection.rows_rejected,
        rows_superseded=collection.rows_superseded,
        balanced=collection.balanced,
        count_line=collection.count_line(),
        sources=[asdict(source) for source in collection.sources],
        skipped_files=collection.skipped_files,
        files={
            "registrations": str(files.registrations),
            "rejects": str(files.rejects),
            "superseded": str(files.superseded),
            "register": str(files.register.path),
            **({"columns": str(files.columns)} if files.columns else {}),
        },
        staff_entries_kept=files.register.staff_entries_kept,
        orphan_rows=files.register.orphan_rows,
        register_warnings=list(files.register.warnings),
    )


def source_lines(source: dict) -> list[str]:
    """What became of one source, in lines a clerk reads: the first says read / refused / skipped,
    the others are its notes and the columns with data that were not read."""
    status = source.get("status") or READ
    name = Path(source["source"]).name
    if status == READ:
        unit = f" — {source['unit_name']}" if source["unit_name"] else ""
        lines = [f"{name}: {source['layout']}, {source['rows']} dòng{unit}"]
        if not source["rows"]:
            lines.append("CHÚ Ý: nguồn này không có dòng đăng ký nào.")
    elif status == REFUSED:
        rows = f" ({source['rows']} dòng, tính là bị loại)" if source["rows"] else ""
        lines = [f"{name}: KHÔNG ĐỌC{rows} — {source['detail']}"]
    else:
        lines = [f"{name}: bỏ qua — {source['detail']}"]
    lines += [f"lưu ý: {note}" for note in source.get("notes", [])]
    unread = source.get("unrecognised_columns", [])
    if unread:
        lines.append(
            f"CHÚ Ý: {len(unread)} cột có dữ liệu nhưng không nhận ra, dữ liệu của cột không được "
            f"đọc: {'; '.join(unread)}. Nếu cần, thêm tiêu đề vào mappings/headers.toml."
        )
    return lines


@dataclass
class CheckSummary(UnitCounts):
    """The unit counts of a check, with the year and the unit-status file written."""

    year: int = 0
    file: str = ""


def summarise_statuses(statuses: pd.DataFrame, year: int, path: Path) -> CheckSummary:
    return CheckSummary(**asdict(unit_counts(statuses)), year=year, file=str(path))
