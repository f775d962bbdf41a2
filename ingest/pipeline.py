"""`tracuu ingest`: idempotent, crash-safe, one writer at a time.

The catalog is the source of truth. Order per document: new vectors into Chroma, then
one catalog transaction (the commit marker), then the replaced version's vectors out;
a removal drops the catalog rows first. A SIGKILL anywhere therefore leaves committed
documents plus, at worst, orphan vectors, and `reconcile` at the start of the next
ingest removes those (and forgets any document whose vectors went missing), so the next
run converges to what a clean build gives.
"""
from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ingest import manifest as manifest_mod
from ingest.errors import IndexBusyError, TracuuError, UnreadableFileError
from ingest.index import Index
from ingest.loaders import SUPPORTED, load_document
from ingest.loaders.common import doc_id_for
from ingest.passages import build_passages
from ingest.store import forget_local
from ingest.types import Document, DocumentInfo, Passage

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (file name, done, total)


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[UnreadableFileError] = field(default_factory=list)
    passages: int = 0
    embedded: int = 0
    seconds: float = 0.0
    embed_seconds: float = 0.0
    repaired: int = 0

    @property
    def passages_per_s(self) -> float:
        return self.passages / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        docs = len(self.added) + len(self.replaced)
        return (f"{docs} documents ingested ({len(self.added)} new, {len(self.replaced)} changed), "
                f"{len(self.unchanged)} unchanged, {len(self.removed)} removed, {len(self.failed)} failed; "
                f"{self.passages} passages in {self.seconds:.1f} s ({self.passages_per_s:.1f} passages/s)")


