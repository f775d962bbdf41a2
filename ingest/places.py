"""Document identity: which places and years a document covers.

Most paragraphs never name their province or year, so passages inherit them from the
document (title, issuer, date). A question that names a place or year is held to it.
"""
from __future__ import annotations

import re

from ingest.diacritics import fold

# The 63 provinces and cities (before the 2025 mergers, which is what these reports use),
# plus the 34 post-merger names that are not already in the list.
PROVINCES = (
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang",
    "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang", "Hòa Bình", "Hưng Yên",
    "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn", "Lào Cai", "Lâm Đồng", "Long An",
    "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình",
    "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh",
    "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Huế", "Tiền Giang",
    "Thành phố Hồ Chí Minh", "TP Hồ Chí Minh", "Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
)
# Countries named in labour-export and cooperation reports; a question about one is held
# to documents that name it, exactly like a province.
COUNTRIES = ("Campuchia", "Trung Quốc", "Nhật Bản", "Hàn Quốc", "Đài Loan", "Thái Lan", "Malaysia",
             "Singapore", "Hoa Kỳ", "Ả Rập Xê Út", "Rumani")
# One-syllable names collide with common words once folded ("Lào" / "lao động", "Đức" /
# "giáo dục"), so they only match as written, with their diacritics.
EXACT_ONLY = ("Lào", "Mỹ", "Đức", "Pháp", "Nga", "Úc")
NATIONAL = "toàn quốc"
_NATIONAL_ISSUERS = ("chính phủ", "thủ tướng", "bộ ", "quốc hội", "ủy ban dân tộc", "uỷ ban dân tộc")
_YEAR_RE = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")
_RANGE_RE = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)\s*(?:-|–|đến(?: năm)?)\s*(19[4-9]\d|20\d\d)(?!\d)")
_FOLDED = {fold(p).lower(): p for p in PROVINCES + COUNTRIES}
_PLACE_RE = re.compile(
    r"(?<![\w])(" + "|".join(sorted((re.escape(k) for k in _FOLDED), key=len, reverse=True)) + r")(?![\w])"
)


_EXACT_RE = re.compile(r"(?<!\w)(" + "|".join(EXACT_ONLY) + r")(?!\w)")


def places_in(text: str) -> tuple[str, ...]:
    """Provinces and countries named in `text` (accents optional), canonical spelling."""
    key = re.sub(r"\s+", " ", fold(text).lower())
    found = {_canonical(_FOLDED[m.group(1)]) for m in _PLACE_RE.finditer(key)}
    found.update(m.group(1) for m in _EXACT_RE.finditer(text))
    return tuple(sorted(found))


def _canonical(place: str) -> str:
    return {"Huế": "Thừa Thiên Huế", "TP Hồ Chí Minh": "Thành phố Hồ Chí Minh",
            "Hồ Chí Minh": "Thành phố Hồ Chí Minh"}.get(place, place)


def years_in(text: str) -> tuple[int, ...]:
    """Years named in `text`, with ranges ("2011 đến năm 2020", "2016-2020") expanded."""
    years = {int(y) for y in _YEAR_RE.findall(text)}
    for lo, hi in periods_in(text):
        years.update(range(lo, hi + 1))
    return tuple(sorted(years))


def single_years(text: str) -> frozenset[int]:
    """Years named on their own, not as the ends of a period: "rà soát hộ nghèo năm 2020
    theo chuẩn … giai đoạn 2016-2020" -> {2020}."""
    ranges = [m.span() for m in _RANGE_RE.finditer(text)]
    return frozenset(int(m.group(1)) for m in _YEAR_RE.finditer(text)
                     if not any(a <= m.start() < b for a, b in ranges))


def periods_in(text: str) -> tuple[tuple[int, int], ...]:
    """Periods named in `text` ("giai đoạn 2016 - 2020" -> ((2016, 2020),)); a span of more
    than 30 years is two dates, not a period."""
    out = []
    for a, b in _RANGE_RE.findall(text):
        lo, hi = sorted((int(a), int(b)))
        if hi - lo <= 30:
            out.append((lo, hi))
    return tuple(dict.fromkeys(out))


def document_identity(title: str, issuer: str, date: str, number: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """(places, years) a document is about.

    Places come from the title and issuer; a national issuer with no province means the
    whole country. Years come from the title (the period a report covers). A numbered
    legal text is also known by the year in its number and its date ("59/2015/QĐ-TTg");
    a report's publication date is not the period it covers, so it counts only when
    nothing else gives a year.
    """
    places = places_in(f"{title} {issuer}")
    if not places and issuer.strip().lower().startswith(_NATIONAL_ISSUERS):
        places = (NATIONAL,)
    years = set(years_in(title))
    if number.strip():
        years |= set(years_in(number)) | set(years_in(date))
    if not years:
        years = set(years_in(date))
    return places, tuple(sorted(years))
