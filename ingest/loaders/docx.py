"""Word documents: paragraphs and table rows (cells joined by " | ") in body order."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ingest.errors import UnreadableFileError
from ingest.loaders.common import RawDocument


def load_docx(path: Path, data: bytes) -> RawDocument:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UnreadableFileError(str(path), f"not a valid .docx file (damaged or truncated: {err})") from None
    except Exception as err:  # python-docx raises assorted errors on broken packages
        raise UnreadableFileError(str(path), f"not a valid .docx file ({type(err).__name__})") from None
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text.strip()
            if text:
                parts.append(text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    parts.append(" | ".join(cells))
    props = document.core_properties
    meta = {"title": props.title or "", "issuer": props.author or "",
            "date": props.created.date().isoformat() if props.created else ""}
    return RawDocument(text="\n\n".join(parts), meta={k: v for k, v in meta.items() if v})
