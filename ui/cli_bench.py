"""`tracuu bench`: benchmarks. Heavy imports happen inside the command."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

bench_app = typer.Typer(help="Benchmarks: latency, throughput and memory against corpus size.",
                        no_args_is_help=True)


def parse_sizes(text: str) -> tuple[int, ...]:
    """"1000,10000" -> (1000, 10000); raises typer.BadParameter with the reason."""
    try:
        sizes = tuple(int(s.replace("_", "")) for s in text.split(",") if s.strip())
    except ValueError:
        raise typer.BadParameter(f"'{text}' is not a comma-separated list of whole numbers") from None
    if not sizes or any(n < 20 for n in sizes):
        raise typer.BadParameter("give one or more sizes of at least 20 passages, e.g. 1000,10000,100000")
    return tuple(sorted(set(sizes)))


@bench_app.command("scale")
def scale(
    sizes: str = typer.Option("1000,10000,100000", help="Corpus sizes in passages, comma-separated."),
    out: Path = typer.Option(Path("bench-out"), "--out", help="Folder for bench.json, bench.md and the plot."),
    queries: int = typer.Option(50, "--queries", min=1, max=1000, help="Questions timed per size."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Real documents the synthetic corpora are made from."),
    dataset: Path = typer.Option(None, "--dataset", help="Questions (JSONL; default eval/datasets/dev.jsonl)."),
    server: bool = typer.Option(True, "--server/--no-server", help="Also measure against `chroma run` on loopback."),
    keep: bool = typer.Option(False, "--keep", help="Keep the synthetic corpora and indexes in OUT/work."),
    seed: int = typer.Option(0, "--seed", help="Seed of the synthetic corpora."),
    in_process: bool = typer.Option(False, "--in-process",
                                    help="Measure everything in this process: quick, but peak RSS is cumulative."),
) -> None:
    """Latency, indexing throughput and memory at each size, beside a naive llama-index pipeline."""
    from eval.bench.scale import DATASET, BenchConfig, BenchError, run

    parsed = parse_sizes(sizes)
    dataset = dataset or DATASET
    for path, what in ((corpus, "corpus folder"), (dataset, "question dataset")):
        if not path.exists():
            typer.echo(f"Lỗi: {what} not found: {path}", err=True)
            raise typer.Exit(2)
    command = "tracuu bench scale " + " ".join(sys.argv[3:]) if sys.argv[1:3] == ["bench", "scale"] else ""
    config = BenchConfig(sizes=parsed, out=out, queries=queries, corpus=corpus, dataset=dataset, seed=seed,
                         server=server, keep=keep, isolate=not in_process,
                         command=command or f"tracuu bench scale --sizes {sizes}")
    try:
        bench = run(config, log=lambda msg: typer.echo(msg, err=True))
    except BenchError as err:
        typer.echo(f"Lỗi: {err}", err=True)
        raise typer.Exit(1)
    typer.echo(f"Wrote {out / 'bench.json'} and {out / 'bench.md'}")
    for name, g in bench["goals"].items():
        typer.echo(f"  {name}: {g['value']} (goal: {g['goal']}; met: {g['met']})")
