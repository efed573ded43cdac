"""The run summary in the UI says what the CLI says: refused files and why, unread columns with
data, units whose registrations carry no time."""

from __future__ import annotations

from dvk.cycle import jobs
from dvk.cycle.plan import RunPlan
from dvk.demo.files import write_forms_csv
from dvk.ui.artifacts import check_lines, collect_lines

HEADERS = ["Dấu thời gian", "Tên cơ quan, đơn vị", "Lĩnh vực", "Tên mô hình, điển hình", "Hình thức",
           "Xây dựng mới hay nhân rộng", "Số điện thoại liên hệ"]  # fmt: skip
ROW = ["10/03/2026 08:00:00", "Sở Y tế", "Kinh tế", "Tủ thuốc nhân đạo", "Tập thể", "Mới", "0912 345 678"]


def test_refusals_and_unread_columns_reach_the_run_summary(settings, tmp_path):
    folder = tmp_path / "du_lieu"
    write_forms_csv(folder / "dang_ky.csv", [ROW], headers=HEADERS)
    no_unit = [h for h in HEADERS if h != "Tên cơ quan, đơn vị"]
    write_forms_csv(folder / "thieu_don_vi.csv", [[v for v in ROW if v != "Sở Y tế"]], headers=no_unit)
    summary = jobs.collect(RunPlan(2026, settings, tmp_path / "out", sources=[str(folder)])).summary

    text = "\n".join(collect_lines(summary))
    refused = next(line for line in text.splitlines() if "thieu_don_vi.csv" in line)
    assert "KHÔNG ĐỌC" in refused and "1 dòng, tính là bị loại" in refused
    read = next(line for line in text.splitlines() if "dang_ky.csv" in line)
    assert "1 dòng" in read
    assert "Số điện thoại liên hệ" in text and "không nhận ra" in text


def test_units_with_no_known_time_are_named_in_the_check(settings, sample_dir, tmp_path):
    plan = RunPlan(2026, settings, tmp_path, sources=[str(sample_dir)])
    checked = jobs.check(plan, collected=jobs.collect(plan)).summary
    lines = "\n".join(check_lines(checked))
    assert "không rõ thời gian **1**" in lines
    assert "Không rõ thời gian (biểu mẫu không ghi ngày ký): Bộ Chỉ huy Bộ đội Biên phòng tỉnh" in lines
