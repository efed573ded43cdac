"""Why a run failed and what the clerk does about it: one Vietnamese line and a short page.

The line is the run's state message (what the run list shows next to «Failed»); the page is
the `dvk-loi` artifact. Pure: flows/publish.py hands both to Prefect.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvk.errors import (
    ConfigError,
    CountMismatch,
    DvkError,
    EvaluationInvalid,
    NothingToDecide,
    NumberingError,
    ParameterError,
    SourceError,
)

ERROR_KEY = "dvk-loi"
LINE_LIMIT = 600  # the run list shows the start; the artifact has everything

# The most specific class first.
ADVICE: list[tuple[type[BaseException], str]] = [
    (
        ParameterError,
        "Sửa các ô được nêu trong biểu mẫu «Thông số» (Run → Custom run) rồi bấm Submit. "
        "Lần chạy này chưa đọc, chưa ghi tệp nào.",
    ),
    (
        EvaluationInvalid,
        "Mở sổ theo dõi, sửa từng dòng được nêu (bảng «dvk-loi-danh-gia» liệt kê đủ), lưu, đóng Excel "
        "rồi chạy lại. Chưa viết quyết định, chưa cấp số.",
    ),
    (
        NothingToDecide,
        "Trong sổ theo dõi, ghi «Công nhận» ở cột «Kết quả đánh giá» và ghi «Cấp công nhận» cho các mô "
        "hình được công nhận; lưu, đóng Excel rồi chạy lại.",
    ),
    (
        NumberingError,
        "Kiểm tra số quyết định đã điền (số đã cấp không cấp lại cho văn bản khác); nếu sổ cấp số đang "
        "mở ở máy khác thì đóng lại, rồi chạy lại.",
    ),
    (
        CountMismatch,
        "Số dòng không khớp là lỗi của dvk chứ không phải của dữ liệu; chưa ghi tệp nào. Gửi tên lần "
        "chạy này cho người phụ trách máy.",
    ),
    (
        SourceError,
        "Kiểm tra tệp hoặc nguồn được nêu: có đúng chỗ không, mở được bằng Excel không, có đang mở trong "
        "Excel không; sửa rồi bấm Retry hoặc chạy lại.",
    ),
    (ConfigError, "Sửa tệp cấu hình được nêu (hoặc báo người phụ trách máy) rồi chạy lại."),
    (DvkError, "Sửa theo lý do trên rồi bấm Retry hoặc chạy lại."),
]
UNEXPECTED_ADVICE = (
    "Đây là lỗi ngoài dự kiến (mạng, ổ đĩa, hoặc lỗi của dvk); các bước đọc, ghi tệp và Google đã "
    "được thử lại tự động. Bấm Retry; nếu vẫn lỗi, gửi tên lần chạy này cho người phụ trách máy."
)


@dataclass(frozen=True)
class ErrorReport:
    line: str  # the state message: one line
    markdown: str  # the dvk-loi artifact


def one_line(message: str) -> str:
    """ "Header:\\n- a\\n- b" → "Header: a; b" — the run list shows one line."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return ""
    head, items = lines[0], [line.removeprefix("- ").strip() for line in lines[1:]]
    text = head if not items else f"{head.rstrip(':')}: " + "; ".join(i.rstrip(".") for i in items) + "."
    return text if len(text) <= LINE_LIMIT else text[: LINE_LIMIT - 1].rstrip() + "…"


GOOGLE_ADVICE = (
    "Làm theo lý do ở trên: chia sẻ biểu mẫu, bảng tính hoặc thư mục cho địa chỉ tài khoản dịch vụ của "
    "dvk, kiểm tra tệp khóa Google và mạng (xem mục «Google Forms, Google Sheets và Google Drive» của "
    "README), rồi bấm Retry."
)


def advice_for(error: BaseException) -> str:
    if isinstance(error, DvkError) and not isinstance(error, ParameterError) and "Google" in str(error):
        return GOOGLE_ADVICE
    return next((text for kind, text in ADVICE if isinstance(error, kind)), UNEXPECTED_ADVICE)


def describe_failure(error: BaseException) -> ErrorReport:
    if isinstance(error, DvkError):
        reason = str(error).strip() or "Không rõ lý do."
    else:
        reason = f"Lỗi ngoài dự kiến: {type(error).__name__}: {error}".strip()
    line = one_line(reason)
    advice = advice_for(error)
    markdown = "\n\n".join(
        [
            "# Lần chạy không thành công",
            "## Lý do",
            _quoted(reason),
            "## Cần làm",
            advice,
        ]
    )
    return ErrorReport(line, markdown + "\n")


def _quoted(reason: str) -> str:
    """The reason as markdown: its list items stay a list, other lines stay paragraphs."""
    lines = [line.rstrip() for line in reason.strip().splitlines() if line.strip()]
    return "\n".join(line if line.lstrip().startswith("- ") else f"{line}\n" for line in lines).strip()
