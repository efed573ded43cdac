"""Small generated provinces for the bundled national example and the tests.

Deterministic: the same call gives the same units, answers and response ids. Each province has
departments, the Fatherland Front and communes, answers in every field, one late answer, one
answer without a model name (a reject with its reason) and one unit that never registers.
`python -m dvk.national.sample` rewrites `sample/national/`.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample" / "national"
CONFIG_FILE = "quoc_gia.toml"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FIELDS = ["Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị"]
FORMS = ["Tập thể", "Cá nhân"]
KINDS = ["Xây dựng mới", "Nhân rộng"]
# The registration form's questions (title, choices or None for text), as on the Google Form.
FORM_QUESTIONS: list[tuple[str, list[str] | None]] = [
    ("Tên cơ quan, đơn vị", None),
    ("Lĩnh vực", FIELDS),
    ("Tên mô hình, điển hình", None),
    ("Hình thức", FORMS),
    ("Địa chỉ thực hiện", None),
    ("Nội dung cụ thể mô hình, điển hình", None),
    ("Xây dựng mới hay nhân rộng", KINDS),
]
EXPORT_HEADERS = ["Dấu thời gian", "Mã phản hồi"] + [title for title, _ in FORM_QUESTIONS]
ROSTER_HEADERS = ["unit_code", "unit_name", "unit_type", "aliases", "target_total", "target_new", "email"]

# code, name, folder, communes (after the 2025 merger)
PROVINCES = [
    ("QNG", "Tỉnh Quảng Ngãi", "quang_ngai", ["Xã Mộ Đức", "Phường Trương Quang Trọng", "Đặc khu Lý Sơn"]),
    ("GLI", "Tỉnh Gia Lai", "gia_lai", ["Phường Quy Nhơn", "Xã Ia Grai", "Xã Kbang"]),
    ("DNG", "Thành phố Đà Nẵng", "da_nang", ["Phường Hải Châu", "Xã Hòa Vang", "Phường Hội An"]),
    ("HUE", "Thành phố Huế", "hue", ["Phường Thuận Hóa", "Xã Phú Vinh", "Phường Hương Trà"]),
    ("DLK", "Tỉnh Đắk Lắk", "dak_lak", ["Phường Buôn Ma Thuột", "Xã Ea Kar", "Phường Tuy Hòa"]),
    ("KHA", "Tỉnh Khánh Hòa", "khanh_hoa", ["Phường Nha Trang", "Xã Cam Lâm", "Phường Phan Rang"]),
    ("LDG", "Tỉnh Lâm Đồng", "lam_dong", ["Phường Xuân Hương - Đà Lạt", "Xã Đạ Tẻh", "Phường Bảo Lộc"]),
    ("HNI", "Thành phố Hà Nội", "ha_noi", ["Phường Hoàn Kiếm", "Xã Sóc Sơn", "Phường Ba Đình"]),
]
MODELS = {
    "Kinh tế": ["Tổ hợp tác nuôi bò sinh sản", "Chợ phiên nông sản sạch", "Hợp tác xã trồng cà phê bền vững"],
    "Văn hóa - Xã hội": ["Dòng họ học tập", "Tủ sách cộng đồng", "Phân loại rác thải tại nguồn"],
    "Quốc phòng - An ninh": ["Camera an ninh - Khu dân cư an toàn", "Tổ tự quản về an ninh trật tự"],
    "Xây dựng hệ thống chính trị": ["Một cửa thân thiện", "Dân hỏi - chính quyền trả lời", "Chi bộ 4 tốt"],
}


@dataclass(frozen=True)
class SampleUnit:
    code: str
    name: str
    unit_type: str
    email: str


@dataclass(frozen=True)
class Answer:
    """One response to the registration form."""

    response_id: str
    submitted: datetime  # aware, Vietnam time
    values: tuple[str, ...]  # in FORM_QUESTIONS order

    def by_title(self) -> dict[str, str]:
        return {title: value for (title, _), value in zip(FORM_QUESTIONS, self.values, strict=True)}

    def rfc3339(self) -> str:
        """As the Forms API gives it: UTC with a Z."""
        return self.submitted.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    @property
    def model_name(self) -> str:
        return self.values[2]


@dataclass(frozen=True)
class SampleProvince:
    code: str
    name: str
    folder: str
    units: tuple[SampleUnit, ...]
    answers: tuple[Answer, ...]
    deadline: str  # day/month

    @property
    def valid_answers(self) -> list[Answer]:
        return [answer for answer in self.answers if answer.model_name]


def _units(code: str, province: str, communes: list[str]) -> tuple[SampleUnit, ...]:
    mail = code.lower()
    units = [
        SampleUnit(f"{code}-SYT", "Sở Y tế", "department", f"syt@{mail}.example.gov.vn"),
        SampleUnit(f"{code}-SGDDT", "Sở Giáo dục và Đào tạo", "department", f"sgddt@{mail}.example.gov.vn"),
        SampleUnit(
            f"{code}-MTTQ", f"Ủy ban MTTQ Việt Nam {province[:1].lower()}{province[1:]}", "front_org", ""
        ),
    ]
    for number, commune in enumerate(communes, start=1):
        units.append(SampleUnit(f"{code}-X{number}", commune, "commune", f"x{number}@{mail}.example.gov.vn"))
    return tuple(units)


def _answers(code: str, units: tuple[SampleUnit, ...], year: int, rng: random.Random) -> tuple[Answer, ...]:
    """Every unit but the last registers 1–3 models in March; the second unit once more on 5 April
    (late under a 31/03 deadline, on time under 15/04); one answer lacks the model's name."""
    answers: list[Answer] = []

    def add(when: datetime, values: tuple[str, ...]) -> None:
        answers.append(Answer(f"ACYDBN{code}{len(answers) + 1:04d}", when, values))

    for unit in units[:-1]:
        for field in rng.sample(FIELDS, rng.randint(1, 3)):
            name = f"{rng.choice(MODELS[field])} ({unit.name})"
            when = datetime(
                year, 3, rng.randint(2, 28), rng.randint(7, 17), rng.randint(0, 59), tzinfo=VIETNAM
            )
            content = f"Vận động nhân dân cùng làm «{name}»; kết quả dự kiến: được duy trì & nhân rộng."
            add(
                when,
                (
                    unit.name,
                    field,
                    name,
                    rng.choice(FORMS),
                    f"thôn {rng.randint(1, 9)}",
                    content,
                    rng.choice(KINDS),
                ),
            )
    second = units[1].name
    add(
        datetime(year, 4, 5, 9, 30, tzinfo=VIETNAM),
        (
            second,
            FIELDS[0],
            f"Vườn dược liệu dưới tán rừng ({second})",
            FORMS[0],
            "thôn 2",
            "Trồng dược liệu.",
            KINDS[0],
        ),
    )
    add(
        answers[0].submitted + timedelta(hours=1),
        (units[0].name, FIELDS[1], "", FORMS[0], "thôn 1", "Thiếu tên.", KINDS[1]),
    )
    return tuple(answers)


