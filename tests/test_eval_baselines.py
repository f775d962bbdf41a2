"""Baselines answer in the same Answer shape as tracuu (hashing embedder, fixture corpus)."""
import pytest

from eval.baselines import Baseline, best_sentence, bm25, dense, naive_llamaindex
from qa.serialize import answer_to_dict

pytestmark = pytest.mark.unit


def test_best_sentence_picks_the_most_overlapping_sentence_verbatim():
    text = "Năm 2099 đạt nhiều kết quả.  Cấp 12.345 thẻ bảo hiểm y tế cho người nghèo.\nKhác nữa."
    s, e = best_sentence(text, "bao nhieu the bao hiem y te")  # accents folded for overlap
    assert text[s:e] == "Cấp 12.345 thẻ bảo hiểm y tế cho người nghèo."
    assert best_sentence("", "x") == (0, 0)


def _check_shape(answer, k):
    d = answer_to_dict(answer)
    assert not d["abstained"] and d["answer"].endswith("[1]")
    assert len(d["citations"]) == 1 and d["citations"][0]["quote"] in d["citations"][0]["text"]
    assert d["citations"][0]["text"] == d["passages"][0]["text"]
    assert 1 <= len(d["passages"]) <= k and d["timings_ms"]["total"] >= 0
    return d


def test_bm25_and_dense_answer_from_the_index(hashing_index):
    for make in (bm25, dense):
        d = _check_shape(make(hashing_index).answer("Cấp bao nhiêu thẻ bảo hiểm y tế?", 3), 3)
        assert "12.345 thẻ" in d["answer"], make.__name__


def test_bm25_abstains_only_when_nothing_is_retrieved(hashing_index):
    a = bm25(hashing_index).answer("zzzz qqqq", 5)
    assert a.abstained and not a.citations and not a.passages
    assert Baseline("empty", lambda q, k: []).answer("x", 5).abstained


def test_naive_llamaindex_chunks_the_documents_with_offsets(hashing_index):
    b = naive_llamaindex(hashing_index)
    try:
        d = _check_shape(b.answer("Cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?", 5), 5)
        top = d["passages"][0]
        doc = hashing_index.document_text(top["doc_id"])
        assert doc[top["start"]:top["end"]] == top["text"]  # spans judge retrieval like tracuu's
        assert "12.345 thẻ" in d["answer"]
    finally:
        b.close()
