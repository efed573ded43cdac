"""The recognition decision (quyết định công nhận) and its annex, from the checked evaluation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dvk.documents import contexts
from dvk.documents.pdf import require_soffice, to_pdf
from dvk.documents.render import render_docx
from dvk.documents.reports import load_format, usable_rows
from dvk.errors import DvkError
from dvk.folders import report_file_names
from dvk.register.evaluation import LEVEL_LABELS, EvaluationCheck
from dvk.schema import FIELD_SECTIONS


def _in_section_order(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {field.value: index for index, field in enumerate(FIELD_SECTIONS)}
    return (
        frame.assign(_rank=frame["field"].map(rank)).sort_values("_rank", kind="stable").drop(columns="_rank")
    )


def decision_rows(checked: EvaluationCheck) -> pd.DataFrame:
    """The recognised rows the decision lists, in section order; DvkError naming every recognised
    row whose field, form or kind is unknown. The cycle calls this before allocating a number."""
    recognised, bad = usable_rows(checked.recognised, "Sổ theo dõi")
    if bad:
        raise DvkError(" ".join(bad) + " Sửa lại trong sổ theo dõi rồi chạy lại.")
    return _in_section_order(recognised)


def write_decision(
    year: int,
    checked: EvaluationCheck,
    out_dir: Path,
    *,
    number: str | None = None,
    signed_on: date | None = None,
    organisation: Path | None = None,
    profile: str | None = None,
    mappings: Path | None = None,
    pdf: bool = False,
) -> Path:
    """quyet_dinh_cong_nhan_<Y>.docx from the register rows the evaluation check recognised.

    `checked` must be free of problems and recognise at least one row (the cycle's `decide` job
    refuses otherwise). number=None leaves the number blank for the clerk to fill
    ("Số      -QĐ/BTGDVTU")."""
    soffice = require_soffice() if pdf else None
    org, fmt = load_format(organisation, profile, mappings)
    recognised = decision_rows(checked)
    levels = [LEVEL_LABELS[checked.levels[i]] for i in recognised["registration_id"] if i in checked.levels]
    out = Path(out_dir) / report_file_names(year)["decision"]
    path = render_docx(
        "quyet_dinh_cong_nhan",
        contexts.decision_context(fmt, org, year, recognised, number, signed_on, levels),
        out,
        fmt,
    )
    if pdf:
        to_pdf([path], soffice)
    return path