def sample_provinces(count: int = 6, year: int = 2026, seed: int = 2026) -> list[SampleProvince]:
    """`count` provinces (at most len(PROVINCES)); the second one's deadline is 15/04."""
    if not 0 < count <= len(PROVINCES):
        raise ValueError(f"count must be 1–{len(PROVINCES)}")
    provinces = []
    for index, (code, name, folder, communes) in enumerate(PROVINCES[:count]):
        rng = random.Random(f"{seed}-{code}")
        units = _units(code, name, communes)
        deadline = "15/04" if index == 1 else "31/03"
        provinces.append(
            SampleProvince(code, name, folder, units, _answers(code, units, year, rng), deadline)
        )
    return provinces


def write_roster(path: Path, province: SampleProvince) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(ROSTER_HEADERS)
        for unit in province.units:
            writer.writerow([unit.code, unit.name, unit.unit_type, "", "", "", unit.email])
    return path


def write_forms_export(path: Path, province: SampleProvince) -> Path:
    """The form's responses downloaded as CSV (Vietnamese locale: day-first local times)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(EXPORT_HEADERS)
        for answer in province.answers:
            writer.writerow(
                [answer.submitted.strftime("%d/%m/%Y %H:%M:%S"), answer.response_id, *answer.values]
            )
    return path


def _toml_list(items: list[str]) -> str:
    return "[" + ", ".join('"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "]"


def write_national_config(
    folder: Path, provinces: list[SampleProvince], sources: dict[str, list[str]], year: int = 2026
) -> Path:
    """Rosters under <folder>/<province>/ and `quoc_gia.toml` listing the provinces with `sources`."""
    lines = [
        "# Tổng hợp toàn quốc: mỗi tỉnh, thành phố một mục [[provinces]].",
        "# Đường dẫn tính từ thư mục chứa tệp này; {year} được thay bằng năm của lần chạy.",
        'title = "Ban Tuyên giáo và Dân vận Trung ương"',
        'output = "ket_qua/toan_quoc/{year}"',
    ]
    for province in provinces:
        write_roster(folder / province.folder / "roster.csv", province)
        lines += [
            "",
            "[[provinces]]",
            f'code = "{province.code}"',
            f'name = "{province.name}"',
            f'roster = "{province.folder}/roster.csv"',
            f"sources = {_toml_list(sources[province.code])}",
            f'output = "ket_qua/{province.folder}/{{year}}"',
            f'deadline = "{province.deadline}"',
        ]
    path = folder / CONFIG_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_national_sample(folder: Path = SAMPLE_DIR, count: int = 6, year: int = 2026) -> Path:
    """The example a national office can run without Google: CSV exports instead of forms."""
    provinces = sample_provinces(count, year)
    sources = {}
    for province in provinces:
        export = folder / province.folder / "du_lieu" / "{year}" / "dang_ky_google_forms.csv"
        write_forms_export(Path(str(export).replace("{year}", str(year))), province)
        sources[province.code] = [f"{province.folder}/du_lieu/{{year}}"]
    return write_national_config(folder, provinces, sources, year)


if __name__ == "__main__":
    print(write_national_sample())
