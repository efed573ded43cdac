"""What each template is filled with: plain dicts built from the data, the organisation and the profile.

Pure functions. Every top-level key a template uses comes from here (a test checks this with
`get_undeclared_template_variables`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pandas as pd

from dvk.check.counts import UnitCounts
from dvk.check.reminders import units_to_remind
from dvk.documents import heading
from dvk.documents.organisation import Organisation
from dvk.documents.profiles import FormatProfile
from dvk.documents.statistics import Statistics
from dvk.schema import (
    FIELD_LABELS,
    FIELD_SECTIONS,
    FORM_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    Field,
    Form,
    Kind,
)

MARK = "x"
DVK = '"Dân vận khéo"'
BLANK_PLACE_DATE = "…………, ngày …… tháng …… năm {year}"


def ordered(registrations: pd.DataFrame, unit_order: list[str]) -> pd.DataFrame:
    """Registrations by unit in roster order (unknown units last), keeping each unit's own order."""
    rank = {code: index for index, code in enumerate(unit_order)}
    keys = registrations["unit_code"].map(lambda code: rank.get(code, len(rank)))
    return registrations.assign(_rank=keys).sort_values("_rank", kind="stable").drop(columns="_rank")


def _row(record: dict, number: int) -> dict:
    form, kind = Form(record["form"]), Kind(record["kind"])
    return {
        "number": number,
        "name": record["model_name"],
        "collective": MARK if form == Form.COLLECTIVE else "",
        "individual": MARK if form == Form.INDIVIDUAL else "",
        "address": record["address"],
        "content": record["content"],
        "new": MARK if kind == Kind.NEW else "",
        "replicated": MARK if kind == Kind.REPLICATED else "",
        "unit": record["unit_name"],
    }


def sections(registrations: pd.DataFrame) -> list[dict]:
    """Sections I–IV in order (each present even when empty), models numbered 1., 2., … within each."""
    return _sections(registrations.to_dict("records"))


def _sections(records: list[dict]) -> list[dict]:
    result = []
    for field, title in FIELD_SECTIONS.items():
        mine = [record for record in records if record["field"] == field.value]
        result.append({"title": title, "rows": [_row(r, n) for n, r in enumerate(mine, start=1)]})
    return result


def totals(registrations: pd.DataFrame) -> dict:
    return _totals(registrations.to_dict("records"))


def _totals(records: list[dict]) -> dict:
    def count(column: str, value: str) -> int:
        return sum(1 for record in records if record[column] == value)

    return {
        "count": len(records),
        "collective": count("form", Form.COLLECTIVE.value),
        "individual": count("form", Form.INDIVIDUAL.value),
        "new": count("kind", Kind.NEW.value),
        "replicated": count("kind", Kind.REPLICATED.value),
        "units": len({record["unit_code"] for record in records}),
    }


def _names(names: list[str]) -> str:
    return ", ".join(names)


def units_sentence(units: UnitCounts) -> str:
    unknown = f", không rõ thời gian {units.unknown_time}" if units.unknown_time else ""
    return (
        f"Có {units.registered}/{units.units} cơ quan, đơn vị, địa phương đã đăng ký "
        f"(đúng hạn {units.on_time}, trễ hạn {units.late}{unknown}); {units.missing} đơn vị chưa đăng ký; "
        f"{units.below_target} đơn vị chưa đạt chỉ tiêu đăng ký."
    )


def unit_lines(units: UnitCounts) -> list[str]:
    lines = []
    for label, names in (
        ("Đơn vị đăng ký trễ hạn", units.late_names),
        ("Đơn vị đăng ký không ghi ngày, chưa rõ đúng hạn hay trễ hạn", units.unknown_time_names),
        ("Đơn vị chưa đăng ký", units.missing_names),
        ("Đơn vị chưa đạt chỉ tiêu", units.below_target_names),
    ):
        if names:
            lines.append(f"- {label} ({len(names)}): {_names(names)}.")
    return lines


def models_sentence(stats: Statistics, table_follows: bool = True) -> str:
    """The registrations counted; "Cụ thể … như sau:" only when the table comes right after it."""
    total = stats.total
    sentence = (
        f"Tổng số {total.total} mô hình, điển hình đăng ký; trong đó {total.collective} mô hình tập thể, "
        f"{total.individual} mô hình cá nhân; {total.new} xây dựng mới, {total.replicated} nhân rộng."
    )
    return f"{sentence} Cụ thể theo lĩnh vực như sau:" if table_follows else sentence


