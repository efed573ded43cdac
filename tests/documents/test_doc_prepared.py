"""A template prepared once and filled for thousands of units writes, for each of them, the document
that rendering the template afresh (`render_docx`: docxtpl, then the profile) writes."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from documents_support import form_entries, structure_problems
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from dvk.documents import contexts
from dvk.documents.prepared import PreparedTemplate
from dvk.documents.profiles import load_profile
from dvk.documents.render import TEMPLATE_NAMES, render_docx, template_path
from dvk.errors import ConfigError

ONE_IMAGE = "bao_cao_ket_qua"  # its chart is an image: only render_docx fills it
PREPARABLE = [name for name in TEMPLATE_NAMES if name != ONE_IMAGE]
HOSTILE = "Cà phê <b>&\"Ngọc Linh\"</b> 'đặc sản' {{ x }} {%p endif %}"


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def differing_parts(one, other) -> list[str]:
    first, second = parts(one), parts(other)
    return sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))


def unit_rows(registrations, code: str, names: list[str]):
    rows = registrations.head(len(names)).copy()
    rows["unit_code"], rows["unit_name"], rows["model_name"] = code, f"Đơn vị {code} <&>", names
    return rows


def unit_form(rows) -> dict:
    return contexts.unit_form_context(
        2026, str(rows["unit_name"].iloc[0]), rows.to_dict("records"), "KH <1> & 2"
    )


@pytest.mark.parametrize("profile", ["dang", "nha_nuoc"])
@pytest.mark.parametrize("name", PREPARABLE)
def test_every_part_is_the_one_render_docx_writes(name, profile, all_contexts, tmp_path):
    fresh = render_docx(name, all_contexts[name], tmp_path / "fresh.docx", load_profile(profile))
    prepared = PreparedTemplate(name, load_profile(profile)).render(all_contexts[name], tmp_path / "p.docx")
    assert differing_parts(prepared, fresh) == []


def test_unit_forms_one_after_another_each_equal_a_fresh_render(registrations, tmp_path):
    """The second unit's form holds none of the first's rows, and the first rendered again is the
    same file: nothing of one render stays in the prepared template."""
    profile = load_profile("dang")
    big = unit_rows(registrations, "A", [HOSTILE, "Mô hình\ncó hai dòng", "Tab\tgiữa", "Bốn"])
    small = unit_rows(registrations, "B", ["Chỉ một mô hình"])
    template = PreparedTemplate("bieu_mau_don_vi", profile)
    first = template.render(unit_form(big), tmp_path / "A.docx")
    second = template.render(unit_form(small), tmp_path / "B.docx")
    again = template.render(unit_form(big), tmp_path / "A2.docx")
    for path, rows in ((first, big), (second, small)):
        fresh = render_docx("bieu_mau_don_vi", unit_form(rows), tmp_path / f"fresh_{path.name}", profile)
        assert differing_parts(path, fresh) == []
    assert differing_parts(again, first) == []
    names = [entry[2][0].split(". ", 1)[1] for entry in form_entries(Document(str(second)).tables[0])]
    assert names == ["Chỉ một mô hình"]


@pytest.mark.parametrize("name", [HOSTILE, "Mô hình\ncó hai dòng", "Tab\tgiữa"])
def test_user_text_reads_back_as_typed(name, registrations, tmp_path):
    rows = unit_rows(registrations, "A", [name, "Mô hình thứ hai"])
    path = PreparedTemplate("bieu_mau_don_vi", load_profile("nha_nuoc")).render(
        unit_form(rows), tmp_path / "A.docx"
    )
    assert structure_problems(path) == []
    document = Document(str(path))
    entries = form_entries(document.tables[0])
    assert sorted(cells[0].split(". ", 1)[1] for _, _, cells in entries) == sorted([name, "Mô hình thứ hai"])
    texts = [p.text for p in document.paragraphs]
    assert "ĐƠN VỊ: ĐƠN VỊ A <&>" in texts and "(Kèm theo KH <1> & 2)" in texts
    # Word shows a line break or a tab only as its own element: in a text node it would be a space.
    body = etree.fromstring(parts(path)["word/document.xml"])
    assert not [t.text for t in body.iter(qn("w:t")) if t.text and ("\n" in t.text or "\t" in t.text)]
    assert len(list(body.iter(qn("w:br")))) == name.count("\n")
    assert len(list(body.iter(qn("w:tab")))) == name.count("\t")


def test_a_rendering_that_fails_leaves_no_file(registrations, tmp_path):
    context = unit_form(unit_rows(registrations, "A", ["Một"]))
    del context["totals"]
    with pytest.raises(ConfigError, match="totals"):
        PreparedTemplate("bieu_mau_don_vi", load_profile("dang")).render(context, tmp_path / "A.docx")
    assert list(tmp_path.iterdir()) == []


def test_a_template_with_a_broken_tag_is_refused_when_prepared(tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    shutil.copy(template_path("bieu_mau_don_vi"), folder / "bieu_mau_don_vi.docx")
    document = Document(str(folder / "bieu_mau_don_vi.docx"))
    document.add_paragraph("{% if năm %}")
    document.save(str(folder / "bieu_mau_don_vi.docx"))
    monkeypatch.setenv("DVK_TEMPLATES_DIR", str(folder))
    with pytest.raises(ConfigError, match="viết sai"):
        PreparedTemplate("bieu_mau_don_vi", load_profile("dang"))


FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def with_data_outside_the_body(template, out) -> None:
    """The unit form as a user might edit it: the unit's name in its header, footnotes and title."""
    document = Document(str(template))
    document.sections[0].header.add_paragraph("Biểu mẫu của {{ unit.name }}")
    document.core_properties.title = "Biểu mẫu {{ year }}"
    document.save(str(out))
    members = parts(out)
    members["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W}">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Ghi chú: {{ unit.name }}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/></Types>'.encode(),
    )
    members["word/_rels/document.xml.rels"] = members["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdGhiChu" Type="{FOOTNOTES_RELATIONSHIP}" Target="footnotes.xml"/>'
        "</Relationships>".encode(),
    )
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, contents in members.items():
            archive.writestr(name, contents)


def test_headers_footnotes_and_properties_that_use_data_are_filled_for_each_unit(
    registrations, tmp_path, monkeypatch
):
    folder = tmp_path / "templates"
    folder.mkdir()
    with_data_outside_the_body(template_path("bieu_mau_don_vi"), folder / "bieu_mau_don_vi.docx")
    monkeypatch.setenv("DVK_TEMPLATES_DIR", str(folder))
    profile = load_profile("dang")
    template = PreparedTemplate("bieu_mau_don_vi", profile)
    for code in ("A", "B"):
        rows = unit_rows(registrations, code, [f"Mô hình của {code}"])
        prepared = template.render(unit_form(rows), tmp_path / f"{code}.docx")
        fresh = render_docx("bieu_mau_don_vi", unit_form(rows), tmp_path / f"fresh_{code}.docx", profile)
        assert differing_parts(prepared, fresh) == []
        document = Document(str(prepared))
        assert f"Biểu mẫu của ĐƠN VỊ {code} <&>" in [p.text for p in document.sections[0].header.paragraphs]
        assert document.core_properties.title == "Biểu mẫu 2026"
        assert f"Ghi chú: ĐƠN VỊ {code} <&>" in "".join(
            etree.fromstring(parts(prepared)["word/footnotes.xml"]).itertext()
        )
