"""Is a gold answer in a system's answer? Vietnamese-aware, and hard to fool.

Text is compared after NFC, modern tone placement, case folding and whitespace
collapsing. Figures are compared as whole quantities by value and unit scale
(1.693.586 triệu đồng = 1.693,586 tỷ đồng; 38,7% = 38.7 %), never as substrings, so
a gold "6" is not found in "16", "2016" or "6,5". A bare small number ("9", "06") is
too common to prove anything on its own: it must come with the unit of the gold answer
("9 công trình"), or, when the gold has no unit, stand alone without one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.normalize import normalize_text
from ingest.numbers import NUMBER_RE, Quantity, find_quantities, parse_number, same_quantity
from ingest.tokens import syllables

_MARKER = re.compile(r"\[\d+\]")  # citation markers are not part of the answer
_SMALL = 100  # bare integers below this are the ones that occur everywhere by chance
# Joining words a list answer may leave out ("16 … và 12 …" vs "16 …, 12 …").
_CONNECTIVES = frozenset({"và", "với", "hoặc", "cùng"})


def squash(text: str) -> str:
    """Normalised text with every whitespace run as one space (case kept)."""
    return re.sub(r"\s+", " ", normalize_text(text)).strip()


def fold_case(text: str) -> str:
    """What answers are compared on: squashed, lower-cased, without citation markers."""
    return squash(_MARKER.sub(" ", text)).lower()


@dataclass(frozen=True)
class Figure:
    """A figure the gold answer asks for."""

    qty: Quantity
    written: float  # value of the figure as written, before the unit scale
    small: bool  # a bare small integer: only counts with the gold's unit (the guard)


def written_value(q: Quantity) -> float:
    m = NUMBER_RE.match(q.text)
    return parse_number(m.group()) if m else q.value


def _figure(q: Quantity, unit_source: list[Quantity]) -> Figure:
    written = written_value(q)
    if q.kind:
        return Figure(q, written, small=False)
    is_small = q.value < _SMALL and q.text.isdigit()
    if is_small:
        # An alias "9" of the gold "9 công trình" means 9 công trình, not any 9.
        for u in unit_source:
            if u.kind and written_value(u) == written:
                return Figure(u, written, small=False)
    return Figure(q, written, small=is_small)


def _figure_found(f: Figure, found: list[Quantity]) -> bool:
    for t in found:
        if f.qty.kind:
            if same_quantity(f.qty, t):
                return True
        elif f.small:
            if not t.kind and t.value == f.written:
                return True
        elif written_value(t) == f.written:  # a distinctive bare figure ("10.517"), any unit
            return True
    return False


def contains_phrase(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words, after normalisation."""
    hay, needle = fold_case(text), fold_case(phrase)
    if not needle:
        return False
    left = r"(?<!\w)" if needle[0].isalnum() else ""
    right = r"(?!\w)" if needle[-1].isalnum() else ""
    return re.search(left + re.escape(needle) + right, hay) is not None


def mentions(text: str, candidate: str, unit_source: str = "") -> bool:
    """Does `text` state `candidate`? `unit_source` is the gold answer whose unit a
    bare small number in an alias inherits."""
    text = _MARKER.sub(" ", text)
    wanted = find_quantities(normalize_text(candidate))
    if not wanted:
        return contains_phrase(text, candidate)
    units = find_quantities(normalize_text(unit_source or candidate))
    found = find_quantities(normalize_text(text))
    if not all(_figure_found(_figure(q, units), found) for q in wanted):
        return False
    words = _residue_words(normalize_text(candidate), wanted)
    if not words:
        return True
    # Figures match by value; the words around them must be there too, verbatim or as
    # a bag ("16 công trình chuyển tiếp và 12 công trình duy tu" vs a comma list).
    present = set(syllables(fold_case(text)))
    return contains_phrase(text, candidate) or all(w in present for w in words)


def _residue_words(candidate: str, quantities: list[Quantity]) -> list[str]:
    rest, at = [], 0
    for q in quantities:
        rest.append(candidate[at:q.start])
        at = q.end
    rest.append(candidate[at:])
    return [w for w in syllables(" ".join(rest).lower()) if w not in _CONNECTIVES]


def is_correct(answer_text: str, gold: str, aliases: tuple[str, ...] = ()) -> bool:
    """The gold answer or one of its aliases is stated in `answer_text`."""
    return any(mentions(answer_text, c, unit_source=gold) for c in (gold, *aliases) if c.strip())


def first_figure_correct(answer_text: str, question: str, gold: str, aliases: tuple[str, ...] = ()) -> bool | None:
    """For a figure answer: is the first figure the answer states the gold one?

    Finding the gold somewhere in a long sentence full of figures proves little; the
    figure an answer leads with is the one it commits to. Years and figures the question
    itself names are passed over. None unless the gold is a figure answer: it leads with
    a figure other than a year ("148.181 thẻ", "trên 2.500 người"), not a name that holds
    one ("Quyết định 33/QĐ-TTg", "từ năm 2011 đến năm 2020").
    """
    gold = normalize_text(gold)
    units = [q for q in find_quantities(gold) if not _is_year(q)]
    if not units or len(gold[:units[0].start].split()) > 1:
        return None
    figures = [_figure(q, units) for c in (gold, *aliases) if c.strip()
               for q in find_quantities(normalize_text(c)) if not _is_year(q)]
    asked = set(syllables(question))
    for t in find_quantities(normalize_text(_MARKER.sub(" ", answer_text))):
        if _is_year(t) or NUMBER_RE.match(t.text).group().lower() in asked:
            continue
        return any(_figure_found(f, [t]) for f in figures)
    return False


def _is_year(q: Quantity) -> bool:
    return not q.kind and q.text.isdigit() and 1900 <= q.value <= 2100


def token_f1(prediction: str, golds: tuple[str, ...] | list[str]) -> float:
    """Best syllable-level F1 between the prediction and any gold form."""
    pred = Counter(syllables(fold_case(prediction)))
    best = 0.0
    for gold in golds:
        ref = Counter(syllables(fold_case(gold)))
        common = sum((pred & ref).values())
        if not common:
            continue
        precision, recall = common / sum(pred.values()), common / sum(ref.values())
        best = max(best, 2 * precision * recall / (precision + recall))
    return best
