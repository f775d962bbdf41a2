"""Faults: an ingest killed at any moment converges to a clean build; one writer at a time.

`index_state` is the yardstick: documents, catalog passages, Chroma vectors (with the
document each is filed under) and keyword rows, which must all agree.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import HASHING_ENV, hashing_settings
from ingest.errors import IndexBusyError
from ingest.passages import build_passages
from ingest.pipeline import embed_passages, ingest_paths, reconcile, writer_lock
from ingest.loaders import load_document
from qa.factory import open_index

ROOT = Path(__file__).resolve().parent.parent
TRACUU = ROOT / ".venv" / "bin" / "tracuu"


@dataclass(frozen=True)
class IndexState:
    docs: dict[str, str]  # doc_id -> content hash
    catalog: dict[str, str]  # passage_id -> doc_id
    chroma_owners: dict[str, str]  # passage_id -> doc_id its vector is filed under
    keyword: tuple[str, ...]  # keyword index rows, in order (duplicates would show)

    @property
    def chroma(self) -> frozenset[str]:
        return frozenset(self.chroma_owners)

    def problems(self) -> list[str]:
        out = []
        if self.chroma_owners != self.catalog:
            extra = set(self.chroma_owners) - set(self.catalog)
            lost = set(self.catalog) - set(self.chroma_owners)
            wrong = {p for p in set(self.catalog) & set(self.chroma_owners) if self.catalog[p] != self.chroma_owners[p]}
            out.append(f"Chroma != catalog: {len(extra)} orphan, {len(lost)} missing, {len(wrong)} misfiled vectors")
        if len(set(self.keyword)) != len(self.keyword):
            out.append("duplicate keyword rows")
        if set(self.keyword) != set(self.catalog):
            out.append("keyword rows != catalog passages")
        if set(self.catalog.values()) - set(self.docs):
            out.append("passages of unknown documents")
        return out

    def consistent(self) -> bool:
        return not self.problems()

    def same_as(self, other: "IndexState") -> bool:
        """The same documents and passages (ids are content-derived) and both consistent."""
        return self.consistent() and other.consistent() and self.docs == other.docs \
            and self.catalog == other.catalog


def index_state(index) -> IndexState:
    docs = {d.doc_id: d.content_hash for d in index.documents()}
    catalog = index.catalog.passage_owners()
    return IndexState(docs, catalog, index.store.owners(), tuple(index.keyword().row_ids))


def clean_state(corpus: Path, where: Path) -> IndexState:
    index = open_index(hashing_settings(where), create=True)
    try:
        ingest_paths(index, [corpus])
        return index_state(index)
    finally:
        index.close()


# -- every crash window, reproduced exactly (fast) ---------------------------------------

@pytest.mark.unit
def test_orphan_vectors_of_an_uncommitted_document_are_removed(hashing_index, fixture_corpus, tmp_path):
    """Killed after Chroma took a new document's vectors, before the catalog commit."""
    new = fixture_corpus / "moi.txt"
    new.write_text("Chính sách hỗ trợ về nhà ở: 42 căn nhà cho hộ nghèo.", encoding="utf-8")
    passages = build_passages(load_document(new, doc_id="moi"), hashing_index.config.bounds)
    hashing_index.store.add(passages, embed_passages(hashing_index, passages))
    new.unlink()  # the user gave up on it: the orphans must not come back as a document
    assert not index_state(hashing_index).consistent()
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.repaired == len(passages)
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_crash_mid_replace_keeps_the_old_version_answerable_then_converges(hashing_index, fixture_corpus, tmp_path):
    """Killed after the new version's vectors went in, before its catalog commit."""
    path = fixture_corpus / "bao-cao-tinh-mau.txt"
    old_state = index_state(hashing_index)
    path.write_text(path.read_text(encoding="utf-8") + "\nChính sách hỗ trợ về nước sạch: 9 công trình.\n",
                    encoding="utf-8")
    doc = load_document(path, doc_id="bao-cao-tinh-mau")
    passages = build_passages(doc, hashing_index.config.bounds)
    hashing_index.store.add(passages, embed_passages(hashing_index, passages))
    # The previous version is still whole: every catalog passage has its vector.
    state = index_state(hashing_index)
    assert set(old_state.catalog) <= state.chroma and state.catalog == old_state.catalog
    ingest_paths(hashing_index, [fixture_corpus])
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_stale_vectors_left_after_a_replace_commit_are_removed(hashing_index, fixture_corpus, tmp_path):
    """Killed after the new version's commit, before its old vectors were deleted."""
    old = [p for p in hashing_index.catalog.iter_passages() if p.doc_id == "luat-mau"]
    path = fixture_corpus / "luat-mau.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("01 tháng 02", "15 tháng 03"), encoding="utf-8")
    ingest_paths(hashing_index, [fixture_corpus])
    hashing_index.store.add(old, embed_passages(hashing_index, old))  # put the leftovers back
    assert not index_state(hashing_index).consistent()
    ingest_paths(hashing_index, [fixture_corpus])
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_document_with_lost_vectors_is_ingested_again(hashing_index, fixture_corpus, tmp_path):
    """Chroma lost part of a committed document (e.g. its files were restored from an older backup)."""
    some = sorted(p for p, d in hashing_index.catalog.passage_owners().items() if d == "luat-mau")[:1]
    hashing_index.store.delete_ids(some)
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.added == ["luat-mau"] and report.repaired >= 1
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_vectors_filed_under_the_wrong_document_are_repaired(hashing_index, fixture_corpus, tmp_path):
    wrong = [p for p in hashing_index.catalog.iter_passages() if p.doc_id == "luat-mau"][:1]
    from dataclasses import replace

    misfiled = [replace(p, doc_id="bao-cao-tinh-mau") for p in wrong]
    hashing_index.store.delete_ids([p.passage_id for p in wrong])
    hashing_index.store.add(misfiled, embed_passages(hashing_index, misfiled))
    assert reconcile(hashing_index) == 2  # the misfiled vector, and the document it belonged to
    ingest_paths(hashing_index, [fixture_corpus])
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_unchanged_reingest_after_a_clean_run_does_not_read_every_vector(hashing_index, fixture_corpus, monkeypatch):
    """Checking every vector against the catalog took 18 s of a 27 s re-ingest at 100k passages."""
    monkeypatch.setattr(type(hashing_index.store), "owners", lambda self: pytest.fail("read every vector"))
    report = ingest_paths(hashing_index, [fixture_corpus])
    assert report.embedded == 0 and report.repaired == 0 and report.unchanged


