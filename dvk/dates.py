"""Submission times as they arrive (Excel serials, day-first text, RFC 3339 timestamps), and dates
as running text writes them."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
EXCEL_EPOCH = datetime(1899, 12, 30)

_DAY_FIRST = re.compile(
    r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"(?:[ T,]+(?P<H>\d{1,2})[:h](?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?)?"
)
_NUMBER = re.compile(r"\d+(\.\d+)?")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?")


class DateParseError(ValueError):
    pass


def from_excel_serial(serial: float) -> datetime:
    if not 1 <= serial < 2958466:
        raise DateParseError(f"số ngày Excel {serial} nằm ngoài khoảng hợp lệ")
    return (EXCEL_EPOCH + timedelta(days=serial)).replace(microsecond=0, tzinfo=VIETNAM)


def _localise(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def parse_moment(value: object) -> datetime | None:
    """A submission time in Asia/Ho_Chi_Minh, or None for an empty value.

    Text dates are day first (03/04/2026 is 3 April), never the US order; times without a
    zone are Vietnam time; RFC 3339 times with "Z" are converted from UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _localise(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=VIETNAM)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_excel_serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        return from_excel_serial(float(text))
    match = _DAY_FIRST.fullmatch(text)
    if match:
        try:
            return datetime(
                int(match["y"]),
                int(match["m"]),
                int(match["d"]),
                int(match["H"] or 0),
                int(match["M"] or 0),
                int(match["S"] or 0),
                tzinfo=VIETNAM,
            )
        except ValueError as exc:
            raise DateParseError(str(exc)) from exc
    if _ISO.fullmatch(text):
        try:
            return _localise(datetime.fromisoformat(text.replace("Z", "+00:00")))
        except ValueError as exc:
            raise DateParseError(str(exc)) from exc
    raise DateParseError(f"không nhận ra «{text}» là ngày giờ")


def iso(moment: datetime | None) -> str:
    """ISO 8601 with the +07:00 offset, to the second."""
    if moment is None:
        return ""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def short_date(on: date) -> str:
    """A date in running text: `31/3/2026`, `5/10/2026` (no leading zeros)."""
    return f"{on.day}/{on.month}/{on.year}"
