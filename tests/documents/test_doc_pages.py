"""What the leader sees on paper: documents printed to PDF by LibreOffice, read back page by page
with `pdftotext -layout`. Both profiles; the sample province's documents once each, and two small
documents made to break badly (long rows, the longest place name, the widest date)."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pandas as pd
import pytest
from documents_support import YEAR, three_registers

from dvk.documents.pdf import find_soffice

pytestmark = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or pdftotext is not installed: the printed pages cannot be checked "
    "(Debian: apt-get install libreoffice-writer poppler-utils)",
)
PROFILES = ["dang", "nha_nuoc"]
ROWS = 30
SIGNERS = {
    "dang": ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Văn An"),
    "nha_nuoc": ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Thị Bình"),
}
FILLER = "giải quyết việc khó ở cơ sở, do chi hội thực hiện, kết quả dự kiến rõ ràng"


def lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def sample_pages(tmp_path_factory) -> dict[str, dict[str, list[str]]]:
    """{profile: {document: [page text, …]}} for the sample province's documents."""
    from dvk.demo.page_images import page_texts, sample_pdfs

    printed = {}
    for profile in PROFILES:
        pdfs = sample_pdfs(tmp_path_factory.mktemp(f"printed_{profile}"), profile)
        printed[profile] = {key: page_texts(pdf) for key, pdf in pdfs.items()}
    return printed


def long_rows(settings) -> pd.DataFrame:
    """Rows of 3 to 9 lines, each opening with `R<n>A` and closing with `R<n>Z`."""
    from dvk.schema import REGISTRATION_COLUMNS, Field, Form, Kind

    units = settings.roster.units
    records = []
    for index in range(ROWS):
        unit = units[index % len(units)]
        text = " ".join([f"R{index:02d}A", *[FILLER] * (1 + index % 5), f"R{index:02d}Z"])
        records.append(
            {
                "registration_id": f"DK{YEAR}-{index:04d}",
                "year": str(YEAR),
                "unit_code": unit.code,
                "unit_name": unit.name,
                "field": list(Field)[index % 4].value,
                "model_name": text if index % 2 else f"Mô hình số {index}",
                "form": list(Form)[index % 2].value,
                "address": f"thôn {index}, {unit.name}",
                "content": text,
                "kind": list(Kind)[index % 2].value,
                "submitted_at": "2026-03-10T09:00:00+07:00",
                "late": "false",
                "source": "dai.csv",
                "source_row": str(index + 2),
            }
        )
    return pd.DataFrame(records, columns=REGISTRATION_COLUMNS).astype(object)


@pytest.fixture(scope="module")
def crafted_pages(tmp_path_factory, settings) -> dict[str, dict[str, list[str]]]:
    """A consolidated list and a decision whose rows run over pages, issued in Tuyên Quang (the
    widest place-and-date line) on 28 December, and a 3-year review; both profiles, printed in one
    LibreOffice run."""
    from dvk.check.counts import unit_counts
    from dvk.cycle.steps import check_units
    from dvk.demo.page_images import page_texts
    from dvk.documents import contexts
    from dvk.documents.organisation import load_organisation
    from dvk.documents.pdf import to_pdf
    from dvk.documents.profiles import load_profile
    from dvk.documents.render import render_docx
    from dvk.documents.review import aggregate
    from dvk.documents.review_files import write_review_docx
    from dvk.documents.statistics import field_statistics
    from dvk.mappings import mappings_dir

    folder = tmp_path_factory.mktemp("crafted")
    org_file = folder / "organisation.toml"
    text = (mappings_dir() / "organisation.toml").read_text(encoding="utf-8")
    org_file.write_text(text.replace('place = "Quảng Ngãi"', 'place = "Tuyên Quang"'), encoding="utf-8")
    rows = long_rows(settings)
    statuses = check_units(rows, YEAR, settings)
    review = aggregate(three_registers(settings.roster), settings.roster, settings.mappings.folder)
    documents = {}
    for name in PROFILES:
        profile, org = load_profile(name), load_organisation(org_file, name)
        stats, units = field_statistics(rows), unit_counts(statuses)
        context = contexts.consolidated_context(profile, org, YEAR, rows, stats, units)
        documents[(name, "consolidated")] = render_docx(
            "tong_hop_dang_ky", context, folder / f"{name}_tong_hop.docx", profile
        )
        context = contexts.decision_context(
            profile, org, YEAR, rows, "8", date(2026, 12, 28), ["Cấp tỉnh"] * len(rows)
        )
        documents[(name, "decision")] = render_docx(
            "quyet_dinh_cong_nhan", context, folder / f"{name}_quyet_dinh.docx", profile
        )
        documents[(name, "review")] = write_review_docx(
            review, folder / f"{name}_so_ket.docx", organisation=org_file, profile=name
        )
    to_pdf(list(documents.values()))
    printed: dict[str, dict[str, list[str]]] = {name: {} for name in PROFILES}
    for (name, key), path in documents.items():
        printed[name][key] = page_texts(path.with_suffix(".pdf"))
    return printed


