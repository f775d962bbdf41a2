"""Paragraphs and their place in a document's structure.

Legal texts: Phần / Chương / Mục / Điều N. / khoản (1.) / điểm (a)). Reports: a paragraph
that opens with a topic label ("Chính sách hỗ trợ về y tế: …") is filed under that label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import find_quantities

SEP = " › "


@dataclass(frozen=True)
class Block:
    """A paragraph: offsets into the document text, its section path, and whether a new
    passage must start here (a new article or topic)."""

    start: int
    end: int
    section: str
    starts_unit: bool


_HEADINGS = [  # (level, pattern) - higher levels reset the lower ones
    ("phan", re.compile(r"(?:PHẦN|Phần)\s+(?:thứ\s+\w+|[IVXLC]+|\d+)\b")),
    ("chuong", re.compile(r"(?:CHƯƠNG|Chương)\s+(?:[IVXLC]+|\d+)\b")),
    ("muc", re.compile(r"(?:MỤC|Mục)\s+(?:\d+|[IVXLC]+)\b(?=[.:\s])")),
    ("dieu", re.compile(r"Điều\s+\d+[a-z]?(?=\s*[.:])")),
    ("khoan", re.compile(r"\d{1,2}(?=\.\s)")),
    ("diem", re.compile(r"[a-zđ](?=\)\s)")),
]
_LEVELS = [name for name, _ in _HEADINGS]
_DISPLAY = {"khoan": "khoản {}", "diem": "điểm {}"}
_LABEL_RE = re.compile(r"(?P<label>[A-ZĐÀ-Ỹ][^.:!?\n]{3,180}?)\s*:\s*(?P<rest>\S.{19,})", re.S)
# Lead-in phrases end with these words ("…khó khăn như:"), they name no topic.
_LEAD_IN = {"như", "là", "gồm", "sau", "đó", "bao gồm", "cụ thể"}


def topic_label(paragraph: str) -> str | None:
    """The topic label that opens a report paragraph, or None."""
    m = _LABEL_RE.match(paragraph.strip())
    if not m:
        return None
    label = m.group("label").strip()
    # A sentence that states a figure ("…đạt 1.693.586 triệu đồng, trong đó:") is content,
    # not a topic; programme names with numbers ("Chương trình 135") are fine.
    if any(q.kind or "." in q.text or "," in q.text for q in find_quantities(label)):
        return None
    if len(label.split()) < 2:
        return None
    if label.split()[-1].lower() in _LEAD_IN or label.lower().endswith(tuple(_LEAD_IN)):
        return None
    return label


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs split at blank lines, and at lines that open a heading or label."""
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*", text):
        start, end = m.start(), m.end()
        line_start = start
        for line in re.finditer(r"[^\n]*", text[start:end]):
            abs_start = start + line.start()
            stripped = line.group().strip()
            if abs_start > line_start and stripped and _heading(stripped):
                spans.append((line_start, abs_start))
                line_start = abs_start
        spans.append((line_start, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _heading(line: str) -> tuple[str, str] | None:
    for level, pattern in _HEADINGS:
        m = pattern.match(line)
        if m:
            return level, m.group()
    return None


def blocks(text: str) -> list[Block]:
    """Paragraphs with section paths: "Điều 2 › khoản 1", a report label, or "Đoạn N"."""
    path: dict[str, str] = {}
    # Legal texts number their parts; reports use topic labels instead. Treating a
    # report's "1." lines as khoản, or a legal "Xét đề nghị …:" as a topic, would mislabel.
    legal = bool(re.search(r"^\s*(?:Điều\s+\d+|Chương\s+[IVXLC\d]+)", text, re.M)) or (
        bool(re.search(r"^\s*\d{1,2}\.\s", text, re.M)) and bool(re.search(r"^\s*[a-zđ]\)\s", text, re.M))
    )
    out: list[Block] = []
    for n, (start, end) in enumerate(paragraph_spans(text), start=1):
        para = text[start:end]
        head = _heading(para)
        if head and (legal or head[0] in ("phan", "chuong", "dieu")):
            level, name = head
            for lower in _LEVELS[_LEVELS.index(level):]:
                path.pop(lower, None)
            path[level] = _DISPLAY.get(level, "{}").format(name)
            section = SEP.join(path[lv] for lv in _LEVELS if lv in path)
            out.append(Block(start, end, section, starts_unit=level in ("phan", "chuong", "muc", "dieu", "khoan")))
            continue
        label = None if legal else topic_label(para)
        if label:
            path.clear()
            out.append(Block(start, end, label, starts_unit=True))
        elif path:
            out.append(Block(start, end, SEP.join(path[lv] for lv in _LEVELS if lv in path), False))
        else:
            out.append(Block(start, end, f"Đoạn {n}", starts_unit=False))
    return out
