"""PDF text layer via pypdf, with the page number of every span."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from ingest.errors import UnreadableFileError
from ingest.loaders.common import RawDocument


def load_pdf(path: Path, data: bytes) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableFileError(str(path), "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise UnreadableFileError(str(path), "the PDF is password-protected")
            except UnreadableFileError:
                raise
            except Exception:
                raise UnreadableFileError(str(path), "the PDF is password-protected") from None
        texts = [(page.extract_text() or "") for page in reader.pages]
    except UnreadableFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as err:
        raise UnreadableFileError(str(path), f"damaged PDF ({err})") from None
    except Exception as err:  # pypdf raises assorted errors on malformed files
        raise UnreadableFileError(str(path), f"damaged PDF ({type(err).__name__})") from None
    if not any(t.strip() for t in texts):
        raise UnreadableFileError(
            str(path), "the PDF has no text layer (scanned images?); OCR is not supported"
        )
    parts, pages, at = [], [], 0
    for number, text in enumerate(texts, start=1):
        text = text.strip()
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            at += 2
        parts.append(text)
        pages.append((at, at + len(text), number))
        at += len(text)
    info = reader.metadata or {}
    meta = {"title": str(info.get("/Title") or ""), "issuer": str(info.get("/Author") or "")}
    return RawDocument(text="".join(parts), meta={k: v for k, v in meta.items() if v.strip()}, pages=pages)
