"""Every workbook dvk writes prints: A4 landscape, fit to width, header rows repeated, page numbers
in the footer, rows tall enough for their wrapped text; the unit statuses typed and in Vietnamese."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from documents_support import YEAR

from dvk.roster import UNIT_TYPE_LABELS


@pytest.fixture(scope="module")
def workbooks(reports, collected, statuses, tmp_path_factory) -> dict[str, openpyxl.Workbook]:
    from dvk.documents.reminder_list import write_reminder_list

    reminder, _ = write_reminder_list(statuses, YEAR, date(2026, 3, 31), tmp_path_factory.mktemp("remind"))
    return {
        "consolidated": openpyxl.load_workbook(reports.consolidated_xlsx),
        "register": openpyxl.load_workbook(collected / f"so_theo_doi_{YEAR}.xlsx"),
        "reminder": openpyxl.load_workbook(reminder),
    }


@pytest.mark.parametrize("name", ["consolidated", "register", "reminder"])
def test_every_sheet_prints_landscape_a4_fit_to_width_with_titles_and_page_numbers(workbooks, name):
    for sheet in workbooks[name].worksheets:
        setup = sheet.page_setup
        where = f"{name} / {sheet.title}"
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9), where
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, where
        # An absent fitToWidth/fitToHeight means 1 (the default in the OOXML schema, CT_PageSetup).
        fit = tuple(1 if value is None else int(value) for value in (setup.fitToWidth, setup.fitToHeight))
        assert fit == (1, 0), where
        assert sheet.print_title_rows, where
        assert "&P" in (sheet.oddFooter.center.text or ""), where
        assert sheet.page_margins.left * 25.4 == pytest.approx(20, abs=0.5), where


def test_header_rows_repeated_on_the_consolidated_list(workbooks):
    assert workbooks["consolidated"]["Tổng hợp đăng ký"].print_title_rows == "$4:$6"


@pytest.mark.parametrize("name", ["consolidated", "register", "reminder"])
def test_rows_are_as_tall_as_their_wrapped_text(workbooks, name):
    sheet = workbooks[name].worksheets[0]
    longest = max(
        (cell for row in sheet.iter_rows(min_row=2) for cell in row if isinstance(cell.value, str)),
        key=lambda cell: len(cell.value),
    )
    width = sheet.column_dimensions[longest.column_letter].width
    lines = len(longest.value) / (width * 1.3)  # a generous count of the lines it needs at least
    height = sheet.row_dimensions[longest.row].height
    assert height is not None and height >= lines * 12, (longest.coordinate, height, lines)
    for row in sheet.iter_rows(min_row=2, max_row=min(sheet.max_row, 40)):
        assert sheet.row_dimensions[row[0].row].height, f"{name}: row {row[0].row} has no height"


@pytest.mark.parametrize(
    ("name", "sheet_name"), [("consolidated", "Tình trạng đơn vị"), ("register", "Tình trạng đơn vị")]
)
def test_unit_statuses_are_typed_and_in_vietnamese(workbooks, name, sheet_name, statuses):
    sheet = workbooks[name][sheet_name]
    headers = [cell.value for cell in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(statuses)
    count = headers.index("Số mô hình đăng ký")
    kind = headers.index("Loại đơn vị")
    first = headers.index("Lần gửi đầu tiên")
    for row, record in zip(rows, statuses.to_dict("records"), strict=True):
        assert row[count].value == int(record["registrations"]) and row[count].data_type == "n"
        assert row[kind].value == UNIT_TYPE_LABELS[record["unit_type"]]
        if record["first_submitted_at"]:
            moment = datetime.fromisoformat(record["first_submitted_at"]).replace(tzinfo=None)
            assert row[first].value == moment
            assert row[first].number_format == "dd/mm/yyyy hh:mm"
        else:
            assert row[first].value in (None, "")


def test_the_review_workbook_prints_the_same_way(settings, tmp_path):
    from documents_support import three_registers

    from dvk.documents.review import aggregate
    from dvk.documents.review_files import write_review_xlsx

    path = write_review_xlsx(
        aggregate(three_registers(settings.roster), settings.roster, settings.mappings.folder),
        tmp_path / "r.xlsx",
    )
    for sheet in openpyxl.load_workbook(path).worksheets:
        assert sheet.page_setup.orientation == "landscape" and "&P" in sheet.oddFooter.center.text
        assert sheet.print_title_rows == "$1:$1"
