"""One province of a national run: its plan and its collection, with the cycle's jobs."""

from __future__ import annotations

from dataclasses import dataclass

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import DIRECT, Steps
from dvk.national.config import NationalConfig, Province


def province_plan(config: NationalConfig, province: Province, year: int) -> RunPlan:
    """The province's roster, deadline, sources and output folder as a run plan."""
    return RunPlan(
        year=year,
        settings=province.settings(config.mappings),
        out_dir=province.output_for(year),
        sources=province.sources_for(year),
    )


@dataclass
class ProvinceDone:
    """What one province's run did: its count line (returned by its flow, shown in the UI)."""

    count_line: str


def run_province(
    config: NationalConfig, province: Province, year: int, steps: Steps = DIRECT
) -> ProvinceDone:
    """Collect one province (the unit statuses are written with it, under the folder's lock);
    a DvkError (a form not shared…) goes up with its reason."""
    plan = province_plan(config, province, year)
    collected = jobs.collect(plan, steps)
    return ProvinceDone(count_line=collected.summary.count_line)
