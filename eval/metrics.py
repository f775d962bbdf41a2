"""Judge one response against its dataset row, then aggregate into the report metrics.

Pure functions over the Answer JSON, so a results.jsonl can be re-scored later.
Rates are over the questions they make sense for (answer accuracy over answerable
ones, figure accuracy over those whose gold is a figure, abstention accuracy over
unanswerable ones, citation support over correct answers); a rate with no such
question is None, shown as "–".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

from eval.dataset import EvalItem
from eval.evidence import passage_holds
from eval.matching import first_figure_correct, is_correct, token_f1

MRR_DEPTH = 10


@dataclass(frozen=True)
class Judgement:
    """How one system did on one question."""

    id: str
    type: str
    answerable: bool
    abstained: bool
    correct: bool | None  # answerable questions only
    figure_first: bool | None  # answerable questions whose gold has a figure
    f1: float | None  # answerable questions only
    hit_rank: int | None  # 1-based rank of the first passage holding the evidence (top 10)
    retrieval_judged: bool  # answerable and has evidence
    supported: bool | None  # correct answers only: a cited passage backs the answer
    latency_ms: float | None
    answer_chars: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        """Right answer, or a right abstention on an unanswerable question."""
        return bool(self.correct) if self.answerable else self.abstained


def hit_rank(passages: list[Mapping[str, Any]], evidence: str, spans, depth: int = MRR_DEPTH) -> int | None:
    """Rank (from 1) of the first passage that holds the evidence, within `depth`."""
    for rank, p in enumerate(passages[:depth], start=1):
        if passage_holds(p, evidence, spans):
            return rank
    return None


def citation_supported(item: EvalItem, response: Mapping[str, Any]) -> bool:
    """A cited passage contains the evidence, or states the answer with its unit."""
    for c in response.get("citations") or []:
        if item.evidence and passage_holds(c, item.evidence, item.evidence_spans):
            return True
        if is_correct(c.get("text", ""), item.answer, item.aliases):
            return True
    return False


def judge(item: EvalItem, response: Mapping[str, Any]) -> Judgement:
    abstained = bool(response.get("abstained"))
    text = "" if abstained else str(response.get("answer") or "")
    correct = f1 = supported = figure_first = None
    rank = None
    judged = item.answerable and bool(item.evidence)
    if item.answerable:
        correct = not abstained and is_correct(text, item.answer, item.aliases)
        f1 = token_f1(text, (item.answer, *item.aliases))
        figure_first = first_figure_correct(text, item.question, item.answer, item.aliases)
        supported = citation_supported(item, response) if correct else None
    if judged:
        rank = hit_rank(response.get("passages") or [], item.evidence, item.evidence_spans)
    total = (response.get("timings_ms") or {}).get("total")
    return Judgement(id=item.id, type=item.type, answerable=item.answerable, abstained=abstained,
                     correct=correct, figure_first=figure_first, f1=f1, hit_rank=rank, retrieval_judged=judged,
                     supported=supported, latency_ms=None if total is None else float(total),
                     answer_chars=len(text), error=str(response.get("error") or ""))


def _mean(values: Iterable[float | bool]) -> float | None:
    values = [float(v) for v in values]
    return round(sum(values) / len(values), 4) if values else None


def _pct(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def aggregate(js: list[Judgement]) -> dict[str, Any]:
    """The report metrics over a group of judgements."""
    answerable = [j for j in js if j.answerable]
    unanswerable = [j for j in js if not j.answerable]
    retrieval = [j for j in answerable if j.retrieval_judged]
    correct = [j for j in answerable if j.correct]
    latencies = [j.latency_ms for j in js if j.latency_ms is not None]
    answered = [j.answer_chars for j in js if not j.abstained]
    return {
        "questions": len(js),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "hit@1": _mean(j.hit_rank == 1 for j in retrieval),
        "hit@5": _mean(j.hit_rank is not None and j.hit_rank <= 5 for j in retrieval),
        "mrr@10": _mean(1.0 / j.hit_rank if j.hit_rank else 0.0 for j in retrieval),
        "answer_acc": _mean(j.correct for j in answerable),
        "figure_questions": sum(j.figure_first is not None for j in answerable),
        "figure_acc": _mean(j.figure_first for j in answerable if j.figure_first is not None),
        "token_f1": _mean(j.f1 for j in answerable),
        "citation_support": _mean(j.supported for j in correct),
        "abstain_acc": _mean(j.abstained for j in unanswerable),
        "false_abstain": _mean(j.abstained for j in answerable),
        "overall_acc": _mean(j.ok for j in js),
        "latency_ms_p50": _pct(latencies, 50),
        "latency_ms_p95": _pct(latencies, 95),
        "answer_chars_p50": _pct(answered, 50),
        "errors": sum(bool(j.error) for j in js),
    }


def system_metrics(js: list[Judgement]) -> dict[str, Any]:
    """Aggregate metrics plus the same metrics per question type."""
    types = sorted({j.type for j in js})
    return {**aggregate(js), "per_type": {t: aggregate([j for j in js if j.type == t]) for t in types}}
