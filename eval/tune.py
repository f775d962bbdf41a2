"""`tracuu eval tune`: choose the fusion weight and the abstention threshold on the dev
split, and show the curves behind the choice.

Each setting answers every question through `qa.answer` (the user path) with only that
parameter changed, and is scored with the suite's own metrics.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from eval.dataset import EvalItem
from eval.metrics import aggregate, judge
from eval.runner import answer_all
from qa import answer
from qa.engine import Engine

Progress = Callable[[str, int, int], None]
DENSE_WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0)
MIN_COVERAGES = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6)
RESCUE_SIMILARITIES = (0.80, 0.83, 0.85, 0.86, 0.87, 0.88, 0.90, 1.0)
EXIT_THRESHOLDS = (0.35, 0.4, 0.5, 0.6, 0.7, 0.8)
SHOWN = ("hit@1", "hit@5", "mrr@10", "answer_acc", "figure_acc", "abstain_acc", "false_abstain")


@dataclass(frozen=True)
class Point:
    parameter: str
    value: float
    metrics: dict[str, Any]

    @property
    def false_answer(self) -> float | None:
        """Share of unanswerable questions that got an answer anyway."""
        acc = self.metrics.get("abstain_acc")
        return None if acc is None else 1.0 - acc


def sweep(engine: Engine, items: list[EvalItem], parameter: str, values: tuple[float, ...],
          progress: Progress | None = None) -> list[Point]:
    """Score the dataset once per value of `dense_weight`, `min_coverage` or `rescue_similarity`."""
    original = (engine.retrieval, engine.answering)
    points = []
    try:
        for value in values:
            if parameter == "dense_weight":
                engine.retrieval = replace(original[0], dense_weight=value)
            else:
                engine.answering = replace(original[1], **{parameter: value})
            label = f"{parameter}={value:g}"
            responses = answer_all(label, lambda q, k: answer(q, engine=engine, k=k), items, engine.retrieval.k,
                                   progress)
            points.append(Point(parameter, value, aggregate([judge(i, r) for i, r in zip(items, responses)])))
    finally:
        engine.retrieval, engine.answering = original
    return points


@dataclass(frozen=True)
class ExitPoint:
    """Words first at one `lexical_exit`: questions decided without embedding the question,
    and how many of them get exactly the hybrid path's answer or refusal."""

    value: float
    decided: int
    same: int


class CountingEmbedder:
    """An embedder wrapped to count the questions it embeds (the words-first table, and the
    tests that a question the words decide is never embedded)."""

    def __init__(self, inner):
        self.inner, self.model_id, self.dim, self.queries = inner, inner.model_id, inner.dim, 0

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        self.queries += len(texts)
        return self.inner.embed_queries(texts)


def exit_agreement(engine: Engine, items: list[EvalItem], values: tuple[float, ...] = EXIT_THRESHOLDS,
                   progress: Progress | None = None) -> list[ExitPoint]:
    """For each `lexical_exit`, compare every answer decided on the words with the hybrid path's
    (`lexical_exit` = 0): the threshold is only worth its speed if the two agree."""
    original, inner = engine.answering, engine.index.embedder
    counter = CountingEmbedder(inner)
    engine.index.embedder = counter

    def outcome(question: str) -> tuple[str, bool]:
        a = answer(question, engine=engine)
        return a.answer, a.abstained

    points = []
    try:
        engine.answering = replace(original, lexical_exit=0.0)
        hybrid = []
        for done, item in enumerate(items, start=1):
            hybrid.append(outcome(item.question))
            if progress:
                progress("lexical_exit=0", done, len(items))
        for value in values:
            engine.answering = replace(original, lexical_exit=value)
            decided = same = 0
            for done, (item, reference) in enumerate(zip(items, hybrid), start=1):
                before = counter.queries
                got = outcome(item.question)
                if counter.queries == before:
                    decided += 1
                    same += got == reference
                if progress:
                    progress(f"lexical_exit={value:g}", done, len(items))
            points.append(ExitPoint(value, decided, same))
    finally:
        engine.answering, engine.index.embedder = original, inner
    return points


def exit_markdown(points: list[ExitPoint], chosen: float) -> str:
    head = "| lexical_exit | " + " | ".join(f"{p.value:g}" + (" (chosen)" if abs(p.value - chosen) < 1e-9 else "")
                                           for p in points) + " |"
    return "\n".join([head, "|---" * (len(points) + 1) + "|",
                      "| decided on the words | " + " | ".join(str(p.decided) for p in points) + " |",
                      "| same as the hybrid path | " + " | ".join(str(p.same) for p in points) + " |"])


def markdown(points: list[Point], chosen: float) -> str:
    """A table of the curve, the chosen value marked."""
    head = "| " + points[0].parameter + " | " + " | ".join(SHOWN) + " | false_answer |"
    rows = [head, "|" + "---|" * (len(SHOWN) + 2)]
    for p in points:
        cells = [_fmt(p.metrics.get(k)) for k in SHOWN] + [_fmt(p.false_answer)]
        mark = " (chosen)" if abs(p.value - chosen) < 1e-9 else ""
        rows.append(f"| {p.value:g}{mark} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def plot(points: list[Point], keys: tuple[str, ...], path: Path) -> None:
    from eval.plots import _pyplot

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    xs = [p.value for p in points]
    for key in keys:
        ys = [p.false_answer if key == "false_answer" else p.metrics.get(key) for p in points]
        ax.plot(xs, [float("nan") if y is None else y for y in ys], marker="o", label=key)
    ax.set_xlabel(points[0].parameter)
    ax.set_ylim(0, 1.02)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.savefig(path, bbox_inches="tight")
    plt.close(fig)


def _fmt(v: Any) -> str:
    return "–" if v is None else f"{v:.3f}"
