"""The keyword index: BM25 (bm25s) over accented tokens and over accent-folded tokens.

It is derived from the catalog and tagged with the catalog generation it was built
from; a stale or missing copy is rebuilt, so it can never disagree with the catalog.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Iterable

import numpy as np

from ingest.diacritics import fold
from ingest.tokens import folded, passage_tokens
from ingest.types import Passage

log = logging.getLogger(__name__)
_POINTER = "keyword.json"


def identity_text(p: Passage) -> str:
    """What a passage inherits from its document for keyword search."""
    return " ".join([p.title, p.number, p.section, " ".join(p.places), " ".join(map(str, p.years))])


class KeywordIndex:
    """Two BM25 indexes over the same rows: `accented` and `folded`."""

    def __init__(self, row_ids: list[str], row_docs: list[str], accented, folded_, generation: int):
        self.row_ids = row_ids
        self.row_docs = np.asarray(row_docs, dtype=object)
        self.accented = accented
        self.folded = folded_
        self.generation = generation

    @classmethod
    def build(cls, passages: Iterable[Passage], generation: int) -> "KeywordIndex":
        bm25s = _import_bm25s()

        ids, docs, acc, fol = [], [], [], []
        # A corpus repeats a few thousand distinct tokens millions of times: keep one copy
        # of each (interned; at 100k passages the copies alone took ~1 GB) and fold it once.
        fold_of: dict[str, str] = {}
        for p in passages:
            tokens = [sys.intern(t) for t in passage_tokens(p.text, p.segmented, identity_text(p))]
            ids.append(p.passage_id)
            docs.append(p.doc_id)
            acc.append(tokens)
            fol.append([fold_of.get(t) or fold_of.setdefault(t, fold(t)) for t in tokens])
        return cls(ids, docs, _bm25(bm25s, acc), _bm25(bm25s, fol), generation)

    def rows_mask(self, doc_ids: list[str]) -> np.ndarray:
        """True for rows belonging to the given documents (a scoped search)."""
        return np.isin(self.row_docs, list(doc_ids))

    def scores(self, tokens: list[str], use_accents: bool) -> np.ndarray:
        """BM25 score of every row. Accented and folded scores are averaged when the
        question has diacritics (folding forgives a wrong tone mark); folded only otherwise."""
        if not self.row_ids:
            return np.zeros(0, dtype=np.float32)
        fol = _score(self.folded, folded(tokens))
        if not use_accents:
            return fol
        return 0.5 * (_score(self.accented, tokens) + fol)

    # -- persistence -----------------------------------------------------------------
    def save(self, index_dir: Path) -> None:
        target = index_dir / f"keyword-{self.generation}-{os.getpid()}"
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        for name, bm in (("accented", self.accented), ("folded", self.folded)):
            if bm is not None:
                bm.save(str(target / name), show_progress=False)
        (target / "rows.json").write_text(json.dumps({"ids": self.row_ids, "docs": list(self.row_docs)}))
        pointer = index_dir / _POINTER
        tmp = pointer.with_suffix(".tmp")
        tmp.write_text(json.dumps({"dir": target.name, "generation": self.generation}))
        os.replace(tmp, pointer)  # the switch to the new copy is atomic
        for old in index_dir.glob("keyword-*"):
            if old != target:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, index_dir: Path, generation: int) -> "KeywordIndex | None":
        """The saved copy if it matches `generation`, else None (caller rebuilds)."""
        bm25s = _import_bm25s()

        try:
            pointer = json.loads((index_dir / _POINTER).read_text())
            if pointer["generation"] != generation:
                return None
            folder = index_dir / pointer["dir"]
            rows = json.loads((folder / "rows.json").read_text())
            if not rows["ids"]:
                return cls([], [], None, None, generation)
            load = lambda name: bm25s.BM25.load(str(folder / name), show_progress=False)  # noqa: E731
            return cls(rows["ids"], rows["docs"], load("accented"), load("folded"), generation)
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.info("keyword index not loaded (%s); rebuilding", err)
            return None


def _import_bm25s():
    import bm25s

    # bm25s sets its logger to DEBUG when imported, and underthesea installs a root
    # handler, so without this every build prints "Building index from tokens".
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return bm25s


def _bm25(bm25s, corpus: list[list[str]]):
    if not corpus:
        return None
    bm = bm25s.BM25()
    bm.index(corpus, show_progress=False)
    return bm


def _score(bm, tokens: list[str]) -> np.ndarray:
    known = [t for t in tokens if t in bm.vocab_dict]
    if not known:
        return np.zeros(bm.scores["num_docs"], dtype=np.float32)
    return bm.get_scores(known).astype(np.float32)


def doc_freq(bm, token: str) -> int:
    """In how many rows a token occurs (bm25s stores a CSC matrix, one column a token)."""
    col = bm.vocab_dict.get(token) if bm is not None else None
    indptr = bm.scores["indptr"] if col is not None else ()
    if col is None or col + 1 >= len(indptr):
        return 0
    return int(indptr[col + 1] - indptr[col])


def idf(index: KeywordIndex, token: str, accented: bool = False) -> float:
    """BM25-style inverse document frequency of a token (unknown tokens count high)."""
    n = len(index.row_ids)
    df = doc_freq(index.accented if accented else index.folded, token)
    return float(np.log((n - df + 0.5) / (df + 0.5) + 1.0))
