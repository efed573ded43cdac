"""The parameter form as the Prefect UI draws it, adjusted for a clerk who fills it without help.

`dvk serve` passes each deployment's JSON schema through `clerk_form`:
- a list item added and left empty is accepted (the run ignores it) instead of blocking Submit;
- «Ngày ký» is one plain date field, not a "date | None" type switch;
- «Mẫu văn bản» is a choice among the profiles in `mappings/formats/`, by their Vietnamese names;
- the help texts name the actual default folders of this office, not a configuration file.
The pydantic models (dvk.ui.parameters) stay the contract: they drop empty items and map a
profile's label back to its name, so the API and the CLI accept the same values.
"""

from __future__ import annotations

import copy
from pathlib import Path

from dvk.mappings import load_toml, mappings_dir
from dvk.ui.serve_config import ServeConfig, resolve_path

FORMATS_DIR = "formats"
YEAR_SHOWN = "<năm>"
BLANK = "Để trống:"


def profile_labels(folder: Path | None = None) -> dict[str, str]:
    """Profile name → its Vietnamese description, for every file in mappings/formats/."""
    labels = {}
    for path in sorted((Path(folder or mappings_dir()) / FORMATS_DIR).glob("*.toml")):
        data = load_toml(path)
        labels[path.stem] = str(data.get("description") or path.stem)
    return labels


def profile_name(text: str, folder: Path | None = None) -> str:
    """The profile a form value means: its name, or the name whose label it is."""
    text = text.strip()
    by_label = {label: name for name, label in profile_labels(folder).items()}
    return by_label.get(text, text)


def default_profile(config: ServeConfig) -> str:
    if config.profile:
        return config.profile
    organisation = (
        resolve_path(config.organisation) if config.organisation else mappings_dir() / "organisation.toml"
    )
    return str(load_toml(organisation).get("profile", "")) if organisation.exists() else ""


def _shown(pattern: str) -> str:
    return str(resolve_path(pattern)).replace("{year}", YEAR_SHOWN)


def default_hints(config: ServeConfig) -> dict[str, str]:
    """What an empty field means, with the office's real folders."""
    return {
        "sources": ", ".join(_shown(s) for s in config.sources) + " (thư mục nguồn của năm)",
        "out_dir": f"{_shown(config.output)} (thư mục kết quả của năm)",
        "registers_dir": f"{_shown(config.registers)}",
        "roster": f"{mappings_dir() / 'roster.csv'}",
    }


def _with_hint(description: str, hint: str) -> str:
    head = description.split(BLANK)[0].rstrip()
    return f"{head} {BLANK} {hint}."


def clerk_defaults(defaults: dict, config: ServeConfig) -> dict:
    """The form's starting values (the UI fills the fields from these, not from each field's
    default): no null date (the UI would send it back and refuse it), the profile by its label."""
    defaults = {key: value for key, value in defaults.items() if value is not None}
    if "profile" in defaults:
        labels = profile_labels()
        chosen = profile_name(str(defaults["profile"])) or default_profile(config)
        defaults["profile"] = labels.get(chosen, defaults["profile"])
    return defaults


DATE_FIELDS = {"signed_on", "reply_by"}  # optional dates shown as a plain date picker


def clerk_form(schema: dict, config: ServeConfig) -> dict:
    """A copy of a deployment's parameter schema with the clerk's adjustments."""
    schema = copy.deepcopy(schema)
    labels = profile_labels()
    default = default_profile(config)
    hints = default_hints(config)
    for model, definition in schema.get("definitions", {}).items():
        review = model == "ReviewParams"
        for name, prop in definition.get("properties", {}).items():
            if prop.get("type") == "array" and prop.get("items", {}).get("type") == "string":
                prop["items"] = {"type": ["string", "null"]}
            if name in DATE_FIELDS:
                prop.pop("anyOf", None)
                prop.pop("default", None)
                prop.update({"type": "string", "format": "date"})
            if name == "profile" and labels:
                prop["enum"] = list(labels.values())
                prop["default"] = labels.get(default, next(iter(labels.values())))
                prop["description"] = "Thể thức của văn bản Word. Mặc định của Ban: " + prop["default"] + "."
            hint = _shown(config.review_output) if review and name == "out_dir" else hints.get(name)
            if hint and BLANK in prop.get("description", ""):
                prop["description"] = _with_hint(prop["description"], hint)
    return schema
