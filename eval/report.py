"""The report files: report.json, report.md, failures.csv (and report.html via eval.html).

Tables are built once (`Table`) and rendered to Markdown here and to HTML in eval.html,
so both reports always show the same figures.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.metrics import Judgement
from eval.runner import TRACUU, EvalRun, write_results

# (key, label, kind) in the order of the summary table.
METRICS = [
    ("hit@1", "Retrieval hit@1", "rate"),
    ("hit@5", "Retrieval hit@5", "rate"),
    ("mrr@10", "Retrieval MRR@10", "score"),
    ("answer_acc", "Answer accuracy (gold in answer)", "rate"),
    ("figure_acc", "Figure accuracy (first figure stated is the gold)", "rate"),
    ("token_f1", "Token F1 (syllables)", "score"),
    ("citation_support", "Citation support (of correct answers)", "rate"),
    ("abstain_acc", "Abstention accuracy (unanswerable)", "rate"),
    ("false_abstain", "False abstention (answerable)", "rate"),
    ("overall_acc", "Overall accuracy (answer or right abstention)", "rate"),
    ("latency_ms_p50", "Latency p50 (ms)", "ms"),
    ("latency_ms_p95", "Latency p95 (ms)", "ms"),
    ("answer_chars_p50", "Answer length p50 (chars)", "count"),
    ("setup_s", "Setup before the first question (s)", "seconds"),
]
PER_TYPE = [("overall_acc", "Accuracy by question type (abstention accuracy for unanswerable)"),
            ("figure_acc", "Figure accuracy by question type (over questions whose gold answer is a figure)"),
            ("hit@5", "Retrieval hit@5 by question type"),
            ("token_f1", "Token F1 by question type")]
WORST = 10


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Failure:
    """A question tracuu got wrong, with what the baselines did on it."""

    row: dict[str, Any]  # dataset fields
    response: dict[str, Any]
    judgement: Judgement
    reason: str
    baselines_ok: dict[str, bool]

    @property
    def top_passage(self) -> dict[str, Any]:
        passages = self.response.get("passages") or []
        return passages[0] if passages else {}


def fmt(value: Any, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return f"{100 * value:.1f}%"
    if kind == "score":
        return f"{value:.3f}"
    if kind == "ms":
        return f"{value:,.0f}"
    if kind == "seconds":
        return f"{value:.1f}" if value else "–"
    return f"{value:,.0f}"


def summary_table(report: dict[str, Any]) -> Table:
    systems = report["systems"]
    rows = [[label, *(fmt(m.get(key), kind) for m in systems.values())] for key, label, kind in METRICS]
    return Table("Summary", ["Metric", *systems], rows)


def per_type_table(report: dict[str, Any], key: str, title: str) -> Table:
    systems = report["systems"]
    kind = next(k for m, _, k in METRICS if m == key)
    types = sorted({t for m in systems.values() for t in m["per_type"]})
    first = next(iter(systems.values()))["per_type"]
    rows = [[t, str(first.get(t, {}).get("questions", 0)),
             *(fmt(m["per_type"].get(t, {}).get(key), kind) for m in systems.values())] for t in types]
    return Table(title, ["Type", "n", *systems], rows)


def tables(report: dict[str, Any]) -> list[Table]:
    return [summary_table(report), *(per_type_table(report, key, title) for key, title in PER_TYPE)]


def failures(run: EvalRun) -> list[Failure]:
    """tracuu's failures, worst first: confident wrong answers (retrieval missed first,
    lowest F1 first), then answers to unanswerable questions, then false abstentions."""
    others = [s for s in run.systems if s.name != TRACUU]
    out = []
    for i, (item, response, j) in enumerate(zip(run.items, run.tracuu.responses, run.tracuu.judgements)):
        if j.ok:
            continue
        out.append(Failure(item.fields(), response, j, _reason(j), {s.name: s.judgements[i].ok for s in others}))
    return sorted(out, key=_severity)


def _reason(j: Judgement) -> str:
    if not j.answerable:
        return "answered an unanswerable question"
    if j.abstained:
        return "false abstention" + ("" if j.hit_rank or not j.retrieval_judged else " (evidence not retrieved)")
    if j.retrieval_judged and not j.hit_rank:
        return "wrong answer; evidence not in the top 10 passages"
    return f"wrong answer; evidence retrieved at rank {j.hit_rank}" if j.hit_rank else "wrong answer"


def _severity(f: Failure) -> tuple:
    j = f.judgement
    group = 2 if j.abstained else (1 if not j.answerable else 0)
    return (group, bool(j.hit_rank), j.f1 or 0.0, f.row["id"])


# -- rendering -------------------------------------------------------------------------
def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def md_table(t: Table) -> str:
    lines = [f"### {t.title}", "", "| " + " | ".join(t.headers) + " |",
             "|" + "|".join(["---"] + ["---:"] * (len(t.headers) - 1)) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines)


def clip(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1] + "…"


def gold_text(row: dict[str, Any]) -> str:
    return " | ".join([row["answer"] or "(unanswerable)", *row["answer_aliases"]])


def passage_label(p: dict[str, Any]) -> str:
    return " › ".join(x for x in (p.get("title", ""), p.get("section", "")) if x)


def header_lines(report: dict[str, Any]) -> list[str]:
    d = report["dataset"]
    return [f"Dataset: {d['path']} — {d['questions']} questions scored, {d['skipped']} rows skipped; "
            f"k = {report['k']} passages per question.",
            "Answer accuracy counts the gold (or an alias) anywhere in the answer text; figure "
            "accuracy asks whether the first figure an answer states is the gold one."]


def markdown(report: dict[str, Any], run: EvalRun) -> str:
    parts = ["# tracuu evaluation report", "", *header_lines(report), ""]
    for t in tables(report):
        parts += [md_table(t), ""]
    worst = failures(run)[:WORST]
    parts += [f"## {len(worst)} worst failures of tracuu", ""]
    for n, f in enumerate(worst, start=1):
        top = f.top_passage
        parts += [f"**{n}. {f.row['id']}** ({f.row['type']}, {f.reason})", "",
                  f"- Question: {clip(f.row['question'], 300)}",
                  f"- Gold: {clip(gold_text(f.row), 300)}",
                  f"- Answer: {clip(f.response.get('answer', ''), 400)}",
                  f"- Top passage: {passage_label(top) or '(none)'} — {clip(top.get('text', ''), 300)}", ""]
    problems = report["dataset"]["problems"]
    if problems:
        parts += ["## Dataset problems", "", *(f"- {p}" for p in problems), ""]
    return "\n".join(parts)


def write_failures_csv(path: Path, run: EvalRun) -> None:
    """Every tracuu failure, one row each; UTF-8 with BOM so spreadsheets show Vietnamese."""
    names = [s.name for s in run.systems if s.name != TRACUU]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "type", "failure", "question", "gold", "evidence", "answer", "abstained",
                    "hit_rank", "token_f1", "top_passage", "top_passage_text",
                    *(f"{n}_correct" for n in names)])
        for f in failures(run):
            j, top = f.judgement, f.top_passage
            w.writerow([f.row["id"], f.row["type"], f.reason, f.row["question"], gold_text(f.row),
                        f.row["evidence"], f.response.get("answer", ""), "yes" if j.abstained else "no",
                        j.hit_rank or "", "" if j.f1 is None else f"{j.f1:.3f}", passage_label(top),
                        top.get("text", ""), *("yes" if f.baselines_ok[n] else "no" for n in names)])


def write_all(run: EvalRun, out_dir: Path) -> dict[str, Any]:
    """Write every output file; returns report.json's content."""
    from eval.html import html_report

    out_dir.mkdir(parents=True, exist_ok=True)
    write_results(run, out_dir)
    report = run.report()
    (out_dir / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    (out_dir / "report.md").write_text(markdown(report, run), encoding="utf-8")
    (out_dir / "report.html").write_text(html_report(report, run), encoding="utf-8")
    write_failures_csv(out_dir / "failures.csv", run)
    return report
