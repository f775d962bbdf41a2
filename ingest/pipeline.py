"""`tracuu ingest`: idempotent, crash-safe, one writer at a time.

Order per document: vectors into Chroma, then one catalog transaction (the commit
marker). A SIGKILL anywhere leaves either a committed document or orphan vectors, and
`reconcile` at the start of the next ingest removes the orphans and forgets documents
whose vectors went missing, so the next run converges to what a clean build gives.
"""
from __future__ import annotations

import fcntl
import logging
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
from ingest.types import Document, Passage

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

    Symlinks that lead outside a given folder are refused: a folder of documents must
    not pull in files from elsewhere on the machine.
    """
    files, folders, problems = [], [], []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            folders.append(path.resolve())
            root = path.resolve()
            for f in sorted(path.rglob("*")):
                if f.name.startswith(".") or f.suffix.lower() not in SUPPORTED:
                    continue
                real = f.resolve()
                if f.is_symlink() and root not in real.parents:
                    problems.append(UnreadableFileError(str(f), "symlink pointing outside the folder; skipped"))
                    continue
                if real.is_file():
                    files.append(f)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(UnreadableFileError(str(path), "no such file or folder"))
    return files, folders, problems


def reconcile(index: Index) -> int:
    """Make Chroma and the catalog agree after an interrupted run. Returns repairs made."""
    in_store = index.store.ids()
    in_catalog = index.catalog.passage_ids()
    orphans = in_store - in_catalog
    if orphans:
        index.store.delete_ids(sorted(orphans))
    missing = in_catalog - in_store
    broken = index.catalog.docs_of_passages(missing) if missing else set()
    for doc_id in broken:  # forget it; the file is ingested again below
        index.store.delete_doc(doc_id)
        index.catalog.remove_document(doc_id)
    return len(orphans) + len(broken)


def ingest_paths(index: Index, paths: Iterable[Path], progress: Progress | None = None,
                 max_bytes: int | None = None) -> IngestReport:
    """Bring the index in line with `paths`: add new, replace changed, drop deleted files."""
    started = time.perf_counter()
    report = IngestReport()
    with writer_lock(index.dir):
        manifest_mod.write(index.dir, index.manifest)
        report.repaired = reconcile(index)
        files, folders, problems = discover(paths)
        report.failed.extend(problems)
        known = {d.doc_id: d for d in index.documents()}
        by_path = {str(Path(d.source_path).resolve()): d for d in known.values()}
        seen: set[str] = set()
        for n, path in enumerate(files, start=1):
            if progress:
                progress(path.name, n - 1, len(files))
            try:
                if max_bytes is not None and path.stat().st_size > max_bytes:
                    raise UnreadableFileError(str(path), f"larger than the {max_bytes // 2**20} MB limit")
                previous = by_path.get(str(path.resolve()))
                doc_id = previous.doc_id if previous else _free_doc_id(path, known, seen)
                seen.add(doc_id)
                outcome = _ingest_one(index, path, doc_id, known.get(doc_id), report)
                getattr(report, outcome).append(doc_id)
            except UnreadableFileError as err:
                report.failed.append(err)
            except TracuuError:
                raise
            except Exception as err:  # one bad file never stops the batch
                log.debug("ingest of %s failed", path, exc_info=True)
                report.failed.append(UnreadableFileError(str(path), f"{type(err).__name__}: {err}"))
        if progress:
            progress("", len(files), len(files))
        for doc in known.values():
            src = Path(doc.source_path).resolve()
            in_folder = any(folder == src.parent or folder in src.parents for folder in folders)
            if in_folder and doc.doc_id not in seen and not src.exists():
                remove_document(index, doc.doc_id, _locked=True)
                report.removed.append(doc.doc_id)
        index.keyword()  # rebuild and persist the keyword index for the new generation
    report.seconds = time.perf_counter() - started
    return report


def _free_doc_id(path: Path, known: dict, taken: set[str]) -> str:
    base = doc_id_for(path)
    candidate, n = base, 2
    while (candidate in known and str(Path(known[candidate].source_path).resolve()) != str(path.resolve())) \
            or candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _ingest_one(index: Index, path: Path, doc_id: str, previous, report: IngestReport) -> str:
    doc = load_document(path, doc_id=doc_id)
    if previous is not None and previous.content_hash == doc.content_hash:
        report.passages += previous.passages
        return "unchanged"
    doc = Document(**{**doc.__dict__, "source_path": str(path.resolve())})
    passages = build_passages(doc, index.config.bounds)
    t0 = time.perf_counter()
    vectors = embed_passages(index, passages)
    report.embed_seconds += time.perf_counter() - t0
    report.embedded += len(passages)
    if previous is not None:
        index.store.delete_doc(doc_id)
    index.store.add(passages, vectors)
    index.catalog.commit_document(doc, passages)  # the commit marker
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
    """Drop a document's vectors, then its catalog rows."""
    if not _locked:
        with writer_lock(index.dir):
            remove_document(index, doc_id, _locked=True)
            index.keyword()
        return
    index.store.delete_doc(doc_id)
    index.catalog.remove_document(doc_id)


def wipe(index_dir: Path) -> None:
    """Delete an index completely (for --rebuild after a settings change)."""
    with writer_lock(index_dir):
        for child in index_dir.iterdir():
            if child.name == "ingest.lock" or child.name == "uploads":
                continue
            shutil.rmtree(child) if child.is_dir() else child.unlink()
