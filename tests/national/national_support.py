"""Generated provinces written as a national configuration with local CSV sources."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from dvk.national.config import load_national_config
from dvk.national.sample import SampleProvince, sample_provinces, write_forms_export, write_national_config

YEAR = 2026


def local_national(folder: Path, provinces: list[SampleProvince] | None = None, missing: str = ""):
    """The provinces' answers as CSV exports; the province coded `missing` points at no file."""
    provinces = provinces or sample_provinces(3, YEAR)
    sources = {}
    for province in provinces:
        export = folder / province.folder / "dang_ky.csv"
        if province.code != missing:
            write_forms_export(export, province)
        sources[province.code] = [f"{province.folder}/dang_ky.csv"]
    path = write_national_config(folder, provinces, sources, YEAR)
    return load_national_config(path), provinces


def sheet_records(path: Path, sheet: str, header_row: int = 1) -> list[dict[str, object]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = list(workbook[sheet].iter_rows(values_only=True))
    headers = rows[header_row - 1]
    return [dict(zip(headers, row, strict=False)) for row in rows[header_row:]]
