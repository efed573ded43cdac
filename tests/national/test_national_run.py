"""A national run in one process: every province on its own, one failing, then the merge."""

from __future__ import annotations

import dataclasses

import openpyxl
import pytest
from national_support import YEAR, local_national, sheet_records

from dvk.demo.evaluations import fill_register
from dvk.folders import REJECTS_CSV, register_path
from dvk.national.config import load_national_config
from dvk.national.merge import (
    COUNTS_SHEET,
    LIST_SHEET,
    NATIONAL_SHEET,
    PROVINCES_SHEET,
    national_register_path,
    recognised_list_path,
)
from dvk.national.outcomes import ProvinceState
from dvk.national.run import run_national
from dvk.national.sample import sample_provinces
from dvk.schema import REJECT_COLUMNS
from dvk.tables import read_csv


def test_every_province_is_merged_and_a_failing_one_is_named(tmp_path):
    config, provinces = local_national(tmp_path, missing="GLI")

    merged = run_national(config, YEAR)

    states = {o.code: o.state for o in merged.outcomes}
    assert states == {
        "QNG": ProvinceState.COMPLETED,
        "GLI": ProvinceState.FAILED,
        "DNG": ProvinceState.COMPLETED,
    }
    gli = next(o for o in merged.outcomes if o.code == "GLI")
    assert "dang_ky.csv" in gli.message and "Không tìm thấy" in gli.message
    rows = sheet_records(national_register_path(config.output_for(YEAR), YEAR), NATIONAL_SHEET)
    by_province: dict[str, set[str]] = {}
    for row in rows:
        by_province.setdefault(row["Tỉnh, thành phố"], set()).add(row["Mã bản đăng ký"])
    for province in provinces:
        expected = set() if province.code == "GLI" else {a.response_id for a in province.valid_answers}
        assert by_province.get(province.name, set()) == expected
    summary = {
        row["Mã tỉnh"]: row
        for row in sheet_records(national_register_path(config.output_for(YEAR), YEAR), PROVINCES_SHEET)
    }
    assert summary["GLI"]["Tình hình"] == "Lỗi" and summary["GLI"]["Lý do, ghi chú"] == gli.message
    assert summary["QNG"]["Số mô hình"] == len(provinces[0].valid_answers)
    # nothing lost: the answer without a model name is a reject with its reason, in its province
    # and in the national register's rejects, under the province
    rejects = read_csv(config.province("QNG").output_for(YEAR) / REJECTS_CSV, REJECT_COLUMNS)
    assert len(rejects) == 1 and "tên mô hình" in rejects.iloc[0]["message"].lower()
    dng = read_csv(config.province("DNG").output_for(YEAR) / REJECTS_CSV, REJECT_COLUMNS)
    national_rejects = sheet_records(national_register_path(config.output_for(YEAR), YEAR), "Bản bị loại")
    assert [(r["Mã tỉnh"], r["Lý do"]) for r in national_rejects] == [
        ("QNG", rejects.iloc[0]["message"]),
        ("DNG", dng.iloc[0]["message"]),
    ]
    assert summary["QNG"]["Số dòng bị loại"] == 1


def test_each_province_keeps_its_own_deadline(tmp_path):
    config, provinces = local_national(tmp_path)  # QNG: 31/03, GLI: 15/04; both have an answer on 5 April

    run_national(config, YEAR)

    for code, late in [("QNG", "Có"), ("GLI", "Không")]:
        province = next(p for p in provinces if p.code == code)
        april = next(a for a in province.answers if a.submitted.month == 4)
        rows = sheet_records(register_path(config.province(code).output_for(YEAR), YEAR), "Sổ theo dõi")
        assert next(r for r in rows if r["Mã bản đăng ký"] == april.response_id)["Trễ hạn"] == late


