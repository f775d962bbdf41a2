"""Abbreviations common in Vietnamese administrative writing, and their expansions.

Staff type "BHYT" where reports write "Bảo hiểm y tế", and reports write "DTTS" where
staff type "dân tộc thiểu số". Both sides are expanded before matching.
"""
from __future__ import annotations

import re

from ingest.diacritics import fold

ABBREVIATIONS = {
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "DTTS": "dân tộc thiểu số",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "TQVN": "Tổ quốc Việt Nam",
    "NHCSXH": "Ngân hàng Chính sách xã hội",
    "LĐTBXH": "Lao động - Thương binh và Xã hội",
    "LĐ-TBXH": "Lao động - Thương binh và Xã hội",
    "TB&XH": "Thương binh và Xã hội",
    "TBXH": "Thương binh và Xã hội",
    "XKLĐ": "xuất khẩu lao động",
    "CTMTQG": "Chương trình mục tiêu quốc gia",
    "MTQG": "mục tiêu quốc gia",
    "GNBV": "giảm nghèo bền vững",
    "ĐBKK": "đặc biệt khó khăn",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "TTg": "Thủ tướng",
    "CP": "Chính phủ",
    "TP": "thành phố",
    "THPT": "trung học phổ thông",
    "THCS": "trung học cơ sở",
}
_BY_FOLDED = {fold(k).lower(): v for k, v in ABBREVIATIONS.items()}
_PATTERN = re.compile(
    r"(?<![\w&-])(" + "|".join(re.escape(fold(k).lower()) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w&])"
)


def expansions(text: str) -> str:
    """The expansions of every abbreviation in `text`, space-separated ('' if none).

    Matching is on the folded, lower-cased text, so "bhyt" typed without capitals counts.
    Only whole tokens match: "cp" inside "30a/2008/NQ-CP" is a token, "cp" inside "cpu" is not.
    """
    folded = fold(text).lower()
    found = [_BY_FOLDED[m.group(1)] for m in _PATTERN.finditer(folded)]
    return " ".join(dict.fromkeys(found))
