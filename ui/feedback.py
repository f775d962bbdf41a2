"""👍/👎 on answers, appended as one JSON line each to `<index_dir>/feedback.jsonl`."""
from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any, Mapping

FILE = "feedback.jsonl"
# One process-wide lock: many web sessions write to the same file from worker threads.
_LOCK = threading.Lock()


def feedback_record(answer: Mapping[str, Any], liked: bool, docs: list[str] | None = None) -> dict[str, Any]:
    """What is kept: the question, the answer text and which passages it cited (not whole passages)."""
    return {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "vote": "up" if liked else "down",
        "question": answer.get("question", ""),
        "answer": answer.get("answer", ""),
        "abstained": bool(answer.get("abstained")),
        "citations": [{"marker": c.get("marker"), "doc_id": c.get("doc_id"), "passage_id": c.get("passage_id")}
                      for c in answer.get("citations", [])],
        "docs": list(docs or []),
    }


def append_feedback(index_dir: Path, record: Mapping[str, Any]) -> Path:
    """Append one record; the file is created on first use."""
    path = Path(index_dir) / FILE
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with _LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(line)
    return path
