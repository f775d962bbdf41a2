"""What the query-path speedups must not change: the keyword top-n, cached catalog rows
and words, and answers given concurrently with the embedding on its own thread."""
import threading

import numpy as np
import pytest

from ingest.catalog import Catalog
from ingest.types import Document, Passage
from qa import answer
from qa.matching import Matcher
from qa.question import analyse
from qa.retrieve import _best

pytestmark = pytest.mark.unit


def test_best_rows_are_a_full_sorts_with_ties_in_row_order():
    rng = np.random.default_rng(0)
    for trial in range(2000):
        size, n = int(rng.integers(1, 300)), int(rng.integers(1, 60))
        if trial % 2:  # many equal scores, as duplicated passages give
            scores = rng.integers(0, 6, size).astype(np.float32) * np.float32(0.37)
        else:
            scores = rng.random(size).astype(np.float32) * (rng.random(size) > 0.3)
        expected = [i for i in np.argsort(-scores, kind="stable")[:n] if scores[i] > 0]
        assert list(_best(scores, n)) == expected


def _document(text: str) -> tuple[Document, list[Passage]]:
    doc = Document(doc_id="d", title="Báo cáo", text=text, content_hash=text)
    return doc, [Passage(passage_id="d-0", doc_id="d", title="Báo cáo", section="", start=0, end=len(text), text=text,
                         sentences=((0, len(text)),))]


def test_cached_rows_follow_every_catalog_change(tmp_path):
    reader, writer = Catalog(tmp_path / "c.sqlite"), Catalog(tmp_path / "c.sqlite")  # e.g. web app and `tracuu ingest`
    writer.commit_document(*_document("Năm 2020 có 100 hộ nghèo."))
    assert reader.passages(["d-0"])["d-0"].text == "Năm 2020 có 100 hộ nghèo."
    writer.commit_document(*_document("Năm 2021 có 90 hộ nghèo."))
    assert reader.passages(["d-0"])["d-0"].text == "Năm 2021 có 90 hộ nghèo."
    writer.remove_document("d")
    assert reader.passages(["d-0"]) == {}
    reader.close()
    writer.close()


def test_words_of_a_text_are_a_fresh_set_each_time():
    m = Matcher.for_question(analyse("bao nhiêu hộ nghèo"), lambda t, accented: 1.0)
    first = m.terms_of("hộ nghèo được hỗ trợ")
    first.add("thêm")
    assert "thêm" not in m.terms_of("hộ nghèo được hỗ trợ")


def test_concurrent_questions_get_the_answers_they_get_alone(hashing_engine):
    questions = ["Năm 2099 tỉnh Quảng Bình cấp bao nhiêu thẻ bảo hiểm y tế?",
                 "tro giup phap ly cho nguoi ngheo bao nhieu vu viec", "Hỗ trợ về y tế gồm những gì?",
                 "Tỉnh Quảng Trị cấp bao nhiêu thẻ bảo hiểm y tế năm 2099?"]

    def seen(a):
        return a.answer, [(h.passage.passage_id, h.score, h.in_scope) for h in a.passages]

    alone = {q: seen(answer(q, engine=hashing_engine)) for q in questions}
    wrong: list[str] = []

    def ask(offset: int) -> None:
        for i in range(12):
            q = questions[(offset + i) % len(questions)]
            if seen(answer(q, engine=hashing_engine)) != alone[q]:
                wrong.append(q)

    threads = [threading.Thread(target=ask, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not wrong
