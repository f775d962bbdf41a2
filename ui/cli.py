"""The `tracuu` command line. Heavy imports happen inside commands, so `tracuu --help`
starts fast; errors are one readable line and an exit code, never a traceback."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ui.cli_bench import bench_app
from ui.cli_eval import eval_app
from ui.env import set_offline_env

set_offline_env()

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="tracuu — tra cứu tài liệu giảm nghèo bền vững (offline, có trích dẫn).")
docs_app = typer.Typer(help="List or remove indexed documents.", invoke_without_command=True)
app.add_typer(docs_app, name="docs")
app.add_typer(bench_app, name="bench")
app.add_typer(eval_app, name="eval")

IndexDir = typer.Option(None, "--index-dir", help="Index folder (default: $TRACUU_INDEX_DIR or .tracuu/)")


def _settings(index_dir: Optional[Path]):
    from ingest.settings import Settings

    s = Settings()
    if index_dir is not None:
        s.index_dir = index_dir
    return s


def _fail(err: Exception) -> None:
    from ingest.errors import TracuuError

    code = err.exit_code if isinstance(err, TracuuError) else 1
    typer.echo(f"Lỗi: {err}", err=True)
    raise typer.Exit(code)


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: corpus/)"),
    index_dir: Optional[Path] = IndexDir,
    rebuild: bool = typer.Option(False, "--rebuild", help="Delete the index and build it again."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    verify: bool = typer.Option(False, "--verify", help="Check every stored vector against the catalog, "
                                "even after a clean run (e.g. after restoring the index from a backup)."),
) -> None:
    """Add, update and remove documents in the index (unchanged files are skipped)."""
    from ingest.errors import TracuuError
    from ingest.pipeline import ingest_paths, wipe
    from qa.factory import open_index

    settings = _settings(index_dir)
    paths = paths or [Path("corpus")]
    try:
        if rebuild and settings.index_dir.exists():
            wipe(settings.index_dir)
        index = open_index(settings, create=True)
        with _progress(quiet) as progress:
            report = ingest_paths(index, paths, progress=progress, max_bytes=settings.max_upload_mb * 2**20,
                                  verify=verify)
    except TracuuError as err:
        _fail(err)
    for problem in report.failed:
        typer.echo(f"Bỏ qua: {problem}", err=True)
    if report.repaired:
        typer.echo(f"Repaired {report.repaired} leftovers of an interrupted ingest.", err=True)
    typer.echo(report.summary())


class _progress:
    """A rich progress bar on stderr, or nothing when quiet / not a terminal."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar = None

    def __enter__(self):
        if self.quiet:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        from rich.console import Console

        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=Console(stderr=True), transient=False)
        self.bar.start()
        self.task = self.bar.add_task("Nạp tài liệu", total=None)

        def update(name: str, done: int, total: int) -> None:
            self.bar.update(self.task, completed=done, total=total, description=f"Nạp {name}"[:50] if name else "Xong")

        return update

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False


@app.command()
def ask(
    question: str = typer.Argument(..., help="Câu hỏi (có dấu hoặc không dấu)"),
    as_json: bool = typer.Option(False, "--json", help="Print the Answer JSON."),
    doc: List[str] = typer.Option(None, "--doc", help="Only search these document ids (repeatable)."),
    k: int = typer.Option(0, "-k", help="Passages to retrieve (default from settings).", min=0, max=100),
    index_dir: Optional[Path] = IndexDir,
) -> None:
    """Answer a question from the indexed documents, with numbered sources."""
    from ingest.errors import TracuuError
    from qa import answer
    from qa.factory import open_engine
    from qa.serialize import answer_to_dict
    from ui.render import answer_text

    try:
        engine = open_engine(_settings(index_dir))
        result = answer(question, engine=engine, docs=doc or None, k=k or None)
    except TracuuError as err:
        _fail(err)
    if as_json:
        typer.echo(json.dumps(answer_to_dict(result), ensure_ascii=False, indent=2))
    else:
        typer.echo(answer_text(result))


@docs_app.callback()
def docs(ctx: typer.Context, index_dir: Optional[Path] = IndexDir) -> None:
    """List the indexed documents: doc_id, title, passages, completeness."""
    ctx.obj = index_dir
    if ctx.invoked_subcommand is not None:
        return
    from ingest.errors import TracuuError
    from qa.factory import open_index
    from ui.render import documents_table

    try:
        index = open_index(_settings(index_dir))
        rows = documents_table(index.documents())
    except TracuuError as err:
        _fail(err)
    if not rows:
        typer.echo("The index is empty: run `tracuu ingest corpus/`.")
    for doc_id, title, passages, completeness in rows:
        typer.echo(f"{doc_id}\t{title}\t{passages} đoạn\t{completeness}")


@docs_app.command("remove")
def docs_remove(ctx: typer.Context, doc_id: str = typer.Argument(...)) -> None:
    """Remove one document from the index."""
    from ingest.errors import TracuuError, UnknownDocumentError
    from ingest.pipeline import remove_document
    from qa.factory import open_index

    try:
        index = open_index(_settings(ctx.obj))
        known = [d.doc_id for d in index.documents()]
        if doc_id not in known:
            raise UnknownDocumentError([doc_id], known)
        remove_document(index, doc_id)
    except TracuuError as err:
        _fail(err)
    typer.echo(f"Removed {doc_id}.")


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind (127.0.0.1 = this machine only)."),
    port: int = typer.Option(7860, help="Port."),
    index_dir: Optional[Path] = IndexDir,
) -> None:
    """Start the Gradio web chat."""
    from ingest.errors import TracuuError

    try:
        from ui.web import launch
    except ImportError:
        _fail(RuntimeError("the web chat is not available in this build"))
    try:
        launch(_settings(index_dir), host=host, port=port)
    except TracuuError as err:
        _fail(err)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
