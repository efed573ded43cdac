"""Rejected input: one entry per problem, with a reason a clerk understands."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# code → the message a clerk reads. "{value}" is the offending value, "{extra}" a detail.
MESSAGES: dict[str, str] = {
    "missing_model_name": "Thiếu tên mô hình, điển hình.",
    "missing_unit": "Không ghi tên cơ quan, đơn vị đăng ký.",
    "unknown_unit": (
        "Đơn vị «{value}» không có trong danh sách đơn vị. Kiểm tra lại tên, hoặc thêm tên "
        "này vào cột tên gọi khác (aliases) của đơn vị trong danh sách."
    ),
    "missing_field": "Không ghi lĩnh vực (Kinh tế; Văn hóa - Xã hội; Quốc phòng - An ninh; "
    "Xây dựng hệ thống chính trị).",
    "unknown_field": "Lĩnh vực «{value}» không thuộc 4 lĩnh vực: Kinh tế; Văn hóa - Xã hội; "
    "Quốc phòng - An ninh; Xây dựng hệ thống chính trị.",
    "form_both": "Đánh dấu cả «Mô hình tập thể» và «Mô hình cá nhân»; chỉ được chọn một.",
    "form_neither": "Chưa chọn hình thức: «Mô hình tập thể» hay «Mô hình cá nhân».",
    "unknown_form": "Hình thức «{value}» không rõ; chỉ nhận «Tập thể» hoặc «Cá nhân».",
    "kind_both": "Đánh dấu cả «Xây dựng mới» và «Nhân rộng»; chỉ được chọn một.",
    "kind_neither": "Chưa chọn «Xây dựng mới» hay «Nhân rộng».",
    "unknown_kind": "«{value}» không rõ là «Xây dựng mới» hay «Nhân rộng».",
    "bad_timestamp": "Không đọc được thời gian «{value}» (cần dạng ngày/tháng/năm giờ:phút).",
    "bad_year": "Năm «{value}» không hợp lệ.",
    "wrong_year": "Bản đăng ký thuộc năm {extra}, không thuộc năm đang tổng hợp.",
    "empty_source": "Tệp hoặc trang tính rỗng, không có dòng đăng ký nào.",
    "file_refused": "{extra}",
    "undecodable": (
        "Ô có ký tự không đọc được (tệp lưu bằng bảng mã khác hoặc bị hỏng): «{value}». "
        "Lưu lại tệp dạng CSV UTF-8 rồi chạy lại."
    ),
    "unrecognised_layout": (
        "Không nhận ra bảng đăng ký trong trang tính này: cần dòng tiêu đề có cột «Tên mô hình, "
        "điển hình» và ít nhất hai cột khác của biểu mẫu."
    ),
}


@dataclass(frozen=True)
class Reject:
    source: str
    source_row: int | str
    column: str
    value: str
    code: str
    message: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def reject(
    source: str, source_row: int | str, column: str, value: object, code: str, extra: str = ""
) -> Reject:
    text = "" if value is None else str(value)
    shown = text if len(text) <= 80 else text[:77] + "…"
    message = MESSAGES[code].format(value=shown, extra=extra)
    return Reject(source, source_row, column, text, code, message)
