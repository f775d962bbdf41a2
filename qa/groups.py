"""The groups, funding parts and roles an answer can be about, in this domain's fixed vocabulary.

Poverty reports count households by their status (nghèo, cận nghèo, mới thoát nghèo, …)
and split money by its source (vốn đầu tư phát triển, vốn sự nghiệp, …). A figure given
for one of them does not answer for another, however many other words its sentence
shares with the question: "167 người thuộc diện hộ nghèo" is not a count of people from
households that have just left poverty. Likewise a "Phó Chủ tịch" is not the "Chủ tịch".
These lists are the domain's, not any report's.
"""
from __future__ import annotations

import re

from ingest.diacritics import fold
from ingest.places import places_in

# Longest first: a match is blanked out before the shorter ones are tried, so "hộ cận
# nghèo" is not also read as "hộ nghèo". Patterns are on folded, lower-cased text.
_STATUSES = [
    ("thoát nghèo", r"\b(?:moi )?thoat ngheo\b|\bescaped? (?:from )?poverty\b|\bout of poverty\b"),
    ("tái nghèo", r"\btai ngheo\b|\bback into poverty\b|\bre-?impoverished\b"),
    ("phát sinh nghèo", r"\bphat sinh ngheo\b|\bngheo phat sinh\b|\bngheo moi\b|\bnewly poor\b"),
    ("cận nghèo", r"\bcan ngheo\b|\bnear[- ]poor\b"),
    ("mức sống trung bình", r"\bmuc song trung binh\b|\baverage[- ]living[- ]standards?\b"),
    ("bảo trợ xã hội", r"\bbao tro xa hoi\b"),
    ("chính sách", r"\b(?:ho|gia dinh|doi tuong) chinh sach\b"),
    ("có công", r"\bnguoi co cong\b|\bco cong voi cach mang\b"),
    ("hoàn cảnh khó khăn", r"\bhoan canh kho khan\b"),
    # "nghèo" alone names a status only after a counted noun: "huyện nghèo", "giảm nghèo"
    # and "Quỹ Vì người nghèo" are not households.
    ("nghèo", r"\b(?:ho|nguoi|gia dinh|dien|chuan)(?: gia dinh)? ngheo\b|\bpoor (?:households?|people|persons|families)\b"),
]
_STATUS_RES = [(name, re.compile(pattern)) for name, pattern in _STATUSES]

# The sources a report splits programme money into.
_FUNDS = [
    ("vốn đầu tư phát triển", re.compile(r"\bdau tu phat trien\b|\bdtpt\b|\bdevelopment investment\b")),
    ("vốn sự nghiệp", re.compile(r"\bsu nghiep\b|\brecurrent\b")),
    ("ngân sách trung ương", re.compile(r"\bngan sach trung uong\b|\bcentral budget\b")),
    ("ngân sách địa phương", re.compile(r"\bngan sach dia phuong\b|\blocal budget\b")),
]


# Stages a count or a sum can be at: works started are not works completed, people trained
# are not people employed, money allocated is not money disbursed.
_STAGES = [
    ("hoàn thành", re.compile(r"\b(?:hoan thanh|ban giao|dua vao su dung|nghiem thu|completed?|finished|handed over"
                              r"|put into (?:use|operation))\b")),
    ("có việc làm", re.compile(r"\b(?:co viec lam|tim (?:duoc )?viec lam|giai quyet viec lam|tao viec lam|viec lam on dinh"
                               r"|employed|found (?:a )?jobs?|got (?:a )?jobs?|employment)\b")),
    ("giải ngân", re.compile(r"\b(?:giai ngan|disburs\w*)\b")),
    ("thoát nghèo", re.compile(r"\b(?:thoat ngheo|ra khoi ngheo|escaped? (?:from )?poverty|out of poverty|left poverty)\b")),
    ("vay vốn", re.compile(r"\b(?:vay von|duoc vay|cho vay|borrow\w*|took out loans?|received loans?)\b")),
]

