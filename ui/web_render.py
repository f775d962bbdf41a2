"""HTML for the web chat, built from the Answer JSON. No Gradio here, so it is unit-tested.

Every piece of document or user text goes through `esc`: HTML-escaped, and the
characters Markdown, LaTeX or the chat's own renderer would act on are written as
numeric entities, so a payload in a document or a question always shows as text.
Links carry their action in the href ("#tc-cite-3-1"); a small script in
`ui.web_assets` turns clicks on them into server events.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence

from ui.briefing import Briefing, number_citations, source_label, split_markers
from ui.render import completeness_label, source_line

# HTML specials plus what Markdown/LaTeX act on; "\n" too, as a blank line would end the
# chat's HTML block. One translation pass, so no entity is ever escaped twice.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'*_[]`~|\\#${}\n"})
NEAR_SHOWN = 3
EXCERPT = 240
CONTEXT_RADIUS = 1500


def esc(text: Any) -> str:
    return str(text if text is not None else "").translate(_ENTITIES)


def question_html(question: str) -> str:
    return f'<div class="tc-question">{esc(question)}</div>'


def pending_html() -> str:
    return '<div class="tc-pending">Đang tìm trong tài liệu…</div>'


def error_html(message: str) -> str:
    return f'<div class="tc-error">⚠ {esc(message)}</div>'


def _label(marker: int, item: Mapping[str, Any]) -> str:
    # Completeness gets its own badge, so it is left out of the line itself.
    return source_line(marker, item.get("title", ""), item.get("number", "") or "", item.get("section", "") or "",
                       "", item.get("page"))


def _badge(completeness: str | None) -> str:
    c = completeness or ""
    cls = "tc-partial" if c.strip().lower().startswith("partial") else "tc-full"
    return f'<span class="tc-badge {cls}">Văn bản: {esc(completeness_label(c))}</span>'


def quote_in_passage(text: str, quote: str) -> str:
    """The passage with its quote inside <mark> (or the passage as is, if the quote is absent)."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return esc(text)
    return f"{esc(text[:at])}<mark>{esc(quote)}</mark>{esc(text[at + len(quote):])}"


def _answer_body(turn: int, text: str, markers: set[int]) -> str:
    parts = []
    for piece, n in split_markers(text, {m: m for m in markers}):
        parts.append(f'<a class="tc-marker" href="#tc-cite-{turn}-{n}" title="Xem nguồn [{n}]">[{n}]</a>'
                     if n is not None else esc(piece))
    return "".join(parts)


def answer_html(turn: int, answer: Mapping[str, Any], plain: str = "") -> str:
    """One assistant message: answer with clickable markers, then sources or near passages."""
    notes = "".join(f'<div class="tc-note">Lưu ý: {esc(n)}</div>' for n in answer.get("notes", []))
    actions = [f'<a class="tc-act" href="#tc-copy-{turn}">📋 Sao chép kèm nguồn</a>']
    if answer.get("abstained"):
        near = answer.get("passages", [])[:NEAR_SHOWN]
        items = "".join(
            f'<li><a class="tc-src" href="#tc-near-{turn}-{i}">{esc(_label(i, p))}</a> {_badge(p.get("completeness"))}'
            f'<div class="tc-excerpt">{esc(_excerpt(p.get("text", "")))}</div></li>'
            for i, p in enumerate(near, start=1))
        near_html = (f'<details class="tc-near" open><summary>Có thể liên quan ({len(near)})</summary>'
                     f'<ul class="tc-list">{items}</ul></details>') if near else ""
        return (f'<div class="tc-answer tc-abstained">{notes}'
                f'<div class="tc-abstain-head">🔎 Không tìm thấy trong tài liệu</div>'
                f'<div class="tc-body">{esc(answer.get("answer", ""))}</div>{near_html}'
                f'{_actions(actions)}{_plain(plain)}</div>')
    cites = answer.get("citations", [])
    items = "".join(
        f'<li id="tc-src-{turn}-{c["marker"]}"><a class="tc-src" href="#tc-cite-{turn}-{c["marker"]}" '
        f'title="Xem trong văn bản">{esc(_label(c["marker"], c))}</a> {_badge(c.get("completeness"))}'
        f'<blockquote class="tc-passage">{quote_in_passage(c.get("text", ""), c.get("quote", ""))}</blockquote></li>'
        for c in cites)
    actions.insert(0, f'<a class="tc-act" href="#tc-pin-{turn}">📌 Thêm vào bản tóm tắt</a>')
    body = _answer_body(turn, answer.get("answer", ""), {int(c["marker"]) for c in cites})
    return (f'<div class="tc-answer">{notes}<div class="tc-body">{body}</div>'
            f'<details class="tc-sources"><summary>Nguồn ({len(cites)})</summary><ul class="tc-list">{items}</ul>'
            f'</details>{_actions(actions)}{_plain(plain)}</div>')


def _actions(links: Sequence[str]) -> str:
    return f'<div class="tc-actions">{" ".join(links)}</div>'


def _plain(plain: str) -> str:
    # The text the copy button puts on the clipboard; hidden by CSS.
    return f'<pre class="tc-plain">{esc(plain)}</pre>' if plain else ""


