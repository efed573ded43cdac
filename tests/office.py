"""LibreOffice Calc, as a clerk's other spreadsheet program: open a workbook and save it again."""

from __future__ import annotations

import subprocess
from pathlib import Path

from dvk.documents.pdf import find_soffice


def has_calc() -> bool:
    soffice = find_soffice()
    return soffice is not None and (Path(soffice).resolve().parent / "libsclo.so").exists()


def calc_convert(path: Path, out_dir: Path, to: str) -> Path:
    """Open `path` in Calc and save it into `out_dir` as `to` ("xlsx", or a CSV filter string)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            find_soffice(),
            f"-env:UserInstallation={(out_dir / '.profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out_dir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out_dir / f"{path.stem}.{to.split(':')[0]}"