# The names above: a figure refused for one of them was asked for "<what is counted> <name>".
QUALIFIERS = frozenset(name for name, _ in [*_STATUSES, *_STAGES])


def unnamed_stage(asked: str, context: str) -> str:
    """A stage the question asks about ("đã hoàn thành") that the figure's clause never names."""
    q, told = fold(asked).lower(), fold(context).lower()
    return next((name for name, pattern in _STAGES if pattern.search(q) and not pattern.search(told)), "")


def statuses(text: str) -> frozenset[str]:
    """The household statuses a text names: "thuộc hộ nghèo, hộ cận nghèo" -> {nghèo, cận nghèo}."""
    low = fold(text).lower()
    found = set()
    for name, pattern in _STATUS_RES:
        if pattern.search(low):
            found.add(name)
            low = pattern.sub(" ", low)
    return frozenset(found)


def funds(text: str) -> frozenset[str]:
    """The funding sources a text names: "vốn sự nghiệp: 2.087 tỷ đồng" -> {vốn sự nghiệp}."""
    low = fold(text).lower()
    return frozenset(name for name, pattern in _FUNDS if pattern.search(low))


def other_status(asked: str, counted: str) -> str:
    """The status a figure counts instead of the one asked ("nghèo" for "mới thoát nghèo"),
    or "" when they agree or either names none."""
    wanted, given = statuses(asked), statuses(counted)
    if wanted and given and not wanted & given:
        return "/".join(sorted(wanted))
    return ""


def unnamed_status(asked: str, context: str) -> str:
    """A status other than plain poverty that the question asks ("hộ tái nghèo") and the
    figure's clause never names: reports count poor households unmarked, never the others."""
    wanted = statuses(asked) - {"nghèo"}
    if wanted and not wanted & statuses(context):
        return "/".join(sorted(wanted))
    return ""


def unnamed_fund(asked: str, context: str) -> str:
    """A funding source the question asks for that the figure's clause does not name."""
    missing = funds(asked) - funds(context)
    return "/".join(sorted(missing))


# Offices whose deputy ("Phó …") is another person.
_ROLES = ("chủ tịch", "giám đốc", "bộ trưởng", "thủ trưởng", "trưởng ban", "trưởng phòng", "thủ tướng",
          "chánh văn phòng", "bí thư")
_ROLE_RES = [(role, re.compile(rf"(?<!pho )\b{fold(role)}\b"), re.compile(rf"\bpho {fold(role)}\b"))
             for role in _ROLES]


def deputy_only(question: str, text: str) -> str:
    """The office a question asks about ("Chủ tịch") when the text names only its deputy
    ("Phó Chủ tịch"), or ""."""
    asked, told = fold(question).lower(), fold(text).lower()
    for role, office, deputy in _ROLE_RES:
        if office.search(asked) and deputy.search(told) and not office.search(told):
            return role[0].upper() + role[1:]
    return ""


# "ai là Bộ trưởng …", "tác giả là ai": a person is asked, not an office. A text names
# one by a family name or a title of address ("Nguyễn Trí Thanh", "Đ/c Hoàng Nam").
_PERSON_Q = re.compile(r"\bai la\b|\bla ai\b|\bwho (?:is|was|were)\b|\bten (?:la )?gi\b|\bho (?:va )?ten\b"
                       r"|\b(?:what is|what was) (?:the|his|her) name\b")
_OFFICE_Q = re.compile(r"\b(?:" + "|".join(fold(r) for r in _ROLES) + r"|tac gia|nguoi ky|author|minister|chairman|"
                       r"director|signed)\b")
_PERSON = re.compile(r"(?<!\w)(?:Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|"
                     r"Trịnh|Đoàn|Lương|Mai|Cao|Lâm|Tô|Tạ|Chu|Thái|Hà|Trương|Kiều|Triệu|ông|bà|đồng chí|Đ/c|đ/c)"
                     r"\s+(\w+)")


