"""Chu trình năm: collect the registrations, check deadlines and targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow

from dvk import artifacts
from dvk.parameters import CycleParams
from dvk.pipeline import CheckSummary, CollectSummary
from flows import steps
from flows.publish import publish_results
from flows.tasks import check_parameters


@dataclass
class CycleSummary:
    collect: CollectSummary
    check: CheckSummary
    files: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@flow(
    name="chu-trinh-nam",
    flow_run_name="chu-trinh-nam-{params.year}",
    description="Cả chu trình năm: thu thập đăng ký, kiểm tra hạn và chỉ tiêu.",
)
def annual_cycle(params: CycleParams = CycleParams()) -> CycleSummary:  # noqa: B008
    plan = check_parameters(params)
    collected = steps.collect(plan)
    checked = steps.check(plan)
    files = [*artifacts.collect_files(collected.summary), ("Tình trạng đơn vị", Path(checked.summary.file))]
    publish_results(
        f"Chu trình năm {plan.year}",
        [
            ("Thu thập đăng ký", artifacts.collect_lines(collected.summary)),
            ("Tình trạng đơn vị", artifacts.check_lines(checked.summary)),
        ],
        files,
        statuses=checked.statuses,
        rejects=collected.collection.rejects,
        units=plan.units,
    )
    return CycleSummary(collected.summary, checked.summary, [(label, str(path)) for label, path in files])
