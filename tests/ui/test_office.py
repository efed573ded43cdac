"""`dvk office init`: a working folder's settings, the password kept out of sight."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from dvk.cli import main
from dvk.ui.serve_config import load_serve_config

PASSWORD = "Kh0ng-ai-biet#2026"


def init(folder, *extra: str) -> int:
    return main(["office", "init", "--folder", str(folder), "--address", "192.168.1.10", *extra])


def test_init_writes_the_folder_settings_and_never_shows_the_password(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DVK_OFFICE_PASSWORD", PASSWORD)
    folder = tmp_path / "dvk"
    assert init(folder, "--user", "vanthu", "--files-port", "8081") == 0
    printed = capsys.readouterr()
    assert PASSWORD not in printed.out + printed.err
    assert "http://192.168.1.10:4200" in printed.out
    env = (folder / ".env").read_text("utf-8")
    assert f"PREFECT_SERVER_API_AUTH_STRING=vanthu:{PASSWORD}" in env
    assert f"PREFECT_API_AUTH_STRING=vanthu:{PASSWORD}" in env
    assert "PREFECT_SERVER_CSRF_PROTECTION_ENABLED=true" in env
    assert stat.S_IMODE(os.stat(folder / ".env").st_mode) == 0o600
    assert PASSWORD not in (folder / "dvk.toml").read_text("utf-8")
    assert (folder / "du_lieu").is_dir() and (folder / "so_van_ban").is_dir()

    # dvk and Prefect started in that folder, from nowhere near the checkout, read these settings
    monkeypatch.setenv("DVK_BASE_DIR", str(folder))
    monkeypatch.delenv("DVK_SERVE_CONFIG", raising=False)
    config = load_serve_config()
    assert config.path == folder / "dvk.toml"
    assert config.file_server.host == "0.0.0.0" and config.file_server.url == "http://192.168.1.10:8081"
    assert config.output_for(2026) == folder / "ket_qua" / "2026"
    env_vars = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    seen = subprocess.run(
        [
            sys.executable,
            "-c",
            "import prefect.settings as s; print(s.PREFECT_API_URL.value(), "
            "s.PREFECT_SERVER_API_HOST.value(), s.PREFECT_SERVER_CSRF_PROTECTION_ENABLED.value(), "
            "s.PREFECT_API_AUTH_STRING.value() == 'vanthu:' + 'Kh0ng-ai-biet#2026')",
        ],
        cwd=folder,
        env=env_vars,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert seen == ["http://192.168.1.10:4200/api", "0.0.0.0", "True", "True"]


def test_init_refuses_to_overwrite_and_bad_passwords(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DVK_OFFICE_PASSWORD", PASSWORD)
    assert init(tmp_path) == 0
    before = (tmp_path / ".env").read_text("utf-8")
    monkeypatch.setenv("DVK_OFFICE_PASSWORD", "khac-hoan-toan-2027")
    assert init(tmp_path) == 2
    assert "--force" in capsys.readouterr().err and (tmp_path / ".env").read_text("utf-8") == before
    for bad, reason in [
        ("ngan", "ít nhất 8 ký tự"),
        ("mật-khẩu-có-dấu", "chữ không dấu"),
        ('a"bcdefgh', "dấu nháy"),
    ]:
        monkeypatch.setenv("DVK_OFFICE_PASSWORD", bad)
        assert init(tmp_path / "moi", "--force") == 2
        message = capsys.readouterr().err
        assert reason in message and bad not in message
        assert not (tmp_path / "moi" / ".env").exists()


def test_ports_must_differ(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DVK_OFFICE_PASSWORD", PASSWORD)
    assert init(tmp_path, "--files-port", "4200") == 2
    assert "phải khác nhau" in capsys.readouterr().err


def test_file_server_on_the_network_needs_the_password_and_a_free_port(tmp_path, monkeypatch):
    import socket
    from dataclasses import replace

    from dvk.commands.serve import start_file_server
    from dvk.errors import DvkError
    from dvk.ui.serve_config import FileServerConfig

    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    monkeypatch.delenv("DVK_FILES_URL", raising=False)
    config = load_serve_config()
    with pytest.raises(DvkError, match="dvk office init"):
        start_file_server(replace(config, file_server=FileServerConfig("0.0.0.0", 4201)), "")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(DvkError, match=f"Không mở được máy chủ tệp ở 127.0.0.1:{port}"):
            start_file_server(replace(config, file_server=FileServerConfig("127.0.0.1", port)), "a:b")
    assert "DVK_FILES_URL" not in os.environ
