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
