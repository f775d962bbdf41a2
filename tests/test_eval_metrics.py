"""Per-question judgement and aggregate metrics, on hand-made Answer JSON."""
import pytest

from eval.dataset import EvalItem
from eval.evidence import EvidenceLocator, passage_holds
from eval.metrics import aggregate, citation_supported, hit_rank, judge, system_metrics

pytestmark = pytest.mark.unit
DOC = ("Chính sách hỗ trợ về y tế: thực hiện cấp 148.181 thẻ Bảo hiểm y tế cho người nghèo. "
       "Chính sách hỗ trợ về giáo dục: miễn, giảm học phí cho 12.633 lượt học sinh.")
LOCATOR = EvidenceLocator({"bc": DOC})
EVIDENCE = "miễn, giảm học phí cho 12.633 lượt học sinh"
EV_AT = DOC.index(EVIDENCE)


def _item(id_="q1", answer="12.633 lượt học sinh", aliases=("12.633",), evidence=EVIDENCE, type_="factoid_number"):
    return EvalItem(id_, "Bao nhiêu lượt học sinh được miễn giảm học phí?", answer, aliases, evidence, type_, 1,
                    LOCATOR.locate(evidence) if evidence else ())


def _passage(start, end, doc_id="bc", text=None):
    return {"doc_id": doc_id, "start": start, "end": end, "text": DOC[start:end] if text is None else text}


Y_TE = _passage(0, DOC.index(" Chính sách hỗ trợ về giáo"))
GIAO_DUC = _passage(DOC.index("Chính sách hỗ trợ về giáo"), len(DOC))


def _response(answer, passages, citations=(), abstained=False, total=100.0):
    return {"answer": answer, "abstained": abstained, "passages": list(passages), "citations": list(citations),
            "timings_ms": {"total": total}}


def test_passage_holds_evidence_by_containment_or_span_overlap():
    spans = LOCATOR.locate(EVIDENCE)
    assert passage_holds(GIAO_DUC, EVIDENCE, spans)
    assert not passage_holds(Y_TE, EVIDENCE, spans)
    # Containment works without offsets (whitespace differences ignored)...
    assert passage_holds({"text": "x miễn, giảm học phí\ncho 12.633   lượt học sinh y"}, EVIDENCE, spans)
    # ...and span overlap without the exact text (a passage holding most of the evidence).
    half = _passage(EV_AT, EV_AT + len(EVIDENCE) - 3, text="(another rendering)")
    assert passage_holds(half, EVIDENCE, spans)
    sliver = _passage(EV_AT + len(EVIDENCE) - 5, len(DOC), text="(another rendering)")
    assert not passage_holds(sliver, EVIDENCE, spans)
    assert not passage_holds({**half, "doc_id": "other"}, EVIDENCE, spans)


def test_hit_rank_and_mrr_depth():
    spans = LOCATOR.locate(EVIDENCE)
    assert hit_rank([GIAO_DUC, Y_TE], EVIDENCE, spans) == 1
    assert hit_rank([Y_TE, Y_TE, GIAO_DUC], EVIDENCE, spans) == 3
    assert hit_rank([Y_TE] * 10 + [GIAO_DUC], EVIDENCE, spans) is None  # beyond MRR@10
    assert hit_rank([], EVIDENCE, spans) is None


def test_correct_answer_with_supporting_citation():
    item = _item()
    r = _response("12.633 lượt [1] — “miễn, giảm học phí cho 12.633 lượt học sinh”", [Y_TE, GIAO_DUC],
                  citations=[GIAO_DUC])
    j = judge(item, r)
    assert j.correct and j.figure_first and j.hit_rank == 2 and j.supported
    assert not j.abstained and j.latency_ms == 100.0


