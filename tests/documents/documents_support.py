"""Reading back what dvk wrote, the way a user would see it: python-docx and openpyxl."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

YEAR = 2026
SECTION_TITLES = [
    "I. LĨNH VỰC KINH TẾ",
    "II. LĨNH VỰC VĂN HÓA - XÃ HỘI",
    "III. LĨNH VỰC QUỐC PHÒNG - AN NINH",
    "IV. LĨNH VỰC XÂY DỰNG HỆ THỐNG CHÍNH TRỊ",
]
FIELD_OF_SECTION = dict(
    zip(SECTION_TITLES, ["economy", "culture_society", "defense_security", "political_system"], strict=True)
)


def unique_cells(row) -> list:
    """A row's cells with horizontally merged cells counted once."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def row_texts(row) -> list[str]:
    return [cell.text for cell in unique_cells(row)]


def all_text(path: Path) -> str:
    """Every text node of every XML part (body, headers, footers, properties)."""
    texts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                texts.extend(etree.fromstring(archive.read(name)).itertext())
    return "\n".join(texts)


def structure_problems(path: Path) -> list[str]:
    """What makes Word offer to repair a file: unparsable XML parts, table cells without a paragraph."""
    problems = []
    with zipfile.ZipFile(path) as archive:
        bad = archive.testzip()
        if bad:
            problems.append(f"corrupt member {bad}")
        for name in archive.namelist():
            if not name.endswith(".xml") and not name.endswith(".rels"):
                continue
            try:
                root = etree.fromstring(archive.read(name))
            except etree.XMLSyntaxError as exc:
                problems.append(f"{name}: {exc}")
                continue
            for cell in root.iter(qn("w:tc")):
                if cell.find(qn("w:p")) is None:
                    problems.append(f"{name}: a table cell without a paragraph")
            for row in root.iter(qn("w:tr")):
                if row.find(qn("w:tc")) is None:
                    problems.append(f"{name}: a table row without cells")
    return problems


def form_entries(table) -> list[tuple[str, int, list[str]]]:
    """(section title, number, cells) for every model row of an official-form table."""
    entries, section = [], None
    for row in table.rows[3:]:
        cells = row_texts(row)
        if cells[0] in SECTION_TITLES:
            section = cells[0]
            continue
        match = re.match(r"(\d+)\. ", cells[0])
        if match and section:
            entries.append((section, int(match[1]), cells))
    return entries


def section_order(table) -> list[str]:
    return [row_texts(row)[0] for row in table.rows if row_texts(row)[0] in SECTION_TITLES]


def paragraph_texts(container) -> list[str]:
    return [p.text for p in container.paragraphs]


def open_docx(path: Path):
    return Document(str(path))


def mark_register(path: Path, results: dict[int, tuple[str, str]]) -> None:
    """Type results into the register as staff would: {data row index: (result, level)}."""
    from dvk.demo.evaluations import fill_register
    from dvk.register.workbook import read_register

    ids = read_register(path)["registration_id"].tolist()
    fill_register(
        path,
        {
            ids[i]: {"Kết quả đánh giá": result, "Cấp công nhận": level or None}
            for i, (result, level) in results.items()
        },
    )


def decide(register: Path, out: Path, settings, **options) -> Path:
    """`dvk decide` on a register: the cycle's decide job, without a numbering register."""
    from dvk.cycle import jobs
    from dvk.cycle.plan import RunPlan

    number = options.pop("number", "")
    signed_on = options.pop("signed_on", None)
    plan = RunPlan(YEAR, settings, Path(out), register=Path(register), **options)
    return jobs.decide(plan, number=number, signed_on=signed_on).path


def three_registers(roster) -> dict:
    """Three years' registers, small: {year: frame} as dvk.register.workbook.read_register gives them."""
    import pandas as pd

    units = roster.units
    kinds = [("economy", "collective", "new"), ("culture_society", "individual", "replicated")]
    frames = {}
    for year in (2024, 2025, 2026):
        records = []
        for index in range(6):
            field, form, kind = kinds[index % 2]
            unit = units[index]
            records.append(
                {
                    "registration_id": f"{year}-{index}",
                    "year": year,
                    "unit_code": unit.code,
                    "unit_name": unit.name,
                    "field": field,
                    "model_name": "Tủ sách cộng đồng" if kind == "replicated" else f"Mô hình {year}-{index}",
                    "form": form,
                    "kind": kind,
                    "Kết quả đánh giá": "Công nhận" if index % 3 == 0 else "",
                    "Cấp công nhận": "Cấp tỉnh" if index % 3 == 0 else "",
                }
            )
        frames[year] = pd.DataFrame(records).astype(object)
    return frames
