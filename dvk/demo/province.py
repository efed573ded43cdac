"""The bundled sample province: a Forms export and unit forms for one registration year.

Deterministic, so `python -m dvk.demo.province` rewrites the same files under `sample/`.
It contains what real years contain: on-time, late and missing units, communes below target,
value variants, NFD text, a TCVN3 spreadsheet, a resubmission, and malformed rows.
"""

from __future__ import annotations

import random
import unicodedata
import zlib
from datetime import date, datetime
from pathlib import Path

from dvk.demo.files import FormRow, forms_timestamp, write_forms_csv, write_official_form
from dvk.schema import Field

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample"
YEAR = 2026

MODELS: dict[Field, list[str]] = {
    Field.ECONOMY: [
        "Tổ hợp tác nuôi bò sinh sản",
        "Hỗ trợ nông dân chuyển đổi số trong tiêu thụ nông sản",
        "Trồng rừng gỗ lớn có chứng chỉ FSC",
        "Hợp tác xã nuôi tôm ứng dụng công nghệ cao",
        "Chuyển đổi cây trồng trên đất lúa kém hiệu quả",
        "Tỏi Lý Sơn đạt chuẩn OCOP",
        "Nông dân sản xuất, kinh doanh giỏi",
        "Vườn mẫu nông thôn mới",
        "Chợ phiên nông sản sạch",
        "Tiết kiệm tín dụng vì phụ nữ nghèo",
    ],
    Field.CULTURE_SOCIETY: [
        "Dòng họ học tập",
        "Khu dân cư không có người nghiện ma túy",
        "Tuyến đường hoa nông thôn mới",
        "Phân loại rác thải tại nguồn",
        "Chi hội phụ nữ 5 không 3 sạch",
        "Mái ấm tình thương",
        "Bữa sáng yêu thương cho học sinh vùng cao",
        "Tủ sách cộng đồng",
        "Câu lạc bộ dân ca bài chòi",
        "Thầy thuốc trẻ khám bệnh miễn phí cho người nghèo",
    ],
    Field.DEFENSE_SECURITY: [
        "Camera an ninh - Khu dân cư an toàn",
        "Tổ tự quản về an ninh trật tự",
        "Vận động đồng bào giao nộp vũ khí, vật liệu nổ",
        "Ngư dân bám biển giữ vững chủ quyền",
        "Bộ đội giúp dân xóa nhà tạm",
        "Tiếng kẻng an ninh",
        "Dân quân tự vệ giúp dân thu hoạch mùa màng",
    ],
    Field.POLITICAL_SYSTEM: [
        "Một cửa thân thiện",
        "Dân hỏi - chính quyền trả lời",
        "Chi bộ 4 tốt",
        "Đối thoại trực tiếp với nhân dân hằng quý",
        "Nhóm Zalo kết nối người dân với chính quyền",
        "Giải quyết thủ tục đất đai không hẹn lần hai",
        "Cán bộ bám cơ sở, gần dân",
    ],
}
FIELD_ANSWERS: dict[Field, list[str]] = {
    Field.ECONOMY: ["Kinh tế", "Lĩnh vực kinh tế", "KT", "I. Lĩnh vực kinh tế"],
    Field.CULTURE_SOCIETY: ["Văn hóa - Xã hội", "Văn hóa xã hội", "VHXH"],
    Field.DEFENSE_SECURITY: ["Quốc phòng - An ninh", "QP-AN"],
    Field.POLITICAL_SYSTEM: ["Xây dựng hệ thống chính trị", "HTCT"],
}
FORM_ANSWERS = {
    True: ["Tập thể", "tap the", "Mô hình tập thể", "TT"],
    False: ["Cá nhân", "Điển hình cá nhân"],
}
KIND_ANSWERS = {True: ["Xây dựng mới", "Mới"], False: ["Nhân rộng"]}

