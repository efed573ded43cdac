"""The consolidated workbook: official layout, print setup, statistics, statuses and rejects."""

from __future__ import annotations

import openpyxl


def test_list_sheet_in_official_layout(reports, registrations):
    workbook = openpyxl.load_workbook(reports.consolidated_xlsx)
    assert workbook.sheetnames == ["Tổng hợp đăng ký", "Thống kê", "Tình trạng đơn vị", "Bản bị loại"]
    sheet = workbook["Tổng hợp đăng ký"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"B4:C4", "F4:G4", "A4:A5", "D4:D5", "E4:E5", "H4:H5"} <= merged
    assert [sheet.cell(6, c).value for c in range(1, 9)] == list(range(1, 9))
    assert sheet.cell(4, 2).value == "HÌNH THỨC" and sheet.cell(4, 6).value == "TRONG ĐÓ"
    assert [sheet.cell(5, c).value for c in (2, 3, 6, 7)] == [
        "Mô hình tập thể",
        "Mô hình cá nhân",
        "Xây dựng mới",
        "Nhân rộng",
    ]
    firsts = [row[0].value for row in sheet.iter_rows(min_row=7)]
    sections = [v for v in firsts if isinstance(v, str) and v.split(".")[0] in ("I", "II", "III", "IV")]
    assert [s.split(".")[0] for s in sections] == ["I", "II", "III", "IV"]
    models = [v for v in firsts if isinstance(v, str) and v[0].isdigit()]
    assert len(models) == len(registrations)
    assert firsts[-1] == f"TỔNG CỘNG: {len(registrations)} mô hình, điển hình"
    assert sheet.cell(7, 1).border.left.style == "thin"
    assert sheet.cell(8, 5).alignment.wrap_text
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$4:$6"


def test_statistics_statuses_and_rejects_sheets(reports, registrations, statuses, collected):
    workbook = openpyxl.load_workbook(reports.consolidated_xlsx)
    stats = workbook["Thống kê"]
    total_row = [c.value for c in stats[6]]
    assert total_row[1] == "Tổng cộng" and total_row[2] == len(registrations)
    status_sheet = workbook["Tình trạng đơn vị"]
    assert status_sheet.max_row - 1 == len(statuses)
    assert {c.value for c in status_sheet["C"][1:]} <= {
        "Đúng hạn",
        "Trễ hạn",
        "Chưa đăng ký",
        "Không rõ thời gian",
    }
    rejects = workbook["Bản bị loại"]
    lines = (collected / "rejects.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert rejects.cell(1, 6).value == "Lý do"
    assert rejects.max_row >= 2 and rejects.max_row - 1 <= len(lines) - 1


def look(cell) -> tuple:
    fill = cell.fill.fgColor.rgb if cell.fill.fill_type == "solid" else None
    return (
        bool(cell.font.b),
        cell.font.sz,
        cell.font.name,
        cell.alignment.horizontal,
        fill,
        cell.border.left.style,
    )


def test_every_cell_has_its_own_look(reports, registrations):
    """Titles, headers, section rows, model rows and totals each keep their font, fill and border."""
    workbook = openpyxl.load_workbook(reports.consolidated_xlsx)
    sheet = workbook["Tổng hợp đăng ký"]
    font = "Times New Roman"
    header, section = "00DDEBF7", "00F2F2F2"
    assert look(sheet.cell(1, 1)) == (True, 14, font, "center", None, None)
    assert sheet.cell(2, 1).font.i and not sheet.cell(2, 1).font.b
    assert look(sheet.cell(4, 1)) == (True, 12, font, "center", header, "thin")
    assert look(sheet.cell(6, 8)) == (True, 12, font, "center", header, "thin")
    assert look(sheet.cell(7, 1)) == (True, 12, font, None, section, "thin")
    assert look(sheet.cell(7, 2)) == (False, 12, font, None, section, "thin")
    assert look(sheet.cell(8, 1)) == (False, 12, font, None, None, "thin")
    assert look(sheet.cell(8, 2)) == (False, 12, font, "center", None, "thin")
    last = sheet.max_row
    assert look(sheet.cell(last, 1)) == (True, 12, font, None, None, "thin")
    assert look(sheet.cell(last, 2)) == (True, 12, font, "center", None, "thin")
    stats = workbook["Thống kê"]
    assert look(stats.cell(2, 3)) == (False, 12, font, "center", None, "thin")
    assert look(stats.cell(6, 3)) == (True, 12, font, "center", None, "thin")
    statuses = workbook["Tình trạng đơn vị"]
    assert look(statuses.cell(1, 1)) == (True, 12, font, "center", header, "thin")
    assert look(statuses.cell(2, 1)) == (False, 12, font, None, None, "thin")
