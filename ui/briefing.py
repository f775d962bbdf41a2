"""A trainer's briefing: pinned answers with their citations, exported to Markdown or .docx.

Pure Python (python-docx only for the .docx export). Every operation returns a new
`Briefing`, so a web session can keep one in its state without aliasing surprises.
Citations are numbered across the whole briefing at export time: the same quote from
the same passage gets one number however many answers cite it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from ui.render import source_line

MARKER = re.compile(r"\[(\d+)\]")
# Characters XML 1.0 forbids: python-docx raises on them, so they are dropped.
_XML_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
DEFAULT_TITLE = "Bản tóm tắt"


@dataclass(frozen=True)
class Source:
    """One citation of a pinned answer, with everything the appendix shows."""

    marker: int
    title: str
    number: str
    section: str
    quote: str
    doc_id: str = ""
    passage_id: str = ""
    page: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.doc_id, self.passage_id, self.quote)


@dataclass(frozen=True)
class Item:
    heading: str
    question: str
    answer: str  # with this item's own markers [1] [2]
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Briefing:
    title: str = DEFAULT_TITLE
    items: tuple[Item, ...] = ()

    def add(self, item: Item) -> "Briefing":
        return replace(self, items=self.items + (item,))

    def remove(self, i: int) -> "Briefing":
        self._check(i)
        return replace(self, items=self.items[:i] + self.items[i + 1:])

    def move(self, i: int, delta: int) -> "Briefing":
        """Move item i up (delta < 0) or down; clamped at both ends."""
        self._check(i)
        j = min(max(i + delta, 0), len(self.items) - 1)
        items = list(self.items)
        items.insert(j, items.pop(i))
        return replace(self, items=tuple(items))

    def rename(self, i: int, heading: str) -> "Briefing":
        self._check(i)
        heading = _one_line(heading) or self.items[i].question
        items = list(self.items)
        items[i] = replace(items[i], heading=heading)
        return replace(self, items=tuple(items))

    def retitle(self, title: str) -> "Briefing":
        return replace(self, title=_one_line(title) or DEFAULT_TITLE)

    def _check(self, i: int) -> None:
        if not 0 <= i < len(self.items):
            raise IndexError(f"no item {i + 1} in a briefing of {len(self.items)}")


def item_from_answer(answer: Mapping[str, Any]) -> Item:
    """Pin an Answer JSON object (qa.serialize.answer_to_dict)."""
    if answer.get("abstained") or not answer.get("citations"):
        raise ValueError("an abstention has no citations to pin")
    sources = tuple(
        Source(marker=int(c["marker"]), title=c.get("title", ""), number=c.get("number", "") or "",
               section=c.get("section", "") or "", quote=c.get("quote", ""), doc_id=c.get("doc_id", ""),
               passage_id=c.get("passage_id", ""), page=c.get("page"))
        for c in answer["citations"]
    )
    question = _one_line(answer.get("question", ""))
    return Item(heading=question, question=question, answer=answer.get("answer", ""), sources=sources)


@dataclass(frozen=True)
class Numbered:
    """The briefing with global citation numbers: per item {local: global}, and the appendix."""

    maps: tuple[dict[int, int], ...]
    appendix: tuple[tuple[int, Source], ...]


def number_citations(b: Briefing) -> Numbered:
    numbers: dict[tuple[str, str, str], int] = {}
    appendix: list[tuple[int, Source]] = []
    maps = []
    for item in b.items:
        local: dict[int, int] = {}
        for src in sorted(item.sources, key=lambda s: s.marker):
            if src.key not in numbers:
                numbers[src.key] = len(numbers) + 1
                appendix.append((numbers[src.key], src))
            local[src.marker] = numbers[src.key]
        maps.append(local)
    return Numbered(tuple(maps), tuple(appendix))


def split_markers(text: str, mapping: Mapping[int, int]) -> list[tuple[str, int | None]]:
    """[(plain text, None) | (marker text, global number)] so each renderer escapes its own way."""
    out: list[tuple[str, int | None]] = []
    at = 0
    for m in MARKER.finditer(text):
        n = int(m.group(1))
        if n not in mapping:
            continue  # a literal "[3]" inside quoted text stays text
        if m.start() > at:
            out.append((text[at:m.start()], None))
        out.append((f"[{mapping[n]}]", mapping[n]))
        at = m.end()
    if at < len(text):
        out.append((text[at:], None))
    return out


def source_label(n: int, src: Source) -> str:
    return source_line(n, src.title, src.number, src.section, "", src.page)


def to_markdown(b: Briefing) -> str:
    numbered = number_citations(b)
    lines = [f"# {md_escape(b.title)}", ""]
    if not b.items:
        lines.append("_(Bản tóm tắt trống.)_")
    for i, (item, mapping) in enumerate(zip(b.items, numbered.maps), start=1):
        lines += [f"## {i}. {md_escape(item.heading)}", ""]
        if item.question and item.question != item.heading:
            lines += [f"*Câu hỏi:* {md_escape(item.question)}", ""]
        body = "".join(t if n is not None else md_escape(t) for t, n in split_markers(item.answer, mapping))
        lines += [body, ""]
    if numbered.appendix:
        lines += ["## Nguồn trích dẫn", ""]
        for n, src in numbered.appendix:
            label = md_escape(source_label(n, src)).replace(f"\\[{n}\\]", f"[{n}]", 1)
            lines += [f"{label}  ", f"> “{md_escape(src.quote)}”", ""]
    return "\n".join(lines).rstrip() + "\n"


def to_docx(b: Briefing, path: str | Path) -> Path:
    """Write the briefing as a Word document; returns the path."""
    from docx import Document as DocxDocument

    numbered = number_citations(b)
    doc = DocxDocument()
    doc.core_properties.title = _xml(b.title)
    doc.add_heading(_xml(b.title), level=0)
    if not b.items:
        doc.add_paragraph("(Bản tóm tắt trống.)")
    for i, (item, mapping) in enumerate(zip(b.items, numbered.maps), start=1):
        doc.add_heading(_xml(f"{i}. {item.heading}"), level=1)
        if item.question and item.question != item.heading:
            doc.add_paragraph().add_run(_xml(f"Câu hỏi: {item.question}")).italic = True
        para = doc.add_paragraph()
        for text, n in split_markers(item.answer, mapping):
            run = para.add_run(_xml(text))
            run.bold = n is not None
    if numbered.appendix:
        doc.add_heading("Nguồn trích dẫn", level=1)
        for n, src in numbered.appendix:
            doc.add_paragraph().add_run(_xml(source_label(n, src))).bold = True
            doc.add_paragraph(_xml(f"“{src.quote}”"), style="Quote")
    path = Path(path)
    doc.save(str(path))
    return path


def md_escape(text: str) -> str:
    """Backslash-escape Markdown/HTML syntax so document text stays literal text."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(text or "")))


def _one_line(text: str) -> str:
    return " ".join(str(text or "").split())


def _xml(text: str) -> str:
    return _XML_BAD.sub("", text)