@pytest.mark.unit
def test_verify_finds_a_change_made_behind_tracuus_back_that_keeps_the_count(hashing_index, fixture_corpus, tmp_path):
    """A vector moved to another document: the clean mark cannot see it, --verify does."""
    from dataclasses import replace

    wrong = [p for p in hashing_index.catalog.iter_passages() if p.doc_id == "luat-mau"][:1]
    hashing_index.store.delete_ids([p.passage_id for p in wrong])
    misfiled = [replace(p, doc_id="bao-cao-tinh-mau") for p in wrong]
    hashing_index.store.add(misfiled, embed_passages(hashing_index, misfiled))
    assert ingest_paths(hashing_index, [fixture_corpus], verify=True).repaired == 2
    assert index_state(hashing_index).same_as(clean_state(fixture_corpus, tmp_path / "clean"))


@pytest.mark.unit
def test_a_second_writer_is_refused_clearly(hashing_index, fixture_corpus):
    with writer_lock(hashing_index.dir):
        with pytest.raises(IndexBusyError, match="Another ingest is writing to"):
            ingest_paths(hashing_index, [fixture_corpus])
    ingest_paths(hashing_index, [fixture_corpus])  # the lock is released afterwards


# -- SIGKILL of a real `tracuu ingest` ---------------------------------------------------
_TOPICS = ["Chính sách hỗ trợ về y tế", "Chính sách hỗ trợ về giáo dục", "Chính sách hỗ trợ về nhà ở",
           "Dự án hỗ trợ phát triển sản xuất", "Chính sách tín dụng ưu đãi", "Dự án truyền thông và giảm nghèo"]
_PLACES = ["Đakrông", "Hướng Hóa", "Vĩnh Linh", "Gio Linh", "Cam Lộ", "Triệu Phong", "Hải Lăng"]


