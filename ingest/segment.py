"""Vietnamese segmentation. underthesea is imported here and nowhere else.

The import costs seconds, so it happens on first use, never at CLI start-up or on the
query path.
"""
from __future__ import annotations

import re
from functools import lru_cache


# underthesea's __init__ eagerly tries optional pipelines; "translate" alone pulls in torch
# and transformers (~8 s of a ~10 s import). We only segment, so those modules are marked
# unavailable, which underthesea's own optional-import fallback handles.
_UNUSED = ("classification", "sentiment", "lang_detect", "dependency_parse", "translate")


@lru_cache(maxsize=1)
def _underthesea():
    import sys

    for name in [f"underthesea.pipeline.{m}" for m in _UNUSED] + ["underthesea.agent", "underthesea.address"]:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import underthesea  # noqa: PLC0415 - deliberately lazy, see module docstring

    return underthesea


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]` as absolute (start, end) spans, whitespace trimmed."""
    end = len(text) if end is None else end
    chunk = text[start:end]
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in _lines(chunk):
        for sentence in _underthesea().sent_tokenize(chunk[line[0]:line[1]]):
            sentence = sentence.strip()
            if not sentence:
                continue
            at = chunk.find(sentence, max(cursor, line[0]), line[1])
            if at < 0:  # the tokenizer altered the text; fall back to the whole line rest
                at = max(cursor, line[0])
                sentence = chunk[at:line[1]].strip()
                if not sentence:
                    continue
            spans.append((start + at, start + at + len(sentence)))
            cursor = at + len(sentence)
    return spans


_LIST_ITEM = re.compile(r"[a-zđ]\)\s|[-–•+*]\s|\d{1,2}[.)]\s")


def _lines(chunk: str) -> list[tuple[int, int]]:
    """Spans that no sentence may cross: blank-line blocks, and lines that end a sentence
    or open a list item. A plain line break is kept inside a sentence because PDF text
    wraps mid-sentence."""
    spans = []
    for block in re.finditer(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*", chunk):
        begin = block.start()
        for m in re.finditer(r"\n", block.group()):
            at = block.start() + m.start()
            before, after = chunk[begin:at].rstrip(), chunk[at + 1:block.end()].lstrip()
            if before and after and (before[-1] in ".:;!?" or after[0].isupper() or after[0] in "[("
                                     or _LIST_ITEM.match(after)):
                spans.append((begin, at))
                begin = at + 1
        spans.append((begin, block.end()))
    return [(s, e) for s, e in spans if chunk[s:e].strip()]


def words(text: str) -> list[str]:
    """underthesea words ("y tế" is one word); punctuation dropped."""
    return [w for w in _underthesea().word_tokenize(text) if re.search(r"\w", w)]
