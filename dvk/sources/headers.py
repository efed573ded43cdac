"""Which field a column header names, read the way a person reads it.

A header is first stripped of what only guides the person filling it in: bracketed guidance
("(Nêu tóm tắt …)", "(*)"), numbering ("1.", "Câu 3:") and punctuation. Then, in order:
the whole header is a synonym from `mappings/headers.toml`; or a synonym's words appear in it
in order ("Tên cơ quan, đơn vị đăng ký" holds "Tên cơ quan, đơn vị"); or it is close to a
synonym (a typo), with a clear margin over the next field. Two fields equally likely make the
header ambiguous: the caller refuses the file and names both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from dvk.mappings import Mappings
from dvk.text import match_key

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_NUMBERING = re.compile(
    r"^\s*(?:(?:câu|cau|mục|muc|question|q)\s*)?\d{1,3}(?:\.\d{1,3})*\s*[.):\-–]\s*", re.I
)
_QUESTION_WORD = re.compile(r"^\s*(?:câu|cau)\s*\d{1,3}\s+", re.I)
MAX_HEADER_LENGTH = 400  # a longer cell is text, not a header
MIN_SIMILARITY = 0.86
# A header that names both marks of a pair is the question that chooses between them.
CHOICE_OF_MARKS = {("kind_new", "kind_replicated"): "kind", ("form_collective", "form_individual"): "form"}
STRONG_SIMILARITY = 0.92  # a typo in a whole wording: preferred to a shorter wording it contains
SIMILARITY_MARGIN = 0.06
MAX_EXTRA_WORDS = 2  # words a person may insert inside a synonym ("Tên cơ quan hoặc đơn vị")
# Machine columns are named exactly by the exports that have them; by containment "Thời gian
# thực hiện" (how long a model runs) would pass for the submission time.
EXACT_ONLY = frozenset({"timestamp", "response_id", "row_id", "email", "year"})

# How a field is named for a clerk (messages, columns.csv).
FIELD_LABELS = {
    "timestamp": "Thời gian gửi",
    "response_id": "Mã phản hồi",
    "row_id": "Số thứ tự / mã riêng của bảng",
    "email": "Địa chỉ email",
    "year": "Năm",
    "unit_name": "Tên cơ quan, đơn vị",
    "unit_code": "Mã đơn vị",
    "field": "Lĩnh vực",
    "model_name": "Tên mô hình, điển hình",
    "form": "Hình thức",
    "form_collective": "Mô hình tập thể",
    "form_individual": "Mô hình cá nhân",
    "address": "Địa chỉ",
    "content": "Nội dung cụ thể mô hình, điển hình",
    "kind": "Xây dựng mới / Nhân rộng",
    "kind_new": "Xây dựng mới",
    "kind_replicated": "Nhân rộng",
}


@dataclass(frozen=True)
class Resolution:
    """The field a header names (None when none), how it was found, and the rivals when ambiguous."""

    field: str | None
    how: str = ""  # "exact", "contains", "similar"
    candidates: tuple[str, ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.field is None and len(self.candidates) > 1


NONE = Resolution(None)


def header_key(text: str) -> str:
    """The header's match key without bracketed guidance and numbering."""
    stripped = text
    while True:
        shorter = _BRACKETED.sub(" ", stripped)
        if shorter == stripped:
            break
        stripped = shorter
    stripped = _QUESTION_WORD.sub("", _NUMBERING.sub("", stripped))
    return match_key(stripped) or match_key(text)


def _contains_in_order(words: tuple[str, ...], synonym: tuple[str, ...]) -> bool:
    """The synonym's words appear in `words` in order, with at most MAX_EXTRA_WORDS between them."""
    for start, word in enumerate(words):
        if word != synonym[0]:
            continue
        position, found = start + 1, 1
        while found < len(synonym) and position < len(words):
            if words[position] == synonym[found]:
                found += 1
            position += 1
        if found == len(synonym) and position - start <= len(synonym) + MAX_EXTRA_WORDS:
            return True
    return False


