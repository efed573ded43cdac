"""A run's outputs are one set: swapped in whole, never mixed, never half-written, never emptied.

File-system failures (a file in the way, a read-only folder, a full disk, a file locked by
Excel, another run, a kill) end in one Vietnamese line, exit code 2, and the previous set whole.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from dvk.atomic import LOCK_FILE, STAGING_DIR
from dvk.cli import main
from dvk.demo.files import write_forms_csv
from tests.test_collect import forms_row

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = ["registrations.csv", "rejects.csv", "superseded.csv", "columns.csv", "unit_status.csv"]


def first_run(tmp_path, capsys):
    source = write_forms_csv(
        tmp_path / "src" / "f.csv", [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau")]
    )
    out = tmp_path / "out"
    assert main(argv(source, out)) == 0
    capsys.readouterr()
    write_forms_csv(source, [forms_row(name="Nuôi bò"), forms_row(name="Trồng rau"), forms_row(name="Mới")])
    return source, out, snapshot(out)


def argv(source, out):
    return ["collect", "--year", "2026", "--source", str(source), "--out", str(out)]


def snapshot(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.iterdir()) if path.is_file()}


def one_line_error(capsys) -> str:
    printed = capsys.readouterr()
    lines = [line for line in printed.err.splitlines() if line.strip() and "đang đọc tệp" not in line]
    assert len(lines) == 1 and lines[0].startswith("Lỗi: ") and "Traceback" not in printed.err + printed.out
    return lines[0]


def test_every_output_of_a_run_is_written(tmp_path, capsys):
    _, out, before = first_run(tmp_path, capsys)
    assert set(OUTPUTS) | {"so_theo_doi_2026.xlsx"} <= set(before)
    assert not (out / STAGING_DIR).exists() and not (out / LOCK_FILE).exists()


def test_an_output_path_that_is_a_file(tmp_path, capsys):
    source = write_forms_csv(tmp_path / "f.csv", [forms_row()])
    (tmp_path / "out").write_text("tôi là một tệp")
    assert main(argv(source, tmp_path / "out")) == 2
    assert "là một tệp, không phải thư mục" in one_line_error(capsys)


def test_a_read_only_output_folder(tmp_path, capsys, monkeypatch):
    source, out, before = first_run(tmp_path, capsys)
    if os.geteuid() != 0:
        out.chmod(0o555)
    else:  # root writes anywhere: refuse the write as a read-only folder does
        real_mkdir = Path.mkdir

        def read_only(self, *args, **kwargs):
            if self.parent == out:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real_mkdir(self, *args, **kwargs)

        monkeypatch.setattr(Path, "mkdir", read_only)
    try:
        assert main(argv(source, out)) == 2
    finally:
        out.chmod(0o755)
    assert "Không có quyền ghi" in one_line_error(capsys)
    assert snapshot(out) == before


def test_a_full_disk_leaves_the_previous_set_whole(tmp_path, capsys, monkeypatch):
    source, out, before = first_run(tmp_path, capsys)

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(self.filename))

    # The disk fills while a workbook is being zipped, whichever library writes it.
    monkeypatch.setattr(zipfile.ZipFile, "write", disk_full)
    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    assert main(argv(source, out)) == 2
    assert "Ổ đĩa đầy" in one_line_error(capsys)
    assert snapshot(out) == before and not (out / STAGING_DIR).exists()


def test_a_register_locked_by_excel_leaves_the_previous_set_whole(tmp_path, capsys, monkeypatch):
    """Windows refuses to move a file Excel has open; here the register, after the CSVs moved."""
    source, out, before = first_run(tmp_path, capsys)
    real_replace = Path.replace

    def locked(self, target):
        if self == out / "so_theo_doi_2026.xlsx":
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(self))
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", locked)
    assert main(argv(source, out)) == 2
    assert "tệp đang mở trong Excel" in one_line_error(capsys)
    assert snapshot(out) == before and not (out / STAGING_DIR).exists()


def test_a_second_run_on_the_same_folder_is_refused(tmp_path, capsys):
    source, out, before = first_run(tmp_path, capsys)
    (out / LOCK_FILE).write_text(f"{os.getpid()} {os.uname().nodename} 0\n")  # a run still alive
    assert main(argv(source, out)) == 2
    assert "một lần chạy khác đang ghi vào thư mục này" in one_line_error(capsys)
    (out / LOCK_FILE).unlink()
    assert snapshot(out) == before


def test_a_lock_left_by_a_dead_run_is_taken_over(tmp_path, capsys):
    source, out, _ = first_run(tmp_path, capsys)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    (out / LOCK_FILE).write_text(f"{dead.stdout.strip()} {os.uname().nodename} 0\n")
    assert main(argv(source, out)) == 0
    assert "Số dòng đọc vào 3" in capsys.readouterr().out and not (out / LOCK_FILE).exists()


KILL_BEFORE_SWAP = """
import os, signal, sys
import dvk.atomic
from dvk.cli import main

def killed(self):
    os.kill(os.getpid(), signal.SIGKILL)

dvk.atomic.OutputSet.commit = killed
sys.exit(main(sys.argv[1:]))
"""


def test_a_kill_mid_write_leaves_the_previous_set_and_the_next_run_cleans_up(tmp_path, capsys):
    source, out, before = first_run(tmp_path, capsys)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_BEFORE_SWAP, *argv(source, out)],
        cwd=ROOT,
        capture_output=True,
        timeout=300,
    )
    assert killed.returncode == -9
    assert (out / STAGING_DIR).exists()  # every new file written, none swapped in
    assert snapshot(out) == {**before, LOCK_FILE: (out / LOCK_FILE).read_bytes()}
    (out / LOCK_FILE).unlink()  # on another computer the lock could not be judged stale
    assert main(argv(source, out)) == 0
    assert "Số dòng đọc vào 3" in capsys.readouterr().out and not (out / STAGING_DIR).exists()


def test_a_swap_a_kill_interrupted_is_finished_by_the_next_run(tmp_path, capsys):
    source, out, _ = first_run(tmp_path, capsys)
    staging = out / STAGING_DIR
    staging.mkdir()
    (staging / "registrations.csv").write_text("registration_id\nA\n", encoding="utf-8")
    (staging / "DA_XONG").write_text("registrations.csv\n", encoding="utf-8")
    from dvk.atomic import recover

    recover(out)
    assert (out / "registrations.csv").read_text(encoding="utf-8") == "registration_id\nA\n"
    assert not staging.exists()


def test_a_rerun_reading_nothing_does_not_empty_the_outputs(tmp_path, capsys):
    source, out, before = first_run(tmp_path, capsys)
    empty = tmp_path / "trong"
    empty.mkdir()
    assert main(argv(empty, out)) == 2
    line = one_line_error(capsys)
    assert "chưa ghi gì" in line and "đang có 2 bản" in line
    assert snapshot(out) == before


@pytest.mark.parametrize("damage", ["garbage", "sheet_renamed"])
def test_an_unreadable_register_stops_the_run_before_anything_is_written(tmp_path, capsys, damage):
    source, out, _ = first_run(tmp_path, capsys)
    register = out / "so_theo_doi_2026.xlsx"
    if damage == "garbage":
        register.write_bytes(b"PK\x03\x04 hong")
    else:
        workbook = openpyxl.load_workbook(register)
        workbook["Sổ theo dõi"].title = "Trang 1"
        workbook.save(register)
    before = snapshot(out)
    assert main(argv(source, out)) == 2
    assert "sổ theo dõi" in one_line_error(capsys).lower()
    assert snapshot(out) == before
