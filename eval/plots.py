"""Plots for report.html, as inline SVG (matplotlib, no display needed)."""
from __future__ import annotations

import io
from typing import Any

import numpy as np

BAR_METRICS = ["hit@1", "hit@5", "mrr@10", "answer_acc", "figure_acc", "token_f1", "citation_support",
               "abstain_acc", "false_abstain", "overall_acc"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    matplotlib.rcParams["svg.fonttype"] = "none"  # real text in the SVG: small and searchable
    import matplotlib.pyplot as plt

    return plt


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    _pyplot().close(fig)
    text = buf.getvalue()
    return text[text.find("<svg"):]  # drop the XML prolog so it can sit inside HTML


def _grouped_bars(ax, groups: list[str], series: dict[str, list[float | None]]) -> None:
    width = 0.8 / max(1, len(series))
    x = np.arange(len(groups))
    for i, (name, values) in enumerate(series.items()):
        heights = [np.nan if v is None else v for v in values]
        ax.bar(x + (i - (len(series) - 1) / 2) * width, heights, width, label=name)
    ax.set_xticks(x, groups, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def metric_bars(report: dict[str, Any]) -> str:
    """Every rate metric, one bar per system (false_abstain: lower is better)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4))
    systems = report["systems"]
    _grouped_bars(ax, BAR_METRICS, {n: [m.get(k) for k in BAR_METRICS] for n, m in systems.items()})
    ax.set_title("Metrics per system (false_abstain: lower is better)")
    return _svg(fig)


def per_type_bars(report: dict[str, Any], key: str = "overall_acc") -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 4))
    systems = report["systems"]
    types = sorted({t for m in systems.values() for t in m["per_type"]})
    _grouped_bars(ax, types, {n: [m["per_type"].get(t, {}).get(key) for t in types] for n, m in systems.items()})
    ax.set_title("Accuracy per question type (abstention accuracy for unanswerable)")
    return _svg(fig)


def latency_histogram(latencies: dict[str, list[float]]) -> str:
    """Per-question latency of each system, on log-spaced bins."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.5))
    values = [v for vs in latencies.values() for v in vs if v > 0]
    if values:
        bins = np.geomspace(max(min(values), 0.01), max(values) * 1.01, 30)
        for name, vs in latencies.items():
            ax.hist([v for v in vs if v > 0], bins=bins, histtype="step", linewidth=1.5, label=name)
        ax.set_xscale("log")
        ax.legend(fontsize=8)
    ax.set_xlabel("latency per question (ms, log scale)")
    ax.set_ylabel("questions")
    ax.set_title("Latency")
    return _svg(fig)
