"""Tổng hợp toàn quốc: one run per province on the work pool's process workers, then the merge.

The national flow starts the deployment «Tổng hợp một tỉnh» once per province (`run_deployment`,
linked as a subflow) and waits for all of them; the work pool's workers run them, each in its own
process. A province that fails (a form not shared, a roster missing) fails its own run with the
Vietnamese reason; the others go on, the national register merges those that completed, and the
summary names every failure. `dvk national deploy` registers both deployments on the pool.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.context import FlowRunContext
from prefect.deployments import run_deployment
from prefect.deployments.runner import EntrypointType, RunnerDeployment
from prefect.exceptions import ObjectNotFound
from prefect.states import Completed, Failed
from prefect.task_runners import ThreadPoolTaskRunner

from dvk.errors import DvkError
from dvk.national.config import NationalConfig, Province
from dvk.national.outcomes import ProvinceOutcome, ProvinceState, failure_message, summary_lines
from dvk.national.params import DEFAULT_POOL, NationalParams, ProvinceParams, check_national_params
from dvk.national.province import run_province
from dvk.national.run import Merged, failed, merge_national, not_run
from flows.deployments import TAGS as DVK_TAGS
from flows.deployments import titled
from flows.publish import publish_results
from flows.tasks import TASKS

PROVINCE_FLOW = "tong-hop-mot-tinh"
NATIONAL_FLOW = "tong-hop-toan-quoc"
PROVINCE_DEPLOYMENT = "Tổng hợp một tỉnh"
NATIONAL_DEPLOYMENT = "Tổng hợp toàn quốc"
POLL_SECONDS = 3
MAX_PROVINCES_AT_ONCE = 64  # threads that only wait on the API; the workers' limits bound the work
PROVINCE_TABLE_KEY = "tinh-hinh-cac-tinh"
TAGS = [*DVK_TAGS, "toan-quoc"]


@task(name="Kiểm tra thông số và cấu hình toàn quốc", cache_policy=NO_CACHE)
def check_parameters(params: NationalParams | ProvinceParams) -> NationalConfig:
    return check_national_params(params)


@flow(
    name=PROVINCE_FLOW,
    flow_run_name="tong-hop-{params.province}-{params.year}",
    description="Một tỉnh của lần tổng hợp toàn quốc: thu thập đăng ký, kiểm tra hạn và chỉ tiêu.",
)
def province_run(params: ProvinceParams):
    """Collect and check one province; a problem staff must fix fails this run with its reason."""
    try:
        config = check_parameters(params)
        province = config.province(params.province)
        done = run_province(config, province, params.year, TASKS)
    except DvkError as error:
        get_run_logger().error("%s", error)
        return Failed(message=str(error))
    get_run_logger().info("%s: %s", province.name, done.count_line)
    return Completed(message=done.count_line)


def _outcome(province: Province, flow_run, wait_minutes: int) -> ProvinceOutcome:
    state = flow_run.state
    if state is not None and state.is_completed():
        return ProvinceOutcome(
            province.code, province.name, ProvinceState.COMPLETED, state.message or "", flow_run.name
        )
    if state is not None and state.is_failed():
        return failed(province, state.message or "Lần chạy báo lỗi, không kèm lý do.", flow_run.name)
    if state is not None and state.is_final():  # crashed or cancelled: not the province's data
        reason = (
            f"Lần chạy bị dừng giữa chừng (trạng thái «{state.name}»: máy thợ tắt, hết bộ nhớ hoặc bị hủy); "
            f"chạy lại tỉnh này. {state.message or ''}"
        )
        return failed(province, reason.strip(), flow_run.name)
    pool = flow_run.work_pool_name or DEFAULT_POOL
    where = state.name if state is not None else "chưa bắt đầu"
    return failed(
        province,
        f"Chưa chạy xong sau {wait_minutes} phút (lần chạy {flow_run.name} đang ở trạng thái «{where}»). "
        f"Kiểm tra các máy thợ của nhóm «{pool}» (prefect worker start --pool {pool}).",
        flow_run.name,
    )


@task(name="Chạy một tỉnh trên máy thợ", cache_policy=NO_CACHE)
def run_on_worker(
    config: NationalConfig, province: Province, year: int, wait_minutes: int
) -> ProvinceOutcome:
    """Start the province's run on the work pool and wait for it to end (or for the time limit)."""
    context = FlowRunContext.get()
    parent = context.flow_run.id if context and context.flow_run else ""
    try:
        flow_run = run_deployment(
            f"{PROVINCE_FLOW}/{PROVINCE_DEPLOYMENT}",
            parameters={"params": {"config": str(config.path), "year": year, "province": province.code}},
            timeout=wait_minutes * 60,
            poll_interval=POLL_SECONDS,
            idempotency_key=f"{parent}:{province.code}:{year}",  # a retried national run reuses it
        )
    except ObjectNotFound:
        return failed(
            province,
            f"Máy chủ Prefect chưa có việc «{PROVINCE_DEPLOYMENT}»: chạy «dvk national deploy» rồi chạy lại.",
        )
    except Exception as error:  # noqa: BLE001 — the API refused or is unreachable: name it
        return failed(province, f"Không giao được việc cho nhóm máy thợ: {error}")
    return _outcome(province, flow_run, wait_minutes)


