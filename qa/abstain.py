"""When to say "not found": a raw similarity threshold cannot tell (dense scores sit in
a narrow band), so tracuu checks what the question names against the evidence."""
from __future__ import annotations

from dataclasses import dataclass

from qa.extract import Span
from qa.question import Question
from qa.types import Hit

NOT_FOUND = "Không tìm thấy trong tài liệu."


@dataclass(frozen=True)
class Decision:
    abstain: bool
    message: str = ""
    reason: str = ""


def decide(q: Question, hits: list[Hit], spans: list[Span], weights: dict[str, float],
           min_coverage: float) -> Decision:
    if not hits:
        return Decision(True, f"{NOT_FOUND} Chỉ mục chưa có đoạn văn nào phù hợp.", "empty")
    if not any(h.in_scope for h in hits):
        named = ", ".join([*q.places, *map(str, q.years)])
        return Decision(True, f"{NOT_FOUND} Các tài liệu hiện có không đề cập đến {named}.", "constraint")
    if not spans:
        return Decision(True, f"{NOT_FOUND} Không có câu nào trả lời được câu hỏi này.", "no-span")
    if q.english:
        return Decision(False)
    best = spans[0]
    if best.coverage < min_coverage:
        return Decision(True, f"{NOT_FOUND} Các đoạn gần nhất không nói về điều được hỏi.", "coverage")
    return Decision(False)
