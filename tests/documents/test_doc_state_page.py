"""The State profile's page, pinned by numbers from Nghị định 30/2020/NĐ-CP (Phụ lục I), not read
from the profile file: A4; margins top 20–25, bottom 20–25, left 30–35, right 15–20 mm."""

from __future__ import annotations

import pytest
from documents_support import open_docx

MM = 36000  # EMU per millimetre


def mm(length: int) -> float:
    return round(length / MM, 1)  # Word stores twips: 15 mm is 14.99 mm


def sections(files):
    for path in [files.consolidated_docx, files.results_report, files.reminder_letter, files.unit_forms[0]]:
        for section in open_docx(path).sections:
            yield path.name, section


def test_state_documents_are_a4_with_the_decree_margins(state_reports):
    for name, section in sections(state_reports):
        width, height = sorted([section.page_width / MM, section.page_height / MM])
        assert (round(width), round(height)) == (210, 297), name
        assert 20 <= mm(section.top_margin) <= 25, name
        assert 20 <= mm(section.bottom_margin) <= 25, name
        assert 30 <= mm(section.left_margin) <= 35, name
        assert 15 <= mm(section.right_margin) <= 20, name


@pytest.mark.parametrize("edge", ["top_margin", "bottom_margin", "left_margin", "right_margin"])
def test_the_office_default_is_the_lower_bound(state_reports, edge):
    expected = {"top_margin": 20, "bottom_margin": 20, "left_margin": 30, "right_margin": 15}[edge]
    for name, section in sections(state_reports):
        assert getattr(section, edge) / MM == pytest.approx(expected, abs=0.5), name
