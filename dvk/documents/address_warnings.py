"""Addresses that still name a district ("huyện"): there are none since 1 July 2025.

Kept as the unit typed them; listed for staff to ask the unit for the current address.
"""

from __future__ import annotations

import re

import pandas as pd

from dvk.text import nfc, strip_accents

_DISTRICT = re.compile(r"(?<!\w)huyện(?!\w)")
_DISTRICT_UNACCENTED = re.compile(r"(?<!\w)huyen(?!\w)")


def names_a_district(address: object) -> bool:
    """ "Huyện Bình Sơn", "HUYỆN" in capitals, or "huyen" in an address typed without accents
    (but not "Huyên", a different word)."""
    text = nfc(str(address or "")).casefold()
    if _DISTRICT.search(text):
        return True
    return text == strip_accents(text) and bool(_DISTRICT_UNACCENTED.search(text))


def district_address_warnings(registrations: pd.DataFrame) -> list[str]:
    """One Vietnamese warning for each registration whose address names a district."""
    warnings = []
    for record in registrations.to_dict("records"):
        if names_a_district(record.get("address")):
            warnings.append(
                f"Địa chỉ «{record['address']}» của mô hình «{record.get('model_name', '')}» "
                f"({record.get('unit_name', '')}) còn ghi «huyện» — từ 1/7/2025 không còn cấp huyện. "
                "dvk giữ nguyên như đơn vị ghi; đề nghị hỏi lại đơn vị địa chỉ mới."
            )
    return warnings
