"""Extractive answers: choose the sentence, clause or figure that answers, from the top
passages, and quote it verbatim. Nothing is generated, so nothing can be invented."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ingest.diacritics import fold
from ingest.numbers import Quantity, find_quantities
from ingest.tokens import syllables
from ingest.types import Passage
from qa.question import Question
from qa.types import Hit

Idf = Callable[[str], float]

# Which question words ask for which unit (folded). A figure of the asked kind wins.
_UNIT_HINTS = [
    (re.compile(r"\b(ty le|phan tram|percent|percentage|share|rate)\b"), {"percent"}),
    (re.compile(r"\b(kinh phi|von|tien|ngan sach|dong|ty dong|trieu dong|chi phi|gia tri|funding|budget|"
                r"capital|money|cost|vnd|dong)\b"), {"money", "scaled"}),
]
_SPLIT_CLAUSE = re.compile(r"\s*;\s*")
_SPLIT_LOCAL = re.compile(r"\s*[,;:()]\s*|\s+-\s+")


@dataclass(frozen=True)
class Span:
    """A candidate quote: passage-relative offsets, and how well it answers."""

    hit: Hit
    start: int
    end: int
    score: float
    coverage: float  # idf-weighted share of the question's terms found around it
    figure: Quantity | None = None

    @property
    def passage(self) -> Passage:
        return self.hit.passage

    @property
    def text(self) -> str:
        return self.passage.text[self.start:self.end]


def term_weights(q: Question, idf: Idf) -> dict[str, float]:
    return {t: idf(t) for t in q.terms}


def coverage(weights: dict[str, float], text: str) -> float:
    """Idf-weighted share of question terms present in `text` (folded syllables)."""
    total = sum(weights.values())
    if not total:
        return 0.0
    present = set(fold(t) for t in syllables(text))
    return sum(w for t, w in weights.items() if t in present) / total


def sentence_spans(p: Passage) -> list[tuple[int, int]]:
    return list(p.sentences) or [(0, len(p.text))]


def best_spans(hits: list[Hit], q: Question, idf: Idf, top_passages: int = 4) -> list[Span]:
    """Candidate quotes from the top in-scope passages, best first."""
    weights = term_weights(q, idf)
    context_of = lambda p: f"{p.title} {p.section} {' '.join(p.places)} {' '.join(map(str, p.years))}"  # noqa: E731
    spans: list[Span] = []
    for rank, hit in enumerate(h for h in hits[:top_passages] if h.in_scope):
        p = hit.passage
        context = coverage(weights, f"{p.text} {context_of(p)}")
        prior = hit.score - 0.02 * rank
        for s, e in sentence_spans(p):
            sent = p.text[s:e]
            sent_cov = coverage(weights, sent)
            base = 0.6 * sent_cov + 0.25 * context + 0.3 * prior
            if q.intent == "quantity":
                spans.extend(_figure_spans(hit, q, weights, s, e, base, context))
            else:
                bonus = _intent_bonus(q, sent)
                spans.append(Span(hit, s, e, base + bonus, coverage=max(sent_cov, context)))
    spans.sort(key=lambda sp: -sp.score)
    return spans


def _figure_spans(hit: Hit, q: Question, weights, s: int, e: int, base: float, context: float) -> list[Span]:
    """One candidate per figure in the sentence, quoted with the clause that holds it."""
    p = hit.passage
    sentence = p.text[s:e]
    wanted = _wanted_units(q)
    out = []
    clause_at = 0
    for clause in _SPLIT_CLAUSE.split(sentence):
        c_start = sentence.find(clause, clause_at)
        clause_at = c_start + len(clause)
        for qty in find_quantities(clause):
            if _is_year(qty) or qty.text.split()[0] in q.figures:
                continue
            local = _local_window(clause, qty)
            local_cov = coverage(weights, local)
            clause_cov = coverage(weights, clause)
            unit_fit = 0.15 if (wanted and qty.kind in wanted) else (-0.1 if wanted else 0.0)
            score = base + 0.5 * local_cov + 0.3 * clause_cov + unit_fit
            quote_start, quote_end = s + c_start, s + c_start + len(clause)
            if quote_end - quote_start < 40:  # a bare "37.319 triệu đồng" needs its sentence
                quote_start, quote_end = s, e
            out.append(Span(hit, quote_start, quote_end, score, coverage=max(local_cov, clause_cov, context * 0.8),
                            figure=qty))
    return out


def _local_window(clause: str, qty: Quantity) -> str:
    """The text around a figure up to the nearest separators, plus the piece before it,
    which usually names what is counted ("vốn sự nghiệp 37.319 triệu đồng")."""
    pieces = []
    at = 0
    for m in _SPLIT_LOCAL.finditer(clause + ","):
        pieces.append((at, m.start()))
        at = m.end()
    for i, (a, b) in enumerate(pieces):
        if a <= qty.start < max(b, a + 1):
            prev = pieces[i - 1][0] if i else a
            return clause[prev:b]
    return clause


def _wanted_units(q: Question) -> set[str]:
    for pattern, kinds in _UNIT_HINTS:
        if pattern.search(q.folded):
            return kinds
    m = re.search(r"bao nhieu\s+(\w+(?:\s\w+)?)", q.folded)
    if m:
        word = m.group(1)
        for unit in ("luot", "ho", "nguoi", "the", "xa", "huyen", "cong trinh", "du an", "mo hinh", "lop",
                     "vu viec", "dot", "buoi", "cuoc", "nha", "lao dong", "hoc sinh", "thon", "tin", "bai"):
            if word == unit or word.startswith(unit + " "):
                return {unit}
    return set()


def _is_year(qty: Quantity) -> bool:
    return qty.kind in ("", "nam") and qty.value.is_integer() and 1945 <= qty.value <= 2100 and "." not in qty.text


_WHY_CUES = re.compile(r"\b(do|vi|nguyen nhan|boi|chu yeu la do|anh huong)\b")
_LIST_CUES = re.compile(r"[,;:]")


def _intent_bonus(q: Question, sentence: str) -> float:
    low = fold(sentence).lower()
    if q.intent == "why":
        return 0.1 if _WHY_CUES.search(low) else 0.0
    if q.intent == "list":
        return min(0.1, 0.02 * len(_LIST_CUES.findall(sentence)))
    if q.intent == "when":
        return 0.1 if re.search(r"\b(ngay|thang|nam)\s+\d", low) else 0.0
    return 0.0