def _usable_for_containment(synonym: tuple[str, ...]) -> bool:
    """Single short words ("năm", "mới", "id") match only a whole header."""
    return len(synonym) >= 2 or len(synonym[0]) >= 5


def _best_by_field(scores: list[tuple[str, float]]) -> list[tuple[str, float]]:
    best: dict[str, float] = {}
    for field, score in scores:
        best[field] = max(score, best.get(field, 0.0))
    return sorted(best.items(), key=lambda item: -item[1])


class HeaderResolver:
    """Resolves headers against one synonym index (match key → field)."""

    def __init__(self, index: dict[str, str]) -> None:
        self.index = index
        self.synonyms = [(tuple(key.split()), field) for key, field in index.items() if key]
        self._seen: dict[str, Resolution] = {}

    def resolve(self, text: str) -> Resolution:
        if text not in self._seen:
            self._seen[text] = self._resolve(text)
        return self._seen[text]

    def _resolve(self, text: str) -> Resolution:
        if not text or len(text) > MAX_HEADER_LENGTH:
            return NONE
        for key in dict.fromkeys((match_key(text), header_key(text))):
            if key in self.index:
                return Resolution(self.index[key], "exact")
        key = header_key(text)
        words = tuple(key.split())
        if not words:
            return NONE
        similar = self._similar(key)
        if similar.field and similar.how == "very similar":
            return Resolution(similar.field, "similar")  # a typo in a longer wording beats a part of it
        contained = _best_by_field(
            [
                (field, float(len(synonym)))
                for synonym, field in self.synonyms
                if field not in EXACT_ONLY
                and _usable_for_containment(synonym)
                and _contains_in_order(words, synonym)
            ]
        )
        for pair, choice in CHOICE_OF_MARKS.items():
            named = {f for synonym, f in self.synonyms if f in pair and _contains_in_order(words, synonym)}
            if named == set(pair):  # "Mới hay nhân rộng" names the question, not one of its marks
                return Resolution(choice, "contains")
        if contained:
            if len(contained) > 1 and contained[0][1] == contained[1][1]:
                return Resolution(None, "contains", tuple(f for f, s in contained if s == contained[0][1]))
            return Resolution(contained[0][0], "contains")
        return Resolution(similar.field, "similar", similar.candidates) if similar.how else NONE

    def _similar(self, key: str) -> Resolution:
        if len(key) < 4:
            return NONE
        similar = _best_by_field(
            [
                (field, SequenceMatcher(None, key, " ".join(synonym)).ratio())
                for synonym, field in self.synonyms
                if field not in EXACT_ONLY or len(key) >= 8
            ]
        )
        if not similar or similar[0][1] < MIN_SIMILARITY:
            return NONE
        if len(similar) > 1 and similar[0][1] - similar[1][1] < SIMILARITY_MARGIN:
            rivals = tuple(f for f, s in similar if similar[0][1] - s < SIMILARITY_MARGIN)
            return Resolution(None, "similar", rivals)
        strength = "very similar" if similar[0][1] >= STRONG_SIMILARITY else "similar"
        return Resolution(similar[0][0], strength)

    def nearest(self, texts: list[str], field: str) -> str | None:
        """Of the headers a file has, the one closest to a wording of `field`, if any is close."""
        best: tuple[float, str] | None = None
        for text in texts:
            key = header_key(text)
            for synonym, owner in self.synonyms:
                if owner == field:
                    score = SequenceMatcher(None, key, " ".join(synonym)).ratio()
                    if best is None or score > best[0]:
                        best = (score, text)
        return best[1] if best and best[0] >= 0.4 else None


@lru_cache(maxsize=8)
def resolver_for(mappings: Mappings) -> HeaderResolver:
    """One resolver (and its cache) per mappings folder loaded."""
    return HeaderResolver(mappings.headers)
