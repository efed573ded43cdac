"""Page layout rules on the XML of every document in both profiles: rows kept whole, header rows
repeated, headings kept with what follows, the signature block kept with the text above it, page
numbers from page 2 at the profile's size, header columns wide enough for their longest lines."""

from __future__ import annotations

from datetime import date

import pytest
from documents_support import decide, open_docx
from docx.oxml.ns import qn

from dvk.documents import heading
from dvk.documents.profiles import load_profile
from dvk.documents.text_width import serif_font_file, text_width_mm

PROFILES = {"reports": "dang", "state_reports": "nha_nuoc"}
# The widest province names after the 2025 merger, as a place-and-date line is written.
LONGEST_PLACES = ["Tuyên Quang", "Thái Nguyên", "Hồ Chí Minh", "Quảng Ngãi"]


@pytest.fixture(scope="module")
def state_decision(marked_register, tmp_path_factory, settings):
    path, _ = marked_register
    return decide(path, tmp_path_factory.mktemp("state_decision"), settings, number="3", profile="nha_nuoc")


def documents(which, request) -> list:
    """The official documents first (header, signature), then the unit forms."""
    files = request.getfixturevalue(which)
    decision = request.getfixturevalue("decision" if which == "reports" else "state_decision")
    review = request.getfixturevalue("review_reports")[PROFILES[which]]
    return [
        review,
        files.consolidated_docx,
        files.results_report,
        files.reminder_letter,
        decision,
        *files.unit_forms[:3],
    ]


def _on(element, name: str) -> bool:
    found = element.find(qn(name))
    return found is not None and found.get(qn("w:val"), "true") in ("true", "1", "on")


def row_flags(table) -> list[tuple[bool, bool]]:
    """(cantSplit, tblHeader) of each row."""
    flags = []
    for row in table.rows:
        tr_pr = row._tr.trPr
        flags.append(
            (tr_pr is not None and _on(tr_pr, "w:cantSplit"), tr_pr is not None and _on(tr_pr, "w:tblHeader"))
        )
    return flags


# The header rows each kind of table repeats, told apart by its first cell.
HEADER_ROWS = {"LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH": 3, "TT": None}


@pytest.mark.parametrize("which", PROFILES)
def test_every_table_row_is_kept_whole_and_header_rows_repeat(which, request):
    for path in documents(which, request):
        for table in open_docx(path).tables:
            flags = row_flags(table)
            assert all(cant_split for cant_split, _ in flags), f"{path.name}: a row may break across pages"
            first = table.rows[0].cells[0].text.split("\n")[0]
            if first == "LĨNH VỰC/TÊN MÔ HÌNH, ĐIỂN HÌNH":
                assert [header for _, header in flags[:4]] == [True, True, True, False], path.name
            elif first == "TT":
                # The statistics table has two header rows (merged "Mô hình tập thể" over two), others one.
                two = (
                    table.rows[1].cells[0]._tc is table.rows[0].cells[0]._tc
                    or table.rows[1].cells[0].text == "TT"
                )
                expected = [True, True, False] if two else [True, False]
                assert [header for _, header in flags[: len(expected)]] == expected, path.name


@pytest.mark.parametrize("which", PROFILES)
def test_headings_titles_and_captions_keep_with_the_next_paragraph(which, request):
    for path in documents(which, request):
        styles = open_docx(path).styles
        for name in ("DVK Heading", "DVK Title", "DVK Summary", "DVK Figure"):
            assert styles[name].paragraph_format.keep_with_next, f"{path.name}: {name}"
        assert styles["Normal"].paragraph_format.widow_control, path.name


@pytest.mark.parametrize("which", PROFILES)
def test_the_signature_keeps_at_least_two_paragraphs_of_text_with_it(which, request):
    for path in documents(which, request)[:5]:
        document = open_docx(path)
        body = document.element.body
        # styles that keep their paragraphs with the next one, by style id
        styles = {s.style_id: s.paragraph_format.keep_with_next for s in document.styles if s.type == 1}
        children = list(body)
        block = next(
            i
            for i, child in enumerate(children)
            if child.tag == qn("w:tbl") and "Nơi nhận:" in "".join(child.itertext())
        )
        row = children[block].find(qn("w:tr"))
        assert _on(row.find(qn("w:trPr")), "w:cantSplit"), path.name
        # Walking back from the block: two paragraphs of text (a table counts as one, by its last
        # row) and everything between them and the block are kept whole and with what follows.
        found = 0
        for child in reversed(children[:block]):
            if child.tag == qn("w:tbl"):
                paragraphs = child.findall(qn("w:tr"))[-1].iter(qn("w:p"))
                found += 1
            else:
                paragraphs = [child]
                found += bool("".join(child.itertext()).strip())
            for paragraph in paragraphs:
                p_pr = paragraph.find(qn("w:pPr"))
                style = styles.get(
                    p_pr.find(qn("w:pStyle")).get(qn("w:val"))
                    if p_pr is not None and p_pr.find(qn("w:pStyle")) is not None
                    else ""
                )
                assert (p_pr is not None and _on(p_pr, "w:keepNext")) or style, path.name
            if found >= 2:
                break


