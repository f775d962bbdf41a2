"""Synthetic corpora of any size, recombined from the real corpus.

Every synthetic passage is a real passage's sentences (sometimes with one sentence from
another passage, sometimes two swapped), with its figures re-drawn, its province swapped
for another and its years shifted, so vocabulary, sentence lengths and number formats
stay those of real Vietnamese reports and legal texts. Its vector is the real embedding
of the passages it came from plus a little noise, re-normalised: embedding 100k passages
with the real model would take hours on two cores, and the embedder's throughput is
measured separately on real passages.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ingest.numbers import NUMBER
from ingest.places import PROVINCES

_FIGURE_RE = re.compile(rf"(?<![\d.,])(?:{NUMBER})(?![\d\w])")
_YEAR_RE = re.compile(r"^(19[5-9]\d|20[0-4]\d)$")
_PLACE_RE = re.compile("|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True)))
_TARGET_PROVINCES = tuple(p for p in PROVINCES if p not in ("Huế", "TP Hồ Chí Minh", "Hồ Chí Minh"))
NOISE = 0.3  # norm of the noise added to a unit vector: cosine to its source ≈ 0.96
LAYOUT = "layout.json"
VECTORS = "vectors.npy"


@dataclass(frozen=True)
class SourceDoc:
    """A real document's identity, the template for synthetic documents."""

    title: str
    number: str
    issuer: str
    date: str


@dataclass(frozen=True, eq=False)
class Source:
    """A real passage, split into its sentences, with its real embedding."""

    doc: int  # position in the list of SourceDocs
    section: str
    sentences: tuple[str, ...]
    vector: np.ndarray


@dataclass(frozen=True)
class Material:
    """Everything synthetic corpora are made from, taken from the real index."""

    docs: tuple[SourceDoc, ...]
    passages: tuple[Source, ...]
    compounds: frozenset[str]  # underthesea's multi-syllable words, lower-cased

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "material.npy", np.stack([p.vector for p in self.passages]).astype(np.float32))
        (folder / "material.json").write_text(json.dumps({
            "docs": [d.__dict__ for d in self.docs],
            "passages": [{"doc": p.doc, "section": p.section, "sentences": p.sentences} for p in self.passages],
            "compounds": sorted(self.compounds),
        }, ensure_ascii=False))

    @classmethod
    def load(cls, folder: Path) -> "Material":
        data = json.loads((folder / "material.json").read_text())
        vectors = np.load(folder / "material.npy")
        return cls(
            docs=tuple(SourceDoc(**d) for d in data["docs"]),
            passages=tuple(Source(p["doc"], p["section"], tuple(p["sentences"]), v)
                           for p, v in zip(data["passages"], vectors)),
            compounds=frozenset(data["compounds"]),
        )


