"""Fixtures for the documents tests: the sample province collected and checked once per session,
the reports built from it, and a register in which staff marked some models recognised."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from documents_support import YEAR, decide, mark_register


@pytest.fixture(scope="session")
def collected(tmp_path_factory, settings, sample_dir) -> Path:
    """`dvk collect` + `dvk check` output for the bundled sample province."""
    from dvk.cycle import jobs
    from dvk.cycle.plan import RunPlan

    out = tmp_path_factory.mktemp("collected")
    jobs.collect(RunPlan(YEAR, settings, out, sources=[str(sample_dir)]))
    jobs.check(RunPlan(YEAR, settings, out), registrations=out / "registrations.csv")
    return out


@pytest.fixture(scope="session")
def registrations(collected):
    from dvk.cycle.steps import read_registrations

    return read_registrations(collected / "registrations.csv")


@pytest.fixture(scope="session")
def statuses(collected):
    from dvk.schema import UNIT_STATUS_COLUMNS
    from dvk.tables import read_csv

    return read_csv(collected / "unit_status.csv", UNIT_STATUS_COLUMNS)


@pytest.fixture(scope="session")
def reports(collected, tmp_path_factory, settings):
    from dvk.documents.reports import build_reports

    return build_reports(YEAR, collected, tmp_path_factory.mktemp("reports"), settings)


@pytest.fixture(scope="session")
def state_reports(collected, tmp_path_factory, settings):
    from dvk.documents.reports import build_reports

    return build_reports(
        YEAR, collected, tmp_path_factory.mktemp("reports_state"), settings, profile="nha_nuoc"
    )


@pytest.fixture(scope="session")
def marked_register(collected, tmp_path_factory):
    """A copy of the register: every 4th row recognised, some not, the rest not yet evaluated.
    Returns the path and the registration ids staff recognised."""
    from dvk.register.workbook import read_register

    path = tmp_path_factory.mktemp("register") / f"so_theo_doi_{YEAR}.xlsx"
    shutil.copy(collected / f"so_theo_doi_{YEAR}.xlsx", path)
    rows = read_register(path)
    results = {}
    for index in range(len(rows)):
        if index % 4 == 1:
            results[index] = ("Công nhận", "Cấp tỉnh")
        elif index % 4 == 2:
            results[index] = ("Không đạt", "")
        elif index % 4 == 3:
            results[index] = ("đang đánh giá", "")
    mark_register(path, results)
    recognised = {rows.at[i, "registration_id"] for i, (r, _) in results.items() if r == "Công nhận"}
    return path, recognised


@pytest.fixture(scope="session")
def decision(marked_register, tmp_path_factory, settings):
    path, _ = marked_register
    return decide(
        path, tmp_path_factory.mktemp("decision"), settings, number="12", signed_on=date(2026, 3, 5)
    )


@pytest.fixture(scope="session")
def review_reports(settings, tmp_path_factory) -> dict[str, Path]:
    """The 3-year review of three small registers, in both profiles: {profile: docx}."""
    from documents_support import three_registers

    from dvk.documents.review import aggregate
    from dvk.documents.review_files import write_review_docx

    review = aggregate(three_registers(settings.roster), settings.roster, settings.mappings.folder)
    folder = tmp_path_factory.mktemp("review")
    return {
        profile: write_review_docx(review, folder / f"so_ket_{profile}.docx", profile=profile)
        for profile in ("dang", "nha_nuoc")
    }


@pytest.fixture(scope="module")
def all_contexts(registrations, statuses, settings):
    """A context for every template, built from the sample province as the pipeline builds them."""
    from documents_support import three_registers

    from dvk.check.counts import unit_counts
    from dvk.documents import contexts
    from dvk.documents.organisation import load_organisation
    from dvk.documents.profiles import load_profile
    from dvk.documents.review import aggregate
    from dvk.documents.review_document import review_context
    from dvk.documents.statistics import field_statistics
    from dvk.mappings import DEFAULT_MAPPINGS_DIR

    roster = settings.roster
    profile, org = load_profile("dang"), load_organisation()
    stats = field_statistics(registrations)
    units = unit_counts(statuses)
    recognised = registrations.head(3)
    return {
        "tong_hop_dang_ky": contexts.consolidated_context(profile, org, 2026, registrations, stats, units),
        "bieu_mau_don_vi": contexts.unit_form_context(
            2026, "Sở Y tế", registrations.head(4).to_dict("records")
        ),
        "bao_cao_ket_qua": {
            **contexts.results_context(profile, org, 2026, stats, units, None),
            "chart": "image",  # the pipeline adds the chart as an InlineImage
        },
        "cong_van_don_doc": contexts.reminder_context(
            profile, org, 2026, statuses, units, date(2026, 3, 31), date(2026, 4, 7)
        ),
        "quyet_dinh_cong_nhan": contexts.decision_context(profile, org, 2026, recognised, None, None),
        "so_ket_tong_ket": review_context(
            profile, org, aggregate(three_registers(roster), roster, DEFAULT_MAPPINGS_DIR)
        ),
    }
