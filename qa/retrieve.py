"""Hybrid retrieval: dense (Chroma) + BM25 (accented and folded), fused by weighted,
normalised scores, then held to the places and years the question names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ingest.diacritics import fold
from ingest.index import Index
from ingest.places import periods_in, places_in, single_years
from ingest.tokens import query_tokens
from ingest.types import Passage
from qa.question import STOPWORDS, Question, citation_pattern, document_number, names_and_figures
from qa.types import Hit

_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# Per-text facts recomputed for the same passages question after question; keyed by the
# text itself, so an edited passage can never be served a stale answer.
_TEXT_CACHE = 4096


@dataclass(frozen=True)
class RetrievalParams:
    k: int = 10
    candidates: int = 50
    dense_weight: float = 0.4
    constraint_boost: float = 0.15


def dense_weight(q: Question, params: RetrievalParams) -> float:
    # Keyword retrieval sees an English question through its glossary words only; without
    # any, dense retrieval (e5 is multilingual) carries it alone. On dev's 25 English
    # questions, answer accuracy was the same for weights 0.4 to 0.8 (MRR 0.92 / 0.93 / 0.83).
    return 1.0 if q.english and not q.gloss else params.dense_weight


def keyword_scores(index: Index, q: Question, n: int, docs: list[str] | None) -> dict[str, float]:
    """BM25's n best passages (passage id -> score, best first)."""
    kw = index.keyword()
    if not kw.row_ids:
        return {}
    text = f"{q.gloss}, {' '.join(names_and_figures(q.text))}" if q.english else q.text
    tokens = [t for t in query_tokens(text.lower()) if fold(t) not in STOPWORDS]
    scores = kw.scores(tokens, use_accents=q.accents)
    if docs:
        scores = np.where(kw.rows_mask(docs), scores, 0.0)
    return {kw.row_ids[i]: float(scores[i]) for i in _best(scores, n)}


def retrieve(index: Index, q: Question, params: RetrievalParams, docs: list[str] | None = None,
             query_vector: np.ndarray | None = None, keyword: dict[str, float] | None = None) -> list[Hit]:
    """Best-first hits; passages that break a named place/year come last, marked out of scope.

    `keyword` passes BM25's candidates in when they are already known (see keyword_scores).
    """
    n = max(params.k, params.candidates)
    dense_w = dense_weight(q, params)
    dense: dict[str, float] = {}
    if dense_w > 0:
        if query_vector is None:
            query_vector = index.embedder.embed_queries([q.text])[0]
        dense = dict(index.dense(query_vector, n, docs))
    if keyword is None:
        keyword = keyword_scores(index, q, n, docs) if dense_w < 1 else {}
    ids = list(dict.fromkeys([*dense, *keyword]))
    passages = index.passages(ids)
    constraints = _Constraints(q)
    d_norm = _minmax(dense)
    k_max = max(keyword.values(), default=0.0) or 1.0
    hits = []
    for pid in ids:
        p = passages.get(pid)
        if p is None:  # a vector whose catalog row is gone (interrupted ingest): ignore
            continue
        scope, figures = constraints.in_scope(p), constraints.figure_match(p)
        d = d_norm.get(pid, 0.0)
        k = keyword.get(pid, 0.0) / k_max
        score = dense_w * d + (1 - dense_w) * k + params.constraint_boost * figures
        hits.append(Hit(passage=p, score=score, dense=dense.get(pid, 0.0), keyword=keyword.get(pid, 0.0),
                        in_scope=scope))
    hits.sort(key=lambda h: (not h.in_scope, -h.score))
    return hits


def _best(scores: np.ndarray, n: int) -> np.ndarray:
    """The rows with a positive score among the n best, best first; equal scores in row
    order, so the same index always gives the same candidates.

    Fully sorting every row's score was a visible share of a question at 100k passages,
    so the n best are selected first (with every row tied at the cut) and only they are
    sorted.
    """
    if len(scores) > n:
        nth = np.partition(scores, len(scores) - n)[len(scores) - n]  # the n-th best score
        rows = np.flatnonzero(scores >= nth if nth > 0 else scores > 0)
    else:
        rows = np.flatnonzero(scores > 0)
    return rows[np.argsort(-scores[rows], kind="stable")][:n]


_AGGREGATE = re.compile(r"\b(?:tong cong|tong so|binh quan|trung binh|ca giai doan|average|total|in total)\b")


