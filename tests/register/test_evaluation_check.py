"""The register's evaluation columns are checked before any decision: every problem listed."""

from __future__ import annotations

import pandas as pd

from dvk.mappings import DEFAULT_MAPPINGS_DIR
from dvk.register.evaluation import Level, check_evaluations
from dvk.register.workbook import DVK_NOTE, ORPHAN_NOTE


def register(rows: list[tuple]) -> pd.DataFrame:
    columns = ["registration_id", "model_name", "Kết quả đánh giá", "Cấp công nhận", DVK_NOTE]
    return pd.DataFrame([row + ("",) * (len(columns) - len(row)) for row in rows], columns=columns)


def test_good_register_gives_the_recognised_rows_and_levels():
    checked = check_evaluations(
        register(
            [
                ("A", "Chi bộ 4 tốt", "Công nhận", "Cấp tỉnh"),
                ("B", "Tủ sách cộng đồng", "không đạt"),
                ("C", "Mái ấm tình thương", "cong nhan", "cap xa"),
                ("D", "Tiếng kẻng an ninh"),
            ]
        ),
        DEFAULT_MAPPINGS_DIR,
    )
    assert checked.ok and checked.problems == []
    assert checked.recognised["registration_id"].tolist() == ["A", "C"]
    assert checked.levels == {"A": Level.PROVINCE, "C": Level.COMMUNE}
    assert checked.counts == {"recognised": 2, "not_recognised": 1, "not_evaluated": 1}


def test_every_problem_is_reported_at_once():
    checked = check_evaluations(
        register(
            [
                ("A", "Chi bộ 4 tốt", "Công nhận", "Cấp tỉnh"),
                ("A", "Chi bộ 4 tốt (chép thừa)", "Công nhận", "Cấp tỉnh"),
                ("B", "Tủ sách", "Xuất sắc"),
                ("C", "Mái ấm", "Công nhận", ""),
                ("D", "Chợ phiên", "Công nhận", "Cấp huyện"),
                ("E", "Bỏ rồi", "Công nhận", "Cấp xã", ORPHAN_NOTE),
                ("", "Không mã"),
            ]
        ),
        DEFAULT_MAPPINGS_DIR,
    )
    flat = [[p.row, p.registration_id, p.code] for p in checked.problems]
    assert flat == [
        [2, "A", "duplicate_id"],
        [3, "A", "duplicate_id"],
        [4, "B", "unknown_result"],
        [5, "C", "missing_level"],
        [6, "D", "unknown_level"],
        [7, "E", "orphan_recognised"],
        [8, "", "missing_id"],
    ]
    message = checked.message()
    assert "7 lỗi" in message
    assert "«Xuất sắc» không phải kết quả đánh giá hợp lệ" in message
    assert "Được công nhận nhưng chưa ghi «Cấp công nhận»" in message
    assert "«Cấp huyện» không phải cấp công nhận hợp lệ" in message
    assert "Mã «A» xuất hiện 2 lần" in message
    assert checked.problems[2].as_row()["Giá trị"] == "Xuất sắc"
