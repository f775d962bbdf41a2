"""Answer -> the Answer JSON of ARCHITECTURE.md (the CLI, UI and eval all print this)."""
from __future__ import annotations

from typing import Any

from ingest.types import Passage
from qa.types import Answer, Hit


def _passage_fields(p: Passage) -> dict[str, Any]:
    return {"passage_id": p.passage_id, "doc_id": p.doc_id, "title": p.title, "section": p.section,
            "start": p.start, "end": p.end}


def _hit(h: Hit) -> dict[str, Any]:
    return {**_passage_fields(h.passage), "text": h.passage.text, "score": round(float(h.score), 6),
            "number": h.passage.number, "completeness": h.passage.completeness, "page": h.passage.page}


def answer_to_dict(a: Answer) -> dict[str, Any]:
    return {
        "question": a.question,
        "answer": a.answer,
        "abstained": a.abstained,
        "citations": [
            {"marker": c.marker, **_passage_fields(c.passage), "text": c.passage.text, "quote": c.quote,
             "number": c.passage.number, "completeness": c.passage.completeness, "page": c.passage.page}
            for c in a.citations
        ],
        "passages": [_hit(h) for h in a.passages],
        "timings_ms": {k: round(v, 2) for k, v in a.timings_ms.items()},
        "notes": list(a.notes),
    }
