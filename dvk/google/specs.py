"""Google source specs: "gform:<formId>", "gsheet:<spreadsheetId or URL>", "gdrive:<folderId or URL>"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dvk.errors import SourceError

KINDS = {
    "gform": "biểu mẫu Google Forms",
    "gsheet": "bảng tính Google Sheets",
    "gdrive": "thư mục Google Drive",
}
_ID = re.compile(r"[A-Za-z0-9_-]{10,}")
_URL_IDS = (
    re.compile(r"/forms/d/(?!e/)([A-Za-z0-9_-]+)"),
    re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)"),
    re.compile(r"/folders/([A-Za-z0-9_-]+)"),
    re.compile(r"[?&]id=([A-Za-z0-9_-]+)"),
)


@dataclass(frozen=True)
class GoogleSpec:
    kind: str  # "gform", "gsheet" or "gdrive"
    ident: str

    @property
    def noun(self) -> str:
        return KINDS[self.kind]


def parse_spec(spec: str) -> GoogleSpec:
    kind, _, rest = spec.partition(":")
    kind = kind.strip().lower()
    rest = rest.strip()
    if kind not in KINDS:
        raise SourceError(f"Nguồn «{spec}» không hợp lệ: dùng gform:, gsheet: hoặc gdrive:.")
    if "/forms/d/e/" in rest:
        raise SourceError(
            f"«{rest}» là đường dẫn để điền biểu mẫu, không phải mã biểu mẫu. Hãy mở biểu mẫu ở chế độ "
            "chỉnh sửa và dùng đường dẫn dạng https://docs.google.com/forms/d/<mã>/edit."
        )
    ident = rest
    if "/" in rest or "?" in rest:
        ident = next((m[1] for pattern in _URL_IDS if (m := pattern.search(rest))), "")
    if not _ID.fullmatch(ident):
        raise SourceError(
            f"Không nhận ra mã {KINDS[kind]} trong «{rest}». Hãy chép mã (chuỗi dài trong đường dẫn) "
            f"hoặc cả đường dẫn, ví dụ {kind}:1AbC…"
        )
    return GoogleSpec(kind, ident)
