"""The Google stand-in for each test, a service account whose key is made at run time, fast backoff."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from standin.server import Standin
from standin.state import State

ACCOUNT = "dvk-bot@dvk-test.iam.gserviceaccount.com"


@pytest.fixture(scope="session")
def rsa_key():
    """A fresh key for this run only; no private key is ever committed."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class GoogleWorld:
    standin: Standin
    email: str
    key_path: Path
    private_key_pem: str
    sleeps: list[float] = field(default_factory=list)

    @property
    def state(self) -> State:
        return self.standin.state

    def secrets(self) -> list[str]:
        """Every credential value that must never show up in logs or output."""
        body = "".join(self.private_key_pem.strip().splitlines()[1:-1])
        return [body[:40], body[-40:], *self.standin.issued_tokens()]


def service_account_file(path: Path, pem: str, email: str = ACCOUNT) -> Path:
    info = {
        "type": "service_account",
        "project_id": "dvk-test",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": pem,
        "client_email": email,
        "client_id": "100000000000000000001",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
    }
    path.write_text(json.dumps(info), encoding="utf-8")
    return path


@pytest.fixture
def google(tmp_path, monkeypatch, rsa_key):
    import dvk.google.retry
    import dvk.google.sources

    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    with Standin() as standin:
        standin.register_account(ACCOUNT, rsa_key.public_key())
        key_path = service_account_file(tmp_path / "khoa_google.json", pem)
        monkeypatch.setenv("DVK_GOOGLE_API_BASE", standin.url)
        monkeypatch.setenv("DVK_GOOGLE_CREDENTIALS", str(key_path))
        monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
        monkeypatch.delenv("DVK_GOOGLE_ATTEMPTS", raising=False)
        monkeypatch.delenv("DVK_GOOGLE_TIMEOUT", raising=False)
        monkeypatch.delenv(
            "DVK_GOOGLE_RATE_LIMIT_PREFIX", raising=False
        )  # no shared limit unless a test sets one
        world = GoogleWorld(standin, ACCOUNT, key_path, pem)
        # The backoff's own sleep reference: waits are recorded, not slept (never time.sleep itself).
        monkeypatch.setattr(dvk.google.retry, "_sleep", world.sleeps.append)
        monkeypatch.setattr(dvk.google.sources, "_apis", {})
        yield world
