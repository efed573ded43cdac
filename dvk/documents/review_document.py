"""The multi-year review (sơ kết, tổng kết) as an official report: what its template is filled with.

The numbers come from `dvk.documents.review.Review`; the assessments (leadership, limitations, causes,
lessons, directions) from `[so_ket_tong_ket]` in organisation.toml when staff wrote them there,
otherwise a highlighted place in the document says what to write.
"""

from __future__ import annotations

from pathlib import Path

from dvk.documents import heading
from dvk.documents.contexts import DVK, common
from dvk.documents.organisation import Organisation
from dvk.documents.profiles import FormatProfile
from dvk.documents.render import render_docx
from dvk.documents.review import Review
from dvk.schema import FIELD_LABELS, Field

DOCUMENT = "so_ket_tong_ket"
# What staff write in each part, when organisation.toml has nothing for it.
STAFF_PROMPTS = {
    "leadership": "việc cấp ủy, chính quyền, Mặt trận và các đoàn thể lãnh đạo, chỉ đạo, tuyên truyền, "
    "hướng dẫn phong trào trong giai đoạn; các văn bản đã ban hành",
    "results": "những mô hình, điển hình tiêu biểu và hiệu quả mang lại cho Nhân dân, địa phương",
    "limitations": "những hạn chế, tồn tại của phong trào trong giai đoạn",
    "causes": "nguyên nhân khách quan, chủ quan của những hạn chế trên",
    "lessons": "những bài học kinh nghiệm rút ra qua giai đoạn",
    "directions": "phương hướng, nhiệm vụ và giải pháp thực hiện phong trào thời gian tới",
}


def _parts(org: Organisation, profile: FormatProfile) -> dict[str, list[dict]]:
    parts = {}
    for key, prompt in STAFF_PROMPTS.items():
        written = org.lines(DOCUMENT, key)
        parts[key] = (
            [{"text": text, "for_staff": False} for text in written]
            if written
            else [{"text": f"[Cán bộ viết: {prompt}.]", "for_staff": True}]
        )
    last = parts["directions"][-1]
    if not last["for_staff"]:
        last["text"] = heading.ended(profile, last["text"])
    return parts


def _per_year(review: Review) -> list[dict]:
    keys = {
        "year": "Năm",
        "registrations": "Số mô hình đăng ký",
        "units": "Số đơn vị đăng ký",
        "new": "Xây dựng mới",
        "replicated": "Nhân rộng",
        "collective": "Tập thể",
        "individual": "Cá nhân",
        "recognised": "Được công nhận",
    }
    return [{key: row[label] for key, label in keys.items()} for row in review.per_year]


def _per_field(review: Review) -> list[dict]:
    """Years down, fields across (the number of years varies, the fields do not)."""
    by_label = {row["Lĩnh vực"]: row for row in review.per_field}
    rows = []
    for year in range(review.first_year, review.last_year + 1):
        row: dict[str, object] = {"year": year}
        for field in Field:
            row[field.value] = int(by_label.get(FIELD_LABELS[field], {}).get(str(year), 0))
        row["total"] = sum(int(row[field.value]) for field in Field)
        rows.append(row)
    return rows


def _summed(rows: list[dict], label: str) -> dict:
    keys = [key for key in rows[0] if key != "year"] if rows else []
    return {"year": label, **{key: sum(int(row[key]) for row in rows) for key in keys}}


def review_context(profile: FormatProfile, org: Organisation, review: Review) -> dict:
    totals = review.totals
    years = f"{review.first_year}–{review.last_year}"
    never = [row["Tên đơn vị"] for row in review.never_registered]
    per_year, per_field = _per_year(review), _per_field(review)
    intro = (
        f"Thực hiện {org.plan}, {org.issuing_body_full} báo cáo {review.title[0].lower()}{review.title[1:]} "
        f"phong trào thi đua {DVK} như sau:"
        if org.plan
        else ""
    )
    return {
        **common(profile, org, DOCUMENT, "report", review.last_year),
        "title_line": f"{review.title} thực hiện phong trào thi đua {DVK}",
        "intro": intro,
        "text": _parts(org, profile),
        "totals_sentence": (
            f"Giai đoạn {years}, các cơ quan, đơn vị, địa phương đã đăng ký {totals['registrations']} "
            f"mô hình, điển hình; {totals['recognised']} mô hình, điển hình được công nhận. "
            f"{totals['never_registered']}/{totals['units']} đơn vị chưa đăng ký mô hình nào trong giai đoạn."
        ),
        "per_year": per_year,
        "per_year_total": _summed(per_year, "Cộng") | {"units": ""},
        "per_field": per_field,
        "per_field_total": _summed(per_field, "Cộng"),
        "replicated": [
            {
                "number": number,
                "name": row["Tên mô hình, điển hình"],
                "times": row["Số lần nhân rộng"],
                "units": row["Số đơn vị"],
                "years": row["Các năm"],
            }
            for number, row in enumerate(review.most_replicated, start=1)
        ],
        "never_registered": (
            f"Đơn vị chưa đăng ký mô hình, điển hình nào trong giai đoạn ({len(never)}): {', '.join(never)}."
            if never
            else "Tất cả các cơ quan, đơn vị, địa phương đều đã đăng ký mô hình, điển hình trong giai đoạn."
        ),
    }


def write_review_report(review: Review, path: Path, profile: FormatProfile, org: Organisation) -> Path:
    return render_docx(DOCUMENT, review_context(profile, org, review), path, profile)
