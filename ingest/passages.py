"""Document -> Passages: whole sentences, bounded size, exact offsets, section paths."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest import segment
from ingest.places import document_identity
from ingest.structure import Block, blocks
from ingest.types import Document, Passage


@dataclass(frozen=True)
class PassageBounds:
    min_chars: int
    max_chars: int


def build_passages(doc: Document, bounds: PassageBounds) -> list[Passage]:
    """Group paragraphs into passages; split over-long paragraphs between sentences.

    A new passage starts at every article/khoản or report topic label, and once the
    current one has reached `min_chars`; no passage cuts a sentence.
    """
    groups = _group(doc.text, blocks(doc.text), bounds)
    places, years = document_identity(doc.title, doc.issuer, doc.date, doc.number)
    out = []
    for start, end, section in groups:
        text = doc.text[start:end]
        sentences = tuple((s - start, e - start) for s, e in segment.sentence_spans(doc.text, start, end))
        out.append(
            Passage(
                passage_id=passage_id(doc.content_hash or doc.text, start, end),
                doc_id=doc.doc_id,
                title=doc.title,
                section=section,
                start=start,
                end=end,
                text=text,
                segmented=tuple(segment.words(text)),
                sentences=sentences,
                page=_page_of(doc, start),
                number=doc.number,
                completeness=doc.completeness,
                places=places,
                years=years,
            )
        )
    return out


def passage_id(content_key: str, start: int, end: int) -> str:
    """Stable across runs: the document's content plus the span."""
    return hashlib.sha1(f"{content_key}:{start}:{end}".encode()).hexdigest()[:20]


def _group(text: str, paragraphs: list[Block], bounds: PassageBounds) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for block in paragraphs:
        if block.end - block.start > bounds.max_chars:
            spans.extend((s, e, block.section, block.starts_unit) for s, e in _split_long(text, block, bounds))
        else:
            spans.append((block.start, block.end, block.section, block.starts_unit))
    groups: list[list] = []
    for start, end, section, starts_unit in spans:
        if groups:
            g = groups[-1]
            fits = end - g[0] <= bounds.max_chars
            # Short paragraphs gather until the passage is big enough to retrieve on its
            # own; tiny fragments (a signature, "[...]", "QUYẾT ĐỊNH:") join the passage
            # before them rather than standing alone.
            tiny = end - start < bounds.min_chars // 4
            if not starts_unit and fits and (g[1] - g[0] < bounds.min_chars or tiny):
                g[1] = end
                continue
        groups.append([start, end, section])
    return [(s, e, sec) for s, e, sec in groups]


def _split_long(text: str, block: Block, bounds: PassageBounds) -> list[tuple[int, int]]:
    """Whole sentences packed up to max_chars; one sentence longer than that stays whole."""
    pieces: list[tuple[int, int]] = []
    for s, e in segment.sentence_spans(text, block.start, block.end):
        if pieces and e - pieces[-1][0] <= bounds.max_chars:
            pieces[-1] = (pieces[-1][0], e)
        else:
            pieces.append((s, e))
    return pieces or [(block.start, block.end)]


def _page_of(doc: Document, offset: int) -> int | None:
    for start, end, page in doc.pages:
        if start <= offset < end:
            return page
    return None
