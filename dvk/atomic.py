"""Writing outputs so that a crash, a kill or a full disk never leaves half of them behind.

One file: `save_atomically`. A run's whole set of files: `OutputSet`, written beside the
folder and swapped in together, under `folder_lock` so two runs never mix their files.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dvk.errors import OutputBusy, OutputError


def save_atomically(path: Path, save: Callable[[Path], object]) -> Path:
    """Call `save(temporary)` next to `path`, then move the finished file into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A fresh name, created by `save` itself, so the file gets the folder's usual permissions.
    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:12]}.tam{path.suffix}")
    try:
        save(temporary)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


# --- A run's outputs as one set --------------------------------------------------------------

STAGING_DIR = ".dvk-dang-ghi"  # the next set of outputs, written beside the current one
COMMIT_MARK = "DA_XONG"  # in the staging folder once every file is complete: swap them in
SET_ASIDE_DIR = "ban_cu"  # the files being replaced, until the whole new set is in place
LOCK_FILE = ".dvk-dang-ghi.lock"
BUSY = "một lần chạy khác đang ghi vào thư mục này"


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _swap_in(folder: Path, staging: Path, names: list[str]) -> None:
    """Move each staged file into place, the file it replaces first set aside; on a failure (a file
    locked by Excel) put back what was already swapped, so the folder keeps one whole set."""
    aside = staging / SET_ASIDE_DIR
    aside.mkdir(exist_ok=True)
    swapped: list[str] = []
    try:
        for name in names:
            staged, target = staging / name, folder / name
            if not staged.exists():
                continue  # already moved in before a kill
            if target.exists():
                target.replace(aside / name)
            swapped.append(name)
            staged.replace(target)
    except OSError:
        for name in reversed(swapped):
            if (folder / name).exists():
                (folder / name).replace(staging / name)
            if (aside / name).exists():
                (aside / name).replace(folder / name)
        (staging / COMMIT_MARK).unlink(missing_ok=True)
        raise


def _finish_swap(folder: Path, staging: Path) -> None:
    """Swap in a set whose files are all complete (also one a kill interrupted half-way)."""
    names = [n for n in (staging / COMMIT_MARK).read_text(encoding="utf-8").splitlines() if n]
    _swap_in(folder, staging, names)
    shutil.rmtree(staging)


def recover(folder: Path) -> None:
    """After a kill: finish a set that was complete, drop one that was not."""
    staging = Path(folder) / STAGING_DIR
    if not staging.exists():
        return
    if (staging / COMMIT_MARK).exists():
        _finish_swap(Path(folder), staging)
    else:
        shutil.rmtree(staging)


class OutputSet:
    """Files written to a staging folder and swapped in together by `commit`.

    Until `commit`, the folder keeps the previous set whole; a run that fails (or is killed)
    before it leaves nothing of the new set behind."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.staging = self.folder / STAGING_DIR
        self.names: list[str] = []

    def __enter__(self) -> OutputSet:
        recover(self.folder)
        self.staging.mkdir()
        return self

    def path(self, name: str) -> Path:
        """Where to write `name` now; it lands at folder/name on commit."""
        if name not in self.names:
            self.names.append(name)
        return self.staging / name

    def commit(self) -> None:
        for name in self.names:
            _fsync_file(self.staging / name)
        mark = self.staging / COMMIT_MARK
        mark.write_text("\n".join(self.names), encoding="utf-8")
        _fsync_file(mark)
        _finish_swap(self.folder, self.staging)

    def __exit__(self, kind, error, trace) -> None:
        if error is not None and self.staging.exists() and not (self.staging / COMMIT_MARK).exists():
            shutil.rmtree(self.staging, ignore_errors=True)  # the previous set is whole: drop the new one


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _stale(lock: Path) -> bool:
    """A lock left by a run that died on this computer."""
    try:
        pid_text, host = lock.read_text(encoding="utf-8").split()[:2]
        return host == socket.gethostname() and not _alive(int(pid_text))
    except (OSError, ValueError):
        return False


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """One run at a time writes to a folder; a second one stops with a clear message."""
    lock = Path(folder) / LOCK_FILE
    for attempt in range(2):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if attempt == 0 and _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            raise OutputBusy(
                f"Không ghi được: {BUSY} ({folder}). Chờ lần chạy kia xong rồi chạy lại; nếu chắc không "
                f"còn lần chạy nào, xóa tệp «{lock}»."
            ) from None
    try:
        os.write(handle, f"{os.getpid()} {socket.gethostname()} {int(time.time())}\n".encode())
        os.close(handle)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _where(error: OSError, folder: Path) -> str:
    """The file the clerk knows: the folder, rather than a temporary file inside it."""
    name = str(error.filename or "")
    if not name or STAGING_DIR in name or ".tam." in Path(name).name:
        return str(folder)
    return name


@contextmanager
def output_errors(folder: Path) -> Iterator[None]:
    """A file-system error while writing outputs becomes one Vietnamese line (exit code 2)."""
    folder = Path(folder)
    try:
        yield
    except OSError as error:
        kept = " Các tệp kết quả cũ vẫn giữ nguyên."
        where = _where(error, folder)
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            message = f"Ổ đĩa đầy, không ghi được «{where}». Giải phóng dung lượng rồi chạy lại."
        elif error.errno == errno.EROFS:
            message = f"Ổ đĩa chỉ đọc, không ghi được «{where}». Chọn thư mục kết quả khác."
        elif error.errno in (errno.EACCES, errno.EPERM):
            message = (
                f"Không có quyền ghi «{where}»: thư mục chỉ đọc, hoặc tệp đang mở trong Excel. "
                "Đóng tệp (hoặc chọn thư mục khác) rồi chạy lại."
            )
        elif error.errno in (errno.ENOTDIR, errno.EEXIST) or (folder.exists() and not folder.is_dir()):
            message = f"«{folder}» là một tệp, không phải thư mục: chọn thư mục kết quả khác."
        else:
            message = f"Không ghi được «{where}»: {error.strerror or error}."
        raise OutputError(message + kept) from error