@pytest.mark.parametrize("which", PROFILES)
def test_page_numbers_from_page_2_at_the_profiles_size_and_on_an_annexs_first_page(which, request):
    profile = load_profile(PROFILES[which])
    for path in documents(which, request):
        document = open_docx(path)
        assert document.styles["DVK Page Number"].font.size.pt == profile.styles["DVK Page Number"].size
        for number, section in enumerate(document.sections):
            # the first page of the document has none; a later section's first page has one
            assert section.different_first_page_header_footer == (number == 0), f"{path.name} §{number}"
            fields = (
                "".join(section.header._element.itertext())
                if not section.header.is_linked_to_previous
                else "PAGE"
            )
            assert "PAGE" in fields, path.name
        header = document.sections[0].header
        assert [p.style.name for p in header.paragraphs if "PAGE" in "".join(p._p.itertext())] == [
            "DVK Page Number"
        ]


def usable_widths_mm(table) -> list[float]:
    """Each header cell's width less the table's inner cell margins (Word's default 1.9 mm a side)."""
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    sides = 0.0
    for side in ("left", "right"):
        element = margins.find(qn(f"w:{side}")) if margins is not None else None
        sides += int(element.get(qn("w:w"))) if element is not None else 108
    return [cell.width.mm - sides * 25.4 / 1440 for cell in table.rows[0].cells]


@pytest.mark.skipif(serif_font_file(False, True) is None, reason="no Times New Roman or Liberation Serif")
@pytest.mark.parametrize("which", PROFILES)
def test_header_columns_hold_their_longest_lines_on_one_line(which, request):
    profile = load_profile(PROFILES[which])
    page = profile.page
    for path in documents(which, request)[:5]:
        document = open_docx(path)
        table = document.tables[0]
        left, right = usable_widths_mm(table)
        assert (
            sum(cell.width.mm for cell in table.rows[0].cells)
            <= page.width_mm - page.left_mm - page.right_mm + 0.1
        )

        styles = document.styles

        def size(style: str, styles=styles) -> float:
            return styles[style].font.size.pt

        widest_date = max(
            text_width_mm(
                heading.date_line(profile, p, date(2026, 12, 28), 2026), size("DVK Header Date"), italic=True
            )
            for p in LONGEST_PLACES
        )
        national = text_width_mm(profile.national, size("DVK Header National"), bold=True)
        issuer = text_width_mm("BAN TUYÊN GIÁO VÀ DÂN VẬN", size("DVK Header Issuer"), bold=True)
        assert (widest_date <= right, national <= right, issuer <= left) == (True, True, True), path.name


@pytest.mark.parametrize(
    ("which", "order"),
    [
        ("decision", ["QUYẾT ĐỊNH", "- Căn cứ", "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUYẾT ĐỊNH", "Điều 1."]),
        (
            "state_decision",
            ["QUYẾT ĐỊNH", "GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI", "Căn cứ", "QUYẾT ĐỊNH:", "Điều 1."],
        ),
    ],
)
def test_decision_elements_come_in_the_profiles_order(which, order, request):
    texts = [p.text for p in open_docx(request.getfixturevalue(which)).paragraphs if p.text.strip()]
    positions = [next(i for i, text in enumerate(texts) if text.startswith(lead)) for lead in order]
    assert positions == sorted(positions), texts[:12]
    if which == "decision":
        assert "BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY QUYẾT ĐỊNH" in texts  # no colon after QUYẾT ĐỊNH
        assert not any(text.startswith("QUYẾT ĐỊNH:") for text in texts)


def _rule_lengths_mm(path) -> dict[str, float]:
    """Length of each drawn rule (a bottom border on a rule paragraph) by its style name."""
    document = open_docx(path)
    lengths = {}
    for table in document.tables[:1]:
        for cell in table.rows[0].cells:
            for paragraph in cell.paragraphs:
                p_pr = paragraph._p.pPr
                if p_pr is None or p_pr.find(qn("w:pBdr")) is None:
                    continue
                fmt = paragraph.paragraph_format
                lengths[paragraph.style.name] = cell.width.mm - fmt.left_indent.mm - fmt.right_indent.mm
    return lengths


def test_state_rules_are_drawn_under_the_issuing_body_and_the_motto(state_reports, reports):
    lengths = _rule_lengths_mm(state_reports.results_report)
    issuer = text_width_mm("SỞ NỘI VỤ", 13, bold=True)
    motto = text_width_mm("Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    # NĐ 30: 1/3 to 1/2 of the issuing body's line; as long as the motto.
    assert issuer / 3 <= lengths["DVK Issuer Rule"] <= issuer / 2
    assert lengths["DVK Motto Rule"] == pytest.approx(motto, abs=1)
    assert _rule_lengths_mm(reports.results_report) == {}  # the Party underlines its title instead
