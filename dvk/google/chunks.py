"""Values for Google Sheets split into request bodies under a byte budget.

Google refuses a request body over 10 MB ("Request payload size exceeds the limit: 10485760
bytes."), so a large register is written in several `values:batchUpdate` calls. The bodies are
serialized here, once, as compact UTF-8 JSON, so the budget is measured on the bytes that are
actually sent: each row is serialized on its own and rows are packed greedily, consecutive
rows of one tab sharing one A1 range. Every call overwrites fixed ranges, so any of them can be
repeated after a lost answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from dvk.google.sheets import column_letter, quote_title

REQUEST_BUDGET = 8 * 1024 * 1024  # bytes per body; Google's limit is 10,485,760
_OPEN = '{"valueInputOption":"RAW","data":['
_CLOSE = "]}"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(frozen=True)
class Block:
    """A tab's values written from A1; every row as wide as `width`."""

    title: str
    rows: list[list[object]]

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0) or 1


@dataclass
class _Range:
    title: str
    width: int
    first_row: int  # 1-based
    rows: list[str]  # serialized rows

    def text(self) -> str:
        last = self.first_row + len(self.rows) - 1
        a1 = f"{quote_title(self.title)}!A{self.first_row}:{column_letter(self.width)}{last}"
        return '{"range":' + _json(a1) + ',"values":[' + ",".join(self.rows) + "]}"


def _range_overhead(block: Block) -> int:
    """Bytes of one range's wrapping, counted with the tab's largest row number (an upper bound)."""
    largest = max(len(block.rows), 1)
    a1 = f"{quote_title(block.title)}!A{largest}:{column_letter(block.width)}{largest}"
    return len(('{"range":' + _json(a1) + ',"values":[]},').encode())


def request_bodies(blocks: list[Block], budget: int | None = None) -> list[bytes]:
    """The `values:batchUpdate` bodies writing every block, each at most `budget` bytes.

    A body is closed when the next row would not fit; a single row larger than the budget
    goes alone (a Sheets cell holds at most 50,000 characters, so no register row comes near).
    """
    budget = budget or REQUEST_BUDGET
    bodies: list[list[_Range]] = [[]]
    size = len((_OPEN + _CLOSE).encode())
    for block in blocks:
        overhead = _range_overhead(block)
        current: _Range | None = None
        for number, row in enumerate(block.rows, start=1):
            text = _json(row)
            row_cost = len(text.encode()) + 1  # and the comma before it
            cost = row_cost + (overhead if current is None else 0)
            if bodies[-1] and size + cost > budget:
                bodies.append([])
                size = len((_OPEN + _CLOSE).encode())
                current = None
                cost = row_cost + overhead
            if current is None:
                current = _Range(block.title, block.width, number, [])
                bodies[-1].append(current)
            current.rows.append(text)
            size += cost
    return [(_OPEN + ",".join(r.text() for r in ranges) + _CLOSE).encode() for ranges in bodies if ranges]
