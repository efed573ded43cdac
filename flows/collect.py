"""Thu thập đăng ký: sources → normalised registrations, rejects and the register."""

from __future__ import annotations

from prefect import flow, get_run_logger

from dvk.pipeline import CollectSummary, summarise_collection
from flows.tasks import (
    check_units,
    load_run_settings,
    normalise_registrations,
    read_registration_sources,
    write_collection_files,
)


@flow(
    name="thu-thap-dang-ky",
    flow_run_name="thu-thap-dang-ky-{year}",
    description="Thu thập đăng ký mô hình, điển hình từ Google Forms, biểu mẫu Excel và thư mục.",
)
def collect_registrations(
    year: int, sources: list[str], out_dir: str, roster: str | None = None, mappings_dir: str | None = None
) -> CollectSummary:
    logger = get_run_logger()
    settings = load_run_settings(roster, mappings_dir)
    read = read_registration_sources(sources, settings)
    collection = normalise_registrations(read, year, settings)
    statuses = check_units(collection.registrations, year, settings)
    files = write_collection_files(collection, statuses, out_dir)
    summary = summarise_collection(collection, files)
    logger.info(summary.count_line)
    if not summary.balanced:
        raise RuntimeError(f"Số dòng không khớp: {summary.count_line}")
    return summary
