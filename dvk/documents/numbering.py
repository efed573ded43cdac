"""Document numbers: one register per document type, never reusing a number.

Party rule: numbers run through the Party term (from 1 on the term's first day); state rule:
numbers restart on 1 January. An allocation is keyed by (type, subject) so issuing the same
document again keeps its number, while a new subject gets the next one. Each register is a
JSON file written atomically under a lock, so two runs at once cannot take the same number.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dvk.atomic import save_atomically
from dvk.errors import ConfigError, NumberingError
from dvk.mappings import load_toml

NUMBERING_FILE = "numbering.toml"
RULES = ("party", "state")
LOCK_WAIT_SECONDS = 30
STALE_LOCK_SECONDS = 120


@dataclass(frozen=True)
class DocType:
    code: str
    label: str
    abbreviation: str
    rule: str


@dataclass(frozen=True)
class NumberingRules:
    types: dict[str, DocType]
    terms: tuple[date, ...]

    def doc_type(self, code: str) -> DocType:
        if code not in self.types:
            raise ConfigError(f"numbering.toml chưa khai báo loại văn bản «{code}».")
        return self.types[code]

    def period(self, code: str, on: date) -> str:
        """The numbering period a document signed on `on` belongs to."""
        if self.doc_type(code).rule == "state":
            return str(on.year)
        started = [term for term in self.terms if term <= on]
        if not started:
            raise ConfigError(
                f"numbering.toml: ngày {on:%d/%m/%Y} trước nhiệm kỳ đầu tiên đã khai báo (terms)."
            )
        return max(started).isoformat()


def load_numbering_rules(mappings_folder: Path) -> NumberingRules:
    """The numbering rules of the run's mappings folder (numbering.toml)."""
    path = Path(mappings_folder) / NUMBERING_FILE
    data = load_toml(path)
    default_rule = data.get("rule", "party")
    try:
        terms = tuple(sorted(date.fromisoformat(str(t)) for t in data.get("terms", [])))
    except ValueError as exc:
        raise ConfigError(f"{path.name}: ngày nhiệm kỳ phải có dạng 2025-10-01 ({exc}).") from exc
    types = {}
    for code, spec in data.get("types", {}).items():
        rule = spec.get("rule", default_rule)
        if rule not in RULES:
            raise ConfigError(f"{path.name}: quy tắc «{rule}» của {code} phải là party hoặc state.")
        types[code] = DocType(code, spec.get("label", code), spec.get("abbreviation", code), rule)
    if any(t.rule == "party" for t in types.values()) and not terms:
        raise ConfigError(f"{path.name}: quy tắc party cần ngày bắt đầu nhiệm kỳ (terms).")
    return NumberingRules(types, terms)


@dataclass(frozen=True)
class Allocation:
    doc_type: str
    period: str
    number: int
    subject: str
    already_given: bool  # the subject had this number before (document issued again)


def register_file(folder: Path, code: str) -> Path:
    return Path(folder) / f"so_van_ban_{code}.json"


def _read(path: Path) -> dict:
    if not path.exists():
        return {"entries": []}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NumberingError(f"Sổ văn bản «{path}» bị hỏng ({exc}); khôi phục từ bản sao lưu.") from exc


def _write(path: Path, data: dict) -> None:
    def save(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.flush()
            os.fsync(handle.fileno())

    save_atomically(path, save)


class _Lock:
    def __init__(self, path: Path) -> None:
        self.path = path.with_suffix(".lock")

    def __enter__(self) -> _Lock:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                return self
            except FileExistsError:
                try:
                    held_since = self.path.stat().st_mtime
                except FileNotFoundError:
                    continue  # released between the open and the stat: try again
                if time.time() - held_since > STALE_LOCK_SECONDS:
                    self.path.unlink(missing_ok=True)
                    continue
                if time.monotonic() > deadline:
                    raise NumberingError(
                        f"Sổ văn bản đang được một lần chạy khác dùng ({self.path}); thử lại sau."
                    ) from None
                time.sleep(0.1)

    def __exit__(self, *exc) -> None:
        self.path.unlink(missing_ok=True)


def allocate(
    folder: Path,
    rules: NumberingRules,
    code: str,
    subject: str,
    on: date,
    requested: int | None = None,
) -> Allocation:
    """The number for (type, subject) signed on `on`: the one it had, the requested one, or the next."""
    period = rules.period(code, on)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = register_file(folder, code)
    with _Lock(path):
        data = _read(path)
        entries = [e for e in data["entries"] if e["period"] == period]
        mine = [e for e in entries if e["subject"] == subject]
        if mine and requested in (None, mine[-1]["number"]):
            return Allocation(code, period, mine[-1]["number"], subject, True)
        if requested is not None:
            taken = [e for e in entries if e["number"] == requested]
            if taken:
                raise NumberingError(
                    f"Số {requested} ({rules.doc_type(code).label}) đã cấp cho «{taken[0]['subject']}» "
                    f"ngày {taken[0]['signed_on']}; không dùng lại số đã cấp."
                )
            number = requested
        else:
            number = max((e["number"] for e in entries), default=0) + 1
        data["entries"].append(
            {
                "period": period,
                "number": number,
                "subject": subject,
                "signed_on": on.isoformat(),
                "recorded_at": datetime.now().astimezone().isoformat(timespec="seconds"),
            }
        )
        _write(path, data)
    return Allocation(code, period, number, subject, False)
