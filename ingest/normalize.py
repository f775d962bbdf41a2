"""Text normalisation, done once at load time; every offset refers to its output.

NFC, modern tone placement (hoá -> hóa, thuỷ -> thủy) and U+00A0 -> space. The tone fix
swaps marks between two adjacent letters, so it never changes the text's length.
"""
from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
_LETTER_AFTER = r"(?![^\W\d_])"
# Old style puts the tone on the second vowel of an open "oa", "oe", "uy" ("hoá", "khoẻ",
# "thuỷ"); the modern style (and underthesea's) puts it on the first. "qu" + "y" is not
# a vowel pair ("quý" is already modern), hence the look-behind.
_OLD_STYLE = re.compile(
    r"(?P<v1>[oO])(?P<v2>[aAeE])(?P<tone>[" + _TONES + "])" + _LETTER_AFTER
    + r"|(?<![qQ])(?P<u1>[uU])(?P<u2>[yY])(?P<utone>[" + _TONES + "])" + _LETTER_AFTER
)
_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\ufeff": ""}


def _move_tone(match: re.Match) -> str:
    if match.group("v1"):
        first, second, tone = match.group("v1"), match.group("v2"), match.group("tone")
    else:
        first, second, tone = match.group("u1"), match.group("u2"), match.group("utone")
    return first + tone + second


def normalize_text(text: str) -> str:
    """NFC + modern tone placement + ordinary spaces; line structure is kept."""
    for bad, good in _SPACES.items():
        text = text.replace(bad, good)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    decomposed = unicodedata.normalize("NFD", text)
    # Tone marks follow any other mark in NFD (e.g. "ệ" = e + ^ + dot); the pattern only
    # needs the tone directly after the plain second vowel, which holds for a, e, y.
    fixed = _OLD_STYLE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", fixed)
