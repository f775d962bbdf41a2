"""`tracuu eval …`: run the QA accuracy suite from the command line (heavy imports
happen inside the command, so `tracuu --help` stays fast)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

eval_app = typer.Typer(help="Measure answer quality on a question set (JSONL or CSV).", no_args_is_help=True)
_SHOWN = [("hit@5", "hit@5"), ("mrr@10", "MRR@10"), ("answer_acc", "answer"), ("figure_acc", "figure"),
          ("token_f1", "F1"), ("abstain_acc", "abstain"), ("false_abstain", "false abst."),
          ("latency_ms_p50", "p50 ms")]


def _baselines(compare: str) -> list[str]:
    from eval.baselines import NAMES

    names = [n.strip().lower() for n in compare.split(",") if n.strip()]
    unknown = [n for n in names if n not in NAMES]
    if unknown:
        typer.echo(f"Lỗi: unknown baseline(s) {', '.join(unknown)}; choose from {', '.join(NAMES)}", err=True)
        raise typer.Exit(2)
    return list(dict.fromkeys(names))


class _Bars:
    """One rich progress bar per system, on stderr."""

    def __init__(self, quiet: bool):
        self.progress = None
        self.tasks: dict[str, int] = {}
        if not quiet:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("{task.description:<18}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), console=Console(stderr=True))

    def __enter__(self):
        if self.progress is not None:
            self.progress.start()
        return self.update if self.progress is not None else None

    def update(self, system: str, done: int, total: int) -> None:
        if system not in self.tasks:
            self.tasks[system] = self.progress.add_task(system, total=total)
        self.progress.update(self.tasks[system], completed=done)

    def __exit__(self, *exc):
        if self.progress is not None:
            self.progress.stop()
        return False


@eval_app.command("run")
def run(
    dataset: Path = typer.Argument(..., help="Questions: JSONL, or CSV with the same columns."),
    out: Path = typer.Option(Path("eval-out"), "--out", help="Folder for results and reports."),
    compare: str = typer.Option("", "--compare", help="Baselines to run too: bm25,dense,naive-llamaindex"),
    k: int = typer.Option(10, "-k", help="Passages retrieved per question (MRR@10 needs 10).", min=1, max=100),
    index_dir: Optional[Path] = typer.Option(None, "--index-dir",
                                             help="Index folder (default: $TRACUU_INDEX_DIR or .tracuu/)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
) -> None:
    """Answer every question with tracuu (and baselines), score, and write the reports."""
    from eval import runner
    from eval.report import METRICS, fmt, write_all
    from ingest.errors import TracuuError
    from qa.factory import open_engine
    from ui.cli import _fail, _settings

    baselines = _baselines(compare)
    if out.exists() and not out.is_dir():  # say so before a long run, not after
        _fail(RuntimeError(f"--out {out} is a file; give a folder for the reports"))
    try:
        engine = open_engine(_settings(index_dir)).warm_up()
        items, problems = runner.prepare(dataset, engine)
        for p in problems:
            typer.echo(f"{dataset}: {p}", err=True)
        typer.echo(f"{len(items)} questions to score ({sum(p.skipped for p in problems)} rows skipped).", err=True)
        with _Bars(quiet) as progress:
            result = runner.run(dataset, engine, baselines, k=k, progress=progress, prepared=(items, problems))
        report = write_all(result, out)
    except TracuuError as err:
        _fail(err)
    except OSError as err:  # e.g. --out names a file, or a read-only folder
        _fail(RuntimeError(f"cannot write the reports to {out}: {err.strerror or err}"))
    kinds = {key: kind for key, _, kind in METRICS}
    typer.echo("system".ljust(18) + "".join(label.rjust(12) for _, label in _SHOWN))
    for name, m in report["systems"].items():
        typer.echo(name.ljust(18) + "".join(fmt(m.get(key), kinds[key]).rjust(12) for key, _ in _SHOWN))
    typer.echo(f"Wrote {out}/results.jsonl, report.json, report.md, report.html, failures.csv")


@eval_app.command("tune")
def tune(
    dataset: Path = typer.Argument(..., help="The dev split (never the test split)."),
    out: Path = typer.Option(Path("tune-out"), "--out", help="Folder for tune.md and the plots."),
    index_dir: Optional[Path] = typer.Option(None, "--index-dir",
                                             help="Index folder (default: $TRACUU_INDEX_DIR or .tracuu/)"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars."),
) -> None:
    """Sweep the fusion weight, the abstention thresholds and words first; write the curves."""
    from eval import runner, tune as tuning
    from ingest.errors import TracuuError
    from qa.factory import open_engine
    from ui.cli import _fail, _settings

    try:
        engine = open_engine(_settings(index_dir)).warm_up()
        items, problems = runner.prepare(dataset, engine)
        with _Bars(quiet) as progress:
            fusion = tuning.sweep(engine, items, "dense_weight", tuning.DENSE_WEIGHTS, progress)
            coverage = tuning.sweep(engine, items, "min_coverage", tuning.MIN_COVERAGES, progress)
            rescue = tuning.sweep(engine, items, "rescue_similarity", tuning.RESCUE_SIMILARITIES, progress)
            words_first = tuning.exit_agreement(engine, items, tuning.EXIT_THRESHOLDS, progress)
        out.mkdir(parents=True, exist_ok=True)
        abstention = ("answer_acc", "abstain_acc", "false_abstain", "false_answer")
        tuning.plot(fusion, ("hit@1", "hit@5", "mrr@10", "answer_acc"), out / "dense_weight.png")
        tuning.plot(coverage, abstention, out / "min_coverage.png")
        tuning.plot(rescue, abstention, out / "rescue_similarity.png")
        text = (f"# Tuning on {dataset} ({len(items)} questions)\n\n"
                f"## Fusion weight of the dense score\n\n![curve](dense_weight.png)\n\n"
                f"{tuning.markdown(fusion, engine.retrieval.dense_weight)}\n\n"
                f"## Abstention: minimum evidence coverage\n\n![curve](min_coverage.png)\n\n"
                f"{tuning.markdown(coverage, engine.answering.min_coverage)}\n\n"
                f"## Abstention: similarity that vouches for a low-coverage paraphrase\n\n"
                f"![curve](rescue_similarity.png)\n\n"
                f"{tuning.markdown(rescue, engine.answering.rescue_similarity)}\n\n"
                f"## Words first: questions decided without embedding them\n\n"
                f"{tuning.exit_markdown(words_first, engine.answering.lexical_exit)}\n")
        (out / "tune.md").write_text(text, encoding="utf-8")
    except TracuuError as err:
        _fail(err)
    typer.echo(text)
