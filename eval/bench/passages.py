"""Synthetic corpus on disk -> (Document, Passage[]) through the real loader.

Documents are read with `ingest.loaders.load_document`, so text, doc ids and content
hashes are exactly what `tracuu ingest` computes (a later re-ingest finds them
unchanged). Passage boundaries and sentences come from the generator's layout, and
`segmented` from a dictionary of underthesea's own words (longest match) instead of
underthesea itself: segmentation speed is not what the scale runs measure, and at 100k
passages it alone would take most of an hour.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import numpy as np

from ingest.loaders import load_document
from ingest.passages import passage_id
from ingest.places import document_identity
from ingest.tokens import TOKEN_RE
from ingest.types import Document, Passage
from eval.bench.synth import LAYOUT, VECTORS


class Segmenter:
    """Longest-match segmentation against a dictionary of multi-syllable words."""

    def __init__(self, compounds: frozenset[str], longest: int = 4):
        self.compounds = compounds
        self.longest = longest

    def words(self, text: str) -> list[str]:
        syl = [m.group() for m in TOKEN_RE.finditer(text)]
        low = [s.lower() for s in syl]
        out, i = [], 0
        while i < len(syl):
            for n in range(min(self.longest, len(syl) - i), 0, -1):
                if n == 1 or " ".join(low[i:i + n]) in self.compounds:
                    out.append(" ".join(syl[i:i + n]))
                    i += n
                    break
        return out


def load_corpus(folder: Path, segmenter: Segmenter) -> Iterator[tuple[Document, list[Passage]]]:
    """Each synthetic document with its passages, in layout order (the order of the vectors)."""
    layout = json.loads((folder / LAYOUT).read_text())
    for entry in layout["docs"]:
        path = (folder / "docs" / f"{entry['name']}.txt").resolve()
        doc = load_document(path)
        doc = Document(**{**doc.__dict__, "source_path": str(path)})
        yield doc, _passages(doc, entry, segmenter)


def load_vectors(folder: Path) -> np.ndarray:
    return np.load(folder / VECTORS, mmap_mode="r")


def _passages(doc: Document, entry: dict, segmenter: Segmenter) -> list[Passage]:
    places, years = document_identity(doc.title, doc.issuer, doc.date, doc.number)
    out, at = [], 0
    for lengths, section in zip(entry["sentences"], entry["sections"]):
        size = sum(lengths) + len(lengths) - 1  # sentences joined by one space
        start, end = at, at + size
        text = doc.text[start:end]
        spans, s = [], 0
        for n in lengths:
            spans.append((s, s + n))
            s += n + 1
        out.append(Passage(
            passage_id=passage_id(doc.content_hash, start, end), doc_id=doc.doc_id, title=doc.title,
            section=section, start=start, end=end, text=text, segmented=tuple(segmenter.words(text)),
            sentences=tuple(spans), number=doc.number, completeness=doc.completeness,
            places=places, years=years,
        ))
        at = end + 2  # the blank line between paragraphs
    if at - 2 != len(doc.text.rstrip("\n")):
        raise ValueError(f"{doc.source_path}: layout does not match the loaded text")
    return out
