"""dvk national run / sample from the command line."""

from __future__ import annotations

from national_support import YEAR, local_national

from dvk.cli import main


def test_national_run_prints_each_failure_and_exits_non_zero(tmp_path, capsys):
    config, provinces = local_national(tmp_path, missing="DNG")

    code = main(["national", "run", "--config", str(config.path), "--year", str(YEAR)])

    out = capsys.readouterr().out
    assert code == 1
    assert "2/3 tỉnh, thành phố chạy xong" in out
    failed = next(line for line in out.splitlines() if provinces[2].name in line)
    assert "lỗi: Không tìm thấy" in failed and "da_nang/dang_ky.csv" in failed
    assert "so_theo_doi_toan_quoc_2026.xlsx" in out


def test_national_sample_then_run_completes(tmp_path, capsys):
    assert main(["national", "sample", "--out", str(tmp_path), "--provinces", "2"]) == 0
    code = main(["national", "run", "--config", str(tmp_path / "quoc_gia.toml"), "--year", str(YEAR)])
    assert code == 0
    assert "2/2 tỉnh, thành phố chạy xong" in capsys.readouterr().out
