"""Prefect tasks: each one logical step of the cycle, calling the dvk package."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from prefect import task
from prefect.cache_policies import NO_CACHE

from dvk import pipeline
from dvk.collect import Collection
from dvk.outputs import CollectFiles, write_collection, write_statuses
from dvk.settings import Settings, load_settings
from dvk.sources import SourceRead


@task(name="Nạp cấu hình và danh sách đơn vị", cache_policy=NO_CACHE)
def load_run_settings(roster: str | None, mappings_dir: str | None) -> Settings:
    return load_settings(roster, mappings_dir)


@task(name="Đọc các nguồn đăng ký", retries=2, retry_delay_seconds=[5, 30], cache_policy=NO_CACHE)
def read_registration_sources(sources: list[str], settings: Settings) -> SourceRead:
    return pipeline.read_registration_sources(sources, settings)


@task(name="Chuẩn hóa theo biểu mẫu chính thức", cache_policy=NO_CACHE)
def normalise_registrations(read: SourceRead, year: int, settings: Settings) -> Collection:
    return pipeline.normalise_registrations(read, year, settings)


@task(name="Xác định tình trạng đăng ký của đơn vị", cache_policy=NO_CACHE)
def check_units(registrations: pd.DataFrame, year: int, settings: Settings) -> pd.DataFrame:
    return pipeline.check_units(registrations, year, settings)


@task(name="Đọc danh sách đăng ký đã chuẩn hóa", cache_policy=NO_CACHE)
def read_registrations(path: str) -> pd.DataFrame:
    return pipeline.read_registrations(Path(path))


@task(name="Ghi danh sách và sổ theo dõi", cache_policy=NO_CACHE)
def write_collection_files(collection: Collection, statuses: pd.DataFrame, out_dir: str) -> CollectFiles:
    return write_collection(collection, statuses, Path(out_dir))


@task(name="Ghi tình trạng đơn vị", cache_policy=NO_CACHE)
def write_unit_statuses(statuses: pd.DataFrame, out_dir: str) -> Path:
    return write_statuses(statuses, Path(out_dir))
