"""Raw tables to registrations in the official schema, or to rejects: never both, never neither.

Column by column: each rule (`dvk.intake.rules`) is worked out once per distinct value of its
columns (units, fields, choices and times repeat down a column), then every row takes its
results. A row with any problem is rejected with every problem it has, in the order the checks
run (undecodable text, model name, unit, field, form, kind, time, year); the others are
registrations.
"""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import repeat
from typing import Any

from dvk.intake.rules import MARK_COLUMNS, Problem, Rules
from dvk.mappings import Mappings
from dvk.rejects import Reject, reject
from dvk.roster import Roster
from dvk.schema import REGISTRATION_COLUMNS
from dvk.sources.csv_text import UNDECODABLE
from dvk.sources.headers import FIELD_LABELS
from dvk.sources.model import RawTable
from dvk.text import map_distinct, map_distinct_rows, match_key


def derived_id(year: int, unit_code: str, model_key: str) -> str:
    """The id of a registration whose source has none, from its unit and its model's match key.

    The same on every rerun and for a resubmission of the same model by the same unit, so staff
    entries in the register stay attached to it."""
    digest = hashlib.sha1(f"{year}|{unit_code}|{model_key}".encode()).hexdigest()
    return f"DK{year}-{digest[:10].upper()}"


class _Problems:
    """The problems of one table's rows, each row's in the order they were found."""

    def __init__(self, table: RawTable) -> None:
        self.table = table
        self.by_row: dict[int, list[Reject]] = {}

    def add(self, row: int, problem: Problem) -> None:
        label = self.table.labels.get(problem.column) or FIELD_LABELS.get(problem.column, problem.column)
        found = reject(
            self.table.source,
            self.table.row_numbers[row],
            label,
            problem.value,
            problem.code,
            problem.extra,
        )
        self.by_row.setdefault(row, []).append(found)

    def add_all(self, verdicts: list[tuple[object, Problem | None]]) -> None:
        for row, (_, problem) in enumerate(verdicts):
            if problem is not None:
                self.add(row, problem)


@dataclass
class Normalised:
    """Every row read: registrations (by column, in the order read) or rejects."""

    registrations: dict[str, list[object]] = field(
        default_factory=lambda: {column: [] for column in REGISTRATION_COLUMNS}
    )
    model_keys: list[str] = field(default_factory=list)  # `match_key` of each registration's model
    rejects: list[Reject] = field(default_factory=list)
    rows_in: int = 0
    rows_rejected: int = 0


def _undecodable_rows(values: list[object]) -> list[int]:
    """The rows whose text holds a character no encoding could read."""
    try:
        if not any(map(operator.contains, values, repeat(UNDECODABLE))):
            return []  # the usual answer, found at C speed when every value is text
    except TypeError:
        pass  # a number, a date or an empty cell among the values: look at the texts one by one
    return [row for row, value in enumerate(values) if isinstance(value, str) and UNDECODABLE in value]


Verdicts = list[tuple[Any, Problem | None]]  # each row's value and the problem that stops it


@dataclass
class _Checked:
    """Each rule's verdict on every row of a table."""

    units: Verdicts
    fields: Verdicts
    forms: Verdicts
    kinds: Verdicts
    moments: Verdicts
    years: Verdicts


class Normaliser:
    def __init__(self, year: int, roster: Roster, mappings: Mappings) -> None:
        self.year = year
        self.rules = Rules(year, roster, mappings)

    def add_table(self, table: RawTable, into: Normalised) -> None:
        into.rows_in += table.row_count
        if table.refusal:
            into.rows_rejected += table.row_count
            for number in table.row_numbers:
                into.rejects.append(reject(table.source, number, "", "", "file_refused", table.refusal))
            return
        problems = _Problems(table)
        checked = self._check(table, problems)
        into.rows_rejected += len(problems.by_row)
        for row in sorted(problems.by_row):
            into.rejects.extend(problems.by_row[row])
        valid = [row for row in range(table.row_count) if row not in problems.by_row]
        self._add_registrations(table, valid, checked, into)

    def _check(self, table: RawTable, problems: _Problems) -> _Checked:
        """Every rule on every row, in the order a row's problems are listed."""
        rules = self.rules
        for column, values in table.values.items():
            texts = table.texts[column]
            for row in _undecodable_rows(values):
                problems.add(row, Problem(column, texts[row], "undecodable"))
        for row, name in enumerate(table.text("model_name")):
            if not name:
                problems.add(row, Problem("model_name", "", "missing_model_name"))
        given = [bool(value) for value in table.column("unit_name")]
        units = map_distinct_rows(rules.unit, table.text("unit_code"), table.text("unit_name"), given)
        problems.add_all(units)
        fields = map_distinct(rules.field, table.text("field"))
        problems.add_all(fields)
        choices = {}
        for name, (first, second) in MARK_COLUMNS.items():
            either = partial(rules.either, name, first in table.values or second in table.values)
            choices[name] = map_distinct_rows(either, table.text(name), table.text(first), table.text(second))
            problems.add_all(choices[name])
        moments = map_distinct(rules.moment, table.column("timestamp"))
        problems.add_all(moments)
        years = [
            rules.registration_year(text, moment.at if moment else None)
            for text, (moment, _) in zip(table.text("year"), moments, strict=True)
        ]
        problems.add_all(years)
        return _Checked(units, fields, choices["form"], choices["kind"], moments, years)

    def _add_registrations(
        self, table: RawTable, valid: list[int], checked: _Checked, into: Normalised
    ) -> None:
        names = table.text("model_name")
        keys = [match_key(names[row]) for row in valid]  # match_key keeps its own cache
        units = [checked.units[row][0] for row in valid]
        moments = [checked.moments[row][0] for row in valid]
        own_ids = [table.response_ids[row] for row in valid]
        addresses, contents = table.text("address"), table.text("content")
        found = {
            "registration_id": [
                own or derived_id(self.year, unit.code, key)
                for own, unit, key in zip(own_ids, units, keys, strict=True)
            ],
            "year": [checked.years[row][0] for row in valid],
            "unit_code": [unit.code for unit in units],
            "unit_name": [unit.name for unit in units],
            "field": [str(checked.fields[row][0]) for row in valid],
            "model_name": [names[row] for row in valid],
            "form": [str(checked.forms[row][0]) for row in valid],
            "address": [addresses[row] for row in valid],
            "content": [contents[row] for row in valid],
            "kind": [str(checked.kinds[row][0]) for row in valid],
            "submitted_at": [moment.iso for moment in moments],
            "late": [moment.late for moment in moments],
            "source": [table.source] * len(valid),
            "source_row": [table.row_numbers[row] for row in valid],
        }
        for column, values in found.items():
            into.registrations[column].extend(values)
        into.model_keys.extend(keys)


def normalise(tables: Iterable[RawTable], year: int, roster: Roster, mappings: Mappings) -> Normalised:
    """Registrations and rejects for all rows, and the number of rows read."""
    normaliser = Normaliser(year, roster, mappings)
    normalised = Normalised()
    for table in tables:
        normaliser.add_table(table, normalised)
    return normalised
