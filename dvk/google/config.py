"""The DVK_GOOGLE_* settings: where the credentials are, where Google is, how long to wait, which
shared rate limit to draw on."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dvk.errors import ConfigError
from dvk.google.quota import configured_prefix

CREDENTIALS_ENV = "DVK_GOOGLE_CREDENTIALS"
FALLBACK_CREDENTIALS_ENV = "GOOGLE_APPLICATION_CREDENTIALS"
API_BASE_ENV = "DVK_GOOGLE_API_BASE"
TIMEOUT_ENV = "DVK_GOOGLE_TIMEOUT"
ATTEMPTS_ENV = "DVK_GOOGLE_ATTEMPTS"

DEFAULT_TIMEOUT = 60.0
DEFAULT_ATTEMPTS = 6


@dataclass(frozen=True)
class GoogleConfig:
    credentials_path: Path | None
    api_base: str | None  # e.g. "http://127.0.0.1:8080" for a proxy or a local stand-in
    timeout: float = DEFAULT_TIMEOUT  # seconds to wait for one answer
    attempts: int = DEFAULT_ATTEMPTS  # tries per call, counting the first
    rate_limit_prefix: str | None = None  # Prefect rate limits shared by all workers (dvk.google.quota)


def _number(name: str, default: float, kind: type) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise ConfigError(f"Biến môi trường {name}={text!r} phải là một số dương.")
    return value


def load_config(credentials: str | Path | None = None) -> GoogleConfig:
    """The settings from the environment; an explicit `--credentials` path wins over the variables."""
    path = credentials or os.environ.get(CREDENTIALS_ENV) or os.environ.get(FALLBACK_CREDENTIALS_ENV)
    base = os.environ.get(API_BASE_ENV, "").strip().rstrip("/") or None
    if base and not base.startswith(("http://", "https://")):
        raise ConfigError(f"{API_BASE_ENV}={base!r} phải bắt đầu bằng http:// hoặc https://.")
    return GoogleConfig(
        credentials_path=Path(path).expanduser() if path else None,
        api_base=base,
        timeout=float(_number(TIMEOUT_ENV, DEFAULT_TIMEOUT, float)),
        attempts=int(_number(ATTEMPTS_ENV, DEFAULT_ATTEMPTS, int)),
        rate_limit_prefix=configured_prefix(),
    )