def names_person(text: str) -> bool:
    """Whether a text names a person: a family name or a title of address before a capitalised
    word, unless the two make a province ("Hà Nội", "Thái Bình", "Cao Bằng")."""
    return any(m.group(1)[0].isupper() and not places_in(m.group(0)) for m in _PERSON.finditer(text))


# "Who led the inspection teams", "ai chủ trì": a person is asked even without an office.
_LEADER_Q = re.compile(r"\bwho (?:led|leads|headed|heads|chaired|chairs|directed|directs)\b"
                       r"|\bai (?:dan dau|chu tri|lam truong doan|lam truong ban|phu trach)\b")


def unnamed_person(question: str, text: str) -> bool:
    """Whether a question asks who holds an office, or who led, and the text names no person."""
    folded = fold(question).lower()
    asked = bool(_PERSON_Q.search(folded) and _OFFICE_Q.search(folded)) or _LEADER_Q.search(folded) is not None
    return asked and not names_person(text)


# "huyện nào có tỷ lệ cao nhất": a rank is asked, and only a text that ranks answers it.
# ("ít nhất", "nhiều nhất" are as often "at least", "at most": a threshold, not a rank.)
_RANK_Q = re.compile(r"\b(?:cao nhat|thap nhat|lon nhat|nho nhat|highest|lowest|largest|smallest|"
                     r"the (?:most|fewest|least))\b"
                     # "huyện nào có nhiều hộ tham gia … nhất": the measure between "nhiều" and "nhất".
                     r"|\bnao\b.*\b(?:nhieu|it|cao|thap|lon|nho)\s+(?:\w+\s+){1,10}nhat\b")
_RANK = re.compile(r"\b(?:nhat|dung dau|highest|lowest|largest|smallest|most)\b")
# A phone number or an address book entry is asked only of a text that gives one.
_CONTACT_Q = re.compile(r"\b(?:so dien thoai|dien thoai|phone|telephone|hotline|email|fax)\b")
_CONTACT = re.compile(r"\b(?:dien thoai|phone|hotline|email|fax)\b|\bd?t:\s*\d")


# "Cơ quan nào được giao làm chủ đầu tư": an agency is asked, and only a text naming one answers.
_AGENCY_Q = re.compile(r"\b(?:co quan|don vi|to chuc|bo|so|nganh) nao\b"
                       r"|\bwhich (?:agency|body|ministry|department|organi[sz]ation|authority|office)\b")
_AGENCY_NAMED = re.compile(r"(?<!\w)(?:Bộ|Sở|Ban|Hội|Cục|Viện|Phòng|Trung tâm|Ủy ban|Uỷ ban|Ngân hàng|Mặt trận|Đoàn|"
                           r"Chính phủ|Thủ tướng|Quốc hội|Hội đồng|Chi cục|Tổng cục|Văn phòng)(?!\w)"
                           r"|(?<!\w)(?:UBND|UBMTTQ|HĐND|NHCSXH|BỘ|SỞ|ỦY BAN|UỶ BAN|CHÍNH PHỦ|THỦ TƯỚNG)(?!\w)"
                           r"|(?<!\w)(?:các|những) (?:hội|đoàn thể|sở|ban|ngành|cơ quan|tổ chức|bộ)(?!\w)"
                           r"|(?<!\w)(?:cơ quan|đơn vị|tổ chức) (?:chủ trì|thường trực|chủ quản|chức năng)(?!\w)")


def unnamed_agency(question: str, text: str) -> bool:
    """Whether a question asks which agency and the text names none."""
    return _AGENCY_Q.search(fold(question).lower()) is not None and _AGENCY_NAMED.search(text) is None


def unranked(question: str, text: str) -> bool:
    """Whether a question asks for the highest/lowest and the text ranks nothing."""
    return _RANK_Q.search(fold(question).lower()) is not None and _RANK.search(fold(text).lower()) is None


def no_contact(question: str, text: str) -> bool:
    """Whether a question asks for a phone number or e-mail and the text gives none."""
    return _CONTACT_Q.search(fold(question).lower()) is not None and _CONTACT.search(fold(text).lower()) is None
