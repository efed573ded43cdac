"""The templates: every variable they use is provided, missing data fails loudly, the builder
reproduces the committed files."""

from __future__ import annotations

import shutil
import zipfile

import pandas as pd
import pytest
from docx import Document
from docxtpl import DocxTemplate

from dvk.documents.profiles import load_profile
from dvk.documents.render import TEMPLATE_NAMES, jinja_env, render_docx, template_path, template_variables
from dvk.errors import ConfigError


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_every_template_variable_is_provided(name, all_contexts):
    used = template_variables(name)
    assert used, f"{name} uses no variables: the template is not what we think"
    template = DocxTemplate(template_path(name))
    assert template.get_undeclared_template_variables(jinja_env(), all_contexts[name]) == set()


@pytest.mark.parametrize("name", ["tong_hop_dang_ky", "quyet_dinh_cong_nhan"])
def test_missing_data_fails_loudly_instead_of_rendering_blank(name, all_contexts, tmp_path):
    profile = load_profile("dang")
    context = dict(all_contexts[name])
    context["header"] = {k: v for k, v in context["header"].items() if k != "number_line"}
    with pytest.raises(ConfigError, match="number_line"):
        render_docx(name, context, tmp_path / "out.docx", profile)
    assert not (tmp_path / "out.docx").exists()


def test_a_template_edited_with_an_unknown_variable_names_it(all_contexts, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in TEMPLATE_NAMES:
        shutil.copy(template_path(name), folder / f"{name}.docx")
    document = Document(folder / "cong_van_don_doc.docx")
    document.add_paragraph("{{ chu_ky_so }}")
    document.save(folder / "cong_van_don_doc.docx")
    monkeypatch.setenv("DVK_TEMPLATES_DIR", str(folder))
    with pytest.raises(ConfigError, match="chu_ky_so"):
        render_docx(
            "cong_van_don_doc", all_contexts["cong_van_don_doc"], tmp_path / "x.docx", load_profile("dang")
        )


def test_builder_reproduces_the_committed_templates(tmp_path):
    from dvk.documents.build_templates import build_all

    for built in build_all(tmp_path):
        with zipfile.ZipFile(built) as fresh, zipfile.ZipFile(template_path(built.stem)) as committed:
            for part in ("word/document.xml", "word/styles.xml"):
                assert fresh.read(part) == committed.read(part), f"{built.name}: rebuild templates/docx"


def test_rows_with_unknown_codes_are_left_out_with_a_warning(collected, tmp_path, settings):
    from dvk.documents.reports import build_reports
    from dvk.tables import write_csv

    data = tmp_path / "data"
    shutil.copytree(collected, data)
    frame = pd.read_csv(data / "registrations.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.loc[0, "field"] = "moi_truong"
    write_csv(frame, data / "registrations.csv")
    files = build_reports(2026, data, tmp_path / "out", settings)
    left_out = [w for w in files.warnings if "bỏ qua" in w]  # the others flag district addresses
    assert len(left_out) == 1 and "moi_truong" in left_out[0]
    assert frame.loc[0, "model_name"] in left_out[0]


def test_unit_form_file_names_cannot_leave_the_folder(registrations, tmp_path):
    from dvk.documents.reports import write_unit_forms

    rows = registrations.head(3).copy()
    rows["unit_code"] = ["../../thoat", "..\\..\\thoat", "/etc/passwd"]
    folder = tmp_path / "bieu_mau"
    written = write_unit_forms(2026, rows, folder, load_profile("dang"))
    assert len(written) == 3 and len({p.name for p in written}) == 3
    assert all(path.parent == folder and path.exists() for path in written)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written)
