"""The national flows on the session's Prefect harness (no workers): one province's run, and the
national run's summary when the province deployment is not registered."""

from __future__ import annotations

import pytest
from national_support import YEAR, local_national, sheet_records

from dvk.errors import ParameterError
from dvk.folders import register_path
from dvk.national.merge import PROVINCES_SHEET, national_register_path
from dvk.national.params import NationalParams, ProvinceParams, check_national_params

pytestmark = pytest.mark.prefect


def test_a_province_run_completes_with_its_counts_or_fails_with_the_reason(prefect_harness, tmp_path):
    from flows.national import province_run

    config, provinces = local_national(tmp_path, missing="GLI")

    good = province_run(ProvinceParams(config=str(config.path), year=YEAR, province="QNG"), return_state=True)
    bad = province_run(ProvinceParams(config=str(config.path), year=YEAR, province="GLI"), return_state=True)

    qng = provinces[0]
    assert good.is_completed()
    assert good.message.startswith(f"Số dòng đọc vào {len(qng.answers)} = hợp lệ {len(qng.valid_answers)}")
    assert register_path(config.province("QNG").output_for(YEAR), YEAR).exists()
    assert bad.is_failed()
    assert bad.message.startswith("Không tìm thấy") and "gia_lai/dang_ky.csv" in bad.message
    assert not register_path(config.province("GLI").output_for(YEAR), YEAR).exists()


def test_national_run_without_the_province_deployment_names_every_province(prefect_harness, tmp_path):
    from flows.national import national_run

    config, provinces = local_national(tmp_path)

    state = national_run(
        NationalParams(config=str(config.path), year=YEAR, wait_minutes=1), return_state=True
    )

    assert state.is_failed()
    assert "3/3 tỉnh, thành phố lỗi" in state.message
    summary = sheet_records(national_register_path(config.output_for(YEAR), YEAR), PROVINCES_SHEET)
    assert [row["Tỉnh, thành phố"] for row in summary] == [p.name for p in provinces]
    assert all(
        row["Tình hình"] == "Lỗi" and "dvk national deploy" in row["Lý do, ghi chú"] for row in summary
    )


def test_the_form_is_refused_with_every_problem(tmp_path):
    config, _ = local_national(tmp_path)
    with pytest.raises(ParameterError) as relative:
        check_national_params(NationalParams(config="quoc_gia.toml", year=1990, provinces=["XYZ"]))
    assert "phải là đường dẫn đầy đủ" in str(relative.value) and "Năm 1990" in str(relative.value)
    with pytest.raises(ParameterError) as unknown:
        check_national_params(NationalParams(config=str(config.path), year=YEAR, provinces=["XYZ"]))
    assert "Không có tỉnh, thành phố mã «XYZ»" in str(unknown.value)


def test_a_province_still_waiting_for_a_worker_is_reported_with_the_pool(tmp_path):
    from types import SimpleNamespace

    from prefect.states import Crashed, Late

    from flows.national import _outcome

    config, provinces = local_national(tmp_path)
    province = config.province("QNG")
    waiting = SimpleNamespace(state=Late(), name="tong-hop-QNG-2026", work_pool_name="dvk-toan-quoc")
    crashed = SimpleNamespace(
        state=Crashed(message="Flow run infrastructure exited with non-zero status code -9."),
        name="x",
        work_pool_name="p",
    )

    late = _outcome(province, waiting, 240)
    gone = _outcome(province, crashed, 240)

    assert late.state == "failed" and late.code == "QNG"
    assert "Chưa chạy xong sau 240 phút" in late.message and "«Late»" in late.message
    assert "prefect worker start --pool dvk-toan-quoc" in late.message
    assert gone.state == "failed"
    assert gone.message.startswith("Lần chạy bị dừng giữa chừng (trạng thái «Crashed»")
