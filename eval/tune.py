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
