"""The discovery documents shipped inside googleapiclient, and a small validator for their schemas.

Discovery schemas use a JSON-Schema-like subset: "$ref", "type" (object, array, string,
integer, number, boolean, any), "properties", "additionalProperties", "items", "enum" and
"format" (int64/uint64 travel as strings). Unknown properties are errors, as Google rejects
them in requests and never sends them in answers.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import googleapiclient

DOCUMENTS = Path(googleapiclient.__file__).parent / "discovery_cache" / "documents"
FILES = {"forms": "forms.v1.json", "sheets": "sheets.v4.json", "drive": "drive.v3.json"}


@cache
def document(api: str) -> dict:
    return json.loads((DOCUMENTS / FILES[api]).read_text(encoding="utf-8"))


def _methods(resource: dict):
    yield from resource.get("methods", {}).values()
    for child in resource.get("resources", {}).values():
        yield from _methods(child)


@cache
def method(method_id: str) -> dict:
    """A method description by its id, e.g. "sheets.spreadsheets.values.batchGet"."""
    doc = document(method_id.split(".")[0])
    for found in _methods(doc):
        if found["id"] == method_id:
            return found
    raise KeyError(method_id)


def validate(value: object, schema: dict, api: str, where: str = "$") -> list[str]:
    """Every way `value` differs from `schema`; an empty list when it conforms."""
    doc = document(api)
    if "$ref" in schema:
        return validate(value, doc["schemas"][schema["$ref"]], api, where)
    kind = schema.get("type", "any")
    problems: list[str] = []
    if kind == "any":
        return problems
    if kind == "object":
        if not isinstance(value, dict):
            return [f"{where}: expected object, got {type(value).__name__}"]
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            if key in properties:
                problems += validate(item, properties[key], api, f"{where}.{key}")
            elif extra is not None:
                problems += validate(item, extra, api, f"{where}[{key!r}]")
            else:
                problems.append(f"{where}: unknown property {key!r}")
        return problems
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: expected array, got {type(value).__name__}"]
        for index, item in enumerate(value):
            problems += validate(item, schema.get("items", {}), api, f"{where}[{index}]")
        return problems
    if kind == "string":
        if not isinstance(value, str):
            return [f"{where}: expected string, got {type(value).__name__}"]
        if "enum" in schema and value not in schema["enum"]:
            return [f"{where}: {value!r} is not one of {schema['enum']}"]
        if schema.get("format") in {"int64", "uint64"} and not value.lstrip("-").isdigit():
            return [f"{where}: {value!r} is not an {schema['format']} string"]
        return problems
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"{where}: expected integer, got {type(value).__name__}"]
        return problems
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return [f"{where}: expected number, got {type(value).__name__}"]
        return problems
    if kind == "boolean":
        if not isinstance(value, bool):
            return [f"{where}: expected boolean, got {type(value).__name__}"]
        return problems
    return [f"{where}: schema type {kind!r} not understood"]


def validate_response(method_id: str, body: object) -> list[str]:
    response = method(method_id).get("response")
    if response is None:
        return [] if body in (None, {}) else [f"{method_id} returns no body, got {body!r}"]
    return validate(body, response, method_id.split(".")[0])


def validate_request(method_id: str, body: object) -> list[str]:
    request = method(method_id).get("request")
    if request is None:
        return []
    return validate(body, request, method_id.split(".")[0])
