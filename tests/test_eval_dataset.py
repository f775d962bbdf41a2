"""Dataset loading and validation: every bad row is reported by line number and skipped."""
from pathlib import Path

import pytest

from eval.dataset import DatasetError, check_evidence, load_dataset
from eval.evidence import EvidenceLocator

pytestmark = pytest.mark.unit
DATA = Path(__file__).parent / "data" / "eval"
DOCS = {
    "qd-59": "\na) Chuẩn nghèo: 700.000 đồng/người/tháng ở khu vực nông thôn và 900.000 đồng/người/tháng.",
    "nq-30a": "Theo số liệu, cả nước có 61 huyện\n(gồm 797 xã và thị trấn) thuộc 20 tỉnh.",
}


def _by_line(problems):
    return {p.line: p for p in problems}


def test_broken_rows_are_reported_by_line_and_skipped():
    items, problems = load_dataset(DATA / "broken.jsonl")
    by_line = _by_line(problems)
    assert [i.id for i in items] == ["b01", "b04", "b06", "b07"]
    assert "broken JSON" in by_line[2].message and by_line[2].skipped
    assert 3 not in by_line  # a blank line is not a problem
    assert "missing field(s): evidence" in by_line[4].message and by_line[4].item_id == "b03"
    assert "duplicate id (first on line 1)" in by_line[5].message
    assert "answer_aliases must be a list of strings" in by_line[7].message
    assert "expected a JSON object" in by_line[8].message
    # An unknown question type is kept (evaluators may have their own) but noted.
    assert "unknown type 'yes_no'" in by_line[10].message and not by_line[10].skipped
    assert str(by_line[2]).startswith("line 2: broken JSON") and str(by_line[2]).endswith("skipped")


def test_evidence_missing_from_every_document_is_reported_and_skipped():
    items, _ = load_dataset(DATA / "broken.jsonl")
    kept, problems = check_evidence(items, EvidenceLocator(DOCS))
    assert [i.id for i in kept] == ["b01", "b06", "b07"]
    assert len(problems) == 1 and problems[0].line == 6 and problems[0].item_id == "b04"
    assert "evidence not found in any indexed document" in problems[0].message


def test_evidence_is_located_across_whitespace_differences():
    locator = EvidenceLocator(DOCS)
    spans = locator.locate("cả nước có 61 huyện (gồm 797 xã")  # the document breaks the line
    assert len(spans) == 1
    sp = spans[0]
    assert sp.doc_id == "nq-30a" and DOCS["nq-30a"][sp.start:sp.end] == "cả nước có 61 huyện\n(gồm 797 xã"
    assert locator.locate("Chuẩn nghèo:   700.000 đồng/người/tháng")[0].doc_id == "qd-59"
    assert locator.locate("không có đâu") == ()


def test_csv_with_pipe_and_json_aliases_and_multiline_cells():
    items, problems = load_dataset(DATA / "tiny.csv")
    by_id = {i.id: i for i in items}
    assert by_id["t01"].aliases == ("700.000 đồng", "700 nghìn đồng")
    assert by_id["t02"].aliases == ("61", "61 huyện nghèo")
    assert by_id["t02"].question.startswith("Câu hỏi có dấu phẩy, và\nxuống dòng")
    assert by_id["t03"].answer == "" and not by_id["t03"].answerable
    # The quoted cell of t02 spans lines 3-4, so t03 is on line 5 and t04 on line 6.
    assert by_id["t03"].line == 5
    assert [(p.line, "not a JSON list" in p.message) for p in problems] == [(6, True)]


def test_csv_without_a_required_column_is_refused(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("id,question,answer\nq1,Hỏi?,Đáp\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="answer_aliases, evidence, type"):
        load_dataset(path)


def test_missing_file_and_empty_index_are_clear_errors(tmp_path):
    with pytest.raises(DatasetError, match="Dataset not found"):
        load_dataset(tmp_path / "nope.jsonl")
    items, _ = load_dataset(DATA / "tiny.jsonl")
    with pytest.raises(DatasetError, match="tracuu ingest"):
        check_evidence(items, EvidenceLocator({}))


def test_unanswerable_type_with_an_answer_is_inconsistent(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "x", "question": "Hỏi?", "answer": "có", "answer_aliases": [], '
                    '"evidence": "", "type": "unanswerable"}\n', encoding="utf-8")
    items, problems = load_dataset(path)
    assert items == [] and "unanswerable but the answer is not empty" in problems[0].message