# unit as written on the Form, models, first submission day (March unless said)
FORM_UNITS: list[tuple[str, int, date]] = [
    ("Sở Y tế", 2, date(2026, 3, 10)),
    ("Sở GD&ĐT", 3, date(2026, 3, 12)),
    ("Sở Tài chính", 1, date(2026, 3, 20)),
    ("Sở Giao thông vận tải", 1, date(2026, 3, 25)),  # old name, matched by alias
    ("Sở Nội vụ", 2, date(2026, 3, 31)),
    ("Công an tỉnh", 3, date(2026, 3, 5)),
    ("Bộ CHQS tỉnh", 2, date(2026, 3, 18)),
    ("UBMTTQVN tỉnh", 3, date(2026, 3, 28)),
    ("Hội Nông dân tỉnh", 4, date(2026, 3, 15)),
    ("Hội LHPN tỉnh", 4, date(2026, 3, 16)),
    ("Tỉnh đoàn", 3, date(2026, 3, 30)),
    ("Hội CCB tỉnh", 2, date(2026, 4, 2)),  # late
    ("Phường Cẩm Thành", 4, date(2026, 3, 21)),
    ("Phường Nghĩa Lộ", 3, date(2026, 3, 22)),
    ("Xã Tịnh Khê", 2, date(2026, 3, 24)),  # below the commune target of 3 new
    ("Huyện Bình Sơn", 5, date(2026, 3, 26)),  # old name of Xã Bình Sơn
    ("Xã Bình Châu", 3, date(2026, 4, 8)),  # late
    ("Xã Sơn Hà", 4, date(2026, 3, 29)),
    ("Xã Ba Tơ", 3, date(2026, 3, 27)),
    ("Xã Minh Long", 3, date(2026, 3, 11)),
    ("Xã Nghĩa Hành", 4, date(2026, 3, 19)),
    ("Huyện đảo Lý Sơn", 3, date(2026, 3, 31)),
]
# Units that send the official form as an Excel file: (file, ĐƠN VỊ line, models, signed, TCVN3)
FILE_UNITS: list[tuple[str, str, int, date | None, bool]] = [
    ("so_nong_nghiep.xlsx", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", 6, date(2026, 3, 27), False),
    ("mttq_hoi_phu_nu.xlsx", "Hội Liên hiệp Phụ nữ tỉnh", 2, date(2026, 3, 16), False),
    ("xa_mo_duc.xlsx", "Xã Mộ Đức", 5, date(2026, 3, 30), True),
    ("phuong_duc_pho.xlsx", "Thị xã Đức Phổ", 4, date(2026, 4, 6), False),  # late
    ("bdbp.xlsx", "Bộ đội Biên phòng tỉnh", 3, None, False),  # no date on the form
    ("lien_doan_lao_dong.xlsx", "Liên đoàn Lao động tỉnh", 4, date(2026, 3, 31), False),
]
# Not registering at all: SVHTTDL, X-SONTAY, X-TRABONG, P-TRUONGQUANGTRONG.

PLACES = [
    "thôn An Điềm",
    "tổ dân phố 3",
    "thôn Làng Rêu",
    "khu dân cư số 5",
    "thôn Tân An",
    "xóm Bãi Giữa",
    "thôn Đông Yên",
    "tổ dân phố Phú Vinh",
]


def _content(rng: random.Random, name: str) -> str:
    problems = [
        "sinh kế của hội viên",
        "an ninh trật tự khu dân cư",
        "thủ tục hành chính còn chậm",
        "rác thải sinh hoạt",
        "học sinh bỏ học",
        "đất sản xuất manh mún",
    ]
    return (
        f"Giải quyết {rng.choice(problems)}; do chi hội và nhân dân {rng.choice(PLACES)} "
        f"thực hiện; kết quả dự kiến: {name.lower()} được duy trì, nhân rộng ra toàn xã."
    )


def _pick_models(rng: random.Random, count: int) -> list[tuple[Field, str]]:
    pool = [(field, name) for field, names in MODELS.items() for name in names]
    return rng.sample(pool, count)


def forms_rows(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for unit, count, day in FORM_UNITS:
        for index, (field, name) in enumerate(_pick_models(rng, count)):
            moment = datetime(day.year, day.month, day.day, 8 + index, rng.randrange(60), rng.randrange(60))
            collective = rng.random() < 0.8
            is_new = rng.random() < 0.6 or unit.startswith(("Xã", "Phường", "Huyện"))
            rows.append(
                [
                    forms_timestamp(moment),
                    f"vanthu.{zlib.crc32(unit.encode()) % 997}@example.gov.vn",
                    unit,
                    rng.choice(FIELD_ANSWERS[field]),
                    name,
                    rng.choice(FORM_ANSWERS[collective]),
                    f"{rng.choice(PLACES)}, {unit}",
                    _content(rng, name),
                    rng.choice(KIND_ANSWERS[is_new]),
                ]
            )
    # A resubmission: Sở Y tế corrects its first model two days later.
    first = next(row for row in rows if row[2] == "Sở Y tế")
    corrected = list(first)
    corrected[0] = forms_timestamp(datetime(2026, 3, 12, 14, 5, 0))
    corrected[7] = first[7] + " (bản sửa: bổ sung kết quả năm 2025)"
    rows.append(corrected)
    # Typed on a Mac: decomposed accents.
    rows.append(
        [
            forms_timestamp(datetime(2026, 3, 23, 9, 30, 0)),
            "",
            "Phường Nghĩa Lộ",
            unicodedata.normalize("NFD", "Văn hóa - Xã hội"),
            unicodedata.normalize("NFD", "Câu lạc bộ Gia đình hạnh phúc"),
            unicodedata.normalize("NFD", "Tập thể"),
            "tổ dân phố 2, Phường Nghĩa Lộ",
            unicodedata.normalize("NFD", "Hòa giải mâu thuẫn gia đình; do Hội Phụ nữ phường thực hiện."),
            "Xây dựng mới",
        ]
    )
    # Free text with characters that must survive every output unchanged.
    rows.append(
        [
            forms_timestamp(datetime(2026, 3, 25, 16, 0, 0)),
            "",
            "Xã Sơn Hà",
            "Kinh tế",
            'Cà phê & <sâm> "Ngọc Linh" {{ x }}',
            "Tập thể",
            "thôn Làng Rêu",
            '=HYPERLINK("http://example.com") tăng thu nhập 20% 🌱',
            "Xây dựng mới",
        ]
    )
    # Malformed answers that must end up in rejects.
    rows.append(
        [
            forms_timestamp(datetime(2026, 3, 20, 10, 0, 0)),
            "",
            "UBND xã Tịnh Hòa",
            "Kinh tế",
            "Nuôi cá lồng bè",
            "Tập thể",
            "",
            "",
            "Xây dựng mới",
        ]
    )
    rows.append(
        [
            forms_timestamp(datetime(2026, 3, 21, 10, 0, 0)),
            "",
            "Xã Ba Tơ",
            "Kinh tế",
            "",
            "Tập thể",
            "thôn Làng Teng",
            "Chưa ghi tên mô hình",
            "Nhân rộng",
        ]
    )
    rows.append(
        [
            forms_timestamp(datetime(2026, 3, 22, 10, 0, 0)),
            "",
            "Sở Tài chính",
            "Môi trường",
            "Cơ quan xanh - sạch - đẹp",
            "Tập thể",
            "",
            "",
            "Xây dựng mới",
        ]
    )
    rows.append(
        [
            forms_timestamp(datetime(2025, 3, 30, 10, 0, 0)),
            "",
            "Xã Minh Long",
            "Kinh tế",
            "Trồng quế hữu cơ",
            "Tập thể",
            "",
            "",
            "Nhân rộng",
        ]
    )
    return rows


def unit_form_rows(rng: random.Random, count: int) -> list[FormRow]:
    rows = []
    for field, name in _pick_models(rng, count):
        collective = rng.random() < 0.75
        is_new = rng.random() < 0.6
        rows.append(
            FormRow(
                field=field,
                name=name,
                address=rng.choice(PLACES),
                content=_content(rng, name),
                collective="x" if collective else "",
                individual="" if collective else "x",
                new="x" if is_new else "",
                replicated="" if is_new else "x",
            )
        )
    return rows


def write_sample(folder: Path = SAMPLE_DIR) -> Path:
    rng = random.Random(YEAR)
    year_dir = folder / str(YEAR)
    write_forms_csv(year_dir / "dang_ky_google_forms.csv", forms_rows(rng))
    for file_name, unit_line, count, signed, legacy in FILE_UNITS:
        rows = unit_form_rows(rng, count)
        if file_name == "lien_doan_lao_dong.xlsx":
            rows[0].individual = "x"  # both forms marked
            rows[1].new = rows[1].replicated = ""  # neither kind marked
        write_official_form(
            year_dir / "don_vi" / file_name, unit_line, rows, signed=signed, legacy_tcvn3=legacy
        )
    return year_dir


if __name__ == "__main__":
    print(write_sample())
