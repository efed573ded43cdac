"""Every job of the year with every guard: collect, check, remind, report, decide, review.

The CLI calls these with the plain steps (`DIRECT`); the flows call them with the same steps as
Prefect tasks. A guard here holds on both paths: unbalanced counts write nothing, a bad
evaluation issues no decision and takes no number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import DIRECT, Steps
from dvk.cycle.summaries import CheckSummary, CollectSummary, summarise_collection, summarise_statuses
from dvk.errors import CountMismatch, EvaluationInvalid, NothingToDecide, SourceError
from dvk.folders import REGISTRATIONS_CSV, UNIT_STATUS_CSV, register_path
from dvk.intake.collection import Collection
from dvk.register.evaluation import EvaluationCheck

DECISION_TYPE = "QD"
UPLOADED_SUFFIXES = {".docx", ".xlsx", ".pdf"}
RESULTS_REPORT = "Báo cáo kết quả"


@dataclass
class Collected:
    summary: CollectSummary
    collection: Collection
    statuses: pd.DataFrame


def collect(plan: RunPlan, steps: Steps = DIRECT, progress=None) -> Collected:
    """Sources → registrations.csv, rejects.csv, superseded.csv and the register.

    Nothing is written when the counts do not add up (rows in = valid + rejected + superseded)."""
    read = steps.read_sources(plan.sources, plan.settings.mappings, progress)
    collection = steps.normalise_registrations(read, plan.year, plan.settings)
    del read  # the raw tables, not needed once normalised: let them go before the register is written
    if not collection.balanced:
        raise CountMismatch(f"Số dòng không khớp, chưa ghi tệp nào: {collection.count_line()}")
    statuses = steps.check_units(collection.registrations, plan.year, plan.settings)
    files = steps.write_collection_files(collection, statuses, plan.out_dir)
    if plan.register_sheet:
        steps.push_register_to_sheet(files.register.path, plan.register_sheet)
    return Collected(summarise_collection(collection, files), collection, statuses)


@dataclass
class Checked:
    summary: CheckSummary
    statuses: pd.DataFrame


def check(
    plan: RunPlan,
    steps: Steps = DIRECT,
    collected: Collected | None = None,
    registrations: Path | None = None,
) -> Checked:
    """Each unit's status, from what this run just collected or from a registrations.csv."""
    if collected is not None:
        statuses = collected.statuses
    else:
        path = Path(registrations) if registrations else plan.data_dir / REGISTRATIONS_CSV
        if not path.exists():
            raise SourceError(
                f"Chưa có danh sách đăng ký {path}: chạy «Thu thập đăng ký» cho năm {plan.year} "
                "trước, hoặc bật «Thu thập lại trước khi kiểm tra»."
            )
        statuses = steps.check_units(steps.read_registrations(path), plan.year, plan.settings)
    path = steps.write_unit_statuses(statuses, plan.out_dir)
    return Checked(summarise_statuses(statuses, plan.year, path), statuses)


@dataclass
class Reminded:
    path: Path
    count: int
    checked: Checked
    letter: Path


def remind(plan: RunPlan, steps: Steps = DIRECT) -> Reminded:
    """The units to remind with their e-mails and messages, and the reminder letter."""
    checked = check(plan, steps)
    path, count = steps.write_reminder_list(plan, checked.statuses)
    return Reminded(path, count, checked, steps.write_reminder_letter(plan, checked.statuses))


@dataclass
class Reported:
    files: list[tuple[str, Path]]
    warnings: list[str]
    report_files: object = None  # dvk.documents.reports.ReportFiles


def report(plan: RunPlan, steps: Steps = DIRECT) -> Reported:
    """The Word/Excel documents of the year; rows left out come back as warnings."""
    files = steps.build_reports(plan)
    labelled = [
        ("Tổng hợp đăng ký (Word)", files.consolidated_docx),
        ("Tổng hợp đăng ký (Excel)", files.consolidated_xlsx),
        (RESULTS_REPORT, files.results_report),
        ("Công văn đôn đốc", files.reminder_letter),
        *[(f"Biểu mẫu đơn vị {path.stem}", path) for path in files.unit_forms],
        *[(f"PDF {path.stem}", path) for path in files.pdfs],
    ]
    return Reported(labelled, list(files.warnings), files)


@dataclass
class Decided:
    path: Path | None
    number: int | str | None
    counts: dict[str, int]
    recognised: int
    note: str
    checked: EvaluationCheck | None = None  # the evaluation the decision was made from


