"""The documents of the year after collect + check: consolidated list, results report, reminder
letter, unit forms. Reads the files earlier steps wrote, fills the templates, returns the paths.
The cycle's `report` job calls this (`dvk report` and the flows alike).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from dvk.check.counts import UnitCounts, unit_counts
from dvk.dates import VIETNAM
from dvk.documents import contexts
from dvk.documents.address_warnings import district_address_warnings
from dvk.documents.chart import registrations_chart
from dvk.documents.organisation import Organisation, load_organisation, organisation_path
from dvk.documents.pdf import require_soffice, to_pdf
from dvk.documents.prepared import PreparedTemplate
from dvk.documents.profiles import FormatProfile, load_profile, profile_path
from dvk.documents.render import Image, render_docx
from dvk.documents.statistics import Statistics, field_statistics
from dvk.errors import SourceError
from dvk.folders import (
    REGISTRATIONS_CSV,
    REJECTS_CSV,
    UNIT_FORMS_DIR,
    UNIT_STATUS_CSV,
    register_path,
    report_file_names,
)
from dvk.mappings import mappings_dir
from dvk.register.evaluation import EvaluationCheck, check_evaluations
from dvk.register.workbook import read_register
from dvk.safe_text import safe_file_name
from dvk.schema import REGISTRATION_COLUMNS, REJECT_COLUMNS, UNIT_STATUS_COLUMNS, Field, Form, Kind
from dvk.settings import Settings
from dvk.tables import read_csv

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


def load_format(
    organisation: Path | None, profile: str | None, mappings: Path | None = None
) -> tuple[Organisation, FormatProfile]:
    """The organisation (default: organisation.toml of the run's mappings folder), and its
    profile: from `formats/` beside the organisation file when there is one, otherwise from the
    mappings folder."""
    folder = Path(mappings) if mappings else mappings_dir()
    org = load_organisation(organisation_path(organisation, folder), profile)
    name = org.profile
    beside = org.path.parent if org.path else None
    return org, load_profile(name, beside if beside and profile_path(name, beside).exists() else folder)


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


def build_reports(
    year: int,
    in_dir: Path,
    out_dir: Path,
    settings: Settings,
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
    in_dir, out_dir = Path(in_dir), Path(out_dir)
    soffice = require_soffice() if pdf else None
    org, fmt = load_format(organisation, profile, settings.mappings.folder)
    statuses, registrations, warnings = _year_registrations(in_dir)
    rejects = _read_optional(in_dir / REJECTS_CSV, REJECT_COLUMNS)

    evaluated = None
    recognised = None
    register = register_path(in_dir, year)
    if register.exists():
        rows, bad = usable_rows(read_register(register), register.name)
        checked = check_evaluations(rows, settings.mappings.folder)
        warnings += bad + checked.warnings(register.name)
        evaluated, recognised = checked.counts, checked.recognised

    stats = field_statistics(registrations, recognised)
    units = unit_counts(statuses)
    names = report_file_names(year)
    out_dir.mkdir(parents=True, exist_ok=True)

    listing = contexts.consolidated_context(fmt, org, year, registrations, stats, units)
    consolidated = render_docx("tong_hop_dang_ky", listing, out_dir / names["consolidated_docx"], fmt)
    from dvk.documents.workbook import write_workbook

    workbook = write_workbook(
        out_dir / names["consolidated_xlsx"],
        year,
        org.issuing_body_full,
        listing["sections"],
        listing["totals"],
        stats,
        units,
        statuses,
        rejects,
    )
    results = _render_results_report(year, stats, units, evaluated, out_dir, org, fmt)
    reminder = _render_reminder_letter(year, statuses, units, out_dir, settings, org, fmt, reply_by)
    plan = contexts.plan_reference(org)
    unit_forms = write_unit_forms(year, registrations, out_dir / UNIT_FORMS_DIR, fmt, plan)
    files = ReportFiles(consolidated, workbook, results, reminder, unit_forms, [], warnings)
    if pdf:
        files.pdfs = to_pdf([consolidated, results, reminder, *unit_forms], soffice)
    return files


def _year_registrations(in_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, list[str]]:
    """The unit statuses, the usable registrations in roster order, and a warning per row left out."""
    statuses = _read_statuses(in_dir)
    registrations, warnings = usable_rows(
        read_csv(Path(in_dir) / REGISTRATIONS_CSV, REGISTRATION_COLUMNS), REGISTRATIONS_CSV
    )
    registrations = contexts.ordered(registrations, statuses["unit_code"].tolist())
    return statuses, registrations, warnings + district_address_warnings(registrations)


def _render_results_report(
    year: int,
    stats: Statistics,
    units: UnitCounts,
    evaluated: dict[str, int] | None,
    out_dir: Path,
    org: Organisation,
    fmt: FormatProfile,
) -> Path:
    with tempfile.TemporaryDirectory(prefix="dvk-chart-") as folder:
        chart = registrations_chart(stats, Path(folder) / "bieu_do.png")
        return render_docx(
            "bao_cao_ket_qua",
            contexts.results_context(fmt, org, year, stats, units, evaluated),
            Path(out_dir) / report_file_names(year)["results_report"],
            fmt,
            images={"chart": Image(chart, CHART_WIDTH_MM)},
        )


@dataclass
class ResultsReport:
    path: Path
    pdf: Path | None
    warnings: list[str]


def write_results_report(
    year: int,
    in_dir: Path,
    out_dir: Path,
    settings: Settings,
    checked: EvaluationCheck,
    *,
    organisation: Path | None = None,
    profile: str | None = None,
    pdf: bool = False,
) -> ResultsReport:
    """Only the results report (báo cáo kết quả), counting what `checked` recognises: after the
    decision, from the very evaluation the decision was made from. The other documents of the
    year, the reminder letter already sent among them, stay as they are."""
    soffice = require_soffice() if pdf else None
    org, fmt = load_format(organisation, profile, settings.mappings.folder)
    statuses, registrations, warnings = _year_registrations(in_dir)
    stats = field_statistics(registrations, checked.recognised)
    path = _render_results_report(year, stats, unit_counts(statuses), checked.counts, out_dir, org, fmt)
    warnings += checked.warnings(register_path(in_dir, year).name)
    return ResultsReport(path, to_pdf([path], soffice)[0] if pdf else None, warnings)


def _read_statuses(in_dir: Path) -> pd.DataFrame:
    status_path = Path(in_dir) / UNIT_STATUS_CSV
    if not status_path.exists():
        raise SourceError(f"Chưa có «{status_path}». Chạy «dvk check» trước (hoặc cả chu trình «dvk demo»).")
    return read_csv(status_path, UNIT_STATUS_COLUMNS)


def _render_reminder_letter(
    year, statuses, units, out_dir: Path, settings: Settings, org, fmt, reply_by: date | None
) -> Path:
    """The letter asks units to answer by `reply_by` (default: a week after today)."""
    deadline = settings.mappings.deadlines.deadline_date(year)
    reply_by = reply_by or datetime.now(VIETNAM).date() + timedelta(days=REPLY_DAYS)
    return render_docx(
        "cong_van_don_doc",
        contexts.reminder_context(fmt, org, year, statuses, units, deadline, reply_by),
        Path(out_dir) / report_file_names(year)["reminder_letter"],
        fmt,
    )


def write_reminder_letter(
    year: int,
    statuses: pd.DataFrame,
    out_dir: Path,
    settings: Settings,
    *,
    organisation: Path | None = None,
    profile: str | None = None,
    reply_by: date | None = None,
) -> Path:
    """Only the reminder letter (công văn đôn đốc), from the units' statuses the run checked."""
    org, fmt = load_format(organisation, profile, settings.mappings.folder)
    units = unit_counts(statuses)
    return _render_reminder_letter(year, statuses, units, out_dir, settings, org, fmt, reply_by)


def write_unit_forms(
    year: int, registrations: pd.DataFrame, folder: Path, fmt: FormatProfile, plan: str = ""
) -> list[Path]:
    """bieu_mau/<unit_code>.docx for every unit with registrations (file name made safe)."""
    if registrations.empty:
        return []
    template = PreparedTemplate("bieu_mau_don_vi", fmt)  # the template and profile once, for every unit
    written = []
    used: set[str] = set()
    for code, context in contexts.unit_form_contexts(year, registrations, plan):
        name = safe_file_name(str(code), fallback="don_vi")
        while name in used:  # two codes that only differ by unsafe characters
            name += "_"
        used.add(name)
        written.append(template.render(context, folder / f"{name}.docx"))
    return written
