"""Passages: exact offsets, whole sentences, bounded size, report labels as sections."""
import glob
import re

import pytest

from ingest.loaders import load_document
from ingest.passages import PassageBounds, build_passages

from conftest import CORPUS

pytestmark = pytest.mark.unit
BOUNDS = PassageBounds(min_chars=200, max_chars=1200)


@pytest.fixture(scope="module")
def corpus_passages():
    out = {}
    for path in sorted(glob.glob(str(CORPUS / "*.txt"))):
        doc = load_document(path)
        out[doc.doc_id] = (doc, build_passages(doc, BOUNDS))
    return out


def test_offsets_invariant_holds_on_every_corpus_file(corpus_passages):
    for doc, passages in corpus_passages.values():
        assert passages, doc.doc_id
        for p in passages:
            assert doc.text[p.start:p.end] == p.text
            for s, e in p.sentences:
                assert 0 <= s < e <= len(p.text)


def test_passages_never_cut_a_sentence_and_stay_bounded(corpus_passages):
    for doc, passages in corpus_passages.values():
        for p in passages:
            assert len(p.text) <= BOUNDS.max_chars
            # A passage ends at a paragraph end or after sentence punctuation.
            after = doc.text[p.end:p.end + 2]
            assert p.end == len(doc.text) or after.startswith("\n") or p.text[-1] in ".:;!?]…", p.text[-40:]


def test_ids_are_stable_across_runs(corpus_passages):
    doc, passages = corpus_passages["bao-cao-giam-ngheo-quang-tri-2020"]
    again = build_passages(load_document(doc.source_path), BOUNDS)
    assert [p.passage_id for p in again] == [p.passage_id for p in passages]


def test_every_labelled_report_paragraph_starts_its_own_passage(corpus_passages):
    """Golden check: each "Chính sách …:" / "Dự án …:" paragraph opens a passage labelled with it."""
    doc, passages = corpus_passages["bao-cao-giam-ngheo-quang-tri-2020"]
    labelled = re.findall(r"^\s*((?:Chính sách|Dự án)[^:\n]{3,200}):", doc.text, re.M)
    assert len(labelled) == 17
    starts = {p.text.split(":")[0].strip(): p.section for p in passages}
    for label in labelled:
        assert starts.get(label.strip()) == label.strip()


def test_passages_carry_document_identity(corpus_passages):
    _, passages = corpus_passages["bao-cao-giam-ngheo-quang-tri-2020"]
    assert all(p.places == ("Quảng Trị",) and p.years == (2020,) for p in passages)
    _, national = corpus_passages["nq-80-2011-nq-cp"]
    assert national[0].places == ("toàn quốc",) and 2011 in national[0].years


def test_segmented_keeps_compound_words(corpus_passages):
    _, passages = corpus_passages["bao-cao-giam-ngheo-quang-tri-2020"]
    health = next(p for p in passages if p.section == "Chính sách hỗ trợ về y tế")
    assert "y tế" in health.segmented
    assert any(w.startswith("148.181") for w in health.segmented)  # the figure stays whole
