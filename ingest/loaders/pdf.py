"""PDF text layer via pypdf, with the page number of every span."""
from __future__ import annotations

import io
import logging
from pathlib import Path

from ingest.errors import UnreadableFileError
from ingest.loaders.common import RawDocument

_LOCKED = ("the PDF is password-protected; open it with its password, save an unprotected "
           "copy and ingest that")


def load_pdf(path: Path, data: bytes) -> RawDocument:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip().startswith(b"%PDF"):
        raise UnreadableFileError(str(path), "not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
        # Many official PDFs are encrypted with an empty user password (only printing or
        # copying is restricted): those open; a real password is a clear refusal.
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFileError(str(path), _LOCKED)
        texts = [(page.extract_text() or "") for page in reader.pages]
    except UnreadableFileError:
        raise
    except DependencyError:  # AES needs a crypto library; pypdf reads RC4 on its own
        raise UnreadableFileError(
            str(path), "the PDF is encrypted (AES); reading it needs the package `cryptography`: "
                       "pip install cryptography") from None
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
