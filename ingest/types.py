"""Core ingest types: plain frozen dataclasses with no third-party imports."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One source file after loading and normalisation.

    `text` is the normalised body; every offset in the system refers to it.
    """

    doc_id: str
    title: str
    text: str
    source_path: str = ""
    number: str = ""
    issuer: str = ""
    date: str = ""
    source: str = ""
    completeness: str = ""
    content_hash: str = ""
    # (start, end, page) spans for paginated formats; empty for others.
    pages: tuple[tuple[int, int, int], ...] = ()

    @property
    def is_partial(self) -> bool:
        return self.completeness.strip().lower().startswith("partial")


@dataclass(frozen=True)
class Passage:
    """The unit of retrieval and citation: `doc.text[start:end] == text`."""

    passage_id: str
    doc_id: str
    title: str
    section: str
    start: int
    end: int
    text: str
    segmented: tuple[str, ...] = ()
    # Sentence spans relative to `text`, so answers can quote whole sentences.
    sentences: tuple[tuple[int, int], ...] = ()
    page: int | None = None
    number: str = ""
    completeness: str = ""
    # Document identity carried into retrieval: place names and years it covers.
    places: tuple[str, ...] = ()
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    """What the index knows about a stored document (for listings and scope)."""

    doc_id: str
    title: str
    number: str
    date: str
    issuer: str
    completeness: str
    source_path: str
    content_hash: str
    passages: int
    places: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)
