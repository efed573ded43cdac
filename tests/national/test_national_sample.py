"""The bundled national example is what the shared generator writes, and it runs."""

from __future__ import annotations

from dvk.national.sample import SAMPLE_DIR, sample_provinces, write_national_sample


def test_bundled_sample_is_the_generators_output(tmp_path):
    written = write_national_sample(tmp_path)
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    bundled = sorted(p.relative_to(SAMPLE_DIR) for p in SAMPLE_DIR.rglob("*") if p.is_file())
    assert fresh == bundled
    for path in fresh:
        assert (tmp_path / path).read_bytes() == (SAMPLE_DIR / path).read_bytes(), path
    assert written.name == "quoc_gia.toml"


def test_generated_provinces_differ_and_each_has_a_late_and_a_rejected_answer():
    provinces = sample_provinces(6)
    assert len({p.code for p in provinces}) == 6
    for province in provinces:
        assert [a.submitted.month for a in province.answers].count(4) == 1
        assert len(province.answers) - len(province.valid_answers) == 1
        ids = [a.response_id for a in province.answers]
        assert len(set(ids)) == len(ids)