@contextmanager
def writer_lock(index_dir: Path) -> Iterator[None]:
    """One ingest at a time: a second one is refused with a clear message."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / "ingest.lock", "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexBusyError(str(index_dir)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path], list[UnreadableFileError]]:
    """(files to ingest, folders given, problems) for the paths on the command line.

    Inside a folder, hidden files and folders are skipped (an index folder kept there,
    .git), and links that lead outside the folder are refused: a folder of documents
    must not pull in files from elsewhere on the machine.
    """
    files, folders, problems = [], [], []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            root = path.resolve()
            folders.append(root)
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if f.is_symlink() and f.is_dir():
                    problems.append(UnreadableFileError(
                        str(f), "a link to a folder; links to folders are not followed"))
                    continue
                if f.suffix.lower() not in SUPPORTED:
                    continue
                real = f.resolve()
                if root not in real.parents:
                    problems.append(UnreadableFileError(str(f), "a link to a file outside the folder; skipped"))
                elif real.is_file():
                    files.append(f)
                elif f.is_symlink() and not real.exists():
                    problems.append(UnreadableFileError(str(f), "a broken link; skipped"))
        elif path.is_file():
            files.append(path)
        elif path.exists():  # a FIFO or device would block or never end
            problems.append(UnreadableFileError(str(path), "not a regular file; skipped"))
        else:
            problems.append(UnreadableFileError(str(path), "no such file or folder"))
    return files, folders, problems


def reconcile(index: Index, verify: bool = True) -> int:
    """Make Chroma agree with the catalog after an interrupted run. Returns repairs made.

    A vector the catalog does not hold under the same document is an orphan and goes;
    a committed document missing any vector is forgotten and ingested again.

    With `verify=False` the check is skipped when the last run ended cleanly and nothing
    has been written since (see Catalog.clean_mark): reading every vector's metadata took
    18 s at 100k passages. The mark is cleared first, so a run that dies leaves none.
    Only a change made behind tracuu's back that keeps the vector count (a vector moved
    to another document) gets past the mark: `tracuu ingest --verify` checks everything.
    """
    mark = index.catalog.clean_mark()
    index.catalog.clear_clean_mark()
    if not verify and mark is not None and mark[0] == index.catalog.generation \
            and mark[1] == index.store.count() == index.catalog.passage_count():
        return 0
    in_store = index.store.owners()
    in_catalog = index.catalog.passage_owners()
    orphans = sorted(pid for pid, doc in in_store.items() if in_catalog.get(pid) != doc)
    if orphans:
        index.store.delete_ids(orphans)
    broken = {doc for pid, doc in in_catalog.items() if in_store.get(pid) != doc}
    for doc_id in sorted(broken):
        remove_document(index, doc_id, _locked=True)
    return len(orphans) + len(broken)


def ingest_paths(index: Index, paths: Iterable[Path], progress: Progress | None = None,
                 max_bytes: int | None = None, verify: bool = False) -> IngestReport:
    """Bring the index in line with `paths`: add new, replace changed, drop deleted files.

    `verify` checks every stored vector against the catalog even after a clean run."""
    started = time.perf_counter()
    report = IngestReport()
    with writer_lock(index.dir):
        manifest_mod.write(index.dir, index.manifest)
        report.repaired = reconcile(index, verify=verify)
        files, folders, problems = discover(paths)
        report.failed.extend(problems)
        # Files gone from a given folder go first: their ids and contents are free again
        # (a surviving copy of a deleted file is then not mistaken for a duplicate).
        for doc in index.documents():
            src = Path(doc.source_path)
            if any(folder in src.parents for folder in folders) and not src.exists():
                remove_document(index, doc.doc_id, _locked=True)
                report.removed.append(doc.doc_id)
        known = {d.doc_id: d for d in index.documents()}
        by_path = {str(Path(d.source_path).resolve()): d for d in known.values()}
        by_hash = {d.content_hash: (d.doc_id, d.source_path) for d in known.values()}
        seen: set[str] = set()
        unexpected = False
        for n, path in enumerate(files, start=1):
            if progress:
                progress(path.name, n - 1, len(files))
            try:
                if max_bytes is not None and (size := path.stat().st_size) > max_bytes:
                    raise UnreadableFileError(
                        str(path), f"larger than the {max_bytes // 2**20} MB limit ({size / 2**20:.1f} MB)")
                previous = by_path.get(str(path.resolve()))
                doc_id = previous.doc_id if previous else _free_doc_id(path, known, seen)
                seen.add(doc_id)
                outcome = _ingest_one(index, path, doc_id, previous, by_hash, report)
                getattr(report, outcome).append(doc_id)
            except UnreadableFileError as err:
                report.failed.append(err)
            except TracuuError:
                raise
            except Exception as err:  # one bad file never stops the batch
                log.debug("ingest of %s failed", path, exc_info=True)
                report.failed.append(UnreadableFileError(str(path), f"{type(err).__name__}: {err}"))
                unexpected = True
        if progress:
            progress("", len(files), len(files))
        if unexpected:  # a write may have stopped between Chroma and the catalog
            report.repaired += reconcile(index)
        index.keyword()  # rebuild and persist the keyword index for the new generation
        if not unexpected:
            index.catalog.set_clean_mark(index.store.count())
    report.seconds = time.perf_counter() - started
    return report


def _free_doc_id(path: Path, known: dict, taken: set[str]) -> str:
    base = doc_id_for(path)
    candidate, n = base, 2
    while (candidate in known and str(Path(known[candidate].source_path).resolve()) != str(path.resolve())) \
            or candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _ingest_one(index: Index, path: Path, doc_id: str, previous: DocumentInfo | None,
                by_hash: dict[str, tuple[str, str]], report: IngestReport) -> str:
    # The content hash decides before any parsing: an unchanged PDF costs one read.
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as err:
        raise UnreadableFileError(str(path), f"cannot read the file ({err.strerror or err})") from None
    if previous is not None and previous.content_hash == digest:
        report.passages += previous.passages
        return "unchanged"
    twin = by_hash.get(digest)
    if twin is not None and twin[0] != doc_id:
        # Passage ids are content-derived, so a second copy would collide with the first.
        if previous is not None:
            remove_document(index, doc_id, _locked=True)
            report.removed.append(doc_id)
        raise UnreadableFileError(str(path), f"same content as the indexed document {twin[0]} ({twin[1]}); skipped")
    doc = load_document(path, doc_id=doc_id)
    doc = Document(**{**doc.__dict__, "source_path": str(path.resolve())})
    passages = build_passages(doc, index.config.bounds)
    t0 = time.perf_counter()
    vectors = embed_passages(index, passages)
    report.embed_seconds += time.perf_counter() - t0
    report.embedded += len(passages)
    # New vectors go in before the old ones go out, so a crash at any point leaves the
    # previous version answerable and only orphans behind, which reconcile removes.
    stale = index.catalog.passage_ids(doc_id) if previous is not None else set()
    index.store.add(passages, vectors)
    index.catalog.commit_document(doc, passages)  # the commit marker
    stale -= {p.passage_id for p in passages}
    if stale:
        index.store.delete_ids(sorted(stale))
    by_hash[doc.content_hash] = (doc_id, doc.source_path)
    report.passages += len(passages)
    return "replaced" if previous is not None else "added"


def embedding_text(p: Passage) -> str:
    """What the embedder sees: the passage with its document's identity in front, so a
    paragraph that never names its province or year still carries them."""
    head = [p.title]
    if p.section and not p.section.startswith("Đoạn") and not p.text.startswith(p.section):
        head.append(p.section)
    return ". ".join(head) + "\n" + p.text


def embed_passages(index: Index, passages: list[Passage]):
    import numpy as np

    size = max(1, index.config.batch_size)
    texts = [embedding_text(p) for p in passages]
    chunks = [index.embedder.embed_passages(texts[i:i + size]) for i in range(0, len(texts), size)]
    return np.concatenate(chunks) if chunks else np.zeros((0, index.embedder.dim), dtype=np.float32)


def remove_document(index: Index, doc_id: str, _locked: bool = False) -> None:
    """Drop a document's catalog rows (the commit marker), then its vectors."""
    if not _locked:
        with writer_lock(index.dir):
            remove_document(index, doc_id, _locked=True)
            index.keyword()
        return
    index.catalog.remove_document(doc_id)
    index.store.delete_doc(doc_id)


def wipe(index_dir: Path) -> None:
    """Delete an index completely (for --rebuild after a settings change).

    Each part is first moved aside with one atomic rename, derived parts before the
    catalog and the manifest last, so a wipe killed halfway leaves a state that the
    next ingest repairs like any other interrupted run.
    """
    with writer_lock(index_dir):
        forget_local(index_dir)  # this process may hold the old files open
        trash = index_dir / ".wipe"
        shutil.rmtree(trash, ignore_errors=True)
        trash.mkdir()
        parts = [c for c in index_dir.iterdir() if c.name not in ("ingest.lock", "uploads", trash.name)]
        for child in sorted(parts, key=_wipe_rank):
            os.replace(child, trash / child.name)
        shutil.rmtree(trash)


def _wipe_rank(part: Path) -> int:
    order = ("keyword", "catalog.sqlite-", "catalog.sqlite", "chroma")
    if part.name == manifest_mod.FILE:
        return len(order) + 1
    return next((i for i, prefix in enumerate(order) if part.name.startswith(prefix)), len(order))
