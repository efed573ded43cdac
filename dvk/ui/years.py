"""The registration years dvk accepts, for the Prefect forms and the command line alike."""

from __future__ import annotations

from datetime import date

FIRST_YEAR = 2000


def year_problem(year: int, label: str = "Năm") -> str | None:
    """Why a year is refused, in Vietnamese; None for a year from 2000 to the next one."""
    last = date.today().year + 1
    if not FIRST_YEAR <= year <= last:
        return f"{label} {year} không hợp lệ: phải từ {FIRST_YEAR} đến {last}."
    return None
