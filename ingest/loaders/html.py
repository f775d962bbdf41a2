"""HTML: visible text only (script, style and the like dropped), <title> as title."""
from __future__ import annotations

from pathlib import Path

from ingest.loaders.common import RawDocument
from ingest.loaders.encoding import decode_bytes

_INVISIBLE = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
           "br", "table", "blockquote", "pre", "header", "footer")


def load_html(path: Path, data: bytes) -> RawDocument:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_bytes(data, str(path)), "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    for tag in soup(_INVISIBLE):
        tag.decompose()
    for cell in soup.find_all(["td", "th"]):
        cell.append(" | ")
    for tag in soup.find_all(_BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    lines = [" ".join(line.split()).strip(" |") for line in soup.get_text().split("\n\n")]
    text = "\n\n".join(line for line in lines if line)
    return RawDocument(text=text, meta={"title": title} if title else {})
