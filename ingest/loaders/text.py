"""Plain text and Markdown, with an optional front-matter block of metadata."""
from __future__ import annotations

import re
from pathlib import Path

from ingest.loaders.common import META_KEYS, RawDocument
from ingest.loaders.encoding import decode_bytes

_FRONT = re.compile(r"\A---[ \t]*\n(?P<head>.*?)\n---[ \t]*\n", re.S)


def load_text(path: Path, data: bytes) -> RawDocument:
    text = decode_bytes(data, str(path))
    meta: dict[str, str] = {}
    m = _FRONT.match(text.replace("\r\n", "\n"))
    if m:
        for line in m.group("head").splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in META_KEYS:
                meta[key.strip().lower()] = value.strip()
        text = text.replace("\r\n", "\n")[m.end():]
    elif path.suffix.lower() == ".md":
        heading = re.search(r"^#\s+(.+)$", text, re.M)
        if heading:
            meta["title"] = heading.group(1).strip()
    return RawDocument(text=text, meta=meta)