def test_rerunning_one_province_merges_the_others_from_their_registers(tmp_path):
    config, provinces = local_national(tmp_path)
    run_national(config, YEAR, ["QNG", "GLI"])  # DNG never ran

    merged = run_national(config, YEAR, ["QNG"])

    states = {o.code: o.state for o in merged.outcomes}
    assert states == {"QNG": ProvinceState.COMPLETED, "GLI": ProvinceState.KEPT, "DNG": ProvinceState.MISSING}
    names = {r["Tỉnh, thành phố"] for r in sheet_records(merged.files[0][1], NATIONAL_SHEET)}
    assert names == {provinces[0].name, provinces[1].name}


def _evaluate(register, answers, entries):
    return fill_register(register, {answers[i].response_id: value for i, value in entries.items()})


def test_recognised_list_holds_province_level_models_by_field_with_the_province(tmp_path):
    config, provinces = local_national(tmp_path)
    run_national(config, YEAR)
    recognised = {"Kết quả đánh giá": "Công nhận", "Cấp công nhận": "Cấp tỉnh"}
    for province in provinces[:2]:
        answers = province.valid_answers
        _evaluate(
            register_path(config.province(province.code).output_for(YEAR), YEAR),
            answers,
            {
                0: recognised,
                1: {"Kết quả đánh giá": "Công nhận", "Cấp công nhận": "Cấp xã"},  # not province level
                2: {"Kết quả đánh giá": "Không công nhận"},
                3: {"Kết quả đánh giá": "Công nhận"},  # no level: a problem, not counted
            },
        )

    merged = run_national(config, YEAR)  # collecting again keeps the staff's evaluations

    path = recognised_list_path(config.output_for(YEAR), YEAR)
    assert merged.files[1][1] == path
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[LIST_SHEET]
    title = sheet["A2"].value
    assert (
        title.startswith("DANH SÁCH MÔ HÌNH, ĐIỂN HÌNH «DÂN VẬN KHÉO» ĐƯỢC CÔNG NHẬN CẤP TỈNH")
        and "2026" in title
    )
    assert [c.value for c in sheet[4]][:3] == ["TT", "Tỉnh, thành phố", "Tên mô hình, điển hình"]
    section = None
    listed = []
    for row in sheet.iter_rows(min_row=5, values_only=True):
        if row[1] is None:
            section = row[0]
            continue
        listed.append((section, row[1], row[2]))
    sections = {
        "Kinh tế": "I.",
        "Văn hóa - Xã hội": "II.",
        "Quốc phòng - An ninh": "III.",
        "Xây dựng hệ thống chính trị": "IV.",
    }
    expected = [
        (sections[p.valid_answers[0].values[1]], p.name, p.valid_answers[0].model_name) for p in provinces[:2]
    ]
    assert sorted((s.split()[0], name, model) for s, name, model in listed) == sorted(expected)
    counts = {row[0]: row[-1] for row in workbook[COUNTS_SHEET].iter_rows(min_row=2, values_only=True)}
    assert counts == {provinces[0].name: 1, provinces[1].name: 1, provinces[2].name: 0, "Cả nước": 2}
    assert any("1 lỗi ở cột đánh giá" in warning for warning in merged.warnings)
    for sheet, repeated in ((workbook[LIST_SHEET], "$4:$4"), (workbook[COUNTS_SHEET], "$1:$1")):
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == repeated
        assert "&P" in sheet.oddFooter.center.text


