"""A throwaway `chroma run` on loopback, for the client/server figures."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def chroma_server(path: Path, timeout_s: float = 90.0) -> Iterator[tuple[str, int]]:
    """Start `chroma run --path PATH` on a free loopback port; yield (url, pid); stop it."""
    chroma = Path(sys.executable).with_name("chroma")
    port = _free_port()
    path.mkdir(parents=True, exist_ok=True)
    log = open(path.parent / f"{path.name}.log", "w")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"`chroma run` exited with code {proc.returncode}; see {log.name}")
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"`chroma run` did not answer within {timeout_s:.0f} s; see {log.name}")
                time.sleep(0.3)
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
