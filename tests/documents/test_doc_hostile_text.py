"""User text that tries to break a file: it must come out in Word and Excel exactly as the user sees it.

The text goes in through the real front door (a Google Forms CSV export, read by `dvk collect`),
so NFD accents are normalised by the core as they would be in production.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import openpyxl
import pytest
from documents_support import (
    YEAR,
    all_text,
    decide,
    form_entries,
    mark_register,
    open_docx,
    row_texts,
    structure_problems,
)

from dvk.demo.files import write_forms_csv

SENTENCE = "Nhân dân & cán bộ <cùng> làm \"đường\" 'giao thông' nông thôn; {{ x }} 🌾. "
LONG_ANSWER = (SENTENCE * 80)[:4999] + "."
NFD_NAME = unicodedata.normalize("NFD", "Tổ hợp tác dệt thổ cẩm Đắk Lắk")
HOSTILE = [
    # (model name, address, content)
    ("Cà phê & <sâm> \"Ngọc Linh\" 'đặc sản'", 'thôn <A> & xóm "B"', "Nội dung > 5 & < 10"),
    ("{{ x }} và {% if %} còn {# c #}", "{%p endif %}", "{{ org.symbol }} {%tr endfor %}"),
    ("=1+2", '=HYPERLINK("http://example.com")', "+SUM(A1:A3) @mention -5"),
    ("Mô hình 🌾🐟 xanh", "xóm 🏠", "Kết quả 👍 tăng thu nhập"),
    (NFD_NAME, unicodedata.normalize("NFD", "buôn Đôn"), unicodedata.normalize("NFD", "Nội dung dài")),
    ("Mô hình có câu trả lời rất dài", "thôn Dài", LONG_ANSWER),
]


def shown(text: str) -> str:
    """What the user sees: NFC (the core normalises NFD input)."""
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory, settings):
    from dvk.cycle import jobs
    from dvk.cycle.plan import RunPlan
    from dvk.documents.reports import build_reports
    from dvk.register.workbook import read_register

    root = tmp_path_factory.mktemp("hostile")
    rows = [
        [
            f"10/03/2026 0{8 + i % 2}:00:0{i}",
            "",
            "Sở Y tế",
            "Kinh tế",
            name,
            "Tập thể",
            address,
            content,
            "Mới",
        ]
        for i, (name, address, content) in enumerate(HOSTILE)
    ]
    source = write_forms_csv(root / "dang_ky.csv", rows)
    data = root / "data"
    summary = jobs.collect(RunPlan(YEAR, settings, data, sources=[str(source)])).summary
    assert summary.rows_out == len(HOSTILE), summary.count_line
    jobs.check(RunPlan(YEAR, settings, data), registrations=data / "registrations.csv")
    register = data / f"so_theo_doi_{YEAR}.xlsx"
    mark_register(register, {i: ("Công nhận", "Cấp tỉnh") for i in range(len(read_register(register)))})
    files = build_reports(YEAR, data, root / "out", settings)
    decision = decide(register, root / "out", settings, number="3", signed_on=date(2026, 10, 15))
    return files, decision


def test_text_round_trips_into_the_consolidated_docx(hostile_run):
    files, _ = hostile_run
    table = [
        t
        for t in open_docx(files.consolidated_docx).tables
        if len(t.rows) > 3 and row_texts(t.rows[2])[0] == "1"
    ][0]
    cells = {entry[2][0].split(". ", 1)[1]: entry[2] for entry in form_entries(table)}
    for name, address, content in HOSTILE:
        row = cells[shown(name)]
        assert row[3] == shown(address)
        assert row[4] == shown(content)
    assert len(LONG_ANSWER) == 5000
    assert cells[shown(HOSTILE[-1][0])][4] == LONG_ANSWER


def test_text_round_trips_into_the_unit_form_and_the_decision_annex(hostile_run):
    files, decision = hostile_run
    unit_form = all_text(files.unit_forms[0])
    annex = [row_texts(r) for r in open_docx(decision).tables[-1].rows[1:]]
    annex_names = {r[1] for r in annex}
    for name, _address, content in HOSTILE:
        assert shown(content) in unit_form
        assert shown(name) in annex_names
    assert {r[4] for r in annex} == {shown(address) for _, address, _ in HOSTILE}


def test_text_round_trips_into_the_workbook_as_strings(hostile_run):
    files, _ = hostile_run
    sheet = openpyxl.load_workbook(files.consolidated_xlsx)["Tổng hợp đăng ký"]
    by_name = {}
    for row in sheet.iter_rows(min_row=7):
        first = row[0].value
        if isinstance(first, str) and ". " in first and first[0].isdigit():
            by_name[first.split(". ", 1)[1]] = row
    for name, address, content in HOSTILE:
        row = by_name[shown(name)]
        assert row[3].value == shown(address) and row[4].value == shown(content)
        assert all(cell.data_type == "s" for cell in (row[0], row[3], row[4]))
    # "=1+2" and "=HYPERLINK(…)" are text, never formulas.
    formula_row = by_name["=1+2"]
    assert formula_row[3].value.startswith("=") and formula_row[3].data_type == "s"


def test_hostile_files_are_well_formed(hostile_run):
    files, decision = hostile_run
    for path in [
        files.consolidated_docx,
        files.results_report,
        files.reminder_letter,
        decision,
        *files.unit_forms,
    ]:
        assert structure_problems(path) == [], path.name
