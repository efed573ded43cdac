"""Request bodies under a byte budget: every row written once, in order, no body over the budget."""

from __future__ import annotations

import json
import math

from standin.sheets_api import parse_range
from standin.state import SpreadsheetRecord, Tab

from dvk.google.chunks import Block, request_bodies


def test_bodies_stay_under_the_budget_and_cover_every_row_once():
    register = [["Mã", "Nội dung"]] + [[f"r{n}", "Đường làng sáng " * (n % 7 + 1)] for n in range(400)]
    status = [["Đơn vị", "Số mô hình"]] + [[f"Xã {n}", n] for n in range(30)]
    blocks = [Block("Sổ theo dõi", register), Block("Tình trạng đơn vị", status)]
    budget = 4_000

    bodies = request_bodies(blocks, budget)

    assert all(len(body) <= budget for body in bodies)
    total = sum(len(body) for body in bodies)
    assert len(bodies) <= math.ceil(total / budget) + 1  # greedy packing leaves at most one row's gap
    record = SpreadsheetRecord("x", {"Sổ theo dõi": Tab(1), "Tình trạng đơn vị": Tab(2)})
    written: dict[str, list[tuple[int, list[object]]]] = {"Sổ theo dõi": [], "Tình trạng đơn vị": []}
    for body in bodies:
        data = json.loads(body.decode("utf-8"))
        assert data["valueInputOption"] == "RAW"
        for item in data["data"]:
            title, first, column, last, last_column = parse_range(item["range"], record)
            assert column == 1 and last - first + 1 == len(item["values"])
            assert last_column == 2
            written[title] += [(first + i, row) for i, row in enumerate(item["values"])]
    assert written["Sổ theo dõi"] == list(enumerate(register, start=1))
    assert written["Tình trạng đơn vị"] == list(enumerate(status, start=1))
    assert b"\\u" not in bodies[0]  # UTF-8 on the wire: "Đ" is 2 bytes, not a 6-byte escape


def test_small_values_go_in_one_body():
    bodies = request_bodies([Block("A", [["x", 1]]), Block("B", [["y"]])])
    assert len(bodies) == 1
    assert json.loads(bodies[0])["data"] == [
        {"range": "'A'!A1:B1", "values": [["x", 1]]},
        {"range": "'B'!A1:A1", "values": [["y"]]},
    ]