def test_a_staff_formula_is_copied_into_the_national_register_as_its_text(tmp_path):
    config, provinces = local_national(tmp_path, sample_provinces(1, YEAR))
    run_national(config, YEAR)
    answer = provinces[0].valid_answers[0]
    register = register_path(config.province(provinces[0].code).output_for(YEAR), YEAR)
    _evaluate(register, provinces[0].valid_answers, {0: {"Ghi chú": "=B2*2"}})

    merged = run_national(config, YEAR)

    # the province's register keeps the staff's formula; the national one, two columns wider, shows its text
    province_sheet = openpyxl.load_workbook(register)["Sổ theo dõi"]
    assert any(cell.value == "=B2*2" and cell.data_type == "f" for row in province_sheet for cell in row)
    sheet = openpyxl.load_workbook(merged.files[0][1])[NATIONAL_SHEET]
    headers = [cell.value for cell in sheet[1]]
    row = next(
        r
        for r in sheet.iter_rows(min_row=2)
        if r[headers.index("Mã bản đăng ký")].value == answer.response_id
    )
    note = row[headers.index("Ghi chú")]
    assert (note.value, note.data_type) == ("=B2*2", "s")


def test_hostile_text_stays_text_in_the_national_register(tmp_path):
    province = sample_provinces(1, YEAR)[0]
    first = province.answers[0]
    hostile = dataclasses.replace(
        first, values=(first.values[0], first.values[1], '=HYPERLINK("http://x")', *first.values[3:])
    )
    province = dataclasses.replace(province, answers=(hostile, *province.answers[1:]))
    config, _ = local_national(tmp_path, [province])

    merged = run_national(config, YEAR)

    cells = [
        row[7] for row in openpyxl.load_workbook(merged.files[0][1])[NATIONAL_SHEET].iter_rows(min_row=2)
    ]
    formula = next(cell for cell in cells if str(cell.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda text: text.replace('code = "GLI"', 'code = "QNG"'), "mã tỉnh trùng nhau: QNG"),
        (
            lambda text: text.replace("ket_qua/gia_lai/", "ket_qua/quang_ngai/"),
            "ghi chung một thư mục kết quả",
        ),
        (
            lambda text: text.replace('sources = ["gia_lai/dang_ky.csv"]', "sources = []"),
            "tỉnh «GLI»: «sources»",
        ),
        (lambda text: text.replace('deadline = "15/04"', 'deadline = "31/02"'), "ngày/tháng"),
        (
            lambda text: text.replace('deadline = "15/04"', 'deadline = "31/02"'),
            "tỉnh «GLI»: Hạn mặc định «31/02» không phải một ngày có thật",
        ),
        (
            lambda text: text.replace('deadline = "15/04"', 'deadline = "15-04"'),
            "tỉnh «GLI»: Hạn mặc định «15-04» phải có dạng ngày/tháng",
        ),
        (
            lambda text: text.replace(
                'deadline = "31/03"', 'deadline = "31/03"\ndeadlines = { 2026 = "30/02/2026" }'
            ),
            "tỉnh «QNG»: Hạn «30/02/2026» không phải một ngày có thật",
        ),
        (
            lambda text: text.replace(
                'deadline = "31/03"', 'deadline = "31/03"\ndeadlines = { nam = "10/04/2026" }'
            ),
            "tỉnh «QNG»: «deadlines» có năm không phải số",
        ),
    ],
)
def test_configuration_mistakes_are_named(tmp_path, edit, message):
    from dvk.errors import ConfigError
    from dvk.national.config import load_national_config

    config, _ = local_national(tmp_path)
    config.path.write_text(edit(config.path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_national_config(config.path)
    assert message in str(error.value)


def test_a_year_of_its_own_overrides_a_provinces_deadline(tmp_path):
    config, provinces = local_national(tmp_path)
    text = config.path.read_text(encoding="utf-8")
    config.path.write_text(
        text.replace('deadline = "31/03"', 'deadline = "31/03"\ndeadlines = { 2026 = "10/04/2026" }', 1),
        encoding="utf-8",
    )

    run_national(load_national_config(config.path), YEAR, ["QNG"])

    april = next(a for a in provinces[0].answers if a.submitted.month == 4)
    rows = sheet_records(register_path(config.province("QNG").output_for(YEAR), YEAR), "Sổ theo dõi")
    assert next(r for r in rows if r["Mã bản đăng ký"] == april.response_id)["Trễ hạn"] == "Không"
