"""report.html: the Markdown report's tables and failures plus inline SVG plots, in one
self-contained file (no scripts, no external resources)."""
from __future__ import annotations

from html import escape
from typing import Any

from eval import plots
from eval.report import WORST, Failure, Table, clip, failures, gold_text, header_lines, passage_label, tables
from eval.runner import EvalRun

_STYLE = """
body{font-family:system-ui,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.3em .6em}
th{background:#f3f3f3}td:not(:first-child){text-align:right}
.failure{border-left:4px solid #c33;padding:.2em 1em;margin:1em 0;background:#fff8f8}
.failure dt{font-weight:600}.failure dd{margin:0 0 .4em 0}.plot svg{max-width:100%;height:auto}
code{background:#f3f3f3;padding:0 .2em}
"""


def _table(t: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in t.headers)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in t.rows)
    return f"<h3>{escape(t.title)}</h3><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _failures(worst: list[Failure]) -> str:
    out = []
    for n, f in enumerate(worst, start=1):
        top = f.top_passage
        fields = [("Question", clip(f.row["question"], 300)), ("Gold", clip(gold_text(f.row), 300)),
                  ("Answer", clip(f.response.get("answer", ""), 400)),
                  ("Top passage", f"{passage_label(top) or '(none)'} — {clip(top.get('text', ''), 300)}")]
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in fields)
        out.append(f'<div class="failure"><p><b>{n}. {escape(f.row["id"])}</b> '
                   f'({escape(f.row["type"])}, {escape(f.reason)})</p><dl>{items}</dl></div>')
    return "".join(out)


def html_report(report: dict[str, Any], run: EvalRun) -> str:
    latencies = {s.name: [j.latency_ms for j in s.judgements if j.latency_ms is not None] for s in run.systems}
    figures = [plots.metric_bars(report), plots.per_type_bars(report), plots.latency_histogram(latencies)]
    problems = report["dataset"]["problems"]
    worst = failures(run)[:WORST]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<title>tracuu evaluation report</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>tracuu evaluation report</h1>", *(f"<p>{escape(line)}</p>" for line in header_lines(report)),
        *(f'<div class="plot">{svg}</div>' for svg in figures[:2]),
        *(_table(t) for t in tables(report)),
        f'<div class="plot">{figures[2]}</div>',
        f"<h2>{len(worst)} worst failures of tracuu</h2>", _failures(worst),
    ]
    if problems:
        parts += ["<h2>Dataset problems</h2><ul>", *(f"<li>{escape(p)}</li>" for p in problems), "</ul>"]
    parts.append("</body></html>")
    return "\n".join(parts)
