"""The forms of the national flows in the Prefect UI, checked before any province is started."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from dvk.errors import ConfigError, ParameterError
from dvk.national.config import NationalConfig, load_national_config
from dvk.ui.years import FIRST_YEAR, year_problem

CONFIG_ENV = "DVK_NATIONAL_CONFIG"
DEFAULT_POOL = "dvk-toan-quoc"  # the work pool `dvk national deploy` registers both flows on
DEFAULT_WAIT_MINUTES = 240

_CONFIG = Field(
    default="",
    title="Tệp cấu hình toàn quốc",
    description=(
        "Đường dẫn đầy đủ tới quoc_gia.toml (danh sách tỉnh, thành phố: danh sách đơn vị, nguồn, hạn, "
        f"thư mục kết quả của từng tỉnh). Để trống: theo biến môi trường {CONFIG_ENV} của máy thợ."
    ),
)


def _year() -> int:
    return Field(
        default=date.today().year,
        title="Năm",
        description=f"Năm đăng ký, từ {FIRST_YEAR} đến năm sau năm hiện tại.",
    )


class ProvinceParams(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Thông số tổng hợp một tỉnh")
    config: str = _CONFIG
    year: int = _year()
    province: str = Field(title="Mã tỉnh", description="Mã tỉnh, thành phố trong tệp cấu hình, ví dụ QNG.")


class NationalParams(BaseModel):
    model_config = ConfigDict(extra="forbid", title="Thông số tổng hợp toàn quốc")
    config: str = _CONFIG
    year: int = _year()
    provinces: list[str] = Field(
        default_factory=list,
        title="Chỉ các tỉnh",
        description=(
            "Mã các tỉnh cần chạy lại (ví dụ tỉnh vừa sửa lỗi). Để trống: tất cả. Tỉnh không chạy lại "
            "vẫn được gộp từ sổ theo dõi đã có."
        ),
    )
    wait_minutes: int = Field(
        default=DEFAULT_WAIT_MINUTES,
        title="Chờ mỗi tỉnh tối đa (phút)",
        description="Quá thời gian này mà tỉnh chưa chạy xong (máy thợ tắt, hàng chờ dài) thì báo lỗi tỉnh.",
    )


def check_national_params(params: ProvinceParams | NationalParams) -> NationalConfig:
    """The configuration the form points at; ParameterError lists every problem at once."""
    problems = []
    if year_problem(params.year):
        problems.append(year_problem(params.year))
    text = params.config.strip() or os.environ.get(CONFIG_ENV, "").strip()
    config = None
    if not text:
        problems.append(
            f"Chưa chỉ tệp cấu hình toàn quốc (ô «Tệp cấu hình toàn quốc» hoặc biến {CONFIG_ENV})."
        )
    elif not Path(text).expanduser().is_absolute():
        problems.append(f"Tệp cấu hình «{text}» phải là đường dẫn đầy đủ (máy thợ chạy ở thư mục khác).")
    else:
        try:
            config = load_national_config(text)
        except ConfigError as error:
            problems.append(str(error))
    if config is not None:
        wanted = [params.province] if isinstance(params, ProvinceParams) else params.provinces
        for code in wanted:
            try:
                config.province(code)
            except ConfigError as error:
                problems.append(str(error))
    if isinstance(params, NationalParams) and params.wait_minutes <= 0:
        problems.append("«Chờ mỗi tỉnh tối đa» phải là một số phút dương.")
    if problems:
        raise ParameterError("Thông số không hợp lệ, chưa làm gì:\n" + "\n".join(f"- {p}" for p in problems))
    return config
