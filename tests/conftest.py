"""Shared fixtures: one Prefect test harness for the whole session, the sample settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def prefect_harness():
    """A real Prefect API (temporary SQLite server), started once and shared by all flow tests."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=600):
        yield


@pytest.fixture(scope="session")
def settings():
    from dvk.settings import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return ROOT / "sample" / "2026"
