"""The sample province's documents as printed pages: Word → PDF (LibreOffice) → text and PNG.

    uv run python -m dvk.demo.page_images [--out docs/images] [--profile dang]

Writes docs/images/van_ban_*.png, the pages the README shows. The page text (`pdftotext -layout`,
one string per page) is what the render tests read.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

from dvk.documents.pdf import to_pdf
from dvk.errors import DvkError

SAMPLE_YEAR = 2026
# PNG name: (document key, first page, last page)
IMAGES = {
    "van_ban_tong_hop_bao_cao": ("consolidated", 1, 1),
    "van_ban_tong_hop_danh_sach": ("consolidated", 3, 3),
    "van_ban_bao_cao_ket_qua": ("results", 1, 1),
    "van_ban_cong_van_don_doc": ("reminder", 1, 1),
    "van_ban_bieu_mau_don_vi": ("unit_form", 1, 1),
    "van_ban_quyet_dinh": ("decision", 1, 1),
    "van_ban_quyet_dinh_danh_sach": ("decision", -1, -1),
}


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed (`pdftotext -layout`)."""
    if not shutil.which("pdftotext"):
        raise DvkError("Không tìm thấy pdftotext (gói poppler-utils).")
    result = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=120
    )
    pages = result.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_png(pdf: Path, page: int, out: Path, dpi: int = 60) -> Path:
    """One page (1-based; -1 the last) as a PNG."""
    if page < 0:
        page = len(page_texts(pdf)) + 1 + page
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        timeout=120,
    )
    return out


def sample_documents(out: Path, profile: str | None = None) -> dict[str, Path]:
    """The sample province collected, checked, decided (every 4th model recognised) and reported,
    through the cycle's jobs as `dvk collect`, `dvk check`, `dvk decide`, `dvk report` run them."""
    from dvk.cycle import jobs
    from dvk.cycle.plan import RunPlan
    from dvk.demo.evaluations import fill_register
    from dvk.demo.province import SAMPLE_DIR
    from dvk.folders import register_path
    from dvk.register.workbook import read_register
    from dvk.settings import load_settings

    settings = load_settings()
    data = out / "data"
    sources = [str(SAMPLE_DIR / str(SAMPLE_YEAR))]
    collected = jobs.collect(RunPlan(SAMPLE_YEAR, settings, data, sources=sources))
    jobs.check(RunPlan(SAMPLE_YEAR, settings, data), collected=collected)
    register = register_path(data, SAMPLE_YEAR)
    ids = read_register(register)["registration_id"].tolist()
    fill_register(
        register, {i: {"Kết quả đánh giá": "Công nhận", "Cấp công nhận": "Cấp tỉnh"} for i in ids[::4]}
    )
    plan = RunPlan(SAMPLE_YEAR, settings, out, profile=profile, in_dir=data, reply_by=date(2026, 4, 7))
    decided = jobs.decide(plan, number="5", signed_on=date(2026, 3, 5))
    files = jobs.report(plan).report_files
    return {
        "consolidated": files.consolidated_docx,
        "results": files.results_report,
        "reminder": files.reminder_letter,
        "unit_form": files.unit_forms[0],
        "decision": decided.path,
    }


def sample_pdfs(out: Path, profile: str | None = None) -> dict[str, Path]:
    documents = sample_documents(out, profile)
    to_pdf(list(documents.values()))
    return {key: path.with_suffix(".pdf") for key, path in documents.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Vẽ các trang văn bản mẫu thành ảnh PNG.")
    parser.add_argument("--out", type=Path, default=Path("docs/images"))
    parser.add_argument("--profile", default=None)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dvk-pages-") as folder:
        pdfs = sample_pdfs(Path(folder), args.profile)
        for name, (key, first, _last) in IMAGES.items():
            print(page_png(pdfs[key], first, args.out / f"{name}.png"))


if __name__ == "__main__":
    main()
