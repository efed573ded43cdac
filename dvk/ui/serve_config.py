"""Defaults for the Prefect forms, the schedules and the file server, as data.

The settings of an office's working folder (`dvk.toml`, written by `dvk office init`) win over
the defaults shipped in `mappings/serve.toml`. Relative paths resolve against the folder
`dvk serve` was started in (kept in $DVK_BASE_DIR so the flow runs it starts see the same
folder); "{year}" becomes the year of the run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dvk.errors import ConfigError
from dvk.mappings import load_toml, mappings_dir, parse_day_month
from dvk.sources import GOOGLE_SPEC

SERVE_FILE = "serve.toml"
OFFICE_FILE = "dvk.toml"  # a working folder's own settings
CONFIG_ENV = "DVK_SERVE_CONFIG"
BASE_ENV = "DVK_BASE_DIR"


def base_dir() -> Path:
    return Path(os.environ.get(BASE_ENV) or Path.cwd())


def resolve_path(text: str, year: int | None = None) -> Path:
    """A configured or typed path with {year} filled in, absolute against the base folder."""
    if year is not None:
        text = text.replace("{year}", str(year))
    path = Path(text).expanduser()
    return path if path.is_absolute() else base_dir() / path


@dataclass(frozen=True)
class DeadlineCheckSchedule:
    hour: int
    minute: int
    timezone: str
    start: tuple[int, int]  # day, month
    end: tuple[int, int]
    active: bool

    def rrule(self) -> str:
        """One yearly-repeating rule: every day from start to end (inclusive) at the set time.

        Every day of the months start..end, minus the days before the start and after the end."""
        (d1, m1), (d2, m2) = self.start, self.end
        at = f"BYHOUR={self.hour};BYMINUTE={self.minute};BYSECOND=0"
        first = f"DTSTART:20200101T{self.hour:02d}{self.minute:02d}00"
        if m1 == m2:
            days = ",".join(str(d) for d in range(d1, d2 + 1))
            return f"{first}\nRRULE:FREQ=DAILY;BYMONTH={m1};BYMONTHDAY={days};{at}"
        months = ",".join(str(m) for m in range(m1, m2 + 1))
        lines = [first, f"RRULE:FREQ=DAILY;BYMONTH={months};{at}"]
        if d1 > 1:
            lines.append(f"EXRULE:FREQ=DAILY;BYMONTH={m1};BYMONTHDAY={','.join(map(str, range(1, d1)))};{at}")
        if d2 < 31:
            lines.append(
                f"EXRULE:FREQ=DAILY;BYMONTH={m2};BYMONTHDAY={','.join(map(str, range(d2 + 1, 32)))};{at}"
            )
        return "\n".join(lines)

    def title(self) -> str:
        """The schedule's name in the UI (its slug): when it runs, in Vietnamese."""
        return (
            f"Hằng ngày {self.hour:02d}:{self.minute:02d} (giờ {self.timezone}), từ "
            f"{self.start[0]:02d}/{self.start[1]:02d} đến {self.end[0]:02d}/{self.end[1]:02d}"
        )

    def describe(self) -> str:
        state = "đang bật" if self.active else "đang tạm dừng, bật trong mục Schedules khi mở đăng ký"
        return (
            f"hằng ngày lúc {self.hour:02d}:{self.minute:02d} (giờ {self.timezone}) từ "
            f"{self.start[0]:02d}/{self.start[1]:02d} đến {self.end[0]:02d}/{self.end[1]:02d} — {state}"
        )


@dataclass(frozen=True)
class FileServerConfig:
    """Where `dvk serve` serves the written files, and the address other PCs use to reach it."""

    host: str = "127.0.0.1"
    port: int = 4201
    public_url: str = ""

    @property
    def url(self) -> str:
        """The address put in the links: the configured one, or this host and port."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"


@dataclass(frozen=True)
class ServeConfig:
    path: Path
    sources: list[str]
    output: str
    registers: str
    review_output: str
    numbering: str
    profile: str
    organisation: str
    pdf: bool
    deadline_check: DeadlineCheckSchedule
    file_server: FileServerConfig = FileServerConfig()

    def sources_for(self, year: int) -> list[str]:
        return [s if GOOGLE_SPEC.match(s) else str(resolve_path(s, year)) for s in self.sources]

    def output_for(self, year: int) -> Path:
        return resolve_path(self.output, year)

    def numbering_dir(self) -> Path:
        return resolve_path(self.numbering)


def _day_month(text: object, where: str) -> tuple[int, int]:
    try:
        return parse_day_month(str(text))
    except ConfigError as exc:
        raise ConfigError(f"{where}: «{text}» phải là ngày/tháng, ví dụ 01/03.") from exc


def _schedule(data: dict, where: str) -> DeadlineCheckSchedule:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(data.get("time", "08:00")))
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ConfigError(f"{where} [deadline_check]: giờ «{data.get('time')}» phải có dạng 08:00.")
    timezone = str(data.get("timezone", "Asia/Ho_Chi_Minh"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{where} [deadline_check]: không biết múi giờ «{timezone}».") from exc
    start = _day_month(data.get("from", "01/03"), f"{where} [deadline_check] from")
    end = _day_month(data.get("to", "15/04"), f"{where} [deadline_check] to")
    if (start[1], start[0]) > (end[1], end[0]):
        raise ConfigError(f"{where} [deadline_check]: ngày bắt đầu phải trước ngày kết thúc trong năm.")
    return DeadlineCheckSchedule(int(match[1]), int(match[2]), timezone, start, end, bool(data.get("active")))


def _file_server(data: dict, where: str) -> FileServerConfig:
    port = data.get("port", FileServerConfig.port)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(f"{where} [file_server]: cổng «{port}» phải là số từ 1 đến 65535.")
    public_url = str(data.get("public_url", "")).strip()
    if public_url and not re.match(r"https?://[^/\s]+", public_url):
        raise ConfigError(
            f"{where} [file_server]: địa chỉ «{public_url}» phải bắt đầu bằng http:// hoặc https://."
        )
    return FileServerConfig(str(data.get("host", FileServerConfig.host)), port, public_url)


def serve_config_path() -> Path:
    """$DVK_SERVE_CONFIG, else the working folder's dvk.toml, else mappings/serve.toml."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    office = base_dir() / OFFICE_FILE
    return office if office.is_file() else mappings_dir() / SERVE_FILE


def load_serve_config(path: Path | None = None) -> ServeConfig:
    path = Path(path) if path else serve_config_path()
    data = load_toml(path)
    folders = data.get("folders", {})
    documents = data.get("documents", {})
    sources = folders.get("sources", ["du_lieu/{year}"])
    if isinstance(sources, str):
        sources = [sources]
    return ServeConfig(
        path=path,
        sources=[str(s) for s in sources],
        output=str(folders.get("output", "ket_qua/{year}")),
        registers=str(folders.get("registers", folders.get("output", "ket_qua/{year}"))),
        review_output=str(folders.get("review_output", "ket_qua/tong_hop")),
        numbering=str(folders.get("numbering", "so_van_ban")),
        profile=str(documents.get("profile", "")),
        organisation=str(documents.get("organisation", "")),
        pdf=bool(documents.get("pdf", False)),
        deadline_check=_schedule(data.get("deadline_check", {}), path.name),
        file_server=_file_server(data.get("file_server", {}), path.name),
    )
