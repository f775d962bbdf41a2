"""`tracuu serve` settings that only show on a running server: loopback bind, login."""
from __future__ import annotations

import socket
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.integration


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_login_required_and_loopback_only(hashing_index):
    import httpx
    from gradio_client import Client

    from ingest.settings import EmbedderSettings, Settings
    from qa.factory import open_engine
    from ui.web import launch

    settings = Settings(index_dir=hashing_index.dir, embedder=EmbedderSettings(kind="hashing", dim=256),
                        auth="canbo:mat-khau")
    port = _free_port()
    app = launch(settings, port=port, engine=open_engine(settings, index=hashing_index), block=False)
    try:
        url = f"http://127.0.0.1:{port}"
        assert urlparse(app.local_url).hostname == "127.0.0.1"
        listening = [c for c in _listeners(port)]
        assert listening == ["127.0.0.1"], listening  # not 0.0.0.0
        assert httpx.get(f"{url}/config", timeout=10).status_code == 401
        with pytest.raises(Exception):
            Client(url, verbose=False, analytics_enabled=False, auth=("canbo", "sai"))
        client = Client(url, verbose=False, analytics_enabled=False, auth=("canbo", "mat-khau"))
        result = client.predict("Năm 2099 tỉnh cấp bao nhiêu thẻ bảo hiểm y tế?", api_name="/ask")
        assert "12.345" in result["answer"]
        client.close()
    finally:
        app.close()


def _listeners(port: int) -> list[str]:
    """Local addresses with a TCP socket listening on `port` (from /proc/net/tcp)."""
    out = []
    with open("/proc/net/tcp") as handle:
        for line in handle.readlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            addr, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                out.append(socket.inet_ntoa(bytes.fromhex(addr)[::-1]))
    return out