@task(name="Gộp sổ theo dõi các tỉnh", cache_policy=NO_CACHE)
def merge(config: NationalConfig, year: int, outcomes: list[ProvinceOutcome]) -> Merged:
    return merge_national(config, year, outcomes)


@flow(
    name=NATIONAL_FLOW,
    flow_run_name="tong-hop-toan-quoc-{params.year}",
    description="Chạy từng tỉnh trên các máy thợ, rồi gộp sổ theo dõi toàn quốc và danh sách công nhận.",
    task_runner=ThreadPoolTaskRunner(max_workers=MAX_PROVINCES_AT_ONCE),
)
def national_run(params: NationalParams = NationalParams()):  # noqa: B008
    config = check_parameters(params)
    year = params.year
    futures = {
        province.code: run_on_worker.with_options(task_run_name=f"Tổng hợp {province.name}").submit(
            config, province, year, params.wait_minutes
        )
        for province in config.selected(params.provinces)
    }
    outcomes = [
        futures[province.code].result() if province.code in futures else not_run(province, year)
        for province in config.provinces
    ]
    merged = merge(config, year, outcomes)
    lines = summary_lines(merged.outcomes, year) + [f"- {warning}" for warning in merged.warnings]
    publish_results(
        f"{config.title}: tổng hợp toàn quốc năm {year}",
        [("Tình hình các tỉnh, thành phố", lines)],
        merged.files,
        extra_tables=[
            (PROVINCE_TABLE_KEY, "Tình hình các tỉnh, thành phố", [o.as_dict() for o in merged.outcomes])
        ],
    )
    problem = failure_message(merged.outcomes, year)
    if problem:
        get_run_logger().error("%s", problem)
        return Failed(message=problem)
    return Completed(message=lines[0].removeprefix("- "))


# ---------------------------------------------------------------- deployments on the work pool


def national_deployments(pool: str, config_path: str = "") -> list[RunnerDeployment]:
    """Both flows on the work pool, imported by module path on the workers (dvk installed there)."""
    defaults = {"params": {"config": config_path}} if config_path else None
    return [
        titled(
            national_run.to_deployment(
                name=NATIONAL_DEPLOYMENT,
                description=(
                    "Chạy từng tỉnh, thành phố trên các máy thợ, rồi gộp sổ theo dõi toàn quốc và danh sách "
                    "mô hình được công nhận cấp tỉnh. Tỉnh lỗi được ghi rõ lý do, không làm dừng tỉnh khác."
                ),
                work_pool_name=pool,
                parameters=defaults,
                tags=TAGS,
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        ),
        titled(
            province_run.to_deployment(
                name=PROVINCE_DEPLOYMENT,
                description="Một tỉnh của lần tổng hợp toàn quốc (do «Tổng hợp toàn quốc» gọi).",
                work_pool_name=pool,
                parameters=defaults,
                tags=TAGS,
                entrypoint_type=EntrypointType.MODULE_PATH,
            )
        ),
    ]


def deploy_national(pool: str = DEFAULT_POOL, config_path: str = "") -> list[str]:
    """Create the process work pool if it does not exist and register both deployments on it."""
    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(pool)
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    registered = []
    for deployment in national_deployments(pool, config_path):
        deployment.apply()
        registered.append(f"{deployment.flow_name}/{deployment.name}")
    return registered
