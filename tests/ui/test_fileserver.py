"""The office's file server: the written files over HTTP, only those, only with the password."""

from __future__ import annotations

import base64
import os
import socket
import time
from urllib.parse import unquote, urlsplit

import httpx
import pytest

from dvk.ui.file_links import FileLinks, served_folders
from dvk.ui.fileserver import build_app, start_in_background
from dvk.ui.serve_config import load_serve_config

CREDENTIAL = "vanthu:Mật-khẩu 2026"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def basic(credential: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(credential.encode()).decode()}


@pytest.fixture
def office(tmp_path, monkeypatch):
    """A working folder with a year's results, a review, and files that must never be served."""
    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    monkeypatch.delenv("DVK_SERVE_CONFIG", raising=False)
    year = tmp_path / "ket_qua" / "2026"
    (year / "bieu_mau").mkdir(parents=True)
    (year / "bao_cao_ket_qua_2026.docx").write_bytes(b"PK\x03\x04 word " + bytes(range(256)))
    (year / "so_theo_doi_2026.xlsx").write_bytes(b"PK\x03\x04 excel")
    (year / "rejects.csv").write_text("Lý do\nthiếu tên\n", "utf-8-sig")
    (year / "bieu_mau" / "Xã Mộ Đức.docx").write_bytes(b"PK form")
    (year / ".an.xlsx").write_bytes(b"hidden")
    (tmp_path / "ket_qua" / "tong_hop").mkdir()
    (tmp_path / "ket_qua" / "tong_hop" / "so_ket_2024_2026.xlsx").write_bytes(b"PK review")
    (tmp_path / "du_lieu" / "2026").mkdir(parents=True)
    (tmp_path / "du_lieu" / "2026" / "dang_ky.csv").write_text("bí mật", "utf-8")
    (tmp_path / "khoa.json").write_text('{"private_key": "x"}', "utf-8")
    port = free_port()
    links = FileLinks(f"http://127.0.0.1:{port}", served_folders(load_serve_config()))
    server, thread = start_in_background(build_app(links, CREDENTIAL), "127.0.0.1", port)
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the file server did not start"
    with httpx.Client(base_url=links.base_url, timeout=30) as client:
        yield tmp_path, links, client
    server.should_exit = True
    thread.join(timeout=30)


def get(client: httpx.Client, url: str, credential: str | None = CREDENTIAL):
    return client.get(url, headers=basic(credential) if credential else {})


def test_every_written_file_downloads_from_its_link_with_its_type_and_name(office):
    root, links, client = office
    year = root / "ket_qua" / "2026"
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    expected = {
        "bao_cao_ket_qua_2026.docx": word,
        "so_theo_doi_2026.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "rejects.csv": "text/csv; charset=utf-8",
        "bieu_mau/Xã Mộ Đức.docx": word,
    }
    for inside, kind in expected.items():
        url = links.file_url(year / inside)
        assert url.startswith(f"{links.base_url}/tep/ket-qua/2026/"), url
        answer = get(client, url)
        assert answer.status_code == 200, inside
        assert answer.content == (year / inside).read_bytes()
        assert answer.headers["content-type"] == kind
        assert answer.headers["x-content-type-options"] == "nosniff"
    disposition = get(client, links.file_url(year / "bieu_mau" / "Xã Mộ Đức.docx")).headers[
        "content-disposition"
    ]
    assert disposition.startswith("attachment;")
    assert 'filename="Xa Mo Duc.docx"' in disposition  # for browsers without RFC 5987
    assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Xã Mộ Đức.docx"
    review = root / "ket_qua" / "tong_hop" / "so_ket_2024_2026.xlsx"
    assert get(client, links.file_url(review)).content == b"PK review"


