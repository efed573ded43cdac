"""A run's mappings folder (`--mappings X`) also gives the documents their issuer: organisation.toml
and the format profiles are read from it, not from the default folder."""

from __future__ import annotations

import shutil

import docx

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.evaluations import SAMPLE_EVALUATIONS, fill_register, read_evaluations
from dvk.folders import register_path
from dvk.mappings import DEFAULT_MAPPINGS_DIR
from dvk.settings import load_settings


def document_text(path) -> str:
    document = docx.Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_decision_and_results_report_name_the_issuer_of_the_runs_mappings(sample_dir, tmp_path):
    mappings = tmp_path / "anh_xa"
    shutil.copytree(DEFAULT_MAPPINGS_DIR, mappings)
    organisation = mappings / "organisation.toml"
    text = organisation.read_text(encoding="utf-8")
    assert 'symbol = "BTGDVTU"' in text and 'superior_body = "Tỉnh ủy Quảng Ngãi"' in text
    organisation.write_text(text.replace("BTGDVTU", "BTGDVKT").replace("Quảng Ngãi", "Kon Tum"), "utf-8")

    out = tmp_path / "ket_qua"
    plan = RunPlan(2026, load_settings(mappings_dir=mappings), out, sources=[str(sample_dir)])
    jobs.check(plan, collected=jobs.collect(plan))
    fill_register(register_path(out, 2026), read_evaluations(SAMPLE_EVALUATIONS))
    decided, reported = jobs.decide_and_report(plan)

    decision = document_text(decided.path)
    assert "-QĐ/BTGDVKT" in decision and "BTGDVTU" not in decision
    assert "TỈNH ỦY KON TUM" in decision.upper() and "QUẢNG NGÃI" not in decision.upper()
    results = document_text(dict(reported.files)["Báo cáo kết quả"])
    assert "-BC/BTGDVKT" in results and "TỈNH ỦY KON TUM" in results.upper()
