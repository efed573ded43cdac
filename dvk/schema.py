"""The official registration form as one declared contract.

The seven columns of the form (biểu mẫu) and the metadata a register needs, with the
Vietnamese labels used in every output.
"""

from __future__ import annotations

from enum import StrEnum


class Field(StrEnum):
    ECONOMY = "economy"
    CULTURE_SOCIETY = "culture_society"
    DEFENSE_SECURITY = "defense_security"
    POLITICAL_SYSTEM = "political_system"


class Form(StrEnum):
    COLLECTIVE = "collective"
    INDIVIDUAL = "individual"


class Kind(StrEnum):
    NEW = "new"
    REPLICATED = "replicated"


class UnitStatus(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"
    UNKNOWN_TIME = "unknown_time"  # registered, but no row has a time (a paper form with no date)


# Sections I–IV of the official form, in order.
FIELD_SECTIONS: dict[Field, str] = {
    Field.ECONOMY: "I. LĨNH VỰC KINH TẾ",
    Field.CULTURE_SOCIETY: "II. LĨNH VỰC VĂN HÓA - XÃ HỘI",
    Field.DEFENSE_SECURITY: "III. LĨNH VỰC QUỐC PHÒNG - AN NINH",
    Field.POLITICAL_SYSTEM: "IV. LĨNH VỰC XÂY DỰNG HỆ THỐNG CHÍNH TRỊ",
}
FIELD_LABELS: dict[Field, str] = {
    Field.ECONOMY: "Kinh tế",
    Field.CULTURE_SOCIETY: "Văn hóa - Xã hội",
    Field.DEFENSE_SECURITY: "Quốc phòng - An ninh",
    Field.POLITICAL_SYSTEM: "Xây dựng hệ thống chính trị",
}
FORM_LABELS: dict[Form, str] = {
    Form.COLLECTIVE: "Tập thể",
    Form.INDIVIDUAL: "Cá nhân",
}
KIND_LABELS: dict[Kind, str] = {
    Kind.NEW: "Xây dựng mới",
    Kind.REPLICATED: "Nhân rộng",
}
STATUS_LABELS: dict[UnitStatus, str] = {
    UnitStatus.ON_TIME: "Đúng hạn",
    UnitStatus.LATE: "Trễ hạn",
    UnitStatus.MISSING: "Chưa đăng ký",
    UnitStatus.UNKNOWN_TIME: "Không rõ thời gian",
}

# The normalised registration, in output order.
REGISTRATION_COLUMNS: list[str] = [
    "registration_id",
    "year",
    "unit_code",
    "unit_name",
    "field",
    "model_name",
    "form",
    "address",
    "content",
    "kind",
    "submitted_at",
    "late",
    "source",
    "source_row",
]
REGISTRATION_HEADERS_VI: dict[str, str] = {
    "registration_id": "Mã bản đăng ký",
    "year": "Năm",
    "unit_code": "Mã đơn vị",
    "unit_name": "Tên đơn vị",
    "field": "Lĩnh vực",
    "model_name": "Tên mô hình, điển hình",
    "form": "Hình thức",
    "address": "Địa chỉ",
    "content": "Nội dung cụ thể mô hình, điển hình",
    "kind": "Xây dựng mới / Nhân rộng",
    "submitted_at": "Thời gian gửi",
    "late": "Trễ hạn",
    "source": "Nguồn",
    "source_row": "Dòng nguồn",
}

REJECT_COLUMNS: list[str] = ["source", "source_row", "column", "value", "code", "message"]
REJECT_HEADERS_VI: dict[str, str] = {
    "source": "Nguồn",
    "source_row": "Dòng",
    "column": "Cột",
    "value": "Giá trị",
    "code": "Mã lỗi",
    "message": "Lý do",
}

SUPERSEDED_COLUMNS: list[str] = [
    "registration_id",
    "unit_code",
    "model_name",
    "submitted_at",
    "source",
    "source_row",
    "replaced_by_id",
    "replaced_by_source",
    "replaced_by_row",
]

UNIT_STATUS_COLUMNS: list[str] = [
    "unit_code",
    "unit_name",
    "status",
    "registrations",
    "new_models",
    "target",
    "meets_target",
    "unit_type",
    "first_submitted_at",
    "email",
]
UNIT_STATUS_HEADERS_VI: dict[str, str] = {
    "unit_code": "Mã đơn vị",
    "unit_name": "Tên đơn vị",
    "status": "Tình trạng",
    "registrations": "Số mô hình đăng ký",
    "new_models": "Số mô hình xây dựng mới",
    "target": "Chỉ tiêu",
    "meets_target": "Đạt chỉ tiêu",
    "unit_type": "Loại đơn vị",
    "first_submitted_at": "Lần gửi đầu tiên",
    "email": "Thư điện tử",
}

# Columns staff fill in the register (sổ theo dõi); dvk never overwrites them.
EVALUATION_HEADERS_VI: list[str] = ["Điểm", "Kết quả đánh giá", "Cấp công nhận", "Ghi chú"]
