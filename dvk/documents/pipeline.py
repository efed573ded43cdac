"""The two entry points: `build_reports` (after collect + check) and `write_decision` (after evaluation).

Both read the files earlier steps wrote, fill the templates and return the paths they wrote.
The CLI (`dvk report`, `dvk decide`) and the Prefect flows call these.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from dvk.dates import VIETNAM
from dvk.decision_check import check_evaluations
from dvk.documents import contexts
from dvk.documents.address_warnings import district_address_warnings
from dvk.documents.chart import registrations_chart
from dvk.documents.organisation import Organisation, load_organisation
from dvk.documents.pdf import require_soffice, to_pdf
from dvk.documents.profiles import FormatProfile, load_profile, profile_path
from dvk.documents.render import Image, render_docx
from dvk.documents.statistics import field_statistics, unit_counts
from dvk.errors import DvkError, SourceError
from dvk.evaluation import LEVEL_LABELS, RESULT_HEADER, Result, parse_result
from dvk.mappings import Mappings, mappings_dir
from dvk.outputs import REGISTRATIONS_CSV, REJECTS_CSV, UNIT_STATUS_CSV
from dvk.register import read_register, register_path
from dvk.safe_text import safe_file_name
from dvk.schema import (
    FIELD_SECTIONS,
    REGISTRATION_COLUMNS,
    REJECT_COLUMNS,
    UNIT_STATUS_COLUMNS,
    Field,
    Form,
    Kind,
)
from dvk.tables import read_csv

UNIT_FORMS_DIR = "bieu_mau"
REPLY_DAYS = 7
CHART_WIDTH_MM = 150


@dataclass
class ReportFiles:
    consolidated_docx: Path
    consolidated_xlsx: Path
    results_report: Path
    reminder_letter: Path
    unit_forms: list[Path]
    pdfs: list[Path]
    warnings: list[str] = field(default_factory=list)

    @property
    def all(self) -> list[Path]:
        return [
            self.consolidated_docx,
            self.consolidated_xlsx,
            self.results_report,
            self.reminder_letter,
            *self.unit_forms,
            *self.pdfs,
        ]


def report_file_names(year: int) -> dict[str, str]:
    return {
        "consolidated_docx": f"tong_hop_dang_ky_{year}.docx",
        "consolidated_xlsx": f"tong_hop_dang_ky_{year}.xlsx",
        "results_report": f"bao_cao_ket_qua_{year}.docx",
        "reminder_letter": f"cong_van_don_doc_{year}.docx",
        "decision": f"quyet_dinh_cong_nhan_{year}.docx",
    }


def load_format(organisation: Path | None, profile: str | None) -> tuple[Organisation, FormatProfile]:
    """The organisation, and its profile: from `formats/` beside the organisation file when there
    is one, otherwise from the mappings folder."""
    org = load_organisation(organisation, profile)
    name = org.profile
    beside = org.path.parent if org.path else None
    folder = beside if beside and profile_path(name, beside).exists() else mappings_dir()
    return org, load_profile(name, folder)


_VALID = {
    "field": set(Field._value2member_map_),
    "form": set(Form._value2member_map_),
    "kind": set(Kind._value2member_map_),
}
_COLUMN_VI = {"field": "lĩnh vực", "form": "hình thức", "kind": "xây dựng mới / nhân rộng"}


def usable_rows(frame: pd.DataFrame, what: str) -> tuple[pd.DataFrame, list[str]]:
    """Rows with a known field, form and kind; a Vietnamese warning for each row left out."""
    keep = pd.Series(True, index=frame.index)
    warnings = []
    for column, valid in _VALID.items():
        bad = ~frame[column].astype(str).isin(valid)
        for index in frame.index[bad & keep]:
            warnings.append(
                f"{what}: bỏ qua «{frame.at[index, 'model_name']}» ({frame.at[index, 'unit_name']}) vì "
                f"{_COLUMN_VI[column]} «{frame.at[index, column]}» không hợp lệ."
            )
        keep &= ~bad
    return frame[keep], warnings


def _read_optional(path: Path, columns: list[str]) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=columns).astype(object)
    return read_csv(path, columns)


@dataclass
class Evaluation:
    recognised: pd.DataFrame
    counts: dict[str, int]
    unknown: list[str]


def evaluate(register: pd.DataFrame) -> Evaluation:
    """Sort the register rows by what staff typed in "Kết quả đánh giá"."""
    counts = {"recognised": 0, "not_recognised": 0, "pending": 0, "not_evaluated": 0}
    recognised_index, unknown = [], []
    results = register[RESULT_HEADER] if RESULT_HEADER in register.columns else pd.Series("", register.index)
    for index, value in results.items():
        try:
            result = parse_result(value)
        except ValueError:
            model, unit = register.at[index, "model_name"], register.at[index, "unit_name"]
            unknown.append(f"«{value}» (mô hình «{model}» của {unit})")
            continue
        if result is None:
            counts["not_evaluated"] += 1
            continue
        counts[result.value] += 1
        if result == Result.RECOGNISED:
            recognised_index.append(index)
    return Evaluation(register.loc[recognised_index], counts, unknown)


def build_reports(
    year: int,
    in_dir: Path,
    out_dir: Path,
    *,
    organisation: Path | None = None,
    profile: str | None = None,
    pdf: bool = False,
    reply_by: date | None = None,
) -> ReportFiles:
    """Reads in_dir/registrations.csv, in_dir/unit_status.csv, in_dir/rejects.csv (as written by
    `dvk collect` + `dvk check`, read with dvk.tables.read_csv) and, if present, the register
    in_dir/so_theo_doi_<Y>.xlsx (for recognised counts). Safe to call again after the decision:
    the results report is then rewritten with the recognised counts. `reply_by` is the date the
    reminder letter asks units to answer by (default: a week after today)."""
    reply_by = reply_by or datetime.now(VIETNAM).date() + timedelta(days=REPLY_DAYS)
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    soffice = require_soffice() if pdf else None
    org, fmt = load_format(organisation, profile)
    status_path = in_dir / UNIT_STATUS_CSV
    if not status_path.exists():
        raise SourceError(f"Chưa có «{status_path}». Chạy «dvk check» trước (hoặc cả chu trình «dvk demo»).")
    registrations, warnings = usable_rows(
        read_csv(in_dir / REGISTRATIONS_CSV, REGISTRATION_COLUMNS), REGISTRATIONS_CSV
    )
    statuses = read_csv(status_path, UNIT_STATUS_COLUMNS)
    rejects = _read_optional(in_dir / REJECTS_CSV, REJECT_COLUMNS)
    registrations = contexts.ordered(registrations, statuses["unit_code"].tolist())
    warnings += district_address_warnings(registrations)

    evaluated = None
    recognised = None
    register = register_path(in_dir, year)
    if register.exists():
        rows, bad = usable_rows(read_register(register), register.name)
        evaluation = evaluate(rows)
        warnings += bad + [
            f"{register.name}: kết quả đánh giá không rõ {u}; chưa tính." for u in evaluation.unknown
        ]
        evaluated, recognised = evaluation.counts, evaluation.recognised

    stats = field_statistics(registrations, recognised)
    units = unit_counts(statuses)
    names = report_file_names(year)
    out_dir.mkdir(parents=True, exist_ok=True)

    consolidated = render_docx(
        "tong_hop_dang_ky",
        contexts.consolidated_context(fmt, org, year, registrations, stats, units),
        out_dir / names["consolidated_docx"],
        fmt,
    )
    from dvk.documents.workbook import write_workbook

    workbook = write_workbook(
        out_dir / names["consolidated_xlsx"],
        year,
        org.issuing_body_full,
        contexts.sections(registrations),
        contexts.totals(registrations),
        stats,
        units,
        statuses,
        rejects,
    )
    with tempfile.TemporaryDirectory(prefix="dvk-chart-") as folder:
        chart = registrations_chart(stats, Path(folder) / "bieu_do.png")
        results = render_docx(
            "bao_cao_ket_qua",
            contexts.results_context(fmt, org, year, stats, units, evaluated),
            out_dir / names["results_report"],
            fmt,
            images={"chart": Image(chart, CHART_WIDTH_MM)},
        )
    deadline = Mappings().deadlines.deadline_date(year)
    reminder = render_docx(
        "cong_van_don_doc",
        contexts.reminder_context(fmt, org, year, statuses, units, deadline, reply_by),
        out_dir / names["reminder_letter"],
        fmt,
    )
    plan = contexts.plan_reference(org)
    unit_forms = write_unit_forms(year, registrations, out_dir / UNIT_FORMS_DIR, fmt, plan)
    files = ReportFiles(consolidated, workbook, results, reminder, unit_forms, [], warnings)
    if pdf:
        files.pdfs = to_pdf([consolidated, results, reminder, *unit_forms], soffice)
    return files


def write_unit_forms(
    year: int, registrations: pd.DataFrame, folder: Path, fmt: FormatProfile, plan: str = ""
) -> list[Path]:
    """bieu_mau/<unit_code>.docx for every unit with registrations (file name made safe)."""
    written = []
    used: set[str] = set()
    for code, rows in registrations.groupby("unit_code", sort=False):
        name = safe_file_name(str(code), fallback="don_vi")
        while name in used:  # two codes that only differ by unsafe characters
            name += "_"
        used.add(name)
        context = contexts.unit_form_context(year, str(rows["unit_name"].iloc[0]), rows, plan)
        written.append(render_docx("bieu_mau_don_vi", context, folder / f"{name}.docx", fmt))
    return written


def _in_section_order(frame: pd.DataFrame) -> pd.DataFrame:
    rank = {field.value: index for index, field in enumerate(FIELD_SECTIONS)}
    return (
        frame.assign(_rank=frame["field"].map(rank)).sort_values("_rank", kind="stable").drop(columns="_rank")
    )


def write_decision(
    year: int,
    register: Path,
    out_dir: Path,
    *,
    number: str | None = None,
    signed_on: date | None = None,
    organisation: Path | None = None,
    profile: str | None = None,
    pdf: bool = False,
) -> Path:
    """quyet_dinh_cong_nhan_<Y>.docx from the register rows whose "Kết quả đánh giá" parses as
    Result.RECOGNISED (dvk.evaluation). number=None leaves the number blank for the clerk to fill
    ("Số      -QĐ/BTGDVTU"). Raises dvk.errors.DvkError with a Vietnamese message when there is
    nothing to recognise or the evaluation columns are wrong (dvk.decision_check)."""
    register = Path(register)
    soffice = require_soffice() if pdf else None
    org, fmt = load_format(organisation, profile)
    if not register.exists():
        raise SourceError(f"Không tìm thấy sổ theo dõi «{register}».")
    # The same checks the "issue decisions" flow runs: unknown values, missing level, duplicate ids.
    checked = check_evaluations(read_register(register))
    if not checked.ok:
        raise DvkError(checked.message())
    recognised, bad = usable_rows(checked.recognised, register.name)
    if bad:
        raise DvkError(" ".join(bad) + " Sửa lại trong sổ theo dõi rồi chạy lại.")
    if recognised.empty:
        raise DvkError(
            f"Sổ theo dõi «{register.name}» chưa có mô hình nào được đánh giá «Công nhận» ở cột "
            f"«{RESULT_HEADER}»; chưa có gì để ra quyết định công nhận."
        )
    recognised = _in_section_order(recognised)
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
