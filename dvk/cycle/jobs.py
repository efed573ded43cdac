"""The steps several flows share, each a few tasks in order; flows call them with a checked RunPlan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from dvk.collect import Collection
from dvk.errors import DvkError
from dvk.outputs import REGISTRATIONS_CSV
from dvk.parameters import RunPlan
from dvk.pipeline import CheckSummary, CollectSummary, summarise_collection, summarise_statuses
from dvk.register import register_path
from flows.tasks import (
    allocate_number,
    build_reports,
    check_evaluations,
    check_units,
    normalise_registrations,
    push_register_to_sheet,
    read_register,
    read_registration_sources,
    read_registrations,
    upload_to_drive,
    write_collection_files,
    write_decision,
    write_unit_statuses,
)


class CountMismatch(DvkError):
    """Rows in ≠ rows out + rejected + superseded: something was lost, so nothing is written."""


@dataclass
class Collected:
    summary: CollectSummary
    collection: Collection
    statuses: pd.DataFrame


def collect(plan: RunPlan) -> Collected:
    read = read_registration_sources(plan.sources, plan.settings)
    collection = normalise_registrations(read, plan.year, plan.settings)
    if not collection.balanced:
        raise CountMismatch(f"Số dòng không khớp, chưa ghi tệp nào: {collection.count_line()}")
    statuses = check_units(collection.registrations, plan.year, plan.settings)
    files = write_collection_files(collection, statuses, plan.out_dir)
    if plan.register_sheet:
        push_register_to_sheet(files.register.path, plan.register_sheet)
    return Collected(summarise_collection(collection, files), collection, statuses)


def upload(plan: RunPlan, files: list[tuple[str, Path]]) -> list[str]:
    """Put the run's .docx/.xlsx files into the Drive folder named in the form, if any."""
    if not plan.drive_folder:
        return []
    documents = [path for _, path in files if Path(path).suffix.lower() in {".docx", ".xlsx", ".pdf"}]
    uploaded = upload_to_drive(documents, plan.drive_folder)
    replaced = sum(1 for item in uploaded if item.replaced)
    return [f"Đã tải {len(uploaded)} tệp lên Google Drive ({replaced} tệp thay bản cũ cùng tên)."]


@dataclass
class Checked:
    summary: CheckSummary
    statuses: pd.DataFrame


def check(plan: RunPlan, collected: Collected | None = None) -> Checked:
    """Unit statuses from what this run just collected, or from the year's registrations.csv."""
    if collected is not None:
        statuses = collected.statuses
    else:
        registrations = Path(plan.out_dir) / REGISTRATIONS_CSV
        if not registrations.exists():
            raise DvkError(
                f"Chưa có danh sách đăng ký {registrations}: chạy «Thu thập đăng ký» cho năm {plan.year} "
                "trước, hoặc bật «Thu thập lại trước khi kiểm tra»."
            )
        statuses = check_units(read_registrations(registrations), plan.year, plan.settings)
    path = write_unit_statuses(statuses, plan.out_dir)
    return Checked(summarise_statuses(statuses, plan.year, path), statuses)


def reports(plan: RunPlan) -> tuple[list[tuple[str, Path]], list[str]]:
    """The Word/Excel reports of the year; warnings about rows left out come back as notes."""
    files = build_reports(plan)
    labelled = [
        ("Tổng hợp đăng ký (Word)", files.consolidated_docx),
        ("Tổng hợp đăng ký (Excel)", files.consolidated_xlsx),
        ("Báo cáo kết quả", files.results_report),
        ("Công văn đôn đốc", files.reminder_letter),
        *[(f"Biểu mẫu đơn vị {path.stem}", path) for path in files.unit_forms],
        *[(f"PDF {path.stem}", path) for path in files.pdfs],
    ]
    return labelled, list(files.warnings)


DECISION_TYPE = "QD"
RESULT_LABELS = {
    "recognised": "Công nhận",
    "not_recognised": "Không công nhận",
    "pending": "Đang đánh giá",
    "empty": "Chưa đánh giá",
}


@dataclass
class Decided:
    path: Path | None
    number: int | None
    counts: dict[str, int]
    recognised: int
    note: str


def decide(plan: RunPlan, number: str = "", signed_on: date | None = None, required: bool = True) -> Decided:
    """Check the register's evaluation, allocate the number, write the decision.

    Bad evaluation data → EvaluationInvalid with every problem; nothing written, no number taken.
    Nothing recognised → DvkError when required, otherwise a note (the annual cycle goes on)."""
    register = register_path(plan.out_dir, plan.year)
    if not register.exists():
        raise DvkError(
            f"Không tìm thấy sổ theo dõi «{register}»: chạy «Thu thập đăng ký» năm {plan.year} trước."
        )
    checked = check_evaluations(read_register(register), plan.settings.mappings.folder)
    if not checked.ok:
        raise EvaluationInvalid(checked)
    recognised = len(checked.recognised)
    if not recognised:
        note = (
            f"Sổ theo dõi năm {plan.year} chưa có mô hình nào ghi «Công nhận» ở cột «Kết quả đánh giá»; "
            "chưa ra quyết định."
        )
        if required:
            raise DvkError(note)
        return Decided(None, None, checked.counts, 0, note)
    on = signed_on or datetime.now(plan.settings.mappings.deadlines.timezone).date()
    requested = int(number) if number.strip() else None
    allocation = allocate_number(plan.numbering_dir, DECISION_TYPE, f"cong-nhan-{plan.year}", on, requested)
    path = write_decision(plan, register, allocation.number, on)
    again = " (cấp lại số đã có của quyết định năm này)" if allocation.already_given else ""
    note = f"Quyết định số {allocation.number}, ngày {on:%d/%m/%Y}, công nhận {recognised} mô hình{again}."
    return Decided(path, allocation.number, checked.counts, recognised, note)


class EvaluationInvalid(DvkError):
    def __init__(self, checked) -> None:
        super().__init__(checked.message())
        self.checked = checked
