"""What every loader shares: the raw result type, doc ids, and normalisation."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.diacritics import fold
from ingest.errors import UnreadableFileError
from ingest.normalize import normalize_text
from ingest.types import Document

META_KEYS = ("title", "number", "issuer", "date", "source", "completeness")


@dataclass
class RawDocument:
    """A loader's output before normalisation: body text, metadata, optional page spans."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    # (start, end, page) into `text`; normalisation keeps lengths (see _normalize_pages).
    pages: list[tuple[int, int, int]] = field(default_factory=list)


def doc_id_for(path: Path) -> str:
    """A readable, stable id from the file name: "bao-cao-giam-ngheo-quang-tri-2020"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(path.stem).lower()).strip("-")
    return slug or "tai-lieu"


def make_document(path: Path, raw: RawDocument, doc_id: str | None, data: bytes) -> Document:
    if raw.pages:
        text, pages = _normalize_pages(raw)
    else:
        text, pages = normalize_text(raw.text), ()
    if not text.strip():
        raise UnreadableFileError(str(path), "no text could be extracted from the file")
    meta = {k: _one_line(normalize_text(str(v))) for k, v in raw.meta.items() if v is not None}
    title = meta.get("title") or _one_line(path.stem.replace("_", " ").replace("-", " ")) or doc_id_for(path)
    return Document(
        doc_id=doc_id or doc_id_for(path),
        title=title,
        text=text,
        source_path=str(path),
        number=meta.get("number", ""),
        issuer=meta.get("issuer", ""),
        date=meta.get("date", ""),
        source=meta.get("source", ""),
        completeness=meta.get("completeness", ""),
        content_hash=hashlib.sha256(data).hexdigest(),
        pages=pages,
    )


def _one_line(value: str) -> str:
    """Metadata shown on one line: control characters (from a file name or a header) become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def _normalize_pages(raw: RawDocument) -> tuple[str, tuple[tuple[int, int, int], ...]]:
    # Normalise page by page so page spans stay exact even where NFC shortens the text.
    parts, pages, at = [], [], 0
    for start, end, page in raw.pages:
        chunk = normalize_text(raw.text[start:end])
        if parts:
            parts.append("\n\n")
            at += 2
        parts.append(chunk)
        pages.append((at, at + len(chunk), page))
        at += len(chunk)
    return "".join(parts), tuple(pages)
