"""A later registration of the same model by the same unit replaces the earlier one.

Two rows are the same registration when they share the unit and the model name (compared
without case, accents or spacing), or the same registration id (a Forms response edited and
exported again, even with its model renamed). The latest submission time wins; among equal
times, the row read last; a row without a time is older than any row with one.
"""

from __future__ import annotations

from dvk.text import match_key

_NO_TIME = ""  # sorts before any ISO time: a row without a time counts as the oldest


def _keys(row: dict) -> set[tuple[str, str, str]]:
    return {
        ("unit_model", str(row["unit_code"]), match_key(str(row["model_name"]))),
        ("id", str(row["registration_id"]), ""),
    }


def supersede(registrations: list[dict]) -> tuple[list[dict], list[dict]]:
    """The registrations that stand, and the replaced ones with what replaced them."""
    order = sorted(
        range(len(registrations)),
        key=lambda i: (registrations[i]["submitted_at"] or _NO_TIME, i),
    )
    holder: dict[tuple[str, str, str], int] = {}  # key → the row standing for it
    keys_of: dict[int, set[tuple[str, str, str]]] = {}
    successor: dict[int, int] = {}  # replaced row → the row that replaced it
    for index in order:
        keys = _keys(registrations[index])
        for old in sorted({holder[key] for key in keys if key in holder}):
            successor[old] = index
            keys |= keys_of.pop(old)
        keys_of[index] = keys
        for key in keys:
            holder[key] = index

    def final(index: int) -> dict:
        while index in successor:
            index = successor[index]
        return registrations[index]

    position = {index: place for place, index in enumerate(order)}
    superseded = []
    for old_index in sorted(successor, key=position.__getitem__):
        old, new = registrations[old_index], final(old_index)
        superseded.append(
            {
                "registration_id": old["registration_id"],
                "unit_code": old["unit_code"],
                "model_name": old["model_name"],
                "submitted_at": old["submitted_at"],
                "source": old["source"],
                "source_row": old["source_row"],
                "replaced_by_id": new["registration_id"],
                "replaced_by_source": new["source"],
                "replaced_by_row": new["source_row"],
            }
        )
    kept = [row for index, row in enumerate(registrations) if index not in successor]
    return kept, superseded
