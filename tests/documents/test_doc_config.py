"""Format profiles and the organisation file: loaded from data, with clear messages when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvk.documents.organisation import load_organisation
from dvk.documents.profiles import load_profile
from dvk.errors import ConfigError


def test_party_profile_is_a4_with_party_margins_and_times_new_roman():
    profile = load_profile("dang")
    page = profile.page
    assert (page.width_mm, page.height_mm) == (210, 297)
    assert (page.top_mm, page.bottom_mm, page.left_mm, page.right_mm) == (20, 20, 30, 15)
    assert profile.font_name == "Times New Roman"
    assert profile.national == "ĐẢNG CỘNG SẢN VIỆT NAM" and profile.star and not profile.motto


def test_state_profile_has_the_national_title_and_motto():
    profile = load_profile("nha_nuoc")
    assert profile.national == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert profile.motto == "Độc lập - Tự do - Hạnh phúc"
    assert not profile.star


def test_unknown_profile_names_the_available_ones():
    with pytest.raises(ConfigError, match="dang, dang_2026, nha_nuoc"):
        load_profile("khong_co")


def test_sample_organisation_loads():
    org = load_organisation()
    assert org.symbol == "BTGDVTU"
    assert org.signer.authority == "K/T TRƯỞNG BAN"
    assert org.lines("quyet_dinh_cong_nhan", "basis")


def test_organisation_missing_symbol_says_what_is_missing(tmp_path: Path):
    path = tmp_path / "organisation.toml"
    path.write_text(
        '[organisation]\nprovince = "A"\nplace = "A"\nsuperior_body = "B"\nissuing_body = "C"\n'
        'issuing_body_full = "C D"\n[signer]\nauthority = "T/M"\nname = "X"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="symbol"):
        load_organisation(path)


def test_organisation_with_broken_toml_is_a_config_error(tmp_path: Path):
    path = tmp_path / "organisation.toml"
    path.write_text("[organisation\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="TOML"):
        load_organisation(path)
