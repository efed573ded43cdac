"""Publishing a run's results to the Prefect UI: summary, unit statuses, rejects, files written."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from dvk.ui import artifacts


@task(name="Đăng kết quả lên giao diện", cache_policy=NO_CACHE)
def publish_results(
    title: str,
    sections: list[tuple[str, list[str]]],
    files: list[tuple[str, Path]],
    statuses: pd.DataFrame | None = None,
    rejects: pd.DataFrame | None = None,
    units: list[str] | None = None,
    extra_tables: list[tuple[str, str, list[dict]]] | None = None,
) -> None:
    create_markdown_artifact(
        artifacts.summary_markdown(title, sections), key=artifacts.SUMMARY_KEY, description=title
    )
    if statuses is not None:
        rows = artifacts.status_rows(statuses, units)
        create_table_artifact(rows, key=artifacts.STATUS_KEY, description="Tình trạng đăng ký của đơn vị")
    if rejects is not None:
        create_table_artifact(
            artifacts.reject_rows(rejects),
            key=artifacts.REJECTS_KEY,
            description=f"Bản bị loại ({len(rejects)} lỗi) — lý do để đơn vị sửa lại",
        )
    for key, description, rows in extra_tables or []:
        create_table_artifact(rows, key=key, description=description)
    create_markdown_artifact(
        artifacts.files_markdown(files), key=artifacts.FILES_KEY, description="Các tệp đã ghi"
    )
