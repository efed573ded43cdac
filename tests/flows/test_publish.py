"""What the flows hand to the UI besides the tables: the Drive copies of the uploaded files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dvk.cycle.plan import RunPlan
from dvk.cycle.steps import Steps
from dvk.ui.artifacts import files_markdown


@dataclass
class Uploaded:  # the shape dvk.google.outputs.upload_files answers with
    name: str
    file_id: str
    replaced: bool


def test_uploaded_documents_get_their_drive_link_beside_the_download(tmp_path, monkeypatch, settings):
    import flows.publish as publish

    sent = []

    def upload(paths, folder):
        sent.append((sorted(Path(p).name for p in paths), folder))
        return [Uploaded(Path(p).name, f"id-{Path(p).stem}", False) for p in paths]

    monkeypatch.setattr(publish, "TASKS", Steps(upload_to_drive=upload))
    report, listing = tmp_path / "bao_cao_ket_qua_2026.docx", tmp_path / "registrations.csv"
    report.write_bytes(b"docx")
    listing.write_text("x", "utf-8")
    plan = RunPlan(year=2026, settings=settings, out_dir=tmp_path, drive_folder="thu-muc-drive")
    files = [("Báo cáo kết quả", report), ("Danh sách hợp lệ", listing)]

    notes, drive = publish.upload_documents(plan, files)

    assert sent == [(["bao_cao_ket_qua_2026.docx"], "thu-muc-drive")]  # documents only, not the CSV
    assert drive == {
        "bao_cao_ket_qua_2026.docx": "https://drive.google.com/file/d/id-bao_cao_ket_qua_2026/view"
    }
    assert notes == ["Đã tải 1 tệp lên Google Drive (0 tệp thay bản cũ cùng tên)."]
    table = files_markdown(files, None, drive, 2026)
    assert "[Mở trên Drive](https://drive.google.com/file/d/id-bao_cao_ket_qua_2026/view)" in table
    no_folder = RunPlan(year=2026, settings=settings, out_dir=tmp_path)
    assert publish.upload_documents(no_folder, files) == ([], {})


def test_links_only_for_a_run_dvk_serve_started_and_then_from_the_office_settings(tmp_path, monkeypatch):
    from dvk.ui.file_links import run_links

    monkeypatch.setenv("DVK_BASE_DIR", str(tmp_path))
    monkeypatch.setenv("DVK_SERVE_CONFIG", str(tmp_path / "khong_co.toml"))  # unreadable if ever read
    monkeypatch.delenv("DVK_FILES_URL", raising=False)
    assert run_links() is None

    (tmp_path / "dvk.toml").write_text('[folders]\noutput = "da_ghi/{year}"\n', "utf-8")
    monkeypatch.setenv("DVK_SERVE_CONFIG", str(tmp_path / "dvk.toml"))
    monkeypatch.setenv("DVK_FILES_URL", "http://may-chu:8765/")
    links = run_links()
    report = tmp_path / "da_ghi" / "2026" / "Báo cáo.docx"
    assert links.file_url(report) == "http://may-chu:8765/tep/ket-qua/2026/B%C3%A1o%20c%C3%A1o.docx"
