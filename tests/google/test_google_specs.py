"""Source specs and retry timing: pure functions, no HTTP."""

from __future__ import annotations

import random

import pytest

from dvk.errors import SourceError
from dvk.google.retry import RetryPolicy
from dvk.google.specs import parse_spec

SHEET = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"


@pytest.mark.parametrize(
    ("spec", "kind", "ident"),
    [
        (f"gsheet:{SHEET}", "gsheet", SHEET),
        (f"GSheet: https://docs.google.com/spreadsheets/d/{SHEET}/edit#gid=0", "gsheet", SHEET),
        ("gform:https://docs.google.com/forms/d/1FAIpQLSformid0000/edit", "gform", "1FAIpQLSformid0000"),
        (
            "gdrive:https://drive.google.com/drive/u/0/folders/1FolderId_abc-123",
            "gdrive",
            "1FolderId_abc-123",
        ),
        ("gdrive:https://drive.google.com/open?id=1FolderId_abc-123", "gdrive", "1FolderId_abc-123"),
    ],
)
def test_spec_ids_from_ids_and_urls(spec, kind, ident):
    parsed = parse_spec(spec)
    assert (parsed.kind, parsed.ident) == (kind, ident)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("gform:https://docs.google.com/forms/d/e/1FAIpQLSe-respond/viewform", "đường dẫn để điền biểu mẫu"),
        ("gsheet:abc", "Không nhận ra mã bảng tính Google Sheets"),
        ("gsheet:https://example.com/x/y", "Không nhận ra mã"),
    ],
)
def test_bad_specs_say_what_to_copy(spec, message):
    with pytest.raises(SourceError, match=message):
        parse_spec(spec)


def test_backoff_grows_is_jittered_and_capped():
    policy = RetryPolicy(attempts=8, base_delay=1.0, max_delay=10.0)
    rng = random.Random(4)
    waits = [policy.delay(retry, rng=rng) for retry in range(7)]
    ceilings = [1, 2, 4, 8, 10, 10, 10]
    assert all(c / 2 <= w <= c for w, c in zip(waits, ceilings, strict=True))
    assert len(set(waits)) == len(waits)  # jitter: no two retries wait the same
    assert policy.delay(0, retry_after=30) == 10.0  # the server's hint, within the cap
    assert policy.longest_wait == 1 + 2 + 4 + 8 + 10 + 10 + 10
