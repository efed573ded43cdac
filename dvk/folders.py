"""The names of the files dvk writes in a year's output folder: one place for every path."""

from __future__ import annotations

from pathlib import Path

REGISTRATIONS_CSV = "registrations.csv"
REJECTS_CSV = "rejects.csv"
SUPERSEDED_CSV = "superseded.csv"
UNIT_STATUS_CSV = "unit_status.csv"
COLUMNS_CSV = "columns.csv"
UNIT_FORMS_DIR = "bieu_mau"
BACKUP_SUFFIX = ".truoc_lan_chay.xlsx"


def register_path(folder: Path, year: int) -> Path:
    """The register (sổ theo dõi) of a year in its folder."""
    return Path(folder) / f"so_theo_doi_{year}.xlsx"


def backup_path(folder: Path, year: int) -> Path:
    """The register as it was before the last collection, kept beside it."""
    return Path(folder) / (register_path(folder, year).stem + BACKUP_SUFFIX)


def reminder_list_path(folder: Path, year: int) -> Path:
    return Path(folder) / f"danh_sach_don_doc_{year}.xlsx"


def report_file_names(year: int) -> dict[str, str]:
    return {
        "consolidated_docx": f"tong_hop_dang_ky_{year}.docx",
        "consolidated_xlsx": f"tong_hop_dang_ky_{year}.xlsx",
        "results_report": f"bao_cao_ket_qua_{year}.docx",
        "reminder_letter": f"cong_van_don_doc_{year}.docx",
        "decision": f"quyet_dinh_cong_nhan_{year}.docx",
    }