@dataclass(frozen=True)
class SynthDoc:
    """One synthetic document: front matter, and paragraphs that become its passages."""

    name: str
    meta: dict
    paragraphs: tuple[tuple[str, ...], ...]  # sentences of each paragraph
    sections: tuple[str, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(" ".join(p) for p in self.paragraphs)

    def file_text(self) -> str:
        head = "\n".join(f"{k}: {v}" for k, v in self.meta.items())
        return f"---\n{head}\n---\n{self.body}\n"


def generate(material: Material, n_passages: int, seed: int = 0,
             max_chars: int = 1200) -> tuple[list[SynthDoc], np.ndarray]:
    """About `n_passages` passages in documents of 6-14 paragraphs, and one vector each."""
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    by_doc: dict[int, list[Source]] = {}
    for s in material.passages:
        by_doc.setdefault(s.doc, []).append(s)
    doc_keys = sorted(by_doc)
    docs: list[SynthDoc] = []
    vectors: list[np.ndarray] = []
    made = 0
    while made < n_passages:
        template = rng.choice(doc_keys)
        variant = _Variant(rng, rng.choice(_TARGET_PROVINCES), rng.randint(-12, 4))
        paragraphs, sections = [], []
        for _ in range(min(rng.randint(6, 14), n_passages - made)):
            main = rng.choice(by_doc[template])
            sentences, vector = list(main.sentences), main.vector.copy()
            if len(sentences) > 1 and rng.random() < 0.5:  # borrow a sentence from elsewhere
                other = rng.choice(material.passages)
                at = rng.randrange(len(sentences))
                sentences[at] = rng.choice(other.sentences)
                vector = vector + other.vector / len(sentences)
            if len(sentences) > 2 and rng.random() < 0.3:
                i = rng.randrange(len(sentences) - 1)
                sentences[i], sentences[i + 1] = sentences[i + 1], sentences[i]
            sentences = [_one_line(variant.text(s)) for s in sentences]
            while len(sentences) > 1 and len(" ".join(sentences)) > max_chars:
                sentences.pop()
            vector = vector / np.linalg.norm(vector)
            vector = vector + noise.normal(0.0, NOISE / np.sqrt(len(vector)), len(vector))
            paragraphs.append(tuple(sentences))
            sections.append(variant.text(main.section))
            vectors.append((vector / np.linalg.norm(vector)).astype(np.float32))
        src = material.docs[template]
        meta = {"title": variant.text(src.title), "number": variant.text(src.number),
                "issuer": variant.text(src.issuer), "date": variant.text(src.date),
                "source": "synthetic (tracuu bench)", "completeness": "full"}
        docs.append(SynthDoc(f"synth-{len(docs):06d}", meta, tuple(paragraphs), tuple(sections)))
        made += len(paragraphs)
    return docs, np.stack(vectors)


def write(docs: list[SynthDoc], vectors: np.ndarray, folder: Path) -> None:
    """Documents as .txt with front matter (what `tracuu ingest` reads), plus the layout."""
    files = folder / "docs"
    files.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (files / f"{d.name}.txt").write_text(d.file_text(), encoding="utf-8")
    np.save(folder / VECTORS, vectors)
    (folder / LAYOUT).write_text(json.dumps({
        "passages": int(len(vectors)),
        "docs": [{"name": d.name, "sections": d.sections,
                  "sentences": [[len(s) for s in p] for p in d.paragraphs]} for d in docs],
    }, ensure_ascii=False))


def text_stats(paragraphs: list[str]) -> dict:
    """Passage length and vocabulary figures, to compare synthetic with real text."""
    words = [w.lower() for p in paragraphs for w in re.findall(r"[^\W\d_]+", p)]
    return {"passages": len(paragraphs), "chars_mean": round(float(np.mean([len(p) for p in paragraphs])), 1),
            "syllables_mean": round(len(words) / max(1, len(paragraphs)), 1),
            "vocabulary": len(set(words)),
            "figures_per_passage": round(sum(len(_FIGURE_RE.findall(p)) for p in paragraphs)
                                         / max(1, len(paragraphs)), 2)}


class _Variant:
    """One synthetic document's changes: its province, its year shift, fresh figures."""

    def __init__(self, rng: random.Random, province: str, year_shift: int):
        self.rng, self.province, self.shift = rng, province, year_shift

    def text(self, text: str) -> str:
        text = _PLACE_RE.sub(self.province, text)
        return _FIGURE_RE.sub(self._figure, text)

    def _figure(self, m: re.Match) -> str:
        figure = m.group()
        if _YEAR_RE.match(figure):
            return str(int(figure) + self.shift)
        if len(figure) <= 2:  # days, months, article and clause numbers stay plausible
            return figure
        # Same shape (digit count, separators), new digits; no leading zero.
        out, first = [], True
        for ch in figure:
            if ch.isdigit():
                out.append(str(self.rng.randint(1 if first else 0, 9)))
                first = False
            else:
                out.append(ch)
        return "".join(out)


def _one_line(sentence: str) -> str:
    # Paragraphs are single lines so "\n\n" alone separates passages in the written file.
    return re.sub(r"\s+", " ", sentence).strip()