class _Constraints:
    """A question's places, articles, years and figures, compiled once per question and
    checked against each candidate passage."""

    def __init__(self, q: Question):
        self.places = set(q.places)
        self.articles = [re.compile(rf"\b{a}\b") for a in q.articles]
        self.years = set(q.years)
        self.periods = q.periods
        # A total or an average over the period ("tổng cộng … giai đoạn 2011-2020"), unless the
        # question also names its year ("năm 2020 … theo nghị quyết giai đoạn 2011-2020").
        self.period_aggregate = not single_years(q.text) and _AGGREGATE.search(q.folded) is not None
        self.documents = set(q.according_to)
        self.citations = [citation_pattern(d) for d in q.according_to]
        figures = [f for f in q.figures if not (len(f) == 4 and f.isdigit())]  # years are constraints
        self.figures = [re.compile(rf"(?<![\w.,]){re.escape(fold(f))}(?![\w])") for f in figures]

    def in_scope(self, p: Passage) -> bool:
        # The document's identity settles most passages; only the rest need their text read.
        if self.places and not self.places <= set(p.places):
            # Every place named must be covered: "Quảng Trị … sang Nhật Bản" needs both.
            if not self.places - set(p.places) <= _text_places(p.text):
                return False
        if self.articles:
            # "Điều 3 của Quyết định 59" can only be answered by a text that has an Điều 3.
            own = _folded(f"{p.section} {p.text}")
            if not any(a.search(own) for a in self.articles):
                return False
        if self.documents and document_number(p.number) not in self.documents:
            # "Theo Quyết định 576 …" is answered by that decision; a report may speak for
            # it only by citing it, and another legal text never (QĐ 576 cites QĐ 59).
            if p.number or not any(c.search(_folded(p.text)) for c in self.citations):
                return False
        if self.periods:
            # "giai đoạn 2011-2015" is not answered by a text that states its own, other period
            # ("chuẩn nghèo … áp dụng cho giai đoạn 2016 - 2020"); a text naming none may answer,
            # but a report on one year ("… năm 2020") does not give a total or an average over
            # the period, except where its text names the period.
            stated = _text_periods(f"{p.title} {p.section} {p.text}")
            # A text that reports from one end of the period to the other ("từ 22% năm 2005
            # xuống còn 9,45% năm 2010") speaks for it, whatever period its title sets.
            spanned = all({a, b} <= _text_years(p.text) for a, b in self.periods)
            if stated and not spanned and not all(any(lo <= a and b <= hi for lo, hi in stated) for a, b in self.periods):
                return False
            if not stated and self.period_aggregate and _single_years(p.title):
                return False
        if self.years and not self.years & set(p.years):
            if not self.years & _text_years(p.text):
                return False
        elif self.years and (own := _single_years(p.title)) and not self.years & own:
            # The title's own year is the one its figures are for ("kết quả rà soát hộ nghèo năm
            # 2020"); a year inside its standard's period ("giai đoạn 2016-2020") is not, unless
            # the passage names it.
            if not self.years & _single_years(f"{p.section} {p.text}"):
                return False
        return True

    def figure_match(self, p: Passage) -> float:
        if not self.figures:
            return 0.0
        hay = _folded(f"{p.text} {p.number} {p.title}")
        return sum(bool(f.search(hay)) for f in self.figures) / len(self.figures)


@lru_cache(maxsize=_TEXT_CACHE)
def _text_places(text: str) -> frozenset[str]:
    return frozenset(places_in(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _text_periods(text: str) -> tuple[tuple[int, int], ...]:
    return periods_in(text)


@lru_cache(maxsize=_TEXT_CACHE)
def _single_years(text: str) -> frozenset[int]:
    return single_years(text)


@lru_cache(maxsize=_TEXT_CACHE)
def _text_years(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in _YEAR_RE.findall(text))


@lru_cache(maxsize=_TEXT_CACHE)
def _folded(text: str) -> str:
    return fold(text).lower()


def clear_caches() -> None:
    """Forget the per-text facts (the bench does, so a repeated question costs what a new one does)."""
    for cached in (_text_places, _text_periods, _text_years, _single_years, _folded):
        cached.cache_clear()


def _minmax(scores: dict[str, float]) -> dict[str, float]:
    # Dense cosine scores sit in a narrow band (0.89-0.90 on this corpus), so only their
    # order within this question's candidates is informative: rescale to [0, 1].
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    span = hi - lo or 1.0
    return {k: (v - lo) / span for k, v in scores.items()}