def page_of(pages: list[str], word: str) -> list[int]:
    return [number for number, page in enumerate(pages, start=1) if re.search(rf"\b{word}\b", page)]


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("document", ["consolidated", "decision"])
def test_no_table_row_is_split_across_two_pages(crafted_pages, profile, document):
    pages = crafted_pages[profile][document]
    assert len(pages) >= 3, "the rows should run over several pages for this test to mean anything"
    for index in range(ROWS):
        if document == "decision" and index % 2 == 0:
            continue  # the annex lists the model's name; only odd rows have the long one
        first, last = page_of(pages, f"R{index:02d}A"), page_of(pages, f"R{index:02d}Z")
        assert len(first) == 1 and first == last, f"row {index}: starts on page {first}, ends on {last}"


@pytest.mark.parametrize("profile", PROFILES)
def test_the_widest_place_and_date_line_is_on_one_line(crafted_pages, profile):
    first_page = crafted_pages[profile]["decision"][0]
    assert "Tuyên Quang, ngày 28 tháng 12 năm 2026" in first_page, first_page[:600]


@pytest.mark.parametrize("profile", PROFILES)
def test_table_headers_repeat_on_every_page_of_the_list(crafted_pages, profile):
    pages = crafted_pages[profile]["consolidated"]
    annex = [page for page in pages if re.search(r"\bR\d\dA\b", page)]
    assert len(annex) >= 2
    for page in annex:
        assert "LĨNH VỰC/TÊN" in page and "NỘI DUNG CỤ THỂ" in page and "ĐỊA CHỈ" in page


@pytest.mark.parametrize("profile", PROFILES)
def test_sample_date_lines_are_on_one_line(sample_pages, profile):
    for key in ("consolidated", "results", "reminder", "decision"):
        first = sample_pages[profile][key][0]
        assert re.search(r"Quảng Ngãi, ngày [ 0-9]*tháng [ 0-9]*năm 2026", first), (key, first[:500])


@pytest.mark.parametrize("profile", PROFILES)
def test_page_numbers_from_page_2_and_none_on_page_1(sample_pages, profile):
    for key, pages in sample_pages[profile].items():
        assert not any(line.isdigit() for line in lines(pages[0])[:3]), f"{key}: a number on page 1"
        for number, page in enumerate(pages[1:], start=2):
            assert lines(page)[0] == str(number), f"{key}, page {number}: {lines(page)[:2]}"


@pytest.mark.parametrize("profile", PROFILES)
def test_signature_is_whole_on_one_page_with_text_above_it(sample_pages, profile):
    authority, position, name = SIGNERS[profile]
    for key in ("consolidated", "results", "reminder", "decision"):
        pages = sample_pages[profile][key]
        signed = [n for n, page in enumerate(pages) if name in page]
        assert len(signed) == 1, key
        page = pages[signed[0]]
        assert authority in page and position in page and "Nơi nhận:" in page, key
        above = lines(page.split("Nơi nhận:")[0])
        above = above[1:] if signed[0] > 0 else above  # the page number
        assert len(above) >= 2, f"{key}: the signature has {above} above it"


@pytest.mark.parametrize("profile", PROFILES)
def test_headings_never_end_a_page(sample_pages, profile):
    for key in ("results", "consolidated"):
        for page in sample_pages[profile][key][:-1]:
            last = lines(page)[-1]
            assert not re.match(r"^(I|II|III|IV|V)\. [A-ZĐ]|^\d\. [A-ZĐ]", last), f"{key}: ends with «{last}»"


@pytest.mark.parametrize("profile", PROFILES)
def test_the_review_prints_as_an_official_report(crafted_pages, profile):
    pages = crafted_pages[profile]["review"]
    authority, position, name = SIGNERS[profile]
    assert len(pages) >= 2
    assert not any(line.isdigit() for line in lines(pages[0])[:3])
    for number, page in enumerate(pages[1:], start=2):
        assert lines(page)[0] == str(number)
    signed = [page for page in pages if name in page]
    assert len(signed) == 1 and authority in signed[0] and position in signed[0]
    assert re.search(r"Tuyên Quang, ngày [ 0-9]*tháng [ 0-9]*năm 2026", pages[0])  # on one line
