"""Plain-text rendering of answers and document lists for the terminal."""
from __future__ import annotations

from ingest.types import DocumentInfo
from qa.types import Answer


def completeness_label(completeness: str) -> str:
    """Short Vietnamese label: 'đầy đủ', or 'chỉ có phần đầu' for a partial text."""
    c = completeness.strip().lower()
    if c.startswith("partial"):
        return "một phần (chỉ có phần đầu)"
    if c.startswith("full"):
        return "đầy đủ"
    return "không rõ"


def source_line(marker: int, title: str, number: str, section: str, completeness: str, page: int | None) -> str:
    parts = [f"[{marker}] {title}"]
    if number:
        parts.append(f"({number})")
    if section:
        parts.append(f"› {section}")
    if page:
        parts.append(f"· trang {page}")
    line = " ".join(parts)
    if completeness.strip().lower().startswith("partial"):
        line += " · văn bản chỉ có phần đầu"
    return line


def answer_text(a: Answer) -> str:
    lines = [a.answer, ""]
    for note in a.notes:
        lines.insert(0, f"Lưu ý: {note}")
    if a.abstained:
        lines.append("Có thể liên quan:")
        for i, h in enumerate(a.passages[:3], start=1):
            p = h.passage
            lines.append("  " + source_line(i, p.title, p.number, p.section, p.completeness, p.page))
        return "\n".join(lines)
    lines.append("Nguồn:")
    for c in a.citations:
        p = c.passage
        lines.append("  " + source_line(c.marker, p.title, p.number, p.section, p.completeness, p.page))
        lines.append(f"      “{c.quote}”")
    return "\n".join(lines)


def documents_table(docs: list[DocumentInfo]) -> list[tuple[str, str, str, str]]:
    return [(d.doc_id, d.title, str(d.passages), completeness_label(d.completeness)) for d in docs]
