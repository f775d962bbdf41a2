"""File -> Document. One module per format; this one dispatches on the suffix."""
from __future__ import annotations

from pathlib import Path

from ingest.errors import UnreadableFileError
from ingest.loaders.common import make_document
from ingest.types import Document

SUPPORTED = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")


def load_document(path: str | Path, doc_id: str | None = None) -> Document:
    """Load and normalise one file. Raises UnreadableFileError with a one-line reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFileError(str(path), f"unsupported file type '{suffix}' (supported: {', '.join(SUPPORTED)})")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise UnreadableFileError(str(path), f"cannot read the file ({err.strerror or err})") from None
    if not data.strip():
        raise UnreadableFileError(str(path), "the file is empty")
    if suffix in (".txt", ".md"):
        from ingest.loaders.text import load_text as loader
    elif suffix == ".docx":
        from ingest.loaders.docx import load_docx as loader
    elif suffix == ".pdf":
        from ingest.loaders.pdf import load_pdf as loader
    else:
        from ingest.loaders.html import load_html as loader
    raw = loader(path, data)
    return make_document(path, raw, doc_id=doc_id, data=data)
