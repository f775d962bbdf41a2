"""`tracuu eval run` end to end: the real corpus index, tracuu and all three baselines."""
import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ui.cli import app

DATA = Path(__file__).parent / "data" / "eval"
KEYS = {"hit@1", "hit@5", "mrr@10", "answer_acc", "citation_support", "abstain_acc", "false_abstain",
        "latency_ms_p50", "latency_ms_p95", "per_type", "token_f1"}


@pytest.mark.integration
@pytest.mark.slow
def test_eval_run_writes_every_report(corpus_index, tmp_path):
    settings, _ = corpus_index
    dataset = tmp_path / "tiny.jsonl"
    shutil.copy(DATA / "tiny.jsonl", dataset)
    with dataset.open("a", encoding="utf-8") as fh:  # one bad line, reported and skipped
        fh.write('{"id": "t01", "question": "trùng id", "answer": "", "answer_aliases": [], '
                 '"evidence": "", "type": "unanswerable"}\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["eval", "run", str(dataset), "--out", str(out), "-q",
                                      "--index-dir", str(settings.index_dir),
                                      "--compare", "bm25,dense,naive-llamaindex"])
    assert result.exit_code == 0, result.output
    assert "line 8 (t01): duplicate id (first on line 1) — skipped" in result.output

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["dataset"]["questions"] == 7 and report["dataset"]["skipped"] == 1
    assert list(report["systems"]) == ["tracuu", "bm25", "dense", "naive-llamaindex"]
    for name, metrics in report["systems"].items():
        assert KEYS <= set(metrics), name
        assert set(metrics["per_type"]) == {"factoid_number", "no_diacritics", "factoid_text", "english",
                                            "unanswerable"}
        assert metrics["abstain_acc"] is not None and metrics["latency_ms_p50"] > 0
    # Baselines never abstain while retrieval returns passages.
    assert report["systems"]["bm25"]["false_abstain"] == 0.0

    rows = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["t01", "t02", "t03", "t04", "t05", "t06", "t07"]
    first = rows[0]
    assert {"question", "answer", "answer_aliases", "evidence", "type", "response"} <= set(first)
    assert {"answer", "abstained", "citations", "passages", "timings_ms"} <= set(first["response"])
    assert len(first["response"]["passages"]) == 10
    for name in ("bm25", "dense", "naive-llamaindex"):
        assert len((out / "baselines" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()) == 7

    md = (out / "report.md").read_text(encoding="utf-8")
    assert "| Retrieval hit@1 |" in md and "naive-llamaindex" in md and "worst failures" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 3 and "<table>" in html
    with (out / "failures.csv").open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["id", "type", "failure"] and "naive-llamaindex_correct" in header


@pytest.fixture
def hashing_cli_index(hashing_index, monkeypatch):
    """The fixture corpus index, opened by the CLI with the same hashing embedder."""
    monkeypatch.setenv("TRACUU_EMBEDDER__KIND", "hashing")
    monkeypatch.setenv("TRACUU_EMBEDDER__DIM", "256")
    return str(hashing_index.dir)


@pytest.mark.unit
def test_eval_run_reports_bad_input_without_a_traceback(hashing_cli_index, tmp_path):
    runner = CliRunner()
    missing = runner.invoke(app, ["eval", "run", str(tmp_path / "none.jsonl"), "--index-dir", hashing_cli_index])
    assert missing.exit_code == 2 and "Dataset not found" in missing.output
    unknown = runner.invoke(app, ["eval", "run", str(DATA / "tiny.jsonl"), "--compare", "bm25,gpt"])
    assert unknown.exit_code == 2 and "unknown baseline(s) gpt" in unknown.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("{broken\n", encoding="utf-8")
    bad = runner.invoke(app, ["eval", "run", str(empty), "--index-dir", hashing_cli_index, "-q",
                              "--out", str(tmp_path / "o")])
    assert bad.exit_code == 2 and "No usable question" in bad.output and "line 1: broken JSON" in bad.output
    assert isinstance(bad.exception, SystemExit) and not (tmp_path / "o").exists()


@pytest.mark.unit
def test_eval_run_on_csv_with_evidence_missing_from_the_index(hashing_cli_index, tmp_path):
    dataset = tmp_path / "q.csv"
    dataset.write_text(
        "id;question;answer;answer_aliases;evidence;type\n"
        "c1;Cấp bao nhiêu thẻ bảo hiểm y tế?;12.345 thẻ;12.345;cấp 12.345 thẻ bảo hiểm y tế;factoid_number\n"
        "c2;Câu hỏi ngoài tài liệu?;1 thẻ;;không có trong tài liệu nào;factoid_number\n"
        "c3;Giá vàng hôm nay?;;;;unanswerable\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["eval", "run", str(dataset), "--out", str(out), "-q", "--compare", "bm25",
                                      "--index-dir", hashing_cli_index])
    assert result.exit_code == 0, result.output
    assert "line 3 (c2): evidence not found in any indexed document" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["dataset"]["questions"] == 2 and list(report["systems"]) == ["tracuu", "bm25"]
    assert report["systems"]["bm25"]["hit@1"] == 1.0 and report["systems"]["bm25"]["answer_acc"] == 1.0


@pytest.mark.unit
def test_eval_tune_writes_both_curves(hashing_cli_index, tmp_path):
    dataset = tmp_path / "q.jsonl"
    dataset.write_text(json.dumps({"id": "u1", "question": "Cấp bao nhiêu thẻ bảo hiểm y tế năm 2099?",
                                   "answer": "12.345 thẻ", "answer_aliases": [],
                                   "evidence": "cấp 12.345 thẻ bảo hiểm y tế", "type": "factoid_number"},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "tune"
    result = CliRunner().invoke(app, ["eval", "tune", str(dataset), "--out", str(out), "-q",
                                      "--index-dir", hashing_cli_index])
    assert result.exit_code == 0, result.output
    text = (out / "tune.md").read_text(encoding="utf-8")
    assert "| 0.4 (chosen) |" in text and "| 0.35 (chosen) |" in text and "| 0.86 (chosen) |" in text
    # Words first: the question is answered on its words at every threshold, as on the hybrid path.
    assert "| 0.5 (chosen) |" in text and "| same as the hybrid path | 1 | 1 | 1 | 1 | 1 | 1 |" in text
    for plot in ("dense_weight.png", "min_coverage.png", "rescue_similarity.png"):
        assert (out / plot).stat().st_size > 0