def _generated_corpus(folder: Path, n_files: int, seed: int) -> None:
    """Report-like files with numbered figures, different in every file."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        paragraphs = [f"Báo cáo số {i} về kết quả giảm nghèo năm {2000 + i}."]
        for j in range(rng.randint(4, 8)):
            topic, place = rng.choice(_TOPICS), rng.choice(_PLACES)
            paragraphs.append(
                f"{topic}: tại huyện {place}, đã hỗ trợ {rng.randint(10, 9999)} hộ nghèo với kinh phí "
                f"{rng.randint(1, 999)},{rng.randint(10, 99)} tỷ đồng. Kết quả đợt {j} đạt "
                f"{rng.randint(50, 100)}% kế hoạch. Các hộ được hướng dẫn cách làm ăn, "
                f"tiếp cận vốn vay và thị trường tiêu thụ sản phẩm.")
        (folder / f"bao-cao-{i:02d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _generation(index_dir: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{index_dir / 'catalog.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            row = db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        finally:
            db.close()
        return int(row[0]) if row else 0
    except sqlite3.Error:
        return -1


def _ingest_process(corpus: Path, index_dir: Path) -> subprocess.Popen:
    env = {**os.environ, **HASHING_ENV, "HF_HUB_OFFLINE": "1"}
    env.pop("TRACUU_CHROMA_URL", None)
    return subprocess.Popen([str(TRACUU), "ingest", str(corpus), "--index-dir", str(index_dir), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def _kill_after_work_starts(proc: subprocess.Popen, index_dir: Path, delay: float,
                            meanwhile=None, timeout: float = 90) -> str:
    """SIGKILL `delay` s after the run's first catalog change; returns what happened."""
    start_gen = _generation(index_dir)
    deadline = time.monotonic() + timeout
    while proc.poll() is None and _generation(index_dir) == start_gen:
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the ingest made no progress")
        time.sleep(0.02)
    if meanwhile is not None and proc.poll() is None:
        meanwhile()
    time.sleep(delay)
    if proc.poll() is not None:
        return "finished before the kill"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return f"killed at generation {_generation(index_dir)}"


@pytest.mark.integration
@pytest.mark.slow
def test_sigkill_during_ingest_then_ingest_equals_a_clean_build(tmp_path):
    from typer.testing import CliRunner

    from ui.cli import app

    corpus = tmp_path / "corpus"
    _generated_corpus(corpus, 30, seed=1)
    # Version 1 fully indexed (in this process), then copied: this process must not open
    # the index while the subprocesses write it, or Chroma's in-process cache goes stale.
    v1 = tmp_path / "v1"
    clean_state(corpus, v1)
    target = tmp_path / "index"
    shutil.copytree(v1, target)
    # Version 2: 8 files changed, 5 deleted, 8 added: the replace, remove and add windows.
    files = sorted(corpus.glob("*.txt"))
    for path in files[:8]:
        path.write_text(path.read_text(encoding="utf-8") + "\nPhụ lục: số liệu được cập nhật.\n", encoding="utf-8")
    for path in files[-5:]:
        path.unlink()
    _generated_corpus(tmp_path / "more", 8, seed=2)
    for path in (tmp_path / "more").glob("*.txt"):
        shutil.move(path, corpus / f"moi-{path.name}")
    expected = clean_state(corpus, tmp_path / "clean")
    runner = CliRunner(env=HASHING_ENV)

    def second_writer() -> None:  # while the first holds the index: refused, saying why
        busy = runner.invoke(app, ["ingest", str(corpus), "--index-dir", str(target), "-q"])
        assert busy.exit_code == 1 and "Another ingest is writing to" in busy.stderr, busy.output

    outcomes = []
    for delay in (0.3, 0.8, 1.5):  # seconds after the run's first catalog change
        proc = _ingest_process(corpus, target)
        outcomes.append(_kill_after_work_starts(proc, target, delay, second_writer if not outcomes else None))
        assert proc.returncode in (-signal.SIGKILL, 0), proc.stderr.read()
    # The next `tracuu ingest` (in-process now that no other process writes the index).
    final = runner.invoke(app, ["ingest", str(corpus), "--index-dir", str(target), "-q"])
    assert final.exit_code == 0, final.output
    print("kill outcomes:", outcomes, "| next run:", final.stdout.strip(), final.stderr.strip())

    index = open_index(hashing_settings(target))
    try:
        state = index_state(index)
    finally:
        index.close()
    assert state.consistent(), state.problems()
    assert state.docs == expected.docs, "not the same documents as a clean build"
    assert state.catalog == expected.catalog, "not the same passages as a clean build"
    assert sum(o.startswith("killed") for o in outcomes) >= 2, outcomes
