"""One province of a national run: its plan, its collection and check, with the cycle's jobs."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
    """What one province's run did, in plain values (returned by its flow, shown in the UI)."""

    code: str
    name: str
    year: int
    count_line: str
    rows_out: int
    rows_rejected: int
    units_missing: int
    units_late: int
    register: str

    def as_dict(self) -> dict:
        return asdict(self)


def run_province(
    config: NationalConfig, province: Province, year: int, steps: Steps = DIRECT
) -> ProvinceDone:
    """Collect and check one province; a DvkError (a form not shared…) goes up with its reason."""
    plan = province_plan(config, province, year)
    collected = jobs.collect(plan, steps)
    checked = jobs.check(plan, steps, collected)
    summary = collected.summary
    return ProvinceDone(
        code=province.code,
        name=province.name,
        year=year,
        count_line=summary.count_line,
        rows_out=summary.rows_out,
        rows_rejected=summary.rows_rejected,
        units_missing=checked.summary.missing,
        units_late=checked.summary.late,
        register=summary.files["register"],
    )
