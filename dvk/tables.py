"""CSV files that Excel opens with Vietnamese intact (UTF-8 with BOM) and no formulas."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from dvk.atomic import save_atomically
from dvk.errors import SourceError
from dvk.safe_text import csv_escape_all, csv_unescape


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """The frame as pandas' `to_csv` writes it (no index, minimal quoting, empty for a missing
    value), every text escaped; written with the csv module, column by column."""
    filled = frame.astype(object).fillna("")
    columns = [csv_escape_all(filled.iloc[:, position].tolist()) for position in range(filled.shape[1])]

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator=os.linesep)
            writer.writerow(filled.columns)
            writer.writerows(zip(*columns, strict=True))

    return save_atomically(path, write)


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
