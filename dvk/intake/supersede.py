"""A later registration of the same model by the same unit replaces the earlier one."""

from __future__ import annotations

from dvk.text import match_key

_NO_TIME = ""  # sorts before any ISO time: a row without a time counts as the oldest


def supersede(registrations: list[dict]) -> tuple[list[dict], list[dict]]:
    """The registrations that stand, and the replaced ones with what replaced them.

    Same unit and same model name (compared without case, accents or spacing) means the same
    registration. The latest submission time wins; among equal times, the row read last.
    """
    order = sorted(
        range(len(registrations)),
        key=lambda i: (registrations[i]["submitted_at"] or _NO_TIME, i),
    )
    latest: dict[tuple[str, str], dict] = {}
    replaced: list[tuple[dict, tuple[str, str]]] = []
    for index in order:
        row = registrations[index]
        key = (row["unit_code"], match_key(str(row["model_name"])))
        if key in latest:
            replaced.append((latest[key], key))
        latest[key] = row
    superseded = [
        {
            "registration_id": old["registration_id"],
            "unit_code": old["unit_code"],
            "model_name": old["model_name"],
            "submitted_at": old["submitted_at"],
            "source": old["source"],
            "source_row": old["source_row"],
            "replaced_by_id": latest[key]["registration_id"],
            "replaced_by_source": latest[key]["source"],
            "replaced_by_row": latest[key]["source_row"],
        }
        for old, key in replaced
    ]
    kept_ids = {id(row) for row in latest.values()}
    kept = [row for row in registrations if id(row) in kept_ids]
    return kept, superseded
