"""The index manifest: which embedder and passage settings built the index.

The Chroma collection name is a hash of these, so a changed configuration can never
silently reuse stale vectors; opening an index built otherwise is a clear error.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.errors import IndexMismatchError

SCHEMA = 1
FILE = "manifest.json"


@dataclass(frozen=True)
class Manifest:
    embedder: str
    dim: int
    min_chars: int
    max_chars: int
    schema: int = SCHEMA

    @property
    def collection(self) -> str:
        digest = hashlib.sha1(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:12]
        return f"tracuu-{digest}"

    def differences(self, other: "Manifest") -> list[str]:
        mine, theirs = asdict(self), asdict(other)
        return [f"{k}: index has {theirs[k]!r}, settings ask for {mine[k]!r}" for k in mine if mine[k] != theirs[k]]


def read(index_dir: Path) -> Manifest | None:
    try:
        data = json.loads((index_dir / FILE).read_text())
        return Manifest(**{k: data[k] for k in ("embedder", "dim", "min_chars", "max_chars", "schema")})
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(index_dir: Path, manifest: Manifest) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / (FILE + ".tmp")
    tmp.write_text(json.dumps({**asdict(manifest), "collection": manifest.collection}, indent=2))
    os.replace(tmp, index_dir / FILE)


def check(index_dir: Path, wanted: Manifest) -> None:
    """Raise IndexMismatchError when the index on disk was built with other settings."""
    found = read(index_dir)
    if found is not None and found != wanted:
        raise IndexMismatchError(str(index_dir), wanted.differences(found))
