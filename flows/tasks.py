"""The cycle's steps as Prefect tasks, so each shows in the UI with its Vietnamese name.

Tasks that touch files or Google retry with exponential backoff on unexpected errors; a
DvkError (a problem the user must fix, such as an unreadable file) fails at once with its
Vietnamese message, since trying again cannot help. The Google client retries 429/5xx itself
(bounded backoff), so the Google tasks do not retry again on top of it.
"""

from __future__ import annotations

import dataclasses

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.tasks import exponential_backoff
from pydantic import BaseModel

from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import Steps
from dvk.errors import DvkError
from dvk.ui.parameters import plan_run

OUTSIDE_RETRIES = 3
OUTSIDE_BACKOFF = exponential_backoff(backoff_factor=5)  # 5 s, 10 s, 20 s


def worth_retrying(task, task_run, state) -> bool:
    """Retry only errors that may pass (network, a file briefly locked), not a user's mistake."""
    try:
        state.result()
    except DvkError:
        return False
    except Exception:  # noqa: BLE001 — anything else may be transient
        return True
    return False


# Run once: pure steps, and the Google steps, whose client already retries (bounded) by itself.
ONCE = dict(cache_policy=NO_CACHE)
OUTSIDE = dict(
    retries=OUTSIDE_RETRIES,
    retry_delay_seconds=OUTSIDE_BACKOFF,
    retry_jitter_factor=0.2,
    retry_condition_fn=worth_retrying,
    cache_policy=NO_CACHE,
)

# step → (the task's name in the UI, its options)
TASK_NAMES = {
    "read_sources": ("Đọc các nguồn đăng ký", OUTSIDE),
    "normalise_registrations": ("Chuẩn hóa theo biểu mẫu chính thức", ONCE),
    "check_units": ("Xác định tình trạng đăng ký của đơn vị", ONCE),
    "read_registrations": ("Đọc danh sách đăng ký đã chuẩn hóa", OUTSIDE),
    "read_rejects": ("Đọc danh sách bị loại", OUTSIDE),
    "write_collection_files": ("Ghi danh sách và sổ theo dõi", OUTSIDE),
    "write_unit_statuses": ("Ghi tình trạng đơn vị", OUTSIDE),
    "read_evaluated_register": ("Đọc và kiểm tra cột đánh giá trong sổ theo dõi", OUTSIDE),
    "build_reports": ("Lập báo cáo, công văn đôn đốc, biểu mẫu", OUTSIDE),
    "write_results_report": ("Viết báo cáo kết quả", OUTSIDE),
    "allocate_number": ("Cấp số văn bản", OUTSIDE),
    "write_decision": ("Viết quyết định công nhận", OUTSIDE),
    "write_reminder_list": ("Ghi danh sách đơn vị cần đôn đốc", OUTSIDE),
    "write_reminder_letter": ("Viết công văn đôn đốc", OUTSIDE),
    "read_registers": ("Đọc sổ theo dõi các năm", OUTSIDE),
    "aggregate_years": ("Tổng hợp các năm", ONCE),
    "write_review": ("Ghi báo cáo sơ kết, tổng kết", OUTSIDE),
    "push_register_to_sheet": ("Ghi sổ theo dõi lên Google Sheet", ONCE),
    "upload_to_drive": ("Tải văn bản lên Google Drive", ONCE),
}


def _as_tasks(steps: Steps) -> Steps:
    wrapped = {}
    for item in dataclasses.fields(steps):
        name, options = TASK_NAMES[item.name]
        wrapped[item.name] = task(name=name, **options)(getattr(steps, item.name))
    return Steps(**wrapped)


TASKS = _as_tasks(Steps())


@task(name="Kiểm tra thông số", cache_policy=NO_CACHE)
def check_parameters(params: BaseModel) -> RunPlan:
    return plan_run(params)
