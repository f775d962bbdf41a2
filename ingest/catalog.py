"""The catalog: documents and passages in SQLite, the source of truth of the index.

A document is committed in one transaction after its vectors are in Chroma, so the
catalog row is the per-document commit marker: anything in Chroma without it is an
orphan from an interrupted ingest and is removed on the next one.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Generic, Iterator, Sequence, TypeVar

from ingest.types import Document, DocumentInfo, Passage

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, source_path TEXT NOT NULL,
    title TEXT, number TEXT, issuer TEXT, date TEXT, source TEXT, completeness TEXT,
    places TEXT, years TEXT, passages INTEGER, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS passages (
    passage_id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, ord INTEGER NOT NULL,
    section TEXT, start INTEGER, "end" INTEGER, text TEXT NOT NULL,
    segmented TEXT, sentences TEXT, page INTEGER
);
CREATE INDEX IF NOT EXISTS passages_doc ON passages(doc_id, ord);
"""


class Catalog:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the web app answers from a worker thread pool; SQLite
        # serialises access itself and we only read outside ingest.
        self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        # Rows already read, for the generation they were read at. Questions keep meeting
        # the same documents and, on a small or topical corpus, the same passages (in the
        # bench, 83% of a question's candidates were read for an earlier one at 1k
        # passages, 15% at 100k); reading and decoding them again was most of the
        # catalog's share of a question.
        self._docs = _GenerationCache[DocumentInfo](limit=20_000)
        self._rows = _GenerationCache[Passage](limit=10_000)  # ~2 KB a passage

    def close(self) -> None:
        self._db.close()

    def forget_rows(self) -> None:
        """Empty the row caches (the bench does, so a repeated question costs what a new one does)."""
        self._docs.at(-1)
        self._rows.at(-1)

    # -- generation: bumps on every change, so derived indexes know they are stale ----
    @property
    def generation(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    def _bump(self) -> None:
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES('generation', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (str(self.generation + 1),)
        )

    # -- clean mark: "the last writer finished, and the store then held this many vectors" --
    # Checking every vector against the catalog reads all of Chroma's metadata (18 s at
    # 100k passages); after a run that ended cleanly nothing can have diverged, unless
    # the generation or the store's count has moved since.
    def clean_mark(self) -> tuple[int, int] | None:
        """(generation, store count) left by the last run that ended cleanly, if any."""
        row = self._db.execute("SELECT value FROM meta WHERE key='clean'").fetchone()
        if not row:
            return None
        generation, count = row[0].split(":")
        return int(generation), int(count)

    def set_clean_mark(self, store_count: int) -> None:
        with self._db:
            self._db.execute("INSERT INTO meta(key, value) VALUES('clean', ?) ON CONFLICT(key) DO UPDATE "
                             "SET value=excluded.value", (f"{self.generation}:{store_count}",))

    def clear_clean_mark(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM meta WHERE key='clean'")

    def passage_count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM passages").fetchone()[0]

    # -- writes ----------------------------------------------------------------------
    def commit_document(self, doc: Document, passages: Sequence[Passage]) -> None:
        """Replace a document and its passages atomically."""
        places = passages[0].places if passages else ()
        years = passages[0].years if passages else ()
        with self._db:
            self._delete(doc.doc_id)
            self._db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.content_hash, doc.source_path, doc.title, doc.number, doc.issuer,
                 doc.date, doc.source, doc.completeness, json.dumps(places, ensure_ascii=False),
                 json.dumps(years), len(passages), doc.text),
            )
            self._db.executemany(
                "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(p.passage_id, p.doc_id, i, p.section, p.start, p.end, p.text,
                  json.dumps(p.segmented, ensure_ascii=False), json.dumps(p.sentences), p.page)
                 for i, p in enumerate(passages)],
            )
            self._bump()

    def remove_document(self, doc_id: str) -> None:
        with self._db:
            self._delete(doc_id)
            self._bump()

    def _delete(self, doc_id: str) -> None:
        self._db.execute("DELETE FROM passages WHERE doc_id=?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE doc_id=?", (doc_id,))

    # -- reads -----------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        rows = self._db.execute(f"SELECT {_DOC_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
        return [_document_info(r) for r in rows]

    def document_text(self, doc_id: str) -> str | None:
        row = self._db.execute("SELECT text FROM documents WHERE doc_id=?", (doc_id,)).fetchone()
        return row[0] if row else None

    def passage_ids(self, doc_id: str | None = None) -> set[str]:
        """Every passage id, or those of one document."""
        if doc_id is None:
            return {r[0] for r in self._db.execute("SELECT passage_id FROM passages")}
        return {r[0] for r in self._db.execute("SELECT passage_id FROM passages WHERE doc_id=?", (doc_id,))}

    def passage_owners(self) -> dict[str, str]:
        """Every passage id with its document id."""
        return dict(self._db.execute("SELECT passage_id, doc_id FROM passages"))

    def passages(self, ids: Sequence[str], with_segmented: bool = False) -> dict[str, Passage]:
        """Passages by id (any order); unknown ids are simply absent.

        `segmented` stays empty unless asked for: only the keyword build reads it, and
        decoding it for every candidate was a sixth of a question's search time.
        """
        generation = self.generation
        # Only rows without `segmented` are cached: the keyword build reads every row once.
        cache = {} if with_segmented else self._rows.at(generation)
        out = {pid: cache[pid] for pid in ids if pid in cache}
        wanted = [pid for pid in ids if pid not in out]
        segmented = "segmented" if with_segmented else "NULL"
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            q = (f'SELECT passage_id, doc_id, section, start, "end", text, {segmented}, sentences, page '
                 f"FROM passages WHERE passage_id IN ({','.join('?' * len(chunk))})")
            rows = self._db.execute(q, chunk).fetchall()
            # Only the documents these passages belong to: reading every document row on
            # each call made the query path grow with the size of the catalog.
            docs = self._documents_by_id({r[1] for r in rows}, generation)
            for row in rows:
                out[row[0]] = cache[row[0]] = _passage(row, docs.get(row[1]))
        return out

    def _documents_by_id(self, doc_ids: set[str], generation: int) -> dict[str, DocumentInfo]:
        cache = self._docs.at(generation)
        wanted = sorted(d for d in doc_ids if d not in cache)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            rows = self._db.execute(
                f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall()
            cache.update((r[0], _document_info(r)) for r in rows)
        return {d: cache[d] for d in doc_ids if d in cache}

    def iter_passages(self) -> Iterator[Passage]:
        """Every passage in a stable order (document, then position)."""
        docs = {d.doc_id: d for d in self.documents()}
        q = ('SELECT passage_id, doc_id, section, start, "end", text, segmented, sentences, page '
             "FROM passages ORDER BY doc_id, ord")
        for row in self._db.execute(q):
            yield _passage(row, docs.get(row[1]))


_DOC_COLUMNS = ("doc_id, title, number, date, issuer, completeness, source_path, content_hash,"
                " passages, places, years")


class _GenerationCache(Generic[T]):
    """Rows by id, valid for one catalog generation: emptied when the generation moves
    on (any write, from this process or another) and when it outgrows `limit`."""

    def __init__(self, limit: int):
        self._limit = limit
        self._generation = -1
        self._items: dict[str, T] = {}

    def at(self, generation: int) -> dict[str, T]:
        """The cache for `generation`, read from the catalog before the rows it will hold."""
        if generation != self._generation or len(self._items) > self._limit:
            self._items, self._generation = {}, generation
        return self._items


_json = json.JSONDecoder().decode  # json.loads' argument checks cost more than these tiny lists


def _document_info(r) -> DocumentInfo:
    return DocumentInfo(*r[:9], places=tuple(json.loads(r[9] or "[]")), years=tuple(json.loads(r[10] or "[]")))


def _passage(row, doc: DocumentInfo | None) -> Passage:
    pid, doc_id, section, start, end, text, segmented, sentences, page = row
    return Passage(
        passage_id=pid, doc_id=doc_id, title=doc.title if doc else "", section=section or "",
        start=start, end=end, text=text, segmented=tuple(_json(segmented)) if segmented else (),
        sentences=tuple(map(tuple, _json(sentences))) if sentences else (), page=page,
        number=doc.number if doc else "", completeness=doc.completeness if doc else "",
        places=doc.places if doc else (), years=doc.years if doc else (),
    )
