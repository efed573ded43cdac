"""The deployments `dvk serve` registers: one readable schedule, even after an older version's."""

from __future__ import annotations

import pytest
from prefect.client.orchestration import get_client
from prefect.schedules import Cron

from dvk.ui.serve_config import load_serve_config
from flows.check_deadlines import check_deadlines
from flows.deployments import build_deployments, remove_stale_schedules

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_harness")]


def schedules_of(deployment) -> dict[str | None, bool]:
    with get_client(sync_client=True) as client:
        found = client.read_deployment_by_name(f"{deployment.flow_name}/{deployment.name}")
        return {s.slug: s.active for s in client.read_deployment_schedules(found.id)}


def test_one_schedule_named_in_vietnamese_replaces_an_older_versions(tmp_path, monkeypatch):
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    [check] = [d for d in build_deployments(load_serve_config()) if d.name == "Kiểm tra hạn đăng ký"]
    older = check_deadlines.to_deployment(
        name=check.name,
        schedules=[
            Cron("0 8 1-31 3 *", timezone="Asia/Ho_Chi_Minh", slug="kiem-tra-han-1"),
            Cron("0 8 1-15 4 *", timezone="Asia/Ho_Chi_Minh", slug="kiem-tra-han-2"),
            Cron("0 17 * * 5", timezone="Asia/Ho_Chi_Minh"),  # added by hand in the UI: no slug
        ],
    )
    older.apply()
    assert len(schedules_of(check)) == 3

    assert remove_stale_schedules([check]) == 2
    assert schedules_of(check) == {None: True}  # a schedule added by hand is not dvk's to delete
    check.apply()  # what `dvk serve` does next (Prefect replaces the schedules without a slug)
    assert schedules_of(check) == {"Hằng ngày 08:00 (giờ Asia/Ho_Chi_Minh), từ 01/03 đến 15/04": False}
    assert remove_stale_schedules([check]) == 0