def test_without_the_password_nothing_is_served(office):
    root, links, client = office
    url = links.file_url(root / "ket_qua" / "2026" / "so_theo_doi_2026.xlsx")
    for credential in (None, "vanthu:sai", "vanthu", CREDENTIAL + "x"):
        answer = get(client, url, credential)
        assert answer.status_code == 401, credential
        assert answer.headers["www-authenticate"].startswith('Basic realm="dvk"')
        assert b"PK" not in answer.content
    assert get(client, f"{links.base_url}/nam/2026", None).status_code == 401
    assert (
        client.get("/tep/ket-qua/2026/rejects.csv", headers={"Authorization": "Bearer x"}).status_code == 401
    )
    assert get(client, f"{links.base_url}/health", None).text == "ok"


@pytest.mark.parametrize(
    "path",
    [
        "/tep/ket-qua/2026/%2e%2e/%2e%2e/khoa.json",
        "/tep/ket-qua/2026/..%2f..%2fkhoa.json",
        "/tep/ket-qua/2026/%2Fetc%2Fpasswd",
        "/tep/ket-qua/..%2fdu_lieu/2026/dang_ky.csv",
        "/tep/ket-qua/2026/.an.xlsx",
        "/tep/ket-qua/2026/bieu_mau",
        "/tep/ket-qua/2026/",
        "/tep/ket-qua/tong_hop/so_ket_2024_2026.xlsx",
        "/tep/du-lieu/2026/dang_ky.csv",
        "/tep/tong-hop/..%2f2026%2fso_theo_doi_2026.xlsx",
        "/khoa.json",
        "/nam/2026x",
    ],
)
def test_nothing_outside_the_result_folders_is_reachable(office, path):
    _, _, client = office
    answer = client.get(path, headers=basic(CREDENTIAL))
    assert answer.status_code == 404, answer.text
    assert b"private_key" not in answer.content and "bí mật" not in answer.text


def test_a_link_planted_inside_does_not_lead_outside(office):
    root, links, client = office
    planted = root / "ket_qua" / "2026" / "loi_tat.json"
    os.symlink(root / "khoa.json", planted)
    assert get(client, f"{links.base_url}/tep/ket-qua/2026/loi_tat.json").status_code == 404
    assert "/tep/ket-qua/2026/loi_tat.json" not in get(client, links.year_url(2026)).text  # no link to it
    assert links.file_url(root / "du_lieu" / "2026" / "dang_ky.csv") is None  # no link to what is not served


def test_only_reading_is_allowed(office):
    _, _, client = office
    answer = client.post("/tep/ket-qua/2026/rejects.csv", headers=basic(CREDENTIAL), content=b"x")
    assert answer.status_code == 405


def test_the_year_page_lists_the_files_by_kind_with_sizes_and_links(office):
    root, links, client = office
    (root / "ket_qua" / "2026" / "<b>la.csv").write_text("x", "utf-8")
    page = get(client, links.year_url(2026))
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = page.text
    assert "Tệp kết quả năm 2026" in text
    for heading in [
        "Sổ theo dõi (1 tệp)",
        "Báo cáo, công văn (1 tệp)",
        "Danh sách (1 tệp)",
        "Biểu mẫu từng đơn vị (1 tệp)",
    ]:
        assert heading in text
    assert text.index("Sổ theo dõi (1 tệp)") < text.index("Biểu mẫu từng đơn vị")
    assert "Danh sách bị loại, kèm lý do" in text and "Sổ theo dõi: cán bộ nhập đánh giá ở đây" in text
    assert "Biểu mẫu đăng ký của đơn vị Xã Mộ Đức" in text
    assert "&lt;b&gt;la.csv" in text and "<b>la" not in text
    assert ".an.xlsx" not in text and "dang_ky.csv" not in text
    for href in [part.split('"')[0] for part in text.split('href="')[1:]]:
        if "/tep/" in href:
            assert get(client, urlsplit(href.replace("&amp;", "&")).path).status_code == 200, href
    report = get(client, links.file_url(root / "ket_qua" / "2026" / "bao_cao_ket_qua_2026.docx"))
    assert f"{len(report.content)} byte" in text
    home = get(client, f"{links.base_url}/").text
    assert f'href="{links.base_url}/nam/2026"' in home and "so_ket_2024_2026.xlsx" in home
    assert "Chưa có tệp nào của năm 2019" in get(client, links.year_url(2019)).text
