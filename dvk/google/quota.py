"""Google's per-minute quotas shared by every worker: Prefect global concurrency limits used as rate limits.

Off unless DVK_GOOGLE_RATE_LIMIT_PREFIX is set (a single office needs nothing). When it is, every
HTTP call to Google first takes one slot of the limit "<prefix>-<key>" on the Prefect server
(`prefect.concurrency.sync.rate_limit`), so all workers of a national run, in any number of
processes or machines, draw from the same budget. `setup_rate_limits` (`dvk google quota
--setup`) creates the limits.

Prefect's rate limit is a bucket of `limit` slots that empties at `slot_decay_per_second`: up to
`limit` calls may go at once, then `slot_decay_per_second` a second. Any window of T seconds
therefore holds at most `limit + slot_decay_per_second × T` calls. The limits are made with
limit = one second's worth of calls and decay = (quota − limit) / 60, so no 60-second window
goes over Google's quota. (The server counts decay as floor(decay × seconds since the limit last
changed), and a refused try also counts as a change: under contention the real rate is lower
than the configured one, never higher.) A 429 from Google is still retried with backoff by
dvk.google.retry, each try taking its own slot.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

from dvk.errors import ConfigError, DvkError

RATE_LIMIT_PREFIX_ENV = "DVK_GOOGLE_RATE_LIMIT_PREFIX"
DEFAULT_PREFIX = "dvk-google"
log = logging.getLogger("dvk.google")
_NAME = re.compile(r"[A-Za-z0-9_.:-]+")


@dataclass(frozen=True)
class Quota:
    key: str  # the limit is named "<prefix>-<key>"
    per_minute: int  # Google's quota per user (the one service account every worker shares)
    label: str


# Google's documented quotas per minute per user: Sheets reads 60 and writes 60 (300 a project);
# Forms responses.list 180 (other reads 390, writes 150); Drive 12,000.
QUOTAS = {
    quota.key: quota
    for quota in (
        Quota("sheets-read", 60, "Google Sheets, đọc"),
        Quota("sheets-write", 60, "Google Sheets, ghi"),
        Quota("forms-read", 180, "Google Forms, đọc câu trả lời"),
        Quota("forms-write", 150, "Google Forms, tạo biểu mẫu"),
        Quota("drive", 12_000, "Google Drive"),
    )
}


def quota_key(api: str, method: str) -> str:
    """The quota an HTTP call draws on: "drive", or "<sheets|forms>-<read|write>"."""
    if api == "drive":
        return "drive"
    return f"{api}-{'read' if method.upper() == 'GET' else 'write'}"


def limit_name(prefix: str, key: str) -> str:
    return f"{prefix}-{key}"


def check_prefix(prefix: str) -> str:
    if not _NAME.fullmatch(prefix):
        raise ConfigError(
            f"Tên giới hạn gọi Google «{prefix}» không hợp lệ: chỉ dùng chữ không dấu, số và các dấu - _ . :"
        )
    return prefix


def configured_prefix() -> str | None:
    """The prefix from DVK_GOOGLE_RATE_LIMIT_PREFIX, or None: no shared limit."""
    prefix = os.environ.get(RATE_LIMIT_PREFIX_ENV, "").strip()
    return check_prefix(prefix) if prefix else None


class RateLimiter:
    """Called before every HTTP call to Google; does nothing without a prefix."""

    def __init__(self, prefix: str | None) -> None:
        self.prefix = prefix

    def before(self, key: str) -> None:
        if not self.prefix:
            return
        from prefect.concurrency.sync import rate_limit  # Prefect only for a shared limit

        name = limit_name(self.prefix, key)
        try:
            rate_limit(name, occupy=1, strict=True)
        except Exception as exc:  # noqa: BLE001 — Prefect's own message goes to the log, in English
            log.info("rate limit %s: %s", name, exc)
            setup = f"dvk google quota --setup --prefix {self.prefix}"
            if "must be created" in str(exc):
                reason = f"máy chủ Prefect chưa có giới hạn này: chạy «{setup}» một lần rồi chạy lại"
            else:
                reason = (
                    "không liên lạc được với máy chủ Prefect: kiểm tra biến PREFECT_API_URL của worker "
                    f"và máy chủ; nếu máy chủ mới, chạy «{setup}»"
                )
            raise DvkError(f"Không lấy được lượt gọi Google từ giới hạn «{name}»: {reason}.") from None


@dataclass(frozen=True)
class LimitSetting:
    name: str
    label: str
    per_minute: int
    burst: int  # the limit's slots: calls allowed at once
    per_second: float  # its slot decay


def limit_setting(prefix: str, quota: Quota, per_minute: int | None = None) -> LimitSetting:
    per_minute = per_minute or quota.per_minute
    if per_minute < 2:
        raise ConfigError(f"Hạn mức «{quota.key}» phải từ 2 lượt gọi một phút trở lên.")
    burst = max(1, per_minute // 60)
    return LimitSetting(
        limit_name(prefix, quota.key), quota.label, per_minute, burst, (per_minute - burst) / 60
    )


def limit_settings(
    prefix: str = DEFAULT_PREFIX, per_minute: dict[str, int] | None = None
) -> list[LimitSetting]:
    """One setting per quota, after checking the prefix and the names of the quotas overridden.

    `per_minute` overrides a quota, e.g. {"sheets-read": 300} for a project whose workers use
    several accounts.
    """
    check_prefix(prefix)
    per_minute = per_minute or {}
    unknown = sorted(set(per_minute) - set(QUOTAS))
    if unknown:
        raise ConfigError(f"Không có hạn mức Google «{unknown[0]}»; các hạn mức: {', '.join(QUOTAS)}.")
    return [limit_setting(prefix, quota, per_minute.get(key)) for key, quota in QUOTAS.items()]


def setup_rate_limits(
    prefix: str = DEFAULT_PREFIX, per_minute: dict[str, int] | None = None
) -> list[LimitSetting]:
    """Create or update the limits (`limit_settings`) on the Prefect server (PREFECT_API_URL),
    active, one per quota."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, GlobalConcurrencyLimitUpdate
    from prefect.exceptions import ObjectNotFound

    settings = limit_settings(prefix, per_minute)
    with get_client(sync_client=True) as client:
        for setting in settings:
            try:
                client.read_global_concurrency_limit_by_name(setting.name)
            except ObjectNotFound:
                client.create_global_concurrency_limit(
                    GlobalConcurrencyLimitCreate(
                        name=setting.name,
                        limit=setting.burst,
                        slot_decay_per_second=setting.per_second,
                        active=True,
                    )
                )
            else:
                client.update_global_concurrency_limit(
                    setting.name,
                    GlobalConcurrencyLimitUpdate(
                        limit=setting.burst, slot_decay_per_second=setting.per_second, active=True
                    ),
                )
    return settings
