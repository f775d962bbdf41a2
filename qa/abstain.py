"""When to say "not found": a raw similarity threshold cannot tell (dense scores sit in
a narrow band), so tracuu checks what the question names against the evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ingest.diacritics import fold
from ingest.numbers import COUNT_UNITS
from qa.extract import (Span, asked_rates, asks_threshold, figure_kind, is_enumeration, marked_base, states_number,
                        states_procedure, states_reason, states_threshold, states_time, unstated_rate, wanted_units)
from qa.groups import QUALIFIERS, deputy_only, no_contact, statuses, unnamed_agency, unnamed_person, unranked
from qa.question import Question
from qa.types import Hit

NOT_FOUND = "Không tìm thấy trong tài liệu."
_LIST_MARGIN = 0.1  # how far behind the best quote a list may score and still answer a list question
_REASON_LEAD = 120  # characters before a why-answer that may announce it as a cause


@dataclass(frozen=True)
class Decision:
    abstain: bool
    message: str = ""
    reason: str = ""
    use: int = 0  # the span that answers: not the first when a paraphrase was vouched for by similarity


def decide(q: Question, hits: list[Hit], spans: list[Span], min_coverage: float,
           similarity: Callable[[Span], float] | None = None, rescue_similarity: float = 1.0) -> Decision:
    """Abstain, with a short Vietnamese reason, or let the best span answer.

    Low lexical coverage alone is not enough to abstain: a paraphrase shares few words
    with the text. The quote's embedding similarity to the question can then vouch for
    it (e5 scores paraphrases ~0.85-0.89 and off-topic questions ~0.79-0.80 on dev).
    """
    if not hits:
        return Decision(True, f"{NOT_FOUND} Chỉ mục chưa có đoạn văn nào phù hợp.", "empty")
    if not any(h.in_scope for h in hits):
        periods = [f"giai đoạn {a}-{b}" for a, b in q.periods]
        years = [] if periods else map(str, q.years)
        named = ", ".join([*q.places, *periods, *years, *(a.replace("dieu", "Điều") for a in q.articles),
                           *(f"văn bản số {d}" for d in q.according_to)])
        return Decision(True, f"{NOT_FOUND} Các tài liệu hiện có không đề cập đến {named}.", "constraint")
    if not spans:
        return Decision(True, f"{NOT_FOUND} Không có câu nào trả lời được câu hỏi này.", "no-span")
    use = 0
    if not q.english and spans[0].coverage < min_coverage:
        # The words barely match, so their ranking says little: the first of the three best
        # quotes whose meaning is close enough answers (paraphrases; README "Tuning").
        close = (i for i, sp in enumerate(spans[:3]) if similarity is not None and similarity(sp) >= rescue_similarity)
        use = next(close, -1)
        if use < 0:
            return Decision(True, f"{NOT_FOUND} Các đoạn gần nhất không nói về điều được hỏi.", "coverage")
    best = spans[use]
    if best.unstated:
        return Decision(True, f"{NOT_FOUND} Không đoạn nào vừa nêu con số {best.unstated} vừa trả lời được "
                              f"câu hỏi.", "stated")
    if best.unnamed:
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu riêng cho {best.unnamed}.", "locality")
    if q.intent == "quantity":
        if best.figure is None:
            return Decision(True, f"{NOT_FOUND} Tài liệu không nêu con số được hỏi.", "no-figure")
        if best.other_year:
            years = ", ".join(map(str, q.years))
            return Decision(True, f"{NOT_FOUND} Tài liệu chỉ nêu con số này cho năm {best.other_year}, "
                                  f"không cho năm {years}.", "year")
        if best.joint:
            alone = next((n for n in q.localities if fold(n).lower() in fold(best.joint).lower()), " ".join(q.apart or q.asked))
            return Decision(True, f"{NOT_FOUND} Tài liệu chỉ nêu con số gộp «{best.joint}», "
                                  f"không nêu riêng «{alone}».", "joint")
        if best.unmet:
            # The pair left unnamed is of what is counted, or of what the money is for.
            pair = fold(best.unmet[0]).replace("_", " ")
            of_topic = [t for t in q.topics if pair in " ".join(map(fold, t))]
            asked = " ".join(of_topic[0] if of_topic else q.asked)
            if best.unmet[0] in QUALIFIERS and best.unmet[0] not in statuses(asked):
                # "người" + "có việc làm", "chuẩn hộ" + "mức sống trung bình"
                asked = f"{asked} {best.unmet[0]}".strip()
            asked = asked or best.unmet[0]
            return Decision(True, f"{NOT_FOUND} Tài liệu không nêu số liệu về «{asked}».", "qualifier")
        wanted = wanted_units(q)
        if wanted and figure_kind(best.passage.text, best.figure) not in wanted:
            return Decision(True, f"{NOT_FOUND} Tài liệu không nêu {_asked(q, wanted)} được hỏi.", "unit")
        base = unstated_rate(best.passage.text, best.figure, asked_rates(q))
        if base:
            # An English question's glossary may write the base's folded form otherwise ("hỗ trợ").
            per = marked_base(base) if q.english else as_written(q, base)
            return Decision(True, f"{NOT_FOUND} Tài liệu không nêu mức tính theo từng {per}.", "rate")
    if q.intent == "list" and not is_enumeration(best.text):
        # A heading that announces the list ("Tiêu chí … dịch vụ xã hội cơ bản") may outscore
        # the list itself by a hair: a list close behind answers instead.
        listed = (i for i, sp in enumerate(spans[:3])
                  if is_enumeration(sp.text) and sp.score >= best.score - _LIST_MARGIN)
        use = next(listed, -1)
        if use < 0:
            return Decision(True, f"{NOT_FOUND} Tài liệu không liệt kê nội dung được hỏi.", "list")
        best = spans[use]
    kind = listed_kind(q)
    if kind and not re.search(rf"\b{kind}\b", fold(best.text).lower()):
        # "những huyện nào" wants districts named; a sentence without one lists something else.
        return Decision(True, f"{NOT_FOUND} Tài liệu không liệt kê các {as_written(q, kind)} được hỏi.", "list")
    # The cause may be announced just before the quote ("Tình hình trên có nhiều nguyên nhân. …").
    if q.intent == "why" and not states_reason(best.passage.text[max(0, best.start - _REASON_LEAD):best.end]):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu lý do được hỏi.", "reason")
    if q.intent == "when" and not states_time(best.text, q):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu thời điểm được hỏi.", "time")
    role = deputy_only(q.text, best.text)
    if role:
        return Decision(True, f"{NOT_FOUND} Tài liệu chỉ nêu Phó {role}, không nêu {role}.", "role")
    if not states_number(q, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu số hiệu văn bản được hỏi.", "number")
    if not states_procedure(q, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu thủ tục được hỏi.", "procedure")
    if unranked(q.text, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không so sánh, xếp hạng như câu hỏi.", "rank")
    if no_contact(q.text, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu thông tin liên hệ.", "contact")
    if q.intent == "who" and unnamed_agency(q.text, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu cơ quan được hỏi.", "agency")
    if unnamed_person(q.text, best.text):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu tên người được hỏi.", "person")
    if q.intent == "quantity" and asks_threshold(q) and not states_threshold(best.passage.text, best.figure):
        return Decision(True, f"{NOT_FOUND} Tài liệu không nêu ngưỡng được hỏi.", "threshold")
    return Decision(False, use=use)


def listed_kind(q: Question) -> str:
    """The kind of place or thing a list question wants named ("những huyện nào" -> "huyen"),
    when it is one a text would name by that word."""
    # "những xã, thôn nào" wants communes (and villages): the first kind must be named.
    m = re.search(r"\b(?:nhung|cac)\s+(\w+(?:\s\w+)?)(?:\s*,\s*\w+(?:\s\w+)?)*\s+nao\b", q.folded)
    if q.intent != "list" or not m:
        return ""
    return m.group(1) if m.group(1) in COUNT_UNITS else ""


def _asked(q: Question, wanted: set[str]) -> str:
    """What the question asked for, in Vietnamese: "tỷ lệ", "số tiền", "số thẻ"."""
    if "percent" in wanted:
        return "tỷ lệ"
    if wanted & {"money", "scaled"}:
        return "số tiền"
    # "lần" also accepts "lượt" and "đợt": name the one the question wrote.
    folded, _ = _vietnamese_of(q)
    unit = next((u for u in sorted(wanted) if re.search(rf"\b{u}\b", folded)), min(wanted))
    return "số " + as_written(q, unit)


def _vietnamese_of(q: Question) -> tuple[str, str]:
    """The question's Vietnamese words, folded and as written: for an English question, its
    glossary's ("số hộ", not "số ho"); folding keeps offsets, so one indexes the other."""
    return (fold(q.gloss).lower(), q.gloss.lower()) if q.english else (q.folded, q.text)


def as_written(q: Question, folded_phrase: str) -> str:
    """A folded phrase of the question as the user typed it, preferring the one right
    after "bao nhiêu"/"mấy"/"mỗi"."""
    word = re.escape(folded_phrase)
    folded, written = _vietnamese_of(q)
    m = re.search(rf"\b(?:bao nhieu|may|moi|binh quan|dau)\s+({word})\b", folded) \
        or re.search(rf"\b({word})\b", folded)
    return written[m.start(1):m.end(1)] if m else folded_phrase
