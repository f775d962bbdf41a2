"""Vietnamese numbers: `.` groups thousands, `,` marks decimals (1.693.586; 1.141,28).

Used to keep figures whole when tokenising, to lead answers with a figure and its unit,
and by the eval suite to compare figures by value and scale (1.693.586 triệu = 1.693,586 tỷ).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.diacritics import fold

# One figure as written. Alternatives, most specific first:
# 1.693.586,5 | 1,693,586.5 (English) | 1.141,28 | 38.7 | 2020
NUMBER = (
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?"
    r"|\d+,\d+"
    r"|\d+\.\d+"
    r"|\d+"
)
NUMBER_RE = re.compile(rf"(?<![\d.,])(?:{NUMBER})(?!\w)")

_SCALES = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9}
# Count nouns and currencies that may follow a figure; the unit is kept for display
# and, for comparisons, a figure only equals another of the same kind.
COUNT_UNITS = (
    "ho", "nguoi", "luot", "the", "xa", "huyen", "tinh", "cong trinh", "du an", "mo hinh",
    "lop", "vu viec", "dot", "buoi", "cuoc", "nha", "lao dong", "hoc sinh", "thon", "ban",
    "tin", "bai", "bo", "chuyen muc", "doan", "nam", "lan", "chi so", "dich vu", "quyet dinh",
    "thi tran", "thi xa", "phuong", "dieu",
)
_UNIT_RE = re.compile(
    r"\s*(?P<percent>%)"
    r"|\s+(?P<scale>nghin|ngan|trieu|ty|ti)(?:\s+(?P<cur>dong))?(?![a-z])"
    r"|\s*(?P<cur_only>dong|d)(?![a-z])"
    r"|\s+(?P<count>" + "|".join(u.replace(" ", r"\s+") for u in COUNT_UNITS) + r")(?![a-z])",
)


@dataclass(frozen=True)
class Quantity:
    """A figure found in text: its value in base units and what it counts."""

    value: float
    kind: str  # "money", "percent", a count noun such as "ho", or "" for a bare number
    start: int
    end: int  # end of the figure *with* its unit
    text: str


def parse_number(written: str) -> float | None:
    """Value of one written figure, or None when it is not a number."""
    s = written.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    return None


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in `text` with the unit that follows it (offsets into `text`)."""
    folded = fold(text).lower()
    found: list[Quantity] = []
    for m in NUMBER_RE.finditer(text):
        value = parse_number(m.group())
        if value is None:
            continue
        kind, end = "", m.end()
        unit = _UNIT_RE.match(folded, m.end())
        if unit:
            end = unit.end()
            if unit.group("percent"):
                kind = "percent"
            elif unit.group("scale"):
                value *= _SCALES[unit.group("scale")]
                kind = "money" if unit.group("cur") else "scaled"
            elif unit.group("cur_only"):
                kind = "money"
            else:
                kind = re.sub(r"\s+", " ", unit.group("count"))
        found.append(Quantity(value, kind, m.start(), end, text[m.start():end]))
    return found


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Equal value and compatible unit ("tỷ" alone matches "tỷ đồng")."""
    # Relative 1e-9: float rounding of a scaled figure is ~1e-16, while 1e-6 would let
    # 1.693.587 triệu equal 1.693.586 triệu.
    if abs(a.value - b.value) > 1e-9 * max(1.0, abs(a.value), abs(b.value)):
        return False
    compatible = {a.kind, b.kind} <= {"money", "scaled"}
    return a.kind == b.kind or compatible
