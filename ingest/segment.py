"""Vietnamese segmentation. underthesea is imported here and nowhere else.

The import costs seconds, so it happens on first use, never at CLI start-up or on the
query path.
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _underthesea():
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


def _lines(chunk: str) -> list[tuple[int, int]]:
    # A line break inside a paragraph ends a sentence in letterheads and lists; PDF text
    # wraps mid-sentence, though, so only breaks after punctuation or before a capital split.
    spans, begin = [], 0
    for m in re.finditer(r"\n", chunk):
        before = chunk[:m.start()].rstrip()
        after = chunk[m.end():].lstrip()
        if not before or not after:
            continue
        if before[-1] in ".:;!?" or after[0].isupper() or after[0] in "-–•+*[(" or after[0].isdigit():
            spans.append((begin, m.start()))
            begin = m.end()
    spans.append((begin, len(chunk)))
    return [(s, e) for s, e in spans if chunk[s:e].strip()]


def words(text: str) -> list[str]:
    """underthesea words ("y tế" is one word); punctuation dropped."""
    return [w for w in _underthesea().word_tokenize(text) if re.search(r"\w", w)]
