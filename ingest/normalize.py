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


# Spellings that alternate "i" and "y" ("tỉ lệ" / "tỷ lệ", "qui định" / "quy định"). Official
# writing, and so the documents, use "y"; people type either. Questions are brought to the
# documents' spelling before matching (same length, so offsets hold). Without marks only the
# unambiguous pairs are mapped: "ti le" is "tỷ lệ", but a bare "ti" could be another word.
_I_FOR_Y = {"tỉ": "tỷ", "kĩ": "kỹ", "kí": "ký", "lí": "lý", "mĩ": "mỹ", "quí": "quý", "qui": "quy"}
_I_FOR_Y_MARKED = re.compile(r"(?<![^\W\d_])(" + "|".join(_I_FOR_Y) + r")(?![^\W\d_])", re.IGNORECASE)
_I_FOR_Y_FOLDED = re.compile(r"(?<![^\W\d_])(ti|ki|li|qui)(?= (?:le|trong|dong|thuat|nang|do|thuyet|dinh|mo|che)\b)",
                             re.IGNORECASE)


def documents_spelling(text: str) -> str:
    """A question in the documents' i/y spelling: "tỉ lệ" -> "tỷ lệ", "ti le" -> "ty le"."""
    def swap(m: re.Match) -> str:
        word = m.group(1)
        to = _I_FOR_Y.get(word.lower(), word[:-1] + "y")
        return to if word.islower() else to[0].upper() + to[1:]
    return _I_FOR_Y_FOLDED.sub(swap, _I_FOR_Y_MARKED.sub(swap, text))
