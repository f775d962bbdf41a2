"""Server mode: the same code against a real `chroma run` process on loopback."""
from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import hashing_settings
from ingest.errors import StoreUnavailableError
from ingest.pipeline import ingest_paths
from qa import answer
from qa.factory import open_engine, open_index
from test_hardening import index_state

pytestmark = pytest.mark.integration
CHROMA = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "chroma"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """A real Chroma server on 127.0.0.1 with its data under tmp_path; stopped afterwards."""
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the `chroma` command is not installed")
    port = _free_port()
    proc = subprocess.Popen([str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(tmp_path / "server"),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"chroma run did not start: {proc.stderr.read().decode()[-500:]}")
            time.sleep(0.2)
    yield url, proc
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def server_settings(index_dir: Path, url: str):
    settings = hashing_settings(index_dir)
    settings.chroma_url = url
    settings.chroma_timeout_s = 2.0
    return settings


def test_ingest_and_answer_through_a_chroma_server(chroma_server, fixture_corpus, tmp_path):
    url, server = chroma_server
    index = open_index(server_settings(tmp_path / "a", url), create=True)
    other = open_index(server_settings(tmp_path / "b", url), create=True)
    try:
        report = ingest_paths(index, [fixture_corpus])
        assert sorted(report.added) == ["bao-cao-tinh-mau", "luat-mau"]
        assert index.store.url == url and not (tmp_path / "a" / "chroma").exists(), "vectors went to disk"
        state = index_state(index)
        assert state.consistent() and len(state.chroma) == index.store.count() > 0
        # A second index folder on the same server gets its own collection: its
        # reconcile must not take the first one's vectors for orphans.
        (tmp_path / "khac").mkdir()
        (tmp_path / "khac" / "tb.txt").write_text("Thông báo hỗ trợ tiền điện cho hộ nghèo.", encoding="utf-8")
        ingest_paths(other, [tmp_path / "khac"])
        assert index.store.collection_name != other.store.collection_name
        assert index_state(index) == state
        # Query through the server, as users do.
        engine = open_engine(server_settings(tmp_path / "a", url), index=index)
        result = answer("Cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?", engine=engine)
        assert result.passages and any("12.345" in h.passage.text for h in result.passages[:3])
        again = ingest_paths(index, [fixture_corpus])
        assert again.embedded == 0 and index_state(index) == state
        # The server going away mid-session is one clear error, not a hang or a traceback,
        # both for a connected store and for a new one. A question the keyword index answers
        # on its own (see AnswerParams.lexical_exit) still gets its answer.
        server.terminate()
        server.wait(timeout=10)
        started = time.monotonic()
        assert "12.345" in answer("Cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?", engine=engine).answer
        with pytest.raises(StoreUnavailableError, match=f"Cannot reach the Chroma server at {url}"):
            answer("How many health insurance cards were issued?", engine=engine)
        with pytest.raises(StoreUnavailableError, match=f"Cannot reach the Chroma server at {url}"):
            open_index(server_settings(tmp_path / "a", url)).store.count()
        assert time.monotonic() - started < 10
    finally:
        index.close()
        other.close()
