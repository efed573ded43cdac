"""The count guard holds on both paths: `dvk collect` and the Prefect flow refuse, and write nothing,
when rows in ≠ valid + rejected + superseded (here: a fault that loses a replaced row)."""

from __future__ import annotations

import pytest

import dvk.intake.collection
from dvk.cli import main
from dvk.errors import CountMismatch
from dvk.ui.parameters import CollectParams


@pytest.fixture
def losing_a_row(monkeypatch):
    """Collection that silently drops one replaced row, as a bug in supersede would."""
    real = dvk.intake.collection.supersede

    def lossy(registrations, *model_keys):
        kept, superseded = real(registrations, *model_keys)
        return kept, superseded[:-1]

    monkeypatch.setattr(dvk.intake.collection, "supersede", lossy)


def test_the_cli_refuses_unbalanced_counts_and_writes_nothing(losing_a_row, sample_dir, tmp_path, capsys):
    out = tmp_path / "ket_qua"
    code = main(["collect", "--year", "2026", "--source", str(sample_dir), "--out", str(out)])
    assert code == 2
    error = capsys.readouterr().err
    assert "Số dòng không khớp, chưa ghi tệp nào" in error
    assert "Số dòng đọc vào 95 = hợp lệ 88 + bị loại 6 + bị thay thế 0 (KHÔNG KHỚP)" in error
    assert not out.exists() or list(out.iterdir()) == []


def test_without_the_fault_the_same_command_balances(sample_dir, tmp_path, capsys):
    out = tmp_path / "ket_qua"
    assert main(["collect", "--year", "2026", "--source", str(sample_dir), "--out", str(out)]) == 0
    assert "Số dòng đọc vào 95 = hợp lệ 88 + bị loại 6 + bị thay thế 1 (khớp)" in capsys.readouterr().out
    assert (out / "registrations.csv").exists()


@pytest.mark.prefect
@pytest.mark.usefixtures("prefect_harness")
def test_the_flow_refuses_the_same_way(losing_a_row, sample_dir, tmp_path):
    from flows.collect_registrations import collect_registrations

    out = tmp_path / "ket_qua"
    state = collect_registrations(
        CollectParams(year=2026, sources=[str(sample_dir)], out_dir=str(out)), return_state=True
    )
    assert state.is_failed()
    error = state.result(raise_on_failure=False)
    assert isinstance(error, CountMismatch)
    assert "Số dòng không khớp, chưa ghi tệp nào" in str(error)
    assert not out.exists() or list(out.iterdir()) == []
