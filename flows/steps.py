"""The steps several flows share, each a few tasks in order; flows call them with a checked RunPlan."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dvk.collect import Collection
from dvk.errors import DvkError
from dvk.outputs import REGISTRATIONS_CSV
from dvk.parameters import RunPlan
from dvk.pipeline import CheckSummary, CollectSummary, summarise_collection, summarise_statuses
from flows.tasks import (
    check_units,
    normalise_registrations,
    read_registration_sources,
    read_registrations,
    write_collection_files,
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
    return Collected(summarise_collection(collection, files), collection, statuses)


@dataclass
class Checked:
    summary: CheckSummary
    statuses: pd.DataFrame


def check(plan: RunPlan) -> Checked:
    registrations = Path(plan.out_dir) / REGISTRATIONS_CSV
    if not registrations.exists():
        raise DvkError(
            f"Chưa có danh sách đăng ký {registrations}: chạy «Thu thập đăng ký» cho năm {plan.year} trước, "
            "hoặc bật «Thu thập lại trước khi kiểm tra»."
        )
    statuses = check_units(read_registrations(registrations), plan.year, plan.settings)
    path = write_unit_statuses(statuses, plan.out_dir)
    return Checked(summarise_statuses(statuses, plan.year, path), statuses)
