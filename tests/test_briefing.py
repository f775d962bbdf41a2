"""The briefing model and its Markdown / .docx exports (pure Python)."""
from __future__ import annotations

import pytest

from ui.briefing import Briefing, item_from_answer, md_escape, number_citations, to_docx, to_markdown

pytestmark = pytest.mark.unit

TITLE = "Báo cáo giảm nghèo 2020"


def _answer(question: str, quote: str, passage_id: str = "p1", marker_text: str = "") -> dict:
    return {
        "question": question,
        "answer": f"{marker_text or quote} [1]",
        "abstained": False,
        "citations": [{"marker": 1, "passage_id": passage_id, "doc_id": "bao-cao", "title": TITLE,
                       "number": "01/BC", "section": "Chính sách y tế", "start": 0, "end": 10,
                       "text": f"Mở đầu. {quote} Kết thúc.", "quote": quote, "page": None}],
        "passages": [],
    }


def test_pin_needs_citations():
    with pytest.raises(ValueError):
        item_from_answer({"question": "?", "answer": "Không tìm thấy", "abstained": True, "citations": []})


def test_operations_return_new_briefings_and_clamp():
    b0 = Briefing()
    b1 = b0.add(item_from_answer(_answer("Câu A?", "A có 1 thẻ.")))
    b2 = b1.add(item_from_answer(_answer("Câu B?", "B có 2 thẻ.", "p2")))
    assert b0.items == () and len(b1.items) == 1 and len(b2.items) == 2
    assert [i.heading for i in b2.move(1, -1).items] == ["Câu B?", "Câu A?"]
    assert [i.heading for i in b2.move(0, -5).items] == ["Câu A?", "Câu B?"]  # clamped at the top
    assert [i.heading for i in b2.remove(0).items] == ["Câu B?"]
    renamed = b2.rename(0, "  Y tế\n 2020 ")
    assert renamed.items[0].heading == "Y tế 2020" and renamed.items[0].question == "Câu A?"
    assert b2.rename(0, "   ").items[0].heading == "Câu A?"  # blank heading falls back to the question
    assert b2.retitle("").title == Briefing().title
    with pytest.raises(IndexError):
        b2.remove(5)


def test_citations_are_numbered_across_items_and_deduplicated():
    same = _answer("Câu A?", "Cấp 148.181 thẻ.")
    other = _answer("Câu B?", "Cấp 12.633 lượt.", "p2")
    b = Briefing().add(item_from_answer(same)).add(item_from_answer(other)).add(item_from_answer(same))
    numbered = number_citations(b)
    assert numbered.maps == ({1: 1}, {1: 2}, {1: 1})
    assert [n for n, _ in numbered.appendix] == [1, 2]
    md = to_markdown(b)
    assert "Cấp 12.633 lượt. [2]" in md  # the second item's local [1] became [2]
    assert md.count("> “") == 2  # the appendix lists each quote once


def test_markdown_has_numbered_citations_and_appendix():
    md = to_markdown(Briefing(title="Tập huấn").add(item_from_answer(_answer("Bao nhiêu thẻ?", "Cấp 148.181 thẻ."))))
    assert md.startswith("# Tập huấn\n")
    assert "## 1. Bao nhiêu thẻ?" in md
    assert "Cấp 148.181 thẻ. [1]" in md
    assert "## Nguồn trích dẫn" in md
    assert f"[1] {TITLE} (01/BC) › Chính sách y tế" in md
    assert "> “Cấp 148.181 thẻ.”" in md


def test_markdown_keeps_document_text_literal():
    payload = "<script>alert(1)</script> *đậm* [x](http://evil)"
    md = to_markdown(Briefing().add(item_from_answer(_answer(payload, payload))))
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\*đậm\\*" in md and "\\[x\\]" in md
    assert md_escape("a_b") == "a\\_b"


def test_docx_export(tmp_path):
    from docx import Document

    b = Briefing(title="Tập huấn\x07 2021").add(item_from_answer(_answer("Bao nhiêu thẻ?", "Cấp 148.181 thẻ.")))
    b = b.rename(0, "Bảo hiểm y tế")
    path = to_docx(b, tmp_path / "b.docx")
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.core_properties.title == "Tập huấn 2021"  # the control character was dropped
    assert "1. Bảo hiểm y tế" in text
    assert "Câu hỏi: Bao nhiêu thẻ?" in text
    assert "Cấp 148.181 thẻ. [1]" in text
    assert "Nguồn trích dẫn" in text and f"[1] {TITLE} (01/BC)" in text
    assert "“Cấp 148.181 thẻ.”" in text


def test_empty_briefing_exports(tmp_path):
    assert "trống" in to_markdown(Briefing())
    assert to_docx(Briefing(), tmp_path / "e.docx").stat().st_size > 0
