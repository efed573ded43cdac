"""A national run's two ends: which provinces to merge, and the merge itself.

`run_national` is the whole run in one process (the CLI without a Prefect server, the tests);
the Prefect flow «Tổng hợp toàn quốc» runs each province on a worker instead and then calls
`merge_national` with what each province's run ended as.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dvk.errors import DvkError
from dvk.folders import register_path
from dvk.mappings import Mappings
from dvk.national.config import NationalConfig, Province
from dvk.national.merge import (
    national_register_path,
    read_province_register,
    recognised_list_path,
    write_national_register,
    write_recognised_list,
)
from dvk.national.outcomes import ProvinceOutcome, ProvinceState
from dvk.national.province import ProvinceDone, run_province


def completed(province: Province, done: ProvinceDone, flow_run: str = "") -> ProvinceOutcome:
    return ProvinceOutcome(province.code, province.name, ProvinceState.COMPLETED, done.count_line, flow_run)


def failed(province: Province, reason: str, flow_run: str = "") -> ProvinceOutcome:
    return ProvinceOutcome(province.code, province.name, ProvinceState.FAILED, reason, flow_run)


def not_run(province: Province, year: int) -> ProvinceOutcome:
    """A province left out of this run: its earlier register is merged when there is one."""
    register = register_path(province.output_for(year), year)
    if register.exists():
        return ProvinceOutcome(province.code, province.name, ProvinceState.KEPT, f"Sổ theo dõi: {register}")
    return ProvinceOutcome(province.code, province.name, ProvinceState.MISSING)


@dataclass
class Merged:
    outcomes: list[ProvinceOutcome]
    files: list[tuple[str, Path]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def merge_national(config: NationalConfig, year: int, outcomes: list[ProvinceOutcome]) -> Merged:
    """Read every merged province's register; write the national register and the recognised list."""
    by_code = {province.code: province for province in config.provinces}
    mappings_folder = Mappings(config.mappings).folder
    registers = []
    warnings = []
    for outcome in outcomes:
        if not outcome.merged:
            continue
        province = by_code[outcome.code]
        try:
            register = read_province_register(
                province.code, province.name, register_path(province.output_for(year), year), mappings_folder
            )
        except DvkError as error:
            outcome.state, outcome.message = ProvinceState.FAILED, str(error)
            continue
        outcome.rows, outcome.recognised = len(register.frame), len(register.recognised)
        outcome.rejected = len(register.rejects)
        if register.problems:
            warnings.append(
                f"{province.name}: {register.problems} lỗi ở cột đánh giá trong sổ theo dõi; "
                "các dòng lỗi chưa được tính là công nhận."
            )
        registers.append(register)
    out = config.output_for(year)
    files = [
        (
            "Sổ theo dõi toàn quốc",
            write_national_register(national_register_path(out, year), registers, outcomes),
        ),
        (
            "Danh sách công nhận cấp tỉnh",
            write_recognised_list(recognised_list_path(out, year), registers, year, config.title),
        ),
    ]
    return Merged(outcomes, files, warnings)


def run_national(config: NationalConfig, year: int, codes: list[str] | None = None) -> Merged:
    """Every selected province in turn in this process; one failing does not stop the others."""
    selected = {province.code for province in config.selected(codes or [])}
    outcomes = []
    for province in config.provinces:
        if province.code not in selected:
            outcomes.append(not_run(province, year))
            continue
        try:
            outcomes.append(completed(province, run_province(config, province, year)))
        except DvkError as error:
            outcomes.append(failed(province, str(error)))
    return merge_national(config, year, outcomes)
