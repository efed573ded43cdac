"""PDF copies through LibreOffice (`soffice --headless --convert-to pdf`), when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

from dvk.errors import DvkError

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 600
MISSING_MESSAGE = (
    "Không tìm thấy LibreOffice (lệnh soffice) nên không xuất được PDF. Các tệp Word vẫn được ghi. "
    "Cài LibreOffice (Ubuntu/Debian: sudo apt-get install libreoffice-writer; Windows: libreoffice.org) "
    "rồi chạy lại, hoặc bỏ tùy chọn --pdf."
)


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    found = find_soffice()
    if not found:
        raise DvkError(MISSING_MESSAGE)
    return found


def to_pdf(documents: list[Path], soffice: str | None = None) -> list[Path]:
    """A PDF beside each document; one LibreOffice run per folder."""
    soffice = soffice or require_soffice()
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for document in documents:
        by_folder[Path(document).parent].append(Path(document))
    written = []
    # A private LibreOffice profile, so a running LibreOffice or another conversion cannot block this one.
    with tempfile.TemporaryDirectory(prefix="dvk-soffice-") as profile:
        for folder, files in by_folder.items():
            for file in files:
                file.with_suffix(".pdf").unlink(missing_ok=True)
            command = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *[str(f) for f in files],
            ]
            try:
                result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired as exc:
                raise DvkError(f"LibreOffice không xuất xong PDF sau {TIMEOUT_SECONDS} giây.") from exc
            for file in files:
                pdf = file.with_suffix(".pdf")
                if not pdf.exists():
                    raise DvkError(
                        f"LibreOffice không xuất được PDF cho «{file.name}»: {result.stderr.strip()}"
                    )
                written.append(pdf)
    return written
