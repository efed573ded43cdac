"""The issuing organisation's details, read from one TOML file (default `mappings/organisation.toml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dvk.errors import ConfigError
from dvk.mappings import load_toml, mappings_dir

ORGANISATION_FILE = "organisation.toml"
DEFAULT_PROFILE = "dang"
_ORG_KEYS = ("province", "place", "superior_body", "issuing_body", "issuing_body_full", "symbol")


@dataclass(frozen=True)
class Signer:
    authority: str
    position: str
    name: str


@dataclass(frozen=True)
class Organisation:
    profile: str
    province: str
    place: str
    superior_body: str
    issuing_body: str
    issuing_body_full: str
    symbol: str
    plan: str
    signer: Signer
    documents: dict[str, dict] = field(default_factory=dict)
    path: Path | None = None

    def section(self, document: str) -> dict:
        """The `[document]` table (recipients, texts); empty when absent."""
        return self.documents.get(document, {})

    def signer_for(self, document: str) -> Signer:
        override = self.section(document).get("signer")
        if not override:
            return self.signer
        return _signer(override, f"[{document}.signer]", self.path)

    def text(self, document: str, key: str, default: str | None = None) -> str:
        value = self.section(document).get(key, default)
        if value is None:
            raise ConfigError(f"{self.path}: thiếu «{key}» trong [{document}].")
        if not isinstance(value, str):
            raise ConfigError(f"{self.path}: «{key}» trong [{document}] phải là một chuỗi.")
        return value.strip()

    def lines(self, document: str, key: str) -> list[str]:
        value = self.section(document).get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{self.path}: «{key}» trong [{document}] phải là danh sách chuỗi.")
        return [v.strip() for v in value if v.strip()]


def organisation_path(path: Path | None = None, mappings: Path | None = None) -> Path:
    """`path` when given, otherwise organisation.toml of the mappings folder (default: the env's)."""
    return Path(path) if path else Path(mappings or mappings_dir()) / ORGANISATION_FILE


def _signer(table: dict, where: str, path: Path | None) -> Signer:
    missing = [key for key in ("authority", "name") if not str(table.get(key, "")).strip()]
    if missing:
        raise ConfigError(f"{path}: {where} thiếu {', '.join(missing)}.")
    return Signer(
        authority=str(table["authority"]).strip(),
        position=str(table.get("position", "")).strip(),
        name=str(table["name"]).strip(),
    )


PROFILES_KEY = "profiles"


def _merged(base: dict, override: dict) -> dict:
    """`base` with the tables of `override` laid over it (tables merged, other values replaced)."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def load_organisation(path: Path | None = None, profile: str | None = None) -> Organisation:
    """The organisation for `profile` (default: the file's `profile`). A `[profiles.<name>]` table
    holds what differs for that profile: a State profile is for a State body, so its issuer,
    signer and document texts are its own, not the Party committee's."""
    path = organisation_path(path)
    data = load_toml(path)
    name = str(profile or data.get("profile", DEFAULT_PROFILE))
    overrides = data.get(PROFILES_KEY, {})
    if not isinstance(overrides, dict):
        raise ConfigError(f"{path}: [{PROFILES_KEY}] phải là một bảng.")
    data = _merged({k: v for k, v in data.items() if k != PROFILES_KEY}, overrides.get(name, {}))
    data["profile"] = name
    org = data.get("organisation")
    if not isinstance(org, dict):
        raise ConfigError(f"{path}: thiếu mục [organisation].")
    missing = [key for key in _ORG_KEYS if not str(org.get(key, "")).strip()]
    if missing:
        raise ConfigError(f"{path}: mục [organisation] thiếu {', '.join(missing)}.")
    signer = data.get("signer")
    if not isinstance(signer, dict):
        raise ConfigError(f"{path}: thiếu mục [signer] (người ký).")
    documents = {
        key: value
        for key, value in data.items()
        if isinstance(value, dict) and key not in ("organisation", "signer")
    }
    return Organisation(
        profile=str(data.get("profile", DEFAULT_PROFILE)),
        plan=str(org.get("plan", "")).strip(),
        signer=_signer(signer, "[signer]", path),
        documents=documents,
        path=path,
        **{key: str(org[key]).strip() for key in _ORG_KEYS},
    )
