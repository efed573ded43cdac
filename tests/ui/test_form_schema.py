"""The form as the Prefect UI draws it for a clerk: what `dvk serve` sends as each deployment's schema."""

from __future__ import annotations

import jsonschema
import pytest

from dvk.ui.serve_config import load_serve_config


@pytest.fixture
def forms(tmp_path, monkeypatch):
    """Every deployment's parameter schema, built as `dvk serve` builds it, from an office folder."""
    from flows.deployments import build_deployments

    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    monkeypatch.delenv("DVK_SERVE_CONFIG", raising=False)
    built = build_deployments(load_serve_config())
    return tmp_path, {d.name: d._parameter_openapi_schema.model_dump() for d in built}


def fields(schema: dict, model: str) -> dict:
    return schema["definitions"][model]["properties"]


def test_an_empty_added_item_passes_the_forms_validation(forms):
    _, schemas = forms
    schema = schemas["Chu trình năm"]
    values = {"params": {**schema["properties"]["params"]["default"], "sources": [None], "units": [None]}}
    jsonschema.validate(values, schema)  # what the UI's Submit checks before starting the run


def test_signing_date_is_one_plain_date_field(forms):
    _, schemas = forms
    schema = schemas["Ra quyết định công nhận"]
    signed = fields(schema, "DecisionParams")["signed_on"]
    assert signed["type"] == "string" and signed["format"] == "date" and "anyOf" not in signed
    assert "signed_on" not in schema["properties"]["params"]["default"]  # no null sent back
    jsonschema.validate({"params": schema["properties"]["params"]["default"]}, schema)


@pytest.mark.parametrize("job", ["Chu trình năm", "Đôn đốc đơn vị", "Lập báo cáo"])
def test_reply_date_is_one_plain_date_field(forms, job):
    _, schemas = forms
    schema = schemas[job]
    model = next(name for name in schema["definitions"] if name.endswith("Params"))
    reply = fields(schema, model)["reply_by"]
    assert reply["type"] == "string" and reply["format"] == "date" and "anyOf" not in reply
    assert reply["title"] == "Hạn đơn vị trả lời"
    jsonschema.validate({"params": schema["properties"]["params"]["default"]}, schema)


def test_profile_is_a_choice_of_the_format_files_by_vietnamese_name(forms):
    _, schemas = forms
    schema = schemas["Lập báo cáo"]
    profile = fields(schema, "ReportParams")["profile"]
    assert profile["enum"] == [
        "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
        "Văn bản của Đảng (Quy định 399-QĐ/TW, 2026)",
        "Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)",
    ]
    assert schema["properties"]["params"]["default"]["profile"] == "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)"


def test_help_texts_name_the_offices_real_folders(forms):
    office, schemas = forms
    cycle = fields(schemas["Chu trình năm"], "CycleParams")
    assert f"Để trống: {office}/ket_qua/<năm>" in cycle["out_dir"]["description"]
    assert f"Để trống: {office}/du_lieu/<năm>" in cycle["sources"]["description"]
    review = fields(schemas["Sơ kết, tổng kết nhiều năm"], "ReviewParams")
    assert f"Để trống: {office}/ket_qua/tong_hop" in review["out_dir"]["description"]
    for schema in schemas.values():
        for definition in schema["definitions"].values():
            for prop in definition["properties"].values():
                assert "serve.toml" not in prop.get("description", "")
