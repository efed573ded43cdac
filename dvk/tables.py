"""CSV files that Excel opens with Vietnamese intact (UTF-8 with BOM) and no formulas."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dvk.atomic import save_atomically
from dvk.errors import SourceError
from dvk.safe_text import csv_escape, csv_unescape


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    escaped = (
        frame.astype(object)
        .fillna("")
        .map(lambda value: csv_escape(value) if isinstance(value, str) else value)
    )
    return save_atomically(
        path, lambda temporary: escaped.to_csv(temporary, index=False, encoding="utf-8-sig")
    )


def read_csv(path: Path, required: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise SourceError(f"Không tìm thấy tệp «{path}».") from exc
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(f"Không đọc được «{path}»: {exc}") from exc
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise SourceError(f"Tệp «{path}» thiếu cột: {', '.join(missing)}.")
    return frame.astype(object).map(csv_unescape)