def recognised_sentence(stats: Statistics, evaluated: dict[str, int] | None) -> str:
    if evaluated is None:
        return "Chưa có kết quả đánh giá, công nhận (chưa có sổ theo dõi của năm)."
    recognised = stats.total.recognised
    return (
        f"Qua kiểm tra, đánh giá, có {recognised}/{stats.total.total} mô hình, điển hình được công nhận; "
        f"{evaluated.get('not_recognised', 0)} chưa đạt; {evaluated.get('pending', 0)} đang đánh giá; "
        f"{evaluated.get('not_evaluated', 0)} chưa có kết quả."
    )


def attachment_of(profile: FormatProfile, org: Organisation, kind: str, number: str | None, on, year) -> str:
    """`số 12-BC/BTGDVTU, ngày 05 tháng 3 năm 2026 của Ban …` for an annex's "Kèm theo" line."""
    code = heading.number_code(profile, org.symbol, kind, number)
    when = heading.date_line(profile, "", on, year).lstrip(", ")
    return f"số {code}, {when} của {org.issuing_body_full}"


def common(profile: FormatProfile, org: Organisation, document: str, kind: str, year: int, **header) -> dict:
    return {
        "header": heading.header(
            profile, org, kind, header.get("number"), header.get("on"), year, header.get("subject", "")
        ),
        "title_rule": profile.title_rule,
        "sign": heading.signature(profile, org.signer_for(document)),
        "recipients": heading.recipients(profile, org.lines(document, "recipients")),
    }


def consolidated_context(
    profile: FormatProfile,
    org: Organisation,
    year: int,
    registrations: pd.DataFrame,
    stats: Statistics,
    units: UnitCounts,
) -> dict:
    return {
        **common(profile, org, "tong_hop_dang_ky", "report", year),
        "year": year,
        "plan": org.plan,
        "issuer_name": org.issuing_body_full,
        "units_sentence": units_sentence(units),
        "unit_lines": unit_lines(units),
        "models_sentence": models_sentence(stats),
        "stats": stats.as_context(),
        "closing": heading.ended(profile, "(Có danh sách tổng hợp kèm theo)"),
        "attachment_of": attachment_of(profile, org, "report", None, None, year),
        "sections": sections(registrations),
        "totals": totals(registrations),
    }


def plan_reference(org: Organisation) -> str:
    """The plan the form is attached to, without its subject: `Kế hoạch số 15-KH/…, ngày … của …`."""
    configured = org.text("bieu_mau_don_vi", "plan_reference", "")
    if configured:
        return configured
    return org.plan.split(" về ", 1)[0].strip()


def unit_form_contexts(year: int, registrations: pd.DataFrame, plan: str = "") -> Iterator[tuple[str, dict]]:
    """(unit code, its form's context) for every unit with registrations, in order of first appearance."""
    by_unit: dict[str, list[dict]] = {}
    for record in registrations.to_dict("records"):
        by_unit.setdefault(record["unit_code"], []).append(record)
    for code, records in by_unit.items():
        yield code, unit_form_context(year, str(records[0]["unit_name"]), records, plan)


def unit_form_context(year: int, unit_name: str, records: list[dict], plan: str = "") -> dict:
    """One unit's form: `records` are its registrations (rows as dicts)."""
    return {
        "unit": {"name": heading.upper(unit_name)},
        "plan_reference": plan,
        "year": year,
        "sections": _sections(records),
        "totals": _totals(records),
        "place_date": BLANK_PLACE_DATE.format(year=year),
    }


def results_context(
    profile: FormatProfile,
    org: Organisation,
    year: int,
    stats: Statistics,
    units: UnitCounts,
    evaluated: dict[str, int] | None,
) -> dict:
    document = "bao_cao_ket_qua"
    text = {
        key: org.lines(document, key)
        for key in ("leadership", "strengths", "limitations", "causes", "lessons", "directions", "proposals")
    }
    if text["proposals"]:
        text["proposals"][-1] = heading.ended(profile, text["proposals"][-1])
    return {
        **common(profile, org, document, "report", year),
        "year": year,
        "plan": org.plan,
        "issuer_name": org.issuing_body_full,
        "text": text,
        "units_sentence": units_sentence(units),
        "models_sentence": models_sentence(stats, table_follows=False),  # Bảng 1 comes after section 2
        "recognised_sentence": recognised_sentence(stats, evaluated),
        "stats": stats.as_context(),
    }


def _reminder_units(statuses: pd.DataFrame) -> list[dict]:
    flagged = units_to_remind(statuses)
    return [
        {
            "number": number,
            "name": record["unit_name"],
            "status": STATUS_LABELS.get(record["status"], record["status"]),
            "registrations": record["registrations"],
            "target": record["target"],
            "meets_target": "Đạt" if record["meets_target"] == "true" else "Chưa đạt",
        }
        for number, record in enumerate(flagged.to_dict("records"), start=1)
    ]


