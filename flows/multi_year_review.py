"""Sơ kết, tổng kết: several years' registers → statistics per year and field, units that never
registered, the models replicated most; as Excel and Word."""

from __future__ import annotations

from prefect import flow

from dvk.cycle import jobs
from dvk.ui.parameters import ReviewParams
from flows.publish import publish_results, reports_failure, run_name
from flows.tasks import TASKS, check_parameters

REPLICATED_KEY = "dvk-nhan-rong-nhieu-nhat"


@flow(
    name="so-ket-tong-ket",
    flow_run_name=run_name("so-ket-tong-ket", "first_year", "last_year"),
    description="Sơ kết 3 năm, tổng kết 5 năm: thống kê theo năm, lĩnh vực; mô hình nhân rộng nhiều nhất.",
)
@reports_failure
def multi_year_review(params: ReviewParams = ReviewParams()) -> list[str]:  # noqa: B008
    plan = check_parameters(params)
    reviewed = jobs.review(plan, TASKS)
    review, files = reviewed.review, reviewed.files
    years = [
        f"- Năm {row['Năm']}: {row['Số mô hình đăng ký']} mô hình của {row['Số đơn vị đăng ký']} đơn vị, "
        f"công nhận {row['Được công nhận']}"
        for row in review.per_year
    ]
    never = [f"- {row['Tên đơn vị']} ({row['Mã đơn vị']})" for row in review.never_registered]
    publish_results(
        review.title,
        [
            ("Theo năm", years),
            ("Đơn vị chưa từng đăng ký", never),
            ("Lưu ý", [f"- {warning}" for warning in review.warnings]),
        ],
        [("Sơ kết, tổng kết (Excel)", files[0]), ("Sơ kết, tổng kết (Word)", files[1])],
        extra_tables=[(REPLICATED_KEY, "Mô hình được nhân rộng nhiều nhất", review.most_replicated)],
    )
    return [str(path) for path in files]
