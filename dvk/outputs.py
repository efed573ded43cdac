"""Writing a collection and the unit statuses to the output folder, as one set.

Everything a collection writes (the CSV lists, the column report, the unit statuses, the
register and its backup) is written beside the folder and swapped in together, under a lock.
The previous register is read first: if it cannot be read, nothing is written at all.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dvk.atomic import OutputSet, folder_lock, output_errors
from dvk.errors import EmptyRerun, OutputError
from dvk.folders import (
    COLUMNS_CSV,
    REGISTRATIONS_CSV,
    REJECTS_CSV,
    SUPERSEDED_CSV,
    UNIT_STATUS_CSV,
    backup_path,
    register_path,
)
from dvk.intake.collection import Collection
from dvk.register.workbook import RegisterResult, read_staff_entries, write_register
from dvk.tables import write_csv


@dataclass
class CollectFiles:
    registrations: Path
    rejects: Path
    superseded: Path
    register: RegisterResult
    columns: Path | None = None
    statuses: Path | None = None


def _prepare(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"«{out_dir}» là một tệp, không phải thư mục: chọn thư mục kết quả khác.")
    out_dir.mkdir(parents=True, exist_ok=True)


def _rows_in(path: Path) -> int:
    """How many registrations an existing list holds (a damaged one counts as not empty)."""
    if not path.exists():
        return 0
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    except (OSError, UnicodeDecodeError, csv.Error):
        return 1


def _refuse_emptying(collection: Collection, out_dir: Path) -> None:
    if collection.rows_out:
        return
    existing = _rows_in(out_dir / REGISTRATIONS_CSV)
    if existing:
        raise EmptyRerun(
            f"Lần chạy này không có bản đăng ký hợp lệ nào ({collection.count_line()}), trong khi "
            f"«{out_dir / REGISTRATIONS_CSV}» đang có {existing} bản: chưa ghi gì, để không thay danh sách "
            "đang có bằng danh sách rỗng. Kiểm tra lại nguồn (xem các dòng ở trên), hoặc ghi vào thư mục "
            "khác."
        )


def write_collection(collection: Collection, statuses: pd.DataFrame, out_dir: Path) -> CollectFiles:
    out_dir = Path(out_dir)
    with output_errors(out_dir):
        _prepare(out_dir)
        with folder_lock(out_dir):
            _refuse_emptying(collection, out_dir)
            live_register = register_path(out_dir, collection.year)
            entries = read_staff_entries(live_register)  # an unreadable register stops the run here
            with OutputSet(out_dir) as outputs:
                write_csv(collection.registrations, outputs.path(REGISTRATIONS_CSV))
                write_csv(collection.rejects, outputs.path(REJECTS_CSV))
                write_csv(collection.superseded, outputs.path(SUPERSEDED_CSV))
                write_csv(collection.columns, outputs.path(COLUMNS_CSV))
                write_csv(statuses, outputs.path(UNIT_STATUS_CSV))
                if live_register.exists():
                    shutil.copy2(live_register, outputs.path(backup_path(out_dir, collection.year).name))
                result = write_register(
                    outputs.path(live_register.name),
                    collection.registrations,
                    collection.rejects,
                    collection.superseded,
                    statuses,
                    entries,
                )
                outputs.commit()
    result.path = live_register
    return CollectFiles(
        registrations=out_dir / REGISTRATIONS_CSV,
        rejects=out_dir / REJECTS_CSV,
        superseded=out_dir / SUPERSEDED_CSV,
        register=result,
        columns=out_dir / COLUMNS_CSV,
        statuses=out_dir / UNIT_STATUS_CSV,
    )


def write_statuses(statuses: pd.DataFrame, out_dir: Path) -> Path:
    out_dir = Path(out_dir)
    with output_errors(out_dir):
        _prepare(out_dir)
        return write_csv(statuses, out_dir / UNIT_STATUS_CSV)