def _evaluated_register(plan: RunPlan) -> Path:
    register = Path(plan.register) if plan.register else register_path(plan.data_dir, plan.year)
    if not register.exists():
        raise SourceError(
            f"Không tìm thấy sổ theo dõi «{register}»: chạy «Thu thập đăng ký» năm {plan.year} trước."
        )
    return register


def decide(
    plan: RunPlan,
    steps: Steps = DIRECT,
    number: str = "",
    signed_on: date | None = None,
    required: bool = True,
) -> Decided:
    """Check the register's evaluation, allocate the number, write the decision.

    Bad evaluation data → EvaluationInvalid with every problem; a recognised row with an unknown
    field, form or kind, or no LibreOffice for the PDF → DvkError; nothing written, no number taken.
    Nothing recognised → NothingToDecide when required, otherwise a note (the annual cycle goes on).
    With a numbering register the number is allocated (or the typed one recorded); without one,
    the typed number is printed as is, or the number line is left blank for the clerk."""
    checked: EvaluationCheck = steps.read_evaluated_register(
        _evaluated_register(plan), plan.settings.mappings.folder
    )
    if not checked.ok:
        raise EvaluationInvalid(checked)
    recognised = len(checked.recognised)
    if not recognised:
        note = (
            f"Sổ theo dõi năm {plan.year} chưa có mô hình nào được đánh giá «Công nhận» "
            "ở cột «Kết quả đánh giá»; chưa ra quyết định."
        )
        if required:
            raise NothingToDecide(note)
        return Decided(None, None, checked.counts, 0, note, checked)
    _refuse_what_would_fail_after_numbering(plan, checked)
    typed = number.strip() if number else ""
    given: int | str | None = int(typed) if typed.isdigit() else (typed or None)
    again = ""
    if plan.numbering_dir is not None:
        on = signed_on or datetime.now(plan.settings.mappings.deadlines.timezone).date()
        requested = int(typed) if typed else None
        allocation = steps.allocate_number(plan, DECISION_TYPE, f"cong-nhan-{plan.year}", on, requested)
        given, signed_on = allocation.number, on
        again = " (cấp lại số đã có của quyết định năm này)" if allocation.already_given else ""
    path = steps.write_decision(plan, checked, None if given is None else str(given), signed_on)
    when = f", ngày {signed_on:%d/%m/%Y}" if signed_on else ""
    shown = f"số {given}" if given is not None else "(số để văn thư điền)"
    note = f"Quyết định {shown}{when}, công nhận {recognised} mô hình{again}."
    return Decided(path, given, checked.counts, recognised, note, checked)


def _refuse_what_would_fail_after_numbering(plan: RunPlan, checked: EvaluationCheck) -> None:
    """What would stop the decision from being written, checked before a number is taken for it."""
    from dvk.documents.decision import decision_rows
    from dvk.documents.pdf import require_soffice

    if plan.pdf:
        require_soffice()
    decision_rows(checked)


def decide_and_report(plan: RunPlan, steps: Steps = DIRECT, **options) -> tuple[Decided, Reported | None]:
    """The decision, then the results report again when it was issued, counting exactly what the
    decision recognises (from the evaluation the decision was made from). The other documents of
    the year stay as they are: the reminder letter already sent keeps its date."""
    decided = decide(plan, steps, **options)
    if decided.path is None or decided.checked is None or not (plan.data_dir / UNIT_STATUS_CSV).exists():
        return decided, None
    written = steps.write_results_report(plan, decided.checked)
    files = [(RESULTS_REPORT, written.path)]
    if written.pdf:
        files.append((f"PDF {written.pdf.stem}", written.pdf))
    return decided, Reported(files, written.warnings)


def upload(plan: RunPlan, files: list[tuple[str, Path]], steps: Steps = DIRECT) -> list[str]:
    """Put the run's .docx/.xlsx/.pdf files into the Drive folder named in the form, if any."""
    if not plan.drive_folder:
        return []
    documents = [path for _, path in files if Path(path).suffix.lower() in UPLOADED_SUFFIXES]
    uploaded = steps.upload_to_drive(documents, plan.drive_folder)
    replaced = sum(1 for item in uploaded if item.replaced)
    return [f"Đã tải {len(uploaded)} tệp lên Google Drive ({replaced} tệp thay bản cũ cùng tên)."]


@dataclass
class Reviewed:
    review: object  # dvk.documents.review.Review
    files: list[Path] = field(default_factory=list)


def review(plan: RunPlan, steps: Steps = DIRECT) -> Reviewed:
    """Several years' registers → the review tables, as Excel and Word."""
    registers = steps.read_registers(plan.register_paths)
    aggregated = steps.aggregate_years(registers, plan.settings)
    return Reviewed(aggregated, steps.write_review(plan, aggregated))
