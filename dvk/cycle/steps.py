"""Prefect tasks: each one logical step of the cycle, calling the dvk package.

Tasks that touch files or Google retry with exponential backoff on unexpected errors; a
DvkError (a problem the user must fix, such as an unreadable file) fails at once with its
Vietnamese message, since trying again cannot help.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from pydantic import BaseModel

from dvk import pipeline
from dvk.collect import Collection
from dvk.errors import DvkError
from dvk.outputs import REJECTS_CSV, CollectFiles, write_collection, write_statuses
from dvk.parameters import RunPlan, plan_run
from dvk.schema import REJECT_COLUMNS
from dvk.settings import Settings
from dvk.sources import SourceRead
from dvk.tables import read_csv

OUTSIDE_RETRIES = 3
OUTSIDE_BACKOFF = exponential_backoff(backoff_factor=5)  # 5 s, 10 s, 20 s


def worth_retrying(task, task_run, state) -> bool:
    """Retry only errors that may pass (network, a file briefly locked), not a user's mistake."""
    try:
        state.result()
    except DvkError:
        return False
    except Exception:  # noqa: BLE001 — anything else may be transient
        return True
    return False


outside = dict(
    retries=OUTSIDE_RETRIES,
    retry_delay_seconds=OUTSIDE_BACKOFF,
    retry_jitter_factor=0.2,
    retry_condition_fn=worth_retrying,
    cache_policy=NO_CACHE,
)


@task(name="Kiểm tra thông số", cache_policy=NO_CACHE)
def check_parameters(params: BaseModel) -> RunPlan:
    return plan_run(params)


@task(name="Đọc các nguồn đăng ký", **outside)
def read_registration_sources(sources: list[str], settings: Settings) -> SourceRead:
    return pipeline.read_registration_sources(sources, settings)


@task(name="Chuẩn hóa theo biểu mẫu chính thức", cache_policy=NO_CACHE)
def normalise_registrations(read: SourceRead, year: int, settings: Settings) -> Collection:
    return pipeline.normalise_registrations(read, year, settings)


@task(name="Xác định tình trạng đăng ký của đơn vị", cache_policy=NO_CACHE)
def check_units(registrations: pd.DataFrame, year: int, settings: Settings) -> pd.DataFrame:
    return pipeline.check_units(registrations, year, settings)


@task(name="Đọc danh sách đăng ký đã chuẩn hóa", **outside)
def read_registrations(path: Path) -> pd.DataFrame:
    return pipeline.read_registrations(Path(path))


@task(name="Đọc danh sách bị loại", **outside)
def read_rejects(out_dir: Path) -> pd.DataFrame:
    path = Path(out_dir) / REJECTS_CSV
    return read_csv(path, REJECT_COLUMNS) if path.exists() else pd.DataFrame(columns=REJECT_COLUMNS)


@task(name="Ghi danh sách và sổ theo dõi", **outside)
def write_collection_files(collection: Collection, statuses: pd.DataFrame, out_dir: Path) -> CollectFiles:
    return write_collection(collection, statuses, Path(out_dir))


@task(name="Ghi tình trạng đơn vị", **outside)
def write_unit_statuses(statuses: pd.DataFrame, out_dir: Path) -> Path:
    return write_statuses(statuses, Path(out_dir))


@task(name="Lập báo cáo, công văn đôn đốc, biểu mẫu", **outside)
def build_reports(plan: RunPlan):
    from dvk.documents.pipeline import build_reports as build

    return build(
        plan.year,
        plan.out_dir,
        plan.out_dir,
        organisation=plan.organisation,
        profile=plan.profile,
        pdf=plan.pdf,
    )


@task(name="Đọc sổ theo dõi", **outside)
def read_register(path: Path) -> pd.DataFrame:
    from dvk.register import read_register as read

    return read(Path(path))


@task(name="Kiểm tra cột đánh giá trong sổ theo dõi", cache_policy=NO_CACHE)
def check_evaluations(register: pd.DataFrame, mappings_folder: Path):
    from dvk.decision_check import check_evaluations as check

    return check(register, mappings_folder)


@task(name="Cấp số văn bản", **outside)
def allocate_number(folder: Path, code: str, subject: str, on: date, requested: int | None):
    from dvk.numbering import allocate, load_numbering_rules

    return allocate(folder, load_numbering_rules(), code, subject, on, requested)


@task(name="Viết quyết định công nhận", **outside)
def write_decision(plan: RunPlan, register: Path, number: int, signed_on: date) -> Path:
    from dvk.documents.pipeline import write_decision as write

    return write(
        plan.year,
        register,
        plan.out_dir,
        number=str(number),
        signed_on=signed_on,
        organisation=plan.organisation,
        profile=plan.profile,
        pdf=plan.pdf,
    )


@task(name="Ghi danh sách đơn vị cần đôn đốc", **outside)
def write_reminder_list(plan: RunPlan, statuses: pd.DataFrame) -> tuple[Path, int]:
    from dvk.reminders import write_reminder_list as write

    deadline = plan.settings.mappings.deadlines.deadline_date(plan.year)
    return write(statuses, plan.year, deadline, plan.out_dir, plan.units)


@task(name="Đọc sổ theo dõi các năm", **outside)
def read_registers(paths: dict[int, Path]) -> dict[int, pd.DataFrame]:
    from dvk.review import read_registers as read

    return read(paths)


@task(name="Ghi báo cáo sơ kết, tổng kết", **outside)
def write_review(review, out_dir: Path, organisation: Path | None, profile: str | None) -> list[Path]:
    from dvk.review_documents import review_file_stem, write_review_docx, write_review_xlsx

    stem = Path(out_dir) / review_file_stem(review)
    return [
        write_review_xlsx(review, stem.with_suffix(".xlsx")),
        write_review_docx(review, stem.with_suffix(".docx"), organisation, profile),
    ]


# The Google client retries 429/5xx itself (bounded backoff); a second retry layer here would
# multiply the waits, so these two tasks do not retry.
@task(name="Ghi sổ theo dõi lên Google Sheet", cache_policy=NO_CACHE)
def push_register_to_sheet(register: Path, spreadsheet: str):
    from dvk.google.outputs import push_register

    return push_register(Path(register), spreadsheet)


@task(name="Tải văn bản lên Google Drive", cache_policy=NO_CACHE)
def upload_to_drive(paths: list[Path], folder: str):
    from dvk.google.outputs import upload_files

    return upload_files([Path(p) for p in paths], folder)
