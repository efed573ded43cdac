"""What staff type in the Prefect UI forms: one pydantic model per job, checked before any work.

Fields left empty take their value from the office settings (see dvk.ui.serve_config), so the
form only needs the year in the normal case. `plan_run` turns a filled form into absolute paths
and refuses bad values with every problem listed in Vietnamese.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from dvk.cycle.plan import RunPlan
from dvk.errors import ConfigError, ParameterError
from dvk.settings import Settings, load_settings
from dvk.sources import GOOGLE_SPEC
from dvk.ui.form_schema import profile_name
from dvk.ui.serve_config import ServeConfig, load_serve_config, resolve_path
from dvk.ui.years import FIRST_YEAR, year_problem

THIS_YEAR = date.today().year


def _filled(items: object) -> object:
    """A list without the items added in the form and left empty."""
    if isinstance(items, list):
        return [item for item in items if item is not None and str(item).strip()]
    return items


def _date_or_none(value: object) -> object:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


Items = Annotated[list[str], BeforeValidator(_filled)]
OptionalDate = Annotated[date | None, BeforeValidator(_date_or_none)]


def _year(title: str = "Năm") -> int:
    return Field(
        default=THIS_YEAR,
        title=title,
        description=f"Năm đăng ký, từ {FIRST_YEAR} đến năm sau năm hiện tại, ví dụ {THIS_YEAR}.",
    )


_SOURCES = Field(
    default_factory=list,
    title="Nguồn đăng ký",
    description=(
        "Mỗi dòng một nguồn: tệp .csv/.xlsx, thư mục chứa biểu mẫu của đơn vị, hoặc nguồn Google "
        "(gform:…, gsheet:…, gdrive:…). Để trống: thư mục nguồn của năm."
    ),
)
_OUT_DIR = Field(
    default="",
    title="Thư mục kết quả",
    description=("Nơi ghi các tệp kết quả của năm. Để trống: thư mục kết quả của năm."),
)
_ROSTER = Field(
    default="",
    title="Danh sách đơn vị",
    description="Tệp CSV danh sách đơn vị (mã, tên, tên cũ). Để trống: mappings/roster.csv.",
)
_UNITS = Field(
    default_factory=list,
    title="Chỉ các đơn vị",
    description=(
        "Mã đơn vị (ví dụ SYT, X-MODUC) để chỉ hiển thị và nhắc những đơn vị này. "
        "Để trống: tất cả. Các tệp kết quả vẫn đầy đủ mọi đơn vị."
    ),
)
_PROFILE = Field(
    default="",
    title="Mẫu văn bản",
    description="Thể thức của văn bản Word (Đảng hoặc Nhà nước). Để trống: thể thức mặc định của Ban.",
)
_REPLY_BY = Field(
    default=None,
    title="Hạn đơn vị trả lời",
    description="Ngày công văn đôn đốc đề nghị đơn vị trả lời. Để trống: một tuần sau ngày chạy.",
)
_PDF = Field(default=False, title="Xuất thêm PDF", description="Ghi thêm bản PDF của văn bản Word.")
_REGISTER_SHEET = Field(
    default="",
    title="Google Sheet sổ theo dõi",
    description=(
        "Mã hoặc đường dẫn Google Sheet để ghi sổ theo dõi lên mạng (giữ nguyên các ô cán bộ đã nhập). "
        "Để trống: chỉ ghi tệp Excel."
    ),
)
_DRIVE_FOLDER = Field(
    default="",
    title="Thư mục Google Drive nhận văn bản",
    description=(
        "Mã hoặc đường dẫn thư mục Google Drive để tải các tệp Word/Excel lên (tệp cùng tên được thay "
        "thế). Để trống: không tải lên."
    ),
)


class _Form(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CollectParams(_Form):
    model_config = ConfigDict(title="Thông số thu thập đăng ký")
    year: int = _year()
    sources: Items = _SOURCES
    out_dir: str = _OUT_DIR
    roster: str = _ROSTER
    register_sheet: str = _REGISTER_SHEET


class CheckParams(_Form):
    model_config = ConfigDict(title="Thông số kiểm tra hạn đăng ký")
    year: int | None = Field(
        default=None,
        title="Năm",
        description="Năm đăng ký. Để trống: năm hiện tại (lịch chạy hằng ngày dùng cách này).",
    )
    collect_first: bool = Field(
        default=True,
        title="Thu thập lại trước khi kiểm tra",
        description="Đọc lại các nguồn đăng ký trước khi kiểm tra, để thấy cả đơn vị vừa gửi.",
    )
    sources: Items = _SOURCES
    out_dir: str = _OUT_DIR
    roster: str = _ROSTER
    units: Items = _UNITS


class ReportParams(_Form):
    model_config = ConfigDict(title="Thông số lập báo cáo")
    year: int = _year()
    out_dir: str = _OUT_DIR
    profile: str = _PROFILE
    reply_by: OptionalDate = _REPLY_BY
    pdf: bool = _PDF
    drive_folder: str = _DRIVE_FOLDER


class ReminderParams(_Form):
    model_config = ConfigDict(title="Thông số đôn đốc đơn vị")
    year: int = _year()
    out_dir: str = _OUT_DIR
    roster: str = _ROSTER
    units: Items = _UNITS
    profile: str = _PROFILE
    reply_by: OptionalDate = _REPLY_BY


class DecisionParams(_Form):
    model_config = ConfigDict(title="Thông số ra quyết định công nhận")
    year: int = _year()
    out_dir: str = _OUT_DIR
    number: str = Field(
        default="",
        title="Số quyết định",
        description=(
            "Chỉ điền khi Văn phòng đã cấp số (chỉ ghi phần số, ví dụ 125). "
            "Để trống: dvk cấp số tiếp theo trong sổ văn bản."
        ),
    )
    signed_on: OptionalDate = Field(
        default=None, title="Ngày ký", description="Ngày ghi trên quyết định. Để trống: hôm nay."
    )
    profile: str = _PROFILE
    pdf: bool = _PDF


class CycleParams(_Form):
    model_config = ConfigDict(title="Thông số chu trình năm")
    year: int = _year()
    sources: Items = _SOURCES
    out_dir: str = _OUT_DIR
    roster: str = _ROSTER
    units: Items = _UNITS
    issue_decision: bool = Field(
        default=True,
        title="Ra quyết định công nhận",
        description=(
            "Ra quyết định khi sổ theo dõi đã có mô hình được công nhận; "
            "chưa có thì bỏ qua bước này và ghi rõ trong kết quả."
        ),
    )
    profile: str = _PROFILE
    reply_by: OptionalDate = _REPLY_BY
    pdf: bool = _PDF
    register_sheet: str = _REGISTER_SHEET
    drive_folder: str = _DRIVE_FOLDER


class ReviewParams(_Form):
    model_config = ConfigDict(title="Thông số sơ kết, tổng kết")
    first_year: int = Field(
        default=THIS_YEAR - 2, title="Từ năm", description="Năm đầu của giai đoạn, ví dụ 2024."
    )
    last_year: int = Field(
        default=THIS_YEAR, title="Đến năm", description="Năm cuối của giai đoạn (tính cả năm này)."
    )
    registers_dir: str = Field(
        default="",
        title="Thư mục sổ theo dõi",
        description=(
            "Thư mục có các tệp so_theo_doi_<năm>.xlsx, hoặc mẫu có {year} như ket_qua/{year}. "
            "Để trống: thư mục kết quả của từng năm."
        ),
    )
    out_dir: str = Field(
        default="",
        title="Thư mục kết quả",
        description="Nơi ghi báo cáo sơ kết, tổng kết. Để trống: thư mục sơ kết, tổng kết.",
    )
    roster: str = _ROSTER
    profile: str = _PROFILE


def _missing_sources(sources: list[str]) -> list[str]:
    return [
        f"Không tìm thấy nguồn đăng ký «{spec}» (tệp hoặc thư mục không tồn tại)."
        for spec in sources
        if not GOOGLE_SPEC.match(spec) and not Path(spec).exists()
    ]


def _unknown_units(codes: list[str], settings: Settings) -> list[str]:
    problems = []
    for code in codes:
        unit = settings.roster.find(code.strip())
        if unit is None:
            problems.append(f"Không có đơn vị mã «{code}» trong danh sách đơn vị {settings.roster_path}.")
    return problems


def _unknown_profile(name: str) -> list[str]:
    from dvk.documents.profiles import profile_path

    if profile_path(name).exists():
        return []
    known = sorted(path.stem for path in profile_path(name).parent.glob("*.toml"))
    return [f"Không có mẫu văn bản «{name}»; dùng một trong: {', '.join(known)}."]


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ParameterError("Thông số không hợp lệ, chưa làm gì:\n" + "\n".join(f"- {p}" for p in problems))


def plan_run(params: BaseModel, config: ServeConfig | None = None) -> RunPlan:
    """Apply the defaults and check the form; ParameterError lists every problem at once."""
    config = config or load_serve_config()
    problems: list[str] = []
    year = getattr(params, "year", None) or getattr(params, "last_year", None) or date.today().year
    for name, label in [("year", "Năm"), ("first_year", "Từ năm"), ("last_year", "Đến năm")]:
        value = year if name == "year" else getattr(params, name, None)
        if hasattr(params, name) and (problem := year_problem(value, label)):
            problems.append(problem)
    if isinstance(params, ReviewParams) and params.first_year > params.last_year:
        problems.append(f"Từ năm {params.first_year} phải không sau đến năm {params.last_year}.")

    roster = getattr(params, "roster", "").strip()
    settings = None
    if roster and not resolve_path(roster).exists():
        problems.append(f"Không tìm thấy danh sách đơn vị «{roster}».")
    else:
        try:
            settings = load_settings(resolve_path(roster) if roster else None)
        except ConfigError as exc:
            problems.append(str(exc))

    sources: list[str] = []
    if hasattr(params, "sources") and getattr(params, "collect_first", True):
        typed = [s.strip() for s in params.sources if s.strip()]
        sources = [s if GOOGLE_SPEC.match(s) else str(resolve_path(s)) for s in typed]
        sources = sources or config.sources_for(year)
        problems += _missing_sources(sources)

    units = [code.strip() for code in getattr(params, "units", []) if code.strip()]
    if settings is not None:
        problems += _unknown_units(units, settings)
        units = [settings.roster.find(code).code for code in units if settings.roster.find(code)]

    if isinstance(params, ReviewParams):
        out_dir = (
            resolve_path(params.out_dir) if params.out_dir.strip() else resolve_path(config.review_output)
        )
    else:
        typed_out = getattr(params, "out_dir", "").strip()
        out_dir = resolve_path(typed_out) if typed_out else config.output_for(year)
    if out_dir.exists() and not out_dir.is_dir():
        problems.append(f"Thư mục kết quả «{out_dir}» đang là một tệp, không phải thư mục.")

    if isinstance(params, DecisionParams) and params.number.strip() and not params.number.strip().isdigit():
        problems.append(f"Số quyết định «{params.number}» chỉ gồm chữ số, ví dụ 125.")

    profile = profile_name(getattr(params, "profile", "")) or config.profile or None
    if profile:
        problems += _unknown_profile(profile)
    _refuse(problems)
    organisation = resolve_path(config.organisation) if config.organisation else None
    registers = {}
    if isinstance(params, ReviewParams):
        pattern = params.registers_dir.strip() or config.registers
        registers = {
            y: resolve_path(pattern, y) / f"so_theo_doi_{y}.xlsx"
            for y in range(params.first_year, params.last_year + 1)
        }
    return RunPlan(
        year=year,
        settings=settings,
        out_dir=out_dir,
        sources=sources,
        units=units,
        profile=profile,
        organisation=organisation,
        pdf=bool(getattr(params, "pdf", config.pdf)),
        numbering_dir=config.numbering_dir(),
        register_paths=registers,
        register_sheet=getattr(params, "register_sheet", "").strip(),
        drive_folder=getattr(params, "drive_folder", "").strip(),
        reply_by=getattr(params, "reply_by", None),
    )
