"""Where a dataset's evidence sits in the indexed documents, and whether a retrieved
passage holds it (by containment or by span overlap)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from eval.matching import squash
from ingest.normalize import normalize_text

_MIN_OVERLAP = 0.5  # a passage holding at least half of the evidence span counts as a hit


@dataclass(frozen=True)
class EvidenceSpan:
    """One occurrence of the evidence: offsets into the document's normalised text."""

    doc_id: str
    start: int
    end: int


def _squash_with_map(text: str) -> tuple[str, list[int]]:
    """Whitespace runs collapsed to one space, plus the original offset of each char."""
    out, where = [], []
    for m in re.finditer(r"\s+|\S+", text):
        if m.group()[0].isspace():
            out.append(" ")
            where.append(m.start())
        else:
            out.append(m.group())
            where.extend(range(m.start(), m.end()))
    return "".join(out), where


class EvidenceLocator:
    """Finds evidence strings in a fixed set of documents (doc_id -> normalised text)."""

    def __init__(self, texts: Mapping[str, str]):
        self._docs = {doc_id: _squash_with_map(normalize_text(text)) for doc_id, text in texts.items()}

    @classmethod
    def from_index(cls, index) -> "EvidenceLocator":
        return cls({d.doc_id: index.document_text(d.doc_id) or "" for d in index.documents()})

    def __len__(self) -> int:
        return len(self._docs)

    def locate(self, evidence: str) -> tuple[EvidenceSpan, ...]:
        """Every occurrence of `evidence` (whitespace-normalised) in every document."""
        needle = squash(evidence)
        if not needle:
            return ()
        spans = []
        for doc_id, (flat, where) in self._docs.items():
            at = flat.find(needle)
            while at >= 0:
                end = at + len(needle) - 1
                spans.append(EvidenceSpan(doc_id, where[at], where[end] + 1))
                at = flat.find(needle, at + 1)
        return tuple(spans)


def passage_holds(passage: Mapping[str, Any], evidence: str, spans: tuple[EvidenceSpan, ...]) -> bool:
    """A retrieved passage (Answer JSON form) contains the evidence or overlaps its span."""
    needle = squash(evidence)
    if needle and needle in squash(passage.get("text", "")):
        return True
    start, end = passage.get("start"), passage.get("end")
    if start is None or end is None:
        return False
    for sp in spans:
        if sp.doc_id != passage.get("doc_id"):
            continue
        overlap = min(end, sp.end) - max(start, sp.start)
        if overlap > 0 and overlap >= _MIN_OVERLAP * (sp.end - sp.start):
            return True
    return False
