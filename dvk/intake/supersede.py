"""A later registration of the same model by the same unit replaces the earlier one.

Two rows are the same registration when they share the unit and the model name (compared
without case, accents or spacing), or the same registration id (a Forms response edited and
exported again, even with its model renamed). The latest submission time wins; among equal
times, the row read last; a row without a time is older than any row with one.
"""

from __future__ import annotations

import pandas as pd

from dvk.schema import SUPERSEDED_COLUMNS

_NO_TIME = ""  # sorts before any ISO time: a row without a time counts as the oldest

Key = tuple[str, str, str]
_READ = ("registration_id", "unit_code", "model_name", "submitted_at", "source", "source_row")
_REPLACED_BY = {
    "replaced_by_id": "registration_id",
    "replaced_by_source": "source",
    "replaced_by_row": "source_row",
}


def _successors(order: list[int], ids: list[str], units: list[str], model_keys: list[str]) -> dict[int, int]:
    """Each replaced row → the row that replaced it, rows taken in `order` (the oldest first)."""
    holder: dict[Key, int] = {}  # key → the row standing for it
    keys_of: dict[int, set[Key] | tuple[Key, Key]] = {}
    successor: dict[int, int] = {}
    for index in order:
        own = (("unit_model", units[index], model_keys[index]), ("id", ids[index], ""))
        olds = {holder[key] for key in own if key in holder}
        if not olds:  # the usual case: a registration nothing stood for yet
            keys_of[index] = own
            holder[own[0]] = holder[own[1]] = index
            continue
        keys = set(own)
        for old in sorted(olds):
            successor[old] = index
            keys.update(keys_of.pop(old))
        keys_of[index] = keys
        for key in keys:
            holder[key] = index
    return successor


def supersede(registrations: pd.DataFrame, model_keys: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The registrations that stand (in the order read), and the replaced ones with what replaced them.

    `model_keys`: each row's `match_key` of its model name (normalisation works them out)."""
    column = {name: registrations[name].tolist() for name in _READ}
    times = column["submitted_at"]
    sort_times = [time or _NO_TIME for time in times]
    order = sorted(range(len(times)), key=sort_times.__getitem__)  # stable: equal times in reading order
    successor = _successors(
        order,
        [str(value) for value in column["registration_id"]],
        [str(value) for value in column["unit_code"]],
        model_keys,
    )

    def final(index: int) -> int:
        while index in successor:
            index = successor[index]
        return index

    position = {index: place for place, index in enumerate(order)}
    replaced = sorted(successor, key=position.__getitem__)
    newer = [final(index) for index in replaced]
    superseded = {name: [column[name][i] for i in replaced] for name in _READ}
    for name, replacing in _REPLACED_BY.items():
        superseded[name] = [column[replacing][i] for i in newer]
    kept = registrations.drop(index=registrations.index[replaced]).reset_index(drop=True)
    return kept, pd.DataFrame(superseded, columns=SUPERSEDED_COLUMNS, dtype=object)
