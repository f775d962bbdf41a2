"""`tracuu bench scale`: the whole run, one fresh process per measurement.

Order: the real-corpus phase (real pipeline, real embedder), then for each size a
synthetic corpus, tracuu's index build and serving, the naive llama-index pipeline's
build and serving, and tracuu again against `chroma run` on loopback.
"""
from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from eval.bench import synth
from eval.bench.goals import goals
from eval.bench.server import chroma_server
from eval.bench.worker import peak_rss_mb

DATASET = Path(__file__).resolve().parents[1] / "datasets" / "dev.jsonl"
Log = Callable[[str], None]


class BenchError(RuntimeError):
    """A measurement failed; the message names the step and its log."""


@dataclass(frozen=True)
class BenchConfig:
    sizes: tuple[int, ...]
    out: Path
    queries: int = 50
    corpus: Path = Path("corpus")
    dataset: Path = DATASET
    seed: int = 0
    server: bool = True
    keep: bool = False  # keep the synthetic corpora and indexes under out/work
    isolate: bool = True  # one fresh process per measurement (else quick, RSS cumulative)
    command: str = field(default="", compare=False)


def questions(dataset: Path, n: int) -> list[str]:
    """`n` questions spread evenly over the dataset (repeating it if it is shorter)."""
    rows = [json.loads(line) for line in dataset.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = [r["question"] for r in rows if r.get("question", "").strip()]
    if not pool:
        raise BenchError(f"{dataset} holds no questions")
    step = max(1, len(pool) // n) if n <= len(pool) else 1
    return [pool[(i * step) % len(pool)] for i in range(n)]


def run(config: BenchConfig, log: Log = print) -> dict:
    """Measure everything, write bench.json and bench.md, return the figures."""
    from eval.bench.report import write_report

    work = config.out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.perf_counter()
    qs = questions(config.dataset, config.queries)
    log(f"real corpus: ingesting {config.corpus} with the configured embedder (twice) ...")
    step = _Steps(work, config.isolate)
    real = step("real", "real", corpus=config.corpus.resolve(), work=work)
    material = synth.Material.load(work / "material")
    rows = []
    for n in config.sizes:
        folder = work / f"synth-{n}"
        row: dict = {"size": n, **_synthesize(material, n, config.seed, folder)}
        log(f"{n} passages: tracuu index ...")
        row["ours_build"] = step("ours-build", f"ours-build-{n}", corpus=folder, material=work / "material",
                                    index_dir=folder / "ours")
        log(f"{n} passages: tracuu queries ...")
        row["ours_serve"] = step("ours-serve", f"ours-serve-{n}", index_dir=folder / "ours", questions=qs)
        log(f"{n} passages: naive llama-index index and queries ...")
        row["naive_build"] = step("naive-build", f"naive-build-{n}", corpus=folder,
                                     material=work / "material", store_dir=folder / "naive")
        row["naive_serve"] = step("naive-serve", f"naive-serve-{n}", store_dir=folder / "naive",
                                     questions=qs)
        if config.server:
            log(f"{n} passages: tracuu against `chroma run` on loopback ...")
            row.update(_server_run(step, folder, n, qs))
        rows.append(row)
        if not config.keep:
            shutil.rmtree(folder, ignore_errors=True)
    real["text"] = synth.text_stats([" ".join(p.sentences) for p in material.passages])
    bench = assemble(config, real, rows, time.perf_counter() - started)
    if not config.keep:
        shutil.rmtree(work, ignore_errors=True)
    write_report(bench, config.out)
    return bench


def _synthesize(material: synth.Material, n: int, seed: int, folder: Path) -> dict:
    """Write the corpus of size n; the generated objects are freed on return."""
    docs, vectors = synth.generate(material, n, seed=seed)
    synth.write(docs, vectors, folder)
    return {"documents": len(docs),
            "text": synth.text_stats([" ".join(p) for d in docs[:2000] for p in d.paragraphs])}


def _server_run(step: "_Steps", folder: Path, n: int, qs: list[str]) -> dict:
    with chroma_server(folder / "chroma-server") as (url, pid):
        build = step("ours-build", f"server-build-{n}", corpus=folder, material=step.work / "material",
                     index_dir=folder / "ours-remote", chroma_url=url, reingest=False)
        serve = step("ours-serve", f"server-serve-{n}", index_dir=folder / "ours-remote", questions=qs,
                     chroma_url=url)
        server_mb = peak_rss_mb(pid)
    return {"server_build": build, "server_serve": {**serve, "server_peak_rss_mb": server_mb}}


@dataclass(frozen=True)
class _Steps:
    """Runs measurements: each in a fresh interpreter, or here when not isolating."""

    work: Path
    isolate: bool = True

    def __call__(self, task: str, name: str, **kwargs) -> dict:
        """The task's figures, or BenchError naming the step and the end of its log."""
        if not self.isolate:
            from eval.bench.worker import run_task

            return run_task(task, kwargs)
        logs = self.work / "logs"
        logs.mkdir(exist_ok=True)
        result = logs / f"{name}.json"
        args = json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in kwargs.items()}, ensure_ascii=False)
        with open(logs / f"{name}.log", "w") as log:
            code = subprocess.call([sys.executable, "-m", "eval.bench.worker", task, str(result), args],
                                   stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        if code != 0 or not result.exists():
            tail = (logs / f"{name}.log").read_text(errors="replace").strip().splitlines()[-5:]
            raise BenchError(f"bench step '{name}' failed (exit {code}): " + " | ".join(tail))
        return json.loads(result.read_text())


def assemble(config: BenchConfig, real: dict, rows: list[dict], seconds: float) -> dict:
    """The bench.json object: one list per figure, one entry per size."""
    col = lambda part, key: [r[part].get(key) for r in rows]  # noqa: E731
    figures = lambda build, serve: {  # noqa: E731
        "query_ms_p50": col(serve, "query_ms_p50"), "query_ms_p95": col(serve, "query_ms_p95"),
        "search_ms_p50": col(serve, "search_ms_p50"), "search_ms_p95": col(serve, "search_ms_p95"),
        "retrieve_ms_p50": col(serve, "retrieve_ms_p50"), "query_embed_ms_p50": col(serve, "query_embed_ms_p50"),
        "index_passages_per_s": col(build, "index_passages_per_s"), "index_s": col(build, "index_s"),
        "index_peak_rss_mb": col(build, "peak_rss_mb"), "peak_rss_mb": col(serve, "peak_rss_mb"),
    }
    bench = {
        "sizes": [r["size"] for r in rows],
        "passages": col("ours_build", "passages"),
        "documents": [r["documents"] for r in rows],
        **figures("ours_build", "ours_serve"),
        "abstained_share": col("ours_serve", "abstained_share"),
        "embedded_share": col("ours_serve", "embedded_share"),
        "index_breakdown_s": [{k: r["ours_build"][k] for k in ("store_s", "catalog_s", "keyword_s")} for r in rows],
        "reingest_unchanged_s_by_size": col("ours_build", "reingest_unchanged_s"),
        "reingest_unchanged_embedded_by_size": col("ours_build", "reingest_unchanged_embedded"),
        "reingest_verified_s_by_size": col("ours_build", "reingest_verified_s"),
        "embed_passages_per_s": real["embed_passages_per_s"],
        "ingest_embed_share": real["ingest_embed_share"],
        "ingest_embed_share_cold": real["ingest_embed_share_cold"],
        "reingest_unchanged_s": real["reingest_unchanged_s"],
        "real": real,
        "baseline": {"name": "naive-llamaindex", **figures("naive_build", "naive_serve")},
        "queries": config.queries,
        "seed": config.seed,
        "isolated": config.isolate,
        "command": config.command,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "seconds": round(seconds, 1),
        "synthetic_text": [r["text"] for r in rows],
    }
    if config.server:
        bench["chroma_server"] = {
            **{k: v for k, v in figures("server_build", "server_serve").items()},
            "server_peak_rss_mb": col("server_serve", "server_peak_rss_mb"),
        }
    bench["goals"] = goals(bench)
    return bench
