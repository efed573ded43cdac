"""What a clerk reads: names after the 2025 merger, district addresses flagged, dates in running
text, the reminder's reply date, the unit form's plan line, the chart's words and face, the
Party decision's levels, and the results report agreeing with the decision."""

from __future__ import annotations

import shutil
import tomllib
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from documents_support import YEAR, all_text, decide, mark_register, open_docx, paragraph_texts

from dvk.documents.address_warnings import district_address_warnings, names_a_district
from dvk.mappings import mappings_dir


def every_string(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in every_string(item)]
    if isinstance(value, list):
        return [s for item in value for s in every_string(item)]
    return []


def test_no_default_text_names_a_body_that_no_longer_exists():
    for path in [mappings_dir() / "organisation.toml", *sorted((mappings_dir() / "formats").glob("*.toml"))]:
        text = " ".join(every_string(tomllib.loads(path.read_text(encoding="utf-8"))))
        # Ban Dân vận and Ban Tuyên giáo merged into the Ban Tuyên giáo và Dân vận (2025).
        assert "Ban Dân vận" not in text and "Ban Tuyên giáo Tỉnh ủy" not in text, path.name
        assert "huyện" not in text.casefold(), path.name


def test_results_report_reports_to_the_merged_central_commission(reports):
    lines = paragraph_texts(open_docx(reports.results_report).tables[-1].rows[0].cells[0])
    assert "- Ban Tuyên giáo và Dân vận Trung ương (để báo cáo)," in lines


@pytest.mark.parametrize(
    ("address", "flagged"),
    [
        ("thôn Làng Rêu, Huyện Bình Sơn", True),
        ("HUYỆN ĐẢO LÝ SƠN", True),
        ("thon 3, huyen Binh Son", True),  # typed without accents
        ("xã Huyên Hòa", False),  # a different word
        ("tổ dân phố 3, Phường Cẩm Thành", False),
        ("", False),
    ],
)
def test_addresses_naming_a_district(address, flagged):
    assert names_a_district(address) is flagged


def test_district_addresses_are_kept_and_listed_in_the_warnings(reports, registrations):
    typed = registrations[registrations["address"].map(names_a_district)]
    assert len(typed) > 0, "the sample has addresses typed with a district"
    warnings = [w for w in reports.warnings if "còn ghi «huyện»" in w]
    assert len(warnings) == len(typed)
    record = typed.iloc[0]
    assert any(record["address"] in w and record["model_name"] in w for w in warnings)
    assert record["address"] in all_text(reports.consolidated_docx)  # kept as typed
    frame = pd.DataFrame([{"address": "Huyện A", "model_name": "M", "unit_name": "U"}])
    assert district_address_warnings(frame) == [
        "Địa chỉ «Huyện A» của mô hình «M» (U) còn ghi «huyện» — từ 1/7/2025 không còn cấp huyện. "
        "dvk giữ nguyên như đơn vị ghi; đề nghị hỏi lại đơn vị địa chỉ mới."
    ]


def test_reminder_gives_dates_without_leading_zeros_and_a_reply_date(collected, tmp_path, settings):
    from dvk.documents.reports import build_reports

    files = build_reports(YEAR, collected, tmp_path, settings, reply_by=date(2026, 4, 7))
    text = " ".join(paragraph_texts(open_docx(files.reminder_letter)))
    assert "gửi về trước ngày 31/3/2026" in text  # the registration deadline (mappings/deadlines.toml)
    assert "trước ngày 7/4/2026" in text
    assert "31/03/2026" not in text and "07/04/2026" not in text


def test_reminder_reply_date_defaults_to_a_week_after_the_run(reports):
    from datetime import datetime, timedelta

    from dvk.dates import VIETNAM

    week = datetime.now(VIETNAM).date() + timedelta(days=7)
    text = " ".join(paragraph_texts(open_docx(reports.reminder_letter)))
    assert f"trước ngày {week.day}/{week.month}/{week.year}" in text


@pytest.mark.parametrize(("which", "italic"), [("reports", True), ("state_reports", False)])
def test_kinh_gui_is_italic_in_the_party_letter_only(which, italic, request):
    document = open_docx(request.getfixturevalue(which).reminder_letter)
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Kính gửi:"))
    lead = paragraph.runs[0]
    assert lead.text == "Kính gửi:" and lead.style.name == "DVK Addressee Lead"
    assert bool(lead.style.font.italic) is italic
    assert not paragraph.runs[1].font.italic


