"""Document numbers: Party rule (through the term) and state rule (restart 1 January), never reused."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest

from dvk.documents import numbering
from dvk.documents.numbering import DocType, NumberingError, NumberingRules, allocate, load_numbering_rules
from dvk.mappings import DEFAULT_MAPPINGS_DIR

TERMS = (date(2020, 10, 1), date(2025, 10, 1))


def rules(rule: str) -> NumberingRules:
    return NumberingRules({"QD": DocType("QD", "Quyết định", "QĐ", rule)}, TERMS)


def test_same_subject_keeps_its_number_across_reruns(tmp_path):
    first = allocate(tmp_path, rules("party"), "QD", "cong-nhan-2026", date(2026, 5, 1))
    again = allocate(tmp_path, rules("party"), "QD", "cong-nhan-2026", date(2026, 5, 3))
    other = allocate(tmp_path, rules("party"), "QD", "khen-thuong-2026", date(2026, 5, 4))
    assert (first.number, again.number, other.number) == (1, 1, 2)
    assert again.already_given and not other.already_given


def test_party_numbers_run_through_the_term_and_restart_with_a_new_one(tmp_path):
    party = rules("party")
    assert allocate(tmp_path, party, "QD", "cong-nhan-2024", date(2024, 11, 1)).number == 1
    assert allocate(tmp_path, party, "QD", "cong-nhan-2025", date(2025, 3, 1)).number == 2
    # a new Party term begins on 1 October 2025
    new_term = allocate(tmp_path, party, "QD", "cong-nhan-2025-bo-sung", date(2025, 10, 2))
    assert (new_term.number, new_term.period) == (1, "2025-10-01")
    assert allocate(tmp_path, party, "QD", "cong-nhan-2026", date(2026, 1, 5)).number == 2


def test_state_numbers_restart_on_the_first_of_january(tmp_path):
    state = rules("state")
    assert allocate(tmp_path, state, "QD", "a", date(2025, 12, 30)).number == 1
    assert allocate(tmp_path, state, "QD", "b", date(2025, 12, 31)).number == 2
    january = allocate(tmp_path, state, "QD", "c", date(2026, 1, 1))
    assert (january.number, january.period) == (1, "2026")


def test_a_number_given_is_never_given_again(tmp_path):
    party = rules("party")
    allocate(tmp_path, party, "QD", "cong-nhan-2026", date(2026, 5, 1), requested=125)
    with pytest.raises(NumberingError, match="Số 125 .* đã cấp cho «cong-nhan-2026»"):
        allocate(tmp_path, party, "QD", "khen-thuong-2026", date(2026, 6, 1), requested=125)
    # the subject re-numbered by hand: its old number stays taken, the next one follows the highest
    allocate(tmp_path, party, "QD", "cong-nhan-2026", date(2026, 6, 2), requested=130)
    assert allocate(tmp_path, party, "QD", "khac", date(2026, 6, 3)).number == 131
    with pytest.raises(NumberingError):
        allocate(tmp_path, party, "QD", "khac-nua", date(2026, 6, 3), requested=125)
    entries = json.loads((tmp_path / "so_van_ban_QD.json").read_text("utf-8"))["entries"]
    assert [e["number"] for e in entries] == [125, 130, 131]
    assert not list(tmp_path.glob("*.lock")) and not list(tmp_path.glob("*.tmp"))


def test_configured_rules_are_read_from_mappings():
    configured = load_numbering_rules(DEFAULT_MAPPINGS_DIR)
    assert configured.doc_type("QD").rule == "party"
    assert configured.period("QD", date(2026, 3, 1)) == "2025-10-01"


def test_a_failed_write_leaves_the_register_folder_as_it_was(tmp_path):
    party = rules("party")
    allocate(tmp_path, party, "QD", "cong-nhan-2025", date(2026, 5, 1))
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    with pytest.raises(UnicodeEncodeError):  # a subject that cannot be written as UTF-8
        allocate(tmp_path, party, "QD", "cong-nhan-\ud800", date(2026, 5, 2))
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before
    assert allocate(tmp_path, party, "QD", "cong-nhan-2026", date(2026, 5, 3)).number == 2


class _LockReleasedBeforeItsStat:
    """`os` for the numbering module, where the lock looks held once and is gone when looked at."""

    def __init__(self) -> None:
        self.busy_once = True

    def __getattr__(self, name: str):
        return getattr(os, name)

    def open(self, path, flags, *args):
        if self.busy_once and str(path).endswith(".lock"):
            self.busy_once = False
            raise FileExistsError(path)
        return os.open(path, flags, *args)


def test_a_lock_released_while_waiting_is_taken_not_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(numbering, "os", _LockReleasedBeforeItsStat())
    assert allocate(tmp_path, rules("party"), "QD", "cong-nhan-2026", date(2026, 5, 1)).number == 1
    assert numbering.os.busy_once is False
