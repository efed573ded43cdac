"""The forms staff fill in the Prefect UI: defaults from mappings/serve.toml, every problem listed."""

from __future__ import annotations

from datetime import date

import pytest

from dvk.parameters import CheckParams, CycleParams, DecisionParams, ParameterError, ReviewParams, plan_run
from dvk.serve_config import load_serve_config

THIS_YEAR = date.today().year


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    (tmp_path / "du_lieu" / "2026").mkdir(parents=True)
    return load_serve_config()


def test_empty_fields_take_the_configured_folders_of_the_year(config, tmp_path):
    plan = plan_run(CycleParams(year=2026), config)
    assert plan.sources == [str(tmp_path / "du_lieu" / "2026")]
    assert plan.out_dir == tmp_path / "ket_qua" / "2026"
    assert plan.numbering_dir == tmp_path / "so_van_ban"
    assert plan.settings.roster_path.name == "roster.csv"


def test_typed_values_win_and_unit_names_become_codes(config, sample_dir, tmp_path):
    plan = plan_run(
        CheckParams(
            year=2026, sources=[str(sample_dir), "gsheet:1AbCdEfGhIjKlMnOp"], units=["Sở Y tế", "SGDDT"]
        ),
        config,
    )
    assert plan.sources == [str(sample_dir), "gsheet:1AbCdEfGhIjKlMnOp"]
    assert plan.units == ["SYT", "SGDDT"]


def test_every_bad_value_is_listed_in_vietnamese_before_any_work(config, tmp_path):
    with pytest.raises(ParameterError) as raised:
        plan_run(
            CycleParams(year=1999, sources=["khong_co_thu_muc"], units=["SYT", "KHONG_CO"], out_dir=""),
            config,
        )
    message = str(raised.value)
    assert "Năm 1999 không hợp lệ" in message
    assert "Không tìm thấy nguồn đăng ký" in message and "khong_co_thu_muc" in message
    assert "Không có đơn vị mã «KHONG_CO»" in message
    assert message.count("\n- ") == 3  # SYT is a known unit, so three problems in all
    assert not (tmp_path / "ket_qua").exists()


def test_year_after_next_and_bad_decision_number_are_refused(config):
    with pytest.raises(ParameterError, match=f"Năm {THIS_YEAR + 2} không hợp lệ"):
        plan_run(CycleParams(year=THIS_YEAR + 2), config)
    with pytest.raises(ParameterError, match="Số quyết định «12a»"):
        plan_run(DecisionParams(year=2026, number="12a"), config)


def test_scheduled_check_without_a_year_checks_the_current_year(config, tmp_path):
    (tmp_path / "du_lieu" / str(THIS_YEAR)).mkdir(parents=True, exist_ok=True)
    plan = plan_run(CheckParams(), config)
    assert plan.year == THIS_YEAR and plan.out_dir == tmp_path / "ket_qua" / str(THIS_YEAR)


def test_unknown_document_profile_is_refused(config):
    with pytest.raises(
        ParameterError, match="Không có mẫu văn bản «dang_uy»; dùng một trong: dang, dang_2026, nha_nuoc"
    ):
        plan_run(CycleParams(year=2026, profile="dang_uy"), config)
    assert plan_run(DecisionParams(year=2026, profile="nha_nuoc"), config).profile == "nha_nuoc"


def test_missing_roster_is_named(config):
    with pytest.raises(ParameterError, match="Không tìm thấy danh sách đơn vị «khong_co.csv»"):
        plan_run(CycleParams(year=2026, roster="khong_co.csv"), config)


def test_review_years_in_order_and_register_paths(config, tmp_path):
    with pytest.raises(ParameterError, match="Từ năm 2026 phải không sau đến năm 2024"):
        plan_run(ReviewParams(first_year=2026, last_year=2024), config)
    plan = plan_run(ReviewParams(first_year=2022, last_year=2024, registers_dir="so/{year}"), config)
    assert plan.register_paths[2023] == tmp_path / "so" / "2023" / "so_theo_doi_2023.xlsx"
    assert sorted(plan.register_paths) == [2022, 2023, 2024]


def test_form_schema_has_vietnamese_titles():
    schema = CycleParams.model_json_schema()
    titles = {name: prop["title"] for name, prop in schema["properties"].items()}
    assert titles["year"] == "Năm" and titles["sources"] == "Nguồn đăng ký"
    assert titles["units"] == "Chỉ các đơn vị" and titles["profile"] == "Mẫu văn bản"


def test_deadline_check_schedule_covers_the_window_and_is_paused(tmp_path):
    config = load_serve_config()
    check = config.deadline_check
    assert check.crons() == ["0 8 1-31 3 *", "0 8 1-15 4 *"]
    assert check.timezone == "Asia/Ho_Chi_Minh" and check.active is False
    other = tmp_path / "serve.toml"
    other.write_text(
        '[deadline_check]\ntime = "07:30"\nfrom = "15/02"\nto = "10/05"\nactive = true\n', "utf-8"
    )
    changed = load_serve_config(other).deadline_check
    assert changed.crons() == ["30 7 15-31 2 *", "30 7 * 3-4 *", "30 7 1-10 5 *"]
    assert changed.active is True


def test_deployments_carry_the_paused_schedules():
    from flows.deployments import deadline_schedules, jobs

    config = load_serve_config()
    names = [job.name for job in jobs(config)]
    assert names == [
        "Chu trình năm",
        "Thu thập đăng ký",
        "Kiểm tra hạn đăng ký",
        "Đôn đốc đơn vị",
        "Lập báo cáo",
        "Ra quyết định công nhận",
        "Sơ kết, tổng kết nhiều năm",
    ]
    schedules = deadline_schedules(config)
    assert [s.cron for s in schedules] == ["0 8 1-31 3 *", "0 8 1-15 4 *"]
    assert all(s.active is False and s.timezone == "Asia/Ho_Chi_Minh" for s in schedules)
