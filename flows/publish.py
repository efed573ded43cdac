"""What a run shows in the Prefect UI: its name, its results, and why it failed.

- `run_name`: what and when, so a rerun is told apart from the run before it;
- `publish_results`: the summary, the tables (problem units first), the files written, each
  with a link to the office's file server and to its Google Drive copy;
- `reports_failure`: a failing run publishes `dvk-loi` (the Vietnamese reason and what to do)
  and ends Failed with that reason as its one-line state message.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run
from prefect.states import Failed

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.dates import VIETNAM
from dvk.errors import DvkError
from dvk.ui import artifacts
from dvk.ui.error_report import ERROR_KEY, describe_failure
from dvk.ui.file_links import FileLinks, run_links
from dvk.ui.serve_config import load_serve_config
from flows.tasks import TASKS


def _office_now() -> datetime:
    try:
        zone = ZoneInfo(load_serve_config().deadline_check.timezone)
    except DvkError:
        zone = VIETNAM
    return datetime.now(zone)


def run_name(slug: str, *fields: str):
    """A flow_run_name callable: «chu-trinh-nam-2026 (21/11/2026 14:05, mã 3f9a1c)»: the year(s)
    from the form, when the run started (the office's time zone), the start of the run's id (two
    runs started in the same minute still differ; staff quote it when asking for help)."""

    def name() -> str:
        params = flow_run.parameters.get("params") or {}
        now = _office_now()
        values = [
            (params.get(f) if isinstance(params, dict) else getattr(params, f, None))
            or (now.year if f == "year" else "")  # the scheduled check: the current year
            for f in fields
        ]
        what = "-".join([slug, *[str(v) for v in values if v]])
        return f"{what} ({now:%d/%m/%Y %H:%M}, mã {str(flow_run.id)[:6]})"

    return name


def reports_failure(body):
    """Wrap a flow's body: on any error, publish `dvk-loi` and end Failed with its one line."""

    @functools.wraps(body)
    def wrapper(*args, **kwargs):
        try:
            return body(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 — every failure is explained to the clerk
            report = describe_failure(error)
            get_run_logger().error(report.line)
            create_markdown_artifact(report.markdown, key=ERROR_KEY, description=report.line[:300])
            return Failed(message=report.line, data=error)

    # Prefect builds the form and checks the parameters from the signature: give it the body's
    # annotations resolved where the body was written (this module does not import them).
    wrapper.__annotations__ = typing.get_type_hints(body)
    wrapper.__signature__ = inspect.signature(body, eval_str=True)
    return wrapper


def upload_documents(plan: RunPlan, files: list[tuple[str, Path]]) -> tuple[list[str], dict[str, str]]:
    """jobs.upload, keeping the Drive address of each uploaded file for the files table."""
    uploaded: list = []

    def recording(paths, folder):
        result = TASKS.upload_to_drive(paths, folder)
        uploaded.extend(result)
        return result

    notes = jobs.upload(plan, files, dataclasses.replace(TASKS, upload_to_drive=recording))
    return notes, {item.name: artifacts.drive_link(item) for item in uploaded}


def publish_results(
    title: str,
    sections: list[tuple[str, list[str]]],
    files: list[tuple[str, Path]],
    statuses: pd.DataFrame | None = None,
    rejects: pd.DataFrame | None = None,
    units: list[str] | None = None,
    extra_tables: list[tuple[str, str, list[dict]]] | None = None,
    year: int | None = None,
    drive: dict[str, str] | None = None,
) -> None:
    """The summary on the run itself (the UI lists it first, above what tasks published), then
    the tables and the files from one task."""
    links = run_links()
    if links is not None and year is not None:
        page = f"[Mở trang các tệp của năm {year}]({links.year_url(year)})"
        sections = [("Tệp kết quả", [f"- {page} (từng tệp: bảng «dvk-tep-da-ghi»)"]), *sections]
    create_markdown_artifact(
        artifacts.summary_markdown(title, sections), key=artifacts.SUMMARY_KEY, description=title
    )
    publish_details(files, statuses, rejects, units, extra_tables, year, drive, links)


@task(name="Đăng kết quả lên giao diện", cache_policy=NO_CACHE)
def publish_details(
    files: list[tuple[str, Path]],
    statuses: pd.DataFrame | None,
    rejects: pd.DataFrame | None,
    units: list[str] | None,
    extra_tables: list[tuple[str, str, list[dict]]] | None,
    year: int | None,
    drive: dict[str, str] | None,
    links: FileLinks | None,
) -> None:
    if statuses is not None:
        create_table_artifact(
            artifacts.status_rows(statuses, units),
            key=artifacts.STATUS_KEY,
            description="Tình trạng đăng ký của đơn vị (đơn vị cần nhắc ở trên)",
        )
    if rejects is not None:
        create_table_artifact(
            artifacts.reject_rows(rejects),
            key=artifacts.REJECTS_KEY,
            description=f"Bản bị loại ({len(rejects)} lỗi) — lý do để đơn vị sửa lại",
        )
    for key, description, rows in extra_tables or []:
        create_table_artifact(rows, key=key, description=description)
    create_markdown_artifact(
        artifacts.files_markdown(files, links, drive, year),
        key=artifacts.FILES_KEY,
        description="Các tệp đã ghi, bấm để tải về",
    )


@task(name="Đăng bảng lỗi lên giao diện", cache_policy=NO_CACHE)
def publish_table(rows: list[dict], key: str, description: str) -> None:
    """A table published from a task, so it lists after the run's own reason (dvk-loi)."""
    create_table_artifact(rows, key=key, description=description)
