"""The forms staff fill in the Prefect UI: defaults from mappings/serve.toml, every problem listed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dvk.errors import ConfigError
from dvk.ui.parameters import CheckParams, CycleParams, DecisionParams, ParameterError, ReviewParams, plan_run
from dvk.ui.serve_config import load_serve_config

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


def run_days(check, year: int) -> list[date]:
    """The days the schedule runs in a year, computed the way Prefect's scheduler does."""
    from prefect.client.schemas.schedules import RRuleSchedule

    rule = RRuleSchedule(rrule=check.rrule(), timezone=check.timezone).to_rrule()
    zone = ZoneInfo(check.timezone)
    start, end = datetime(year, 1, 1, tzinfo=zone), datetime(year + 1, 1, 1, tzinfo=zone)
    times = rule.between(start, end)
    assert all((t.hour, t.minute) == (check.hour, check.minute) for t in times)
    return [t.date() for t in times]


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_deadline_check_is_one_schedule_covering_the_window_every_year(tmp_path):
    check = load_serve_config().deadline_check
    assert check.timezone == "Asia/Ho_Chi_Minh" and check.active is False
    for year in (2027, 2028):  # 2028: a leap year
        assert run_days(check, year) == every_day(date(year, 3, 1), date(year, 4, 15))
    assert check.describe().startswith("hằng ngày lúc 08:00 (giờ Asia/Ho_Chi_Minh) từ 01/03 đến 15/04")
    other = tmp_path / "serve.toml"
    other.write_text(
        '[deadline_check]\ntime = "07:30"\nfrom = "15/02"\nto = "10/05"\nactive = true\n', "utf-8"
    )
    changed = load_serve_config(other).deadline_check
    assert run_days(changed, 2028) == every_day(date(2028, 2, 15), date(2028, 5, 10))
    assert changed.active is True
    other.write_text('[deadline_check]\nfrom = "05/03"\nto = "20/03"\n', "utf-8")
    assert run_days(load_serve_config(other).deadline_check, 2027) == every_day(
        date(2027, 3, 5), date(2027, 3, 20)
    )


@pytest.mark.parametrize("written", ["31/02", "1-3", "mùng 1/3"])
def test_a_window_day_that_is_not_a_day_of_the_year_is_refused_naming_it(tmp_path, written):
    office = tmp_path / "dvk.toml"
    office.write_text(f'[deadline_check]\nfrom = "{written}"\n', "utf-8")
    with pytest.raises(ConfigError) as refused:
        load_serve_config(office)
    assert str(refused.value).startswith(f"dvk.toml [deadline_check] from: «{written}» phải là ngày/tháng")


def test_deployments_carry_one_paused_schedule():
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
    [schedule] = deadline_schedules(config)
    assert schedule.active is False and schedule.timezone == "Asia/Ho_Chi_Minh"
    assert "giờ Asia/Ho_Chi_Minh" in jobs(config)[2].description


def test_empty_list_items_and_empty_date_are_ignored(config, tmp_path):
    params = CycleParams.model_validate({"year": 2026, "sources": [None, "  "], "units": [None, "SYT", ""]})
    assert params.sources == [] and params.units == ["SYT"]
    plan = plan_run(params, config)
    assert plan.sources == [str(tmp_path / "du_lieu" / "2026")] and plan.units == ["SYT"]
    assert DecisionParams.model_validate({"year": 2026, "signed_on": ""}).signed_on is None
    assert DecisionParams.model_validate({"year": 2026, "signed_on": "2026-03-05"}).signed_on == date(
        2026, 3, 5
    )


def test_profile_chosen_by_its_vietnamese_label(config):
    plan = plan_run(
        CycleParams(year=2026, profile="Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)"), config
    )
    assert plan.profile == "nha_nuoc"


def test_the_reply_date_reaches_the_run_plan(config):
    from datetime import date

    from dvk.ui.parameters import ReminderParams

    assert plan_run(ReminderParams(year=2026, reply_by=date(2026, 4, 7)), config).reply_by == date(2026, 4, 7)
    assert plan_run(ReminderParams(year=2026, reply_by=""), config).reply_by is None  # empty: a week later
