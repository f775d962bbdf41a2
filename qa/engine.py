"""The single answer path: `answer(question, engine=…) -> Answer`.

The CLI, the web UI and the eval suite all call it; nothing else produces answers.
"""
from __future__ import annotations

import re
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np

from ingest.errors import BadQuestionError, UnknownDocumentError
from ingest.index import Index
from ingest.keyword import idf
from qa import abstain
from qa.extract import Span, best_spans, figure_text
from qa.matching import Matcher
from qa.question import Question, analyse
from qa.retrieve import RetrievalParams, dense_weight, keyword_scores, retrieve
from qa.types import Answer, Citation, Hit

TRUNCATED_NOTE = "Câu hỏi quá dài nên chỉ dùng {n} ký tự đầu (question truncated to {n} characters)."


@dataclass(frozen=True)
class AnswerParams:
    min_coverage: float = 0.35
    rescue_similarity: float = 0.86
    max_question_chars: int = 1000
    # Answer (or refuse) from the keyword side alone, without embedding the question, when
    # its best quote covers at least this share of the question's words (0 turns it off).
    # Chosen on dev (README "Tuning", the words-first curve): at 0.5, 305 of its 456
    # questions stop there and 304 get the very answer or refusal the hybrid path gives;
    # the other gets the same figure from another sentence that states it.
    lexical_exit: float = 0.5


@dataclass
class Engine:
    """A warm index plus the tuned parameters; build once, answer many times."""

    index: Index
    retrieval: RetrievalParams = field(default_factory=RetrievalParams)
    answering: AnswerParams = field(default_factory=AnswerParams)
    # Query embeddings run on this one thread: concurrent questions queue for the model
    # instead of splitting the cores between them, and its OpenMP team stays warm.
    # Started on first use.
    _embedding: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracuu-embed"),
        init=False, repr=False, compare=False)

    def warm_up(self) -> "Engine":
        """Load the model, the keyword index and the store before the first question."""
        self.index.keyword()
        self.index.store.count()
        self.embed_query("khởi động")
        return self

    def embed_query(self, text: str) -> np.ndarray:
        """The question's vector, computed on the embedding thread."""
        return self._embedding.submit(lambda: self.index.embedder.embed_queries([text])[0]).result()


def clean_question(raw: str, limit: int) -> tuple[str, list[str]]:
    """Drop control characters, collapse spaces, truncate with a note. Raises on empty."""
    if raw is None:
        raw = ""
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\n" else ch for ch in str(raw))
    text = re.sub(r"\s+", " ", text).strip()
    if not text or not re.search(r"\w", text):
        raise BadQuestionError("Câu hỏi trống: hãy nhập một câu hỏi (the question is empty).")
    notes = []
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] or text[:limit]
        notes.append(TRUNCATED_NOTE.format(n=limit))
    return text, notes


def answer(question: str, *, engine: Engine, docs: list[str] | None = None, k: int | None = None) -> Answer:
    """Answer from the indexed documents, or abstain; every [n] is a verified quote."""
    t0 = time.perf_counter()
    text, notes = clean_question(question, engine.answering.max_question_chars)
    docs = _check_docs(engine.index, docs)
    k = k or engine.retrieval.k
    params = engine.retrieval if k == engine.retrieval.k else RetrievalParams(
        k=k, candidates=max(k, engine.retrieval.candidates), dense_weight=engine.retrieval.dense_weight,
        constraint_boost=engine.retrieval.constraint_boost)
    q = analyse(text)
    kw = engine.index.keyword()
    matcher = Matcher.for_question(q, lambda t, accented: idf(kw, t, accented))
    n = max(params.k, params.candidates)
    keyword = keyword_scores(engine.index, q, n, docs) if dense_weight(q, params) < 1 else {}
    found = _from_words(engine, q, params, docs, keyword, matcher) \
        or _hybrid(engine, q, params, docs, keyword, matcher)
    hits, spans, decision, t1 = found
    return _respond(q, text, notes, tuple(hits[:k]), spans, matcher, decision, t0, t1)


# Hits, quotes, the decision, and when retrieval ended (timings_ms["retrieve"]).
_Found = tuple[list[Hit], list[Span], abstain.Decision, float]


