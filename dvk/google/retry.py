"""The one retry layer for Google calls: bounded exponential backoff with jitter.

Only transient failures are retried (429, 5xx, a dropped connection, a timeout); after the last
attempt the failure goes up. Waiting goes through `_sleep`, so a test can replace it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
_sleep = time.sleep  # the backoff's own reference; tests patch this, never time.sleep


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # tries in all, counting the first
    base_delay: float = 1.0  # seconds before the second try
    max_delay: float = 32.0  # cap on one wait

    def delay(self, retry: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Wait before retry number `retry` (0-based): half fixed, half random, capped."""
        ceiling = min(self.max_delay, self.base_delay * 2**retry)
        if retry_after is not None:
            return min(self.max_delay, max(retry_after, ceiling / 2))
        return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)

    @property
    def longest_wait(self) -> float:
        """The most a call can spend waiting between its tries."""
        return sum(min(self.max_delay, self.base_delay * 2**retry) for retry in range(self.attempts - 1))


@dataclass
class Transient(Exception):
    """A failure worth another try; `retry_after` is the server's hint in seconds, if any."""

    cause: Exception
    retry_after: float | None = None


class RetriesExhausted(Exception):
    def __init__(self, cause: Exception, attempts: int, waited: float) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.attempts = attempts
        self.waited = waited


def with_retries(
    call: Callable[[], T], classify: Callable[[Exception], Transient | None], policy: RetryPolicy
) -> T:
    """`call()`, tried again after transient failures; RetriesExhausted when they never stop."""
    waited = 0.0
    attempt = 0
    while True:
        try:
            return call()
        except Exception as exc:  # noqa: BLE001 — classify decides; anything else goes up unchanged
            transient = classify(exc)
            if transient is None:
                raise
            attempt += 1
            if attempt >= policy.attempts:
                raise RetriesExhausted(exc, attempt, waited) from exc
            pause = policy.delay(attempt - 1, transient.retry_after)
            waited += pause
            _sleep(pause)
