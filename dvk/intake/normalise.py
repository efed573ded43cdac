"""Raw rows to registrations in the official schema, or to rejects: never both, never neither."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from dvk.dates import DateParseError, iso, parse_moment
from dvk.mappings import Mappings
from dvk.rejects import Reject, reject
from dvk.roster import Roster
from dvk.schema import Field, Form, Kind
from dvk.sources.headers import FIELD_LABELS
from dvk.sources.model import RawRow, RawTable
from dvk.text import clean_cell, match_key

_NOT_MARKED = {"", "0", "khong", "no", "false", "-"}
UNDECODABLE = "\ufffd"  # what a byte no encoding could read became
# A choice answered as one column ("Hình thức": "Tập thể") or as marks in two columns.
_MARK_COLUMNS = {
    "form": ("form_collective", "form_individual"),
    "kind": ("kind_new", "kind_replicated"),
}


# How a column is named in a reject when the source has no header of its own for it.
COLUMN_LABELS = {**FIELD_LABELS, "kind": "Xây dựng mới / Nhân rộng", "timestamp": "Thời gian gửi"}


@dataclass
class Outcome:
    registration: dict[str, object] | None
    rejects: list[Reject]


def _choice(text: str, index: dict, strip_prefixes: bool = False):
    key = match_key(text)
    if key in index:
        return index[key]
    if strip_prefixes:
        # "I. Lĩnh vực kinh tế", "Lĩnh vực: Kinh tế"
        bare = re.sub(r"^(?:iv|iii|ii|i)\s+", "", key)
        bare = re.sub(r"^linh vuc\s+", "", bare)
        for candidate in (bare, f"linh vuc {bare}"):
            if candidate in index:
                return index[candidate]
    return None


def _is_marked(value: object, mappings: Mappings) -> bool:
    """A mark listed in values.toml ("x", "✓", "có"), or any other text that is not a "no"."""
    text = clean_cell(value)
    return mappings.is_mark(text) or match_key(text) not in _NOT_MARKED


def registration_id(year: int, unit_code: str, model_name: str, response_id: str = "") -> str:
    """The source's own id when it has one; otherwise one derived from unit and model.

    The derived id is the same on every rerun and for a resubmission of the same model by
    the same unit, so staff entries in the register stay attached to it.
    """
    if response_id:
        return response_id
    digest = hashlib.sha1(f"{year}|{unit_code}|{match_key(model_name)}".encode()).hexdigest()
    return f"DK{year}-{digest[:10].upper()}"


class Normaliser:
    def __init__(self, year: int, roster: Roster, mappings: Mappings) -> None:
        self.year = year
        self.roster = roster
        self.mappings = mappings

    def row(self, raw: RawRow, labels: dict[str, str]) -> Outcome:
        problems: list[Reject] = []
        values = raw.values

        def problem(column: str, value: object, code: str, extra: str = "") -> None:
            label = labels.get(column) or COLUMN_LABELS.get(column, column)
            problems.append(reject(raw.source, raw.source_row, label, value, code, extra))

        for column, value in values.items():
            if isinstance(value, str) and UNDECODABLE in value:
                problem(column, clean_cell(value), "undecodable")

        model_name = clean_cell(values.get("model_name"))
        if not model_name:
            problem("model_name", "", "missing_model_name")

        unit = None
        unit_text = clean_cell(values.get("unit_code")) or clean_cell(values.get("unit_name"))
        if not unit_text:
            problem("unit_name", "", "missing_unit")
        else:
            unit = self.roster.find(unit_text)
            if unit is None and values.get("unit_name"):
                unit = self.roster.find(clean_cell(values.get("unit_name")))
            if unit is None:
                problem("unit_name", unit_text, "unknown_unit")

        field = self._field(values, problem)
        form = self._either("form", Form, self.mappings.forms, values, problem)
        kind = self._either("kind", Kind, self.mappings.kinds, values, problem)

        submitted = None
        raw_time = values.get("timestamp")
        try:
            submitted = parse_moment(raw_time.strip() if isinstance(raw_time, str) else raw_time)
        except DateParseError:
            problem("timestamp", clean_cell(raw_time), "bad_timestamp")

        year = self._year(values, submitted, problem)

        if problems:
            return Outcome(None, problems)
        registration = {
            "registration_id": registration_id(self.year, unit.code, model_name, raw.response_id),
            "year": year,
            "unit_code": unit.code,
            "unit_name": unit.name,
            "field": str(field),
            "model_name": model_name,
            "form": str(form),
            "address": clean_cell(values.get("address")),
            "content": clean_cell(values.get("content")),
            "kind": str(kind),
            "submitted_at": iso(submitted),
            "late": ""
            if submitted is None
            else str(self.mappings.deadlines.is_late(submitted, self.year)).lower(),
            "source": raw.source,
            "source_row": raw.source_row,
        }
        return Outcome(registration, [])

    def _field(self, values: dict, problem) -> Field | None:
        text = clean_cell(values.get("field"))
        if not text:
            problem("field", "", "missing_field")
            return None
        field = _choice(text, self.mappings.fields, strip_prefixes=True)
        if field is None:
            problem("field", text, "unknown_field")
        return field

    def _either(self, name: str, enum: type[Form] | type[Kind], index: dict, values: dict, problem):
        """A choice given as one answer ("Tập thể") or as marks in two columns (x | )."""
        mark_columns = _MARK_COLUMNS[name]
        text = clean_cell(values.get(name))
        if text:
            choice = _choice(text, index)
            if choice is None:
                problem(name, text, f"unknown_{name}")
            return choice
        if not any(column in values for column in mark_columns):
            problem(name, "", f"{name}_neither")
            return None
        marked = [
            member
            for member, column in zip(enum, mark_columns, strict=True)
            if _is_marked(values.get(column), self.mappings)
        ]
        if len(marked) == 1:
            return marked[0]
        shown = " | ".join(clean_cell(values.get(column)) for column in mark_columns)
        problem(mark_columns[0], shown, f"{name}_both" if marked else f"{name}_neither")
        return None

    def _year(self, values: dict, submitted, problem) -> int:
        text = clean_cell(values.get("year"))
        if text:
            match = re.search(r"(20\d\d)", text)
            if not match:
                problem("year", text, "bad_year")
                return self.year
            year = int(match[1])
        elif submitted is not None:
            year = submitted.year
        else:
            year = self.year
        if year != self.year:
            problem("year" if text else "timestamp", text or iso(submitted), "wrong_year", str(year))
        return year


def normalise(tables: Iterable[RawTable], year: int, roster: Roster, mappings: Mappings):
    """Registrations and rejects for all rows, and the number of rows read."""
    normaliser = Normaliser(year, roster, mappings)
    registrations: list[dict[str, object]] = []
    rejects: list[Reject] = []
    rows_in = 0
    rows_rejected = 0
    for table in tables:
        for raw in table.rows:
            rows_in += 1
            if table.refusal:
                rows_rejected += 1
                rejects.append(reject(raw.source, raw.source_row, "", "", "file_refused", table.refusal))
                continue
            outcome = normaliser.row(raw, table.labels)
            if outcome.registration is not None:
                registrations.append(outcome.registration)
            else:
                rows_rejected += 1
                rejects.extend(outcome.rejects)
    return registrations, rejects, rows_in, rows_rejected