def _excerpt(text: str, limit: int = EXCERPT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def context_window(text: str, start: int, end: int, radius: int = CONTEXT_RADIUS) -> tuple[int, int]:
    """Bounds of the text shown around [start, end): about `radius` characters each side,
    widened to whole lines so the view never starts mid-sentence."""
    lo, hi = max(0, start - radius), min(len(text), end + radius)
    if lo > 0:
        nl = text.rfind("\n", 0, lo)
        lo = nl + 1 if nl >= 0 and lo - nl < radius else lo
    if hi < len(text):
        nl = text.find("\n", hi)
        hi = nl if 0 <= nl < hi + radius else hi
    return lo, hi


def locate(doc_text: str | None, item: Mapping[str, Any]) -> tuple[int, int] | None:
    """Where the cited passage is in the document now: its offsets, or a search if the
    document changed since the answer; None when the passage is gone."""
    if not doc_text:
        return None
    passage = item.get("text", "")
    start, end = int(item.get("start", -1)), int(item.get("end", -1))
    if 0 <= start < end <= len(doc_text) and doc_text[start:end] == passage:
        return start, end
    at = doc_text.find(passage) if passage else -1
    return (at, at + len(passage)) if at >= 0 else None


def context_html(item: Mapping[str, Any], doc_text: str | None, quote: str = "", marker: int | None = None) -> str:
    """The cited passage inside its document, quote highlighted, with title and section path."""
    label = esc(_label(marker, item) if marker else _label(0, item).removeprefix("[0] "))
    section = item.get("section") or "(đầu văn bản)"
    page = f" · trang {esc(item['page'])}" if item.get("page") else ""
    head = (f'<div class="tc-ctx-head"><div class="tc-ctx-title">{label}</div>'
            f'<div class="tc-ctx-path">Vị trí: {esc(section)}{page}</div>{_badge(item.get("completeness"))}</div>')
    span = locate(doc_text, item)
    passage = item.get("text", "")
    if span is None:
        note = '<div class="tc-note">Tài liệu đã thay đổi hoặc đã bị xóa; chỉ hiện đoạn được trích.</div>'
        return (f'<div class="tc-context">{head}{note}<div class="tc-ctx-body">'
                f'<span class="tc-ctx-passage">{quote_in_passage(passage, quote)}</span></div></div>')
    start, end = span
    lo, hi = context_window(doc_text, start, end)
    before = ("… " if lo > 0 else "") + doc_text[lo:start]
    after = doc_text[end:hi] + (" …" if hi < len(doc_text) else "")
    return (f'<div class="tc-context">{head}<div class="tc-ctx-body">{esc(before)}'
            f'<span class="tc-ctx-passage">{quote_in_passage(doc_text[start:end], quote)}</span>'
            f'{esc(after)}</div></div>')


CONTEXT_PLACEHOLDER = ('<div class="tc-context tc-empty">Bấm vào một dấu [1] trong câu trả lời hoặc vào một nguồn '
                       'để xem đoạn văn trong văn bản gốc.</div>')


def briefing_html(b: Briefing) -> str:
    """Preview of the briefing as it will be exported."""
    if not b.items:
        return ('<div class="tc-brief tc-empty">Chưa có mục nào. Trong tab Hỏi đáp, bấm '
                '“📌 Thêm vào bản tóm tắt” dưới một câu trả lời.</div>')
    numbered = number_citations(b)
    parts = [f'<div class="tc-brief"><h2>{esc(b.title)}</h2>']
    for i, (item, mapping) in enumerate(zip(b.items, numbered.maps), start=1):
        body = "".join(f"<b>{esc(t)}</b>" if n is not None else esc(t) for t, n in split_markers(item.answer, mapping))
        asked = (f'<p class="tc-brief-q">Câu hỏi: {esc(item.question)}</p>'
                 if item.question and item.question != item.heading else "")
        parts.append(f"<h3>{i}. {esc(item.heading)}</h3>{asked}<p>{body}</p>")
    parts.append('<h3>Nguồn trích dẫn</h3><ul class="tc-appendix">')
    parts += [f'<li><b>{esc(source_label(n, src))}</b><blockquote>“{esc(src.quote)}”</blockquote></li>'
              for n, src in numbered.appendix]
    parts.append("</ul></div>")
    return "".join(parts)


DOC_HEADERS = ("Tiêu đề", "Số hiệu", "Ngày", "Số đoạn", "Mức đầy đủ", "Mã")


def documents_html(rows: Sequence[Sequence[Any]]) -> str:
    """The document list as a table (rows from WebService.document_rows)."""
    if not rows:
        return '<div class="tc-empty">Chưa có tài liệu nào. Hãy tải lên ở dưới.</div>'
    head = "".join(f"<th>{h}</th>" for h in DOC_HEADERS)
    body = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="tc-docs"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def status_html(lines: Sequence[str], errors: Sequence[str] = ()) -> str:
    ok = "".join(f'<li class="tc-ok">{esc(x)}</li>' for x in lines)
    bad = "".join(f'<li class="tc-error">{esc(x)}</li>' for x in errors)
    return f'<ul class="tc-status">{ok}{bad}</ul>' if ok or bad else ""
