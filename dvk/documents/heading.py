"""The parts every official document shares, as plain data for the templates.

Header table (issuing bodies, `*`, number line, national title, place and date), signature
block and `Nơi nhận:` list. Wording comes from the organisation, format from the profile.
"""

from __future__ import annotations

from datetime import date

from dvk.dates import short_date as short_date  # `heading.short_date`: dates in running text
from dvk.documents.organisation import Organisation, Signer
from dvk.documents.profiles import FormatProfile

_END_PUNCTUATION = ".,;: "


def upper(text: str) -> str:
    return text.upper()


def day_text(day: int) -> str:
    """Days below 10 take a leading zero: 05."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Months 1 and 2 take a leading zero (01, 02) so nobody can add a digit; the rest do not."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(profile: FormatProfile, place: str, on: date | None, year: int) -> str:
    """`Quảng Ngãi, ngày 05 tháng 3 năm 2026`, or with blanks for the clerk when no date."""
    if on is None:
        return profile.date_blank.format(place=place, year=year)
    return profile.date.format(place=place, day=day_text(on.day), month=month_text(on.month), year=on.year)


def padded_number(profile: FormatProfile, number: str | None) -> str:
    """Numbers below 10 take a leading zero (`01`); anything else is shown as typed."""
    text = (number or "").strip()
    return text.zfill(profile.number_digits) if text.isdigit() else text


def number_line(profile: FormatProfile, symbol: str, kind: str, number: str | None) -> str:
    """`Số 12-BC/BTGDVTU` (Party) or `Số: 12/BC-UBND` (state); blank spaces when no number yet."""
    shown = padded_number(profile, number) or profile.number_blank
    pattern = profile.number_letter if kind == "letter" else profile.number
    return pattern.format(number=shown, type=profile.types.get(kind, ""), symbol=symbol)


def _bare(text: str) -> str:
    text = text.strip()
    if text.startswith("- "):
        text = text[2:]
    return text.rstrip(_END_PUNCTUATION)


def listed(items: list[str], prefix: str = "- ", middle: str = ",", last: str = ".") -> list[str]:
    """Lines of a list: each starts with the prefix, ends with `middle`, the last with `last`."""
    bare = [_bare(item) for item in items if _bare(item)]
    return [f"{prefix}{item}{last if i == len(bare) - 1 else middle}" for i, item in enumerate(bare)]


def header(
    profile: FormatProfile,
    org: Organisation,
    kind: str,
    number: str | None,
    on: date | None,
    year: int,
    subject: str = "",
) -> dict:
    return {
        "superior": upper(org.superior_body),
        "issuer": upper(org.issuing_body),
        "issuer_rule": profile.rule("issuer") > 0,
        "star": "*" if profile.star else "",
        "number_line": number_line(profile, org.symbol, kind, number),
        "subject": subject,
        "national": profile.national,
        "motto": profile.motto,
        "motto_rule": bool(profile.motto) and profile.rule("motto") > 0,
        "date_line": date_line(profile, org.place, on, year),
    }


def authority_line(profile: FormatProfile, authority: str) -> str:
    """`K/T TRƯỞNG BAN` (Party) or `KT. GIÁM ĐỐC` (state): the lead written as the profile says."""
    text = upper(authority.strip())
    for written, wanted in profile.signature_abbreviations.items():
        if text.startswith(written.upper() + " "):
            return wanted + text[len(written) :]
    return text


def signature(profile: FormatProfile, signer: Signer) -> dict:
    return {
        "authority": authority_line(profile, signer.authority),
        "position": upper(signer.position),
        "name": signer.name,
    }


def recipients(profile: FormatProfile, items: list[str]) -> list[str]:
    """`- Như trên,` … `- Lưu Văn phòng Ban.` (Party) or `- Như trên;` … `- Lưu: VT, …` (state).

    A profile with a filing line adds it when no recipient line files the document already."""
    items = list(items)
    if profile.filing_line and not any(_bare(item).startswith("Lưu") for item in items):
        items.append(profile.filing_line)
    return listed(items, prefix="- ", middle=profile.recipients_middle, last=profile.recipients_last)


def ended(profile: FormatProfile, text: str) -> str:
    """The last sentence of a body: `…này./.` when the profile ends a body with `./.`."""
    text = text.rstrip()
    if not profile.body_end:
        return text
    return text.rstrip(".") + profile.body_end


def basis_lines(profile: FormatProfile, items: list[str]) -> list[str]:
    """ "Căn cứ" lines: `- Căn cứ …;` and the last one ending with ","."""
    return listed(items, prefix=profile.basis_prefix, middle=";", last=",")


def number_code(profile: FormatProfile, symbol: str, kind: str, number: str | None) -> str:
    """The number line without its `Số`/`Số:` lead: `12-BC/BTGDVTU`, `15/QĐ-UBND`."""
    line = number_line(profile, symbol, kind, number)
    rest = line[2:] if line.startswith("Số") else line
    rest = rest.removeprefix(":")
    return rest.removeprefix(" ")