def test_unit_form_says_which_plan_it_is_attached_to(reports):
    texts = paragraph_texts(open_docx(reports.unit_forms[0]))
    assert (
        "(Kèm theo Kế hoạch số 15-KH/BTGDVTU, ngày 10/1/2026 của Ban Tuyên giáo và Dân vận Tỉnh ủy)" in texts
    )


def test_chart_uses_the_tables_words_and_a_serif_face(registrations):
    from dvk.documents.chart import chart_figure
    from dvk.documents.statistics import field_statistics
    from dvk.documents.text_width import serif_family

    figure = chart_figure(field_statistics(registrations))
    try:
        legend = [text.get_text() for text in figure.axes[0].get_legend().get_texts()]
        assert legend == ["Mô hình tập thể", "Mô hình cá nhân"]
        family = figure.axes[0].get_xticklabels()[0].get_fontfamily()
    finally:
        plt.close(figure)
    expected = serif_family()
    if expected is None:
        pytest.skip("neither Times New Roman nor Liberation Serif is installed")
    assert family == [expected]


def test_decision_names_the_level_and_pads_its_number(decision):
    text = " ".join(paragraph_texts(open_docx(decision)))
    assert 'mô hình, điển hình "Dân vận khéo" cấp tỉnh năm 2026' in text
    assert "thi hành Quyết định này./." in text


def test_decision_with_several_levels_counts_each(collected, tmp_path, settings):
    from dvk.register.workbook import read_register

    register = tmp_path / f"so_theo_doi_{YEAR}.xlsx"
    shutil.copy(collected / register.name, register)
    rows = len(read_register(register))
    marks = {i: ("Công nhận", "Cấp tỉnh" if i < 3 else "Cấp xã") for i in range(5)}
    mark_register(register, marks)
    assert rows > 5
    path = decide(register, tmp_path / "out", settings, number="1")
    text = " ".join(paragraph_texts(open_docx(path)))
    assert 'Công nhận 5 mô hình, điển hình "Dân vận khéo" (3 cấp tỉnh, 2 cấp xã) năm 2026' in text
    assert "Số 01-QĐ/BTGDVTU" in open_docx(path).tables[0].rows[0].cells[0].text


def test_results_report_written_again_after_the_decision_shows_what_it_recognised(
    collected, tmp_path, settings
):
    from dvk.documents.reports import build_reports

    data = tmp_path / "data"
    shutil.copytree(collected, data)
    before = build_reports(YEAR, data, tmp_path / "out", settings)
    assert "có 0/88 mô hình, điển hình được công nhận" in " ".join(
        paragraph_texts(open_docx(before.results_report))
    )
    register = data / f"so_theo_doi_{YEAR}.xlsx"
    mark_register(register, {i: ("Công nhận", "Cấp tỉnh") for i in range(4)})
    decision = decide(register, tmp_path / "out", settings, number="2")
    after = build_reports(YEAR, data, tmp_path / "out", settings)
    report = " ".join(paragraph_texts(open_docx(after.results_report)))
    assert "Công nhận 4 mô hình" in " ".join(paragraph_texts(open_docx(decision)))
    assert "có 4/88 mô hình, điển hình được công nhận" in report


def test_the_2026_party_profile_ends_the_body_with_a_full_stop(marked_register, tmp_path, settings):
    path, _ = marked_register
    decision = decide(path, tmp_path, settings, number="4", profile="dang_2026")
    text = " ".join(paragraph_texts(open_docx(decision)))
    assert "thi hành Quyết định này." in text and "./." not in text
    assert "Số 04-QĐ/BTGDVTU" in open_docx(decision).tables[0].rows[0].cells[0].text


def test_as_follows_only_where_the_table_follows(reports):
    results = paragraph_texts(open_docx(reports.results_report))
    consolidated = paragraph_texts(open_docx(reports.consolidated_docx))
    assert not any("như sau:" in text and "Tổng số" in text for text in results)
    assert any(
        text.startswith("Tổng số") and text.endswith("Cụ thể theo lĩnh vực như sau:") for text in consolidated
    )