def test_citation_support_fails_when_the_cited_passage_does_not_back_the_answer():
    item = _item()
    assert not citation_supported(item, _response("12.633 lượt học sinh [1]", [Y_TE], citations=[Y_TE]))
    # The cited passage states the answer with its unit even though it is not the evidence passage.
    other = {"doc_id": "x", "start": 0, "end": 10, "text": "Năm 2020 có 12.633 lượt học sinh được hỗ trợ."}
    assert citation_supported(item, _response("12.633 lượt học sinh [1]", [other], citations=[other]))


def test_wrong_answer_and_abstentions():
    wrong = judge(_item(), _response("148.181 thẻ [1]", [Y_TE], citations=[Y_TE]))
    assert wrong.correct is False and wrong.supported is None and wrong.hit_rank is None and not wrong.ok
    # An abstention is never a correct answer, even if its message happened to hold the figure.
    false_abstain = judge(_item(), _response("Không tìm thấy 12.633 lượt học sinh", [GIAO_DUC], abstained=True))
    assert false_abstain.abstained and false_abstain.correct is False and false_abstain.hit_rank == 1
    unanswerable = _item("q2", answer="", aliases=(), evidence="", type_="unanswerable")
    right = judge(unanswerable, _response("Không tìm thấy trong tài liệu.", [Y_TE], abstained=True))
    assert right.ok and right.correct is None and not right.retrieval_judged
    answered = judge(unanswerable, _response("148.181 thẻ [1]", [Y_TE], citations=[Y_TE]))
    assert not answered.ok


def test_aggregate_rates_use_the_right_denominators():
    una = _item("u1", answer="", aliases=(), evidence="", type_="unanswerable")
    js = [
        judge(_item("a1"), _response("12.633 lượt học sinh [1]", [GIAO_DUC], citations=[GIAO_DUC], total=10)),
        judge(_item("a2"), _response("148.181 thẻ [1]", [Y_TE, GIAO_DUC], citations=[Y_TE], total=20)),
        judge(_item("a3"), _response("Không tìm thấy.", [Y_TE], abstained=True, total=30)),
        judge(una, _response("Không tìm thấy.", [Y_TE], abstained=True, total=40)),
        judge(_item("u2", answer="", aliases=(), evidence="", type_="unanswerable"),
              _response("148.181 thẻ [1]", [Y_TE], citations=[Y_TE], total=1000)),
    ]
    m = aggregate(js)
    assert (m["questions"], m["answerable"], m["unanswerable"]) == (5, 3, 2)
    assert m["hit@1"] == pytest.approx(1 / 3, abs=1e-4) and m["hit@5"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3, abs=1e-4)
    assert m["answer_acc"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["citation_support"] == 1.0  # over the one correct answer
    assert m["abstain_acc"] == 0.5 and m["false_abstain"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["overall_acc"] == pytest.approx(2 / 5, abs=1e-4)
    assert m["latency_ms_p50"] == 30.0 and m["latency_ms_p95"] == pytest.approx(808.0)


def test_per_type_breakdown_and_undefined_rates():
    js = [judge(_item("a1"), _response("12.633 lượt học sinh [1]", [GIAO_DUC], citations=[GIAO_DUC])),
          judge(_item("u1", answer="", aliases=(), evidence="", type_="unanswerable"),
                _response("Không tìm thấy.", [], abstained=True))]
    m = system_metrics(js)
    assert set(m["per_type"]) == {"factoid_number", "unanswerable"}
    assert m["per_type"]["factoid_number"]["answer_acc"] == 1.0
    assert m["per_type"]["factoid_number"]["abstain_acc"] is None  # no unanswerable question there
    assert m["per_type"]["unanswerable"]["abstain_acc"] == 1.0
    assert m["per_type"]["unanswerable"]["hit@1"] is None
    for key in ("hit@1", "hit@5", "mrr@10", "answer_acc", "citation_support", "abstain_acc", "false_abstain",
                "latency_ms_p50", "latency_ms_p95", "token_f1", "figure_acc"):
        assert key in m and key in m["per_type"]["factoid_number"]
