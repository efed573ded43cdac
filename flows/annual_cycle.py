"""Chu trình năm: collect the registrations, then check deadlines and targets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import flow

from dvk.outputs import REGISTRATIONS_CSV
from dvk.pipeline import CheckSummary, CollectSummary
from flows.check import check_deadlines
from flows.collect import collect_registrations


@dataclass
class CycleSummary:
    collect: CollectSummary
    check: CheckSummary


@flow(
    name="chu-trinh-nam",
    flow_run_name="chu-trinh-nam-{year}",
    description="Cả chu trình năm: thu thập đăng ký, kiểm tra hạn và chỉ tiêu.",
)
def annual_cycle(
    year: int, sources: list[str], out_dir: str, roster: str | None = None, mappings_dir: str | None = None
) -> CycleSummary:
    collected = collect_registrations(year, sources, out_dir, roster, mappings_dir)
    checked = check_deadlines(year, str(Path(out_dir) / REGISTRATIONS_CSV), out_dir, roster, mappings_dir)
    return CycleSummary(collect=collected, check=checked)