def _from_words(engine: Engine, q: Question, params: RetrievalParams, docs: list[str] | None,
                keyword: dict[str, float], matcher: Matcher) -> _Found | None:
    """The answer or refusal from the keyword side alone, when the words decide; else None.

    When its best quote covers the question well, the hybrid path comes to the same answer
    or refusal (see AnswerParams.lexical_exit), so embedding the question, most of a
    question's time, is skipped. A place, year or document the question names is matched by
    its very words, so when no candidate is in scope, the vectors would not bring one either.
    A weaker match, no keyword candidate at all, and English take the hybrid path.
    """
    exit_at = engine.answering.lexical_exit
    if not exit_at or not keyword or q.english:
        return None
    hits = retrieve(engine.index, q, replace(params, dense_weight=0.0), docs, keyword=keyword)
    retrieved = time.perf_counter()
    spans = best_spans(hits, q, matcher)
    out_of_scope = bool(hits) and not any(h.in_scope for h in hits)
    if out_of_scope or (spans and spans[0].coverage >= max(exit_at, engine.answering.min_coverage)):
        return hits, spans, abstain.decide(q, hits, spans, engine.answering.min_coverage), retrieved
    return None


def _hybrid(engine: Engine, q: Question, params: RetrievalParams, docs: list[str] | None,
            keyword: dict[str, float], matcher: Matcher) -> _Found:
    # One query embedding serves dense retrieval and the paraphrase check. It is not
    # overlapped with the keyword half of retrieval: on 2 cores that slowed the embedding
    # (its threads lost a core) by more than it saved (`tracuu bench scale --sizes 1000`,
    # 2026-12-01: query p50 58.8 ms overlapped, 50.2 ms in turn).
    query_vector = engine.embed_query(q.text)
    hits = retrieve(engine.index, q, params, docs, query_vector=query_vector, keyword=keyword)
    retrieved = time.perf_counter()
    spans = best_spans(hits, q, matcher)
    decision = abstain.decide(q, hits, spans, engine.answering.min_coverage,
                              lambda sp: _similarity(engine, query_vector, sp), engine.answering.rescue_similarity)
    return hits, spans, decision, retrieved


def _respond(q: Question, text: str, notes: list[str], shown: tuple[Hit, ...], spans: list[Span],
             matcher: Matcher, decision: abstain.Decision, t0: float, t1: float) -> Answer:
    """The Answer: the refusal, or the composed answer with its verified citations."""
    t2 = time.perf_counter()
    timings = {"retrieve": (t1 - t0) * 1000, "answer": (t2 - t1) * 1000, "total": (t2 - t0) * 1000}
    if decision.abstain:
        return Answer(question=text, answer=decision.message, abstained=True, passages=shown,
                      timings_ms=timings, notes=tuple(notes))
    body, citations = compose(q, [spans[decision.use], *spans[:decision.use], *spans[decision.use + 1:]], matcher)
    return Answer(question=text, answer=body, abstained=False, citations=tuple(citations), passages=shown,
                  timings_ms=timings, notes=tuple(notes))


def _check_docs(index: Index, docs: list[str] | None) -> list[str] | None:
    if not docs:
        return None
    known = [d.doc_id for d in index.documents()]
    unknown = [d for d in docs if d not in known]
    if unknown:
        raise UnknownDocumentError(unknown, known)
    return list(dict.fromkeys(docs))


def compose(q: Question, spans: list[Span], m: Matcher) -> tuple[str, list[Citation]]:
    """Answer text with [n] markers and the citations behind them, each quote verified."""
    best = spans[0]
    chosen = [best]
    missing = m.missing(best.text)
    if missing and q.intent != "quantity":
        # A second passage may hold what the first lacks (a two-part question).
        rest = Matcher(m.accents, missing)
        for sp in spans[1:]:
            if sp.passage.passage_id != best.passage.passage_id and rest.coverage(sp.text) >= 0.5 \
                    and sp.score >= 0.75 * best.score:
                chosen.append(sp)
                break
    citations: list[Citation] = []
    parts: list[str] = []
    for sp in chosen:
        quote = sp.text.strip()
        if not quote or sp.passage.text.find(quote) < 0:  # never emit an unverifiable marker
            continue
        marker = len(citations) + 1
        citations.append(Citation(marker=marker, passage=sp.passage, quote=quote))
        if sp.figure is not None and marker == 1:
            parts.append(f"{figure_text(sp.passage.text, sp.figure)} [{marker}] — “{quote}”")
        else:
            parts.append(f"{quote} [{marker}]")
    return " ".join(parts), citations


def _similarity(engine: Engine, query_vector, span: Span) -> float:
    """Cosine similarity of the question and one candidate quote (one embedding call)."""
    return float(engine.index.embedder.embed_passages([span.text])[0] @ query_vector)
