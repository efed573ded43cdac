"""The rules a registration's values must meet, each worked out on clean text.

Each rule gives the value it reads and the problem that stops it, or None: a `Problem` names the
official column, the value shown in the reject and the reject's code. The rules are pure, so the
normaliser works each of them out once per distinct value of a column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from dvk.dates import DateParseError, iso, parse_moment
from dvk.mappings import Mappings
from dvk.roster import Roster, Unit
from dvk.schema import Field, Form, Kind
from dvk.text import clean_cell, match_key

_NOT_MARKED = {"", "0", "khong", "no", "false", "-"}
# A choice answered as one column ("Hình thức": "Tập thể") or as marks in two columns.
MARK_COLUMNS = {
    "form": ("form_collective", "form_individual"),
    "kind": ("kind_new", "kind_replicated"),
}


@dataclass(frozen=True)
class Problem:
    column: str
    value: object
    code: str
    extra: str = ""


@dataclass(frozen=True)
class Moment:
    """A submission time as a registration holds it."""

    at: datetime | None
    iso: str  # "" when the row has no time
    late: str  # "true", "false", or "" when the row has no time


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


class Rules:
    def __init__(self, year: int, roster: Roster, mappings: Mappings) -> None:
        self.year = year
        self.roster = roster
        self.mappings = mappings
        self.is_late = mappings.deadlines.lateness(year)

    def unit(self, code: str, name: str, name_given: bool) -> tuple[Unit | None, Problem | None]:
        """The unit from its code, else its name; `name_given`: the name cell holds a value."""
        unit_text = code or name
        if not unit_text:
            return None, Problem("unit_name", "", "missing_unit")
        unit = self.roster.find(unit_text)
        if unit is None and name_given:
            unit = self.roster.find(name)
        if unit is None:
            return None, Problem("unit_name", unit_text, "unknown_unit")
        return unit, None

    def field(self, text: str) -> tuple[Field | None, Problem | None]:
        if not text:
            return None, Problem("field", "", "missing_field")
        field = _choice(text, self.mappings.fields, strip_prefixes=True)
        return field, None if field is not None else Problem("field", text, "unknown_field")

    def _is_marked(self, text: str) -> bool:
        """A mark listed in values.toml ("x", "✓", "có"), or any other text that is not a "no"."""
        return self.mappings.is_mark(text) or match_key(text) not in _NOT_MARKED

    def either(
        self, name: str, has_marks: bool, text: str, first: str, second: str
    ) -> tuple[Form | Kind | None, Problem | None]:
        """A choice given as one answer ("Tập thể") or as marks in two columns (x | ).

        `has_marks`: the table has either mark column; `first`, `second`: the two marks' texts."""
        if text:
            index = self.mappings.forms if name == "form" else self.mappings.kinds
            choice = _choice(text, index)
            return choice, None if choice is not None else Problem(name, text, f"unknown_{name}")
        if not has_marks:
            return None, Problem(name, "", f"{name}_neither")
        enum: type[Form] | type[Kind] = Form if name == "form" else Kind
        marked = [member for member, mark in zip(enum, (first, second), strict=True) if self._is_marked(mark)]
        if len(marked) == 1:
            return marked[0], None
        code = f"{name}_both" if marked else f"{name}_neither"
        return None, Problem(MARK_COLUMNS[name][0], f"{first} | {second}", code)

    def moment(self, value: object) -> tuple[Moment | None, Problem | None]:
        """The submission time of a row's time cell (day first, Việt Nam time), and whether it is late."""
        try:
            at = parse_moment(value.strip() if isinstance(value, str) else value)
        except DateParseError:
            return None, Problem("timestamp", clean_cell(value), "bad_timestamp")
        if at is None:
            return Moment(None, "", ""), None
        late = str(self.is_late(at)).lower()
        return Moment(at, iso(at), late), None

    def registration_year(self, text: str, at: datetime | None) -> tuple[int, Problem | None]:
        """The year a row registers for: its year cell, else its time's year, else the year collected."""
        if text:
            match = re.search(r"(20\d\d)", text)
            if not match:
                return self.year, Problem("year", text, "bad_year")
            year = int(match[1])
        elif at is not None:
            year = at.year
        else:
            year = self.year
        if year != self.year:
            return year, Problem("year" if text else "timestamp", text or iso(at), "wrong_year", str(year))
        return year, None