def reminder_context(
    profile: FormatProfile,
    org: Organisation,
    year: int,
    statuses: pd.DataFrame,
    units: UnitCounts,
    deadline: date,
    reply_by: date,
) -> dict:
    document = "cong_van_don_doc"
    listed = _reminder_units(statuses)
    basis = f"Thực hiện {org.plan}, " if org.plan else ""
    opening = (
        f"{basis}{org.issuing_body_full} đã đề nghị các cơ quan, đơn vị, địa phương đăng ký xây dựng, "
        f"nhân rộng mô hình, điển hình {DVK} năm {year}, gửi về trước ngày {heading.short_date(deadline)}."
    )
    if listed:
        situation = (
            f"Đến nay, còn {units.missing} đơn vị chưa đăng ký, {units.late} đơn vị đăng ký trễ hạn và "
            f"{units.below_target} đơn vị chưa đạt chỉ tiêu đăng ký, cụ thể như sau:"
        )
    else:
        situation = "Đến nay, tất cả các cơ quan, đơn vị, địa phương đã đăng ký đúng hạn và đạt chỉ tiêu."
    when = f"trước ngày {heading.short_date(reply_by)}"
    request = (
        f"{org.issuing_body_full} đề nghị các cơ quan, đơn vị, địa phương chưa đăng ký "
        "hoặc chưa đạt chỉ tiêu khẩn trương đăng ký, bổ sung mô hình, điển hình theo biểu mẫu, "
        f"gửi về {org.issuing_body_full} {when}; "
        "các đơn vị đăng ký trễ hạn cần rút kinh nghiệm."
    )
    subject = f"V/v đôn đốc đăng ký mô hình, điển hình {DVK} năm {year}"
    return {
        **common(profile, org, document, "letter", year, subject=subject),
        "addressee": org.text(document, "addressee", "Các cơ quan, đơn vị, địa phương").rstrip("."),
        "opening": opening,
        "situation": situation,
        "units": listed,
        "request": request,
        "closing": heading.ended(profile, "Trân trọng."),
    }


def annex_rows(recognised: pd.DataFrame) -> list[dict]:
    return [
        {
            "number": number,
            "name": record["model_name"],
            "unit": record["unit_name"],
            "form": FORM_LABELS[Form(record["form"])],
            "address": record["address"],
            "field": FIELD_LABELS[Field(record["field"])],
            "kind": KIND_LABELS[Kind(record["kind"])],
        }
        for number, record in enumerate(recognised.to_dict("records"), start=1)
    ]


def recognised_levels(levels: list[str]) -> str:
    """`cấp tỉnh`, or `(12 cấp tỉnh, 4 cấp sở, ngành)` when the decision recognises several levels."""
    counts: dict[str, int] = {}
    for level in levels:
        if level:
            counts[level] = counts.get(level, 0) + 1
    if len(counts) == 1:
        return next(iter(counts)).lower()
    return "(" + ", ".join(f"{n} {level.lower()}" for level, n in counts.items()) + ")" if counts else ""


def decision_context(
    profile: FormatProfile,
    org: Organisation,
    year: int,
    recognised: pd.DataFrame,
    number: str | None,
    signed_on: date | None,
    levels: list[str] | None = None,
) -> dict:
    """`levels`: the recognition level label of each recognised row ("Cấp tỉnh", …), in order."""
    document = "quyet_dinh_cong_nhan"
    counted = totals(recognised)
    authority = heading.upper(org.text(document, "authority", org.issuing_body_full))
    level = recognised_levels(levels or [])
    what = f"mô hình, điển hình {DVK}" + (f" {level}" if level else "")
    articles = [
        f"Công nhận {counted['count']} {what} năm {year}, gồm {counted['collective']} mô hình tập thể và "
        f"{counted['individual']} mô hình cá nhân (có danh sách kèm theo).",
        "Quyết định có hiệu lực kể từ ngày ký.",
        heading.ended(
            profile, f"{org.text(document, 'executors')} chịu trách nhiệm thi hành Quyết định này."
        ),
    ]
    return {
        **common(profile, org, document, "decision", year, number=number, on=signed_on),
        "year": year,
        "authority_before": authority if profile.decision_authority_first else "",
        # "Căn cứ …;" lines, then "Xét đề nghị của …," as the last one.
        "basis": heading.basis_lines(
            profile, org.lines(document, "basis") + [org.text(document, "proposal", "")]
        ),
        "decides": profile.decision_decides.format(authority=authority),
        "articles": articles,
        "attachment_of": attachment_of(profile, org, "decision", number, signed_on, year),
        "annex": annex_rows(recognised),
    }
