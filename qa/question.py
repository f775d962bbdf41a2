"""What a question asks for and which constraints it names.

Intent decides the answer's shape (a figure first, a reason, a list); constraints
(province, year, figures, document numbers) decide which passages may answer at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.abbreviations import ABBREVIATIONS, expansions
from ingest.diacritics import fold, has_diacritics
from ingest.normalize import documents_spelling, normalize_text
from ingest.numbers import COUNT_UNITS
from ingest.places import periods_in, places_in, years_in
from ingest.tokens import syllables
from qa.glossary import gloss
from qa.synonyms import alternatives

# Function words and question words (folded): they carry no topic, so they neither
# count towards evidence coverage nor earn a passage points.
STOPWORDS = frozenset("""
a ai bao nhieu may la gi nao cua va cac nhung duoc co cho trong voi o tai theo ve thi nay
do khi dau sao vi the nhu mot da den tu bang hay hoac khong chua con dang se cung nhieu it
bi boi ra vao len xuong ta minh toi nam chung hoi biet cho xin vui long hien ket qua
duoc nao tong so luong bao gom gom nhung gi dieu cu the ro tai sao vay nhi a u oi
what how many much which who why when where is are was were the of in on for to a an and
did does do by with from that this there their its it as at be been has have had
""".split())

# "Article 3", "Articles 1 and 2": the English for "Điều".
_ARTICLES_EN = re.compile(r"\barticles?\s+\d+(?:\s*(?:,|and|&)\s*\d+)*\b")
# "mức" alone is not a quantity ("mức sống", "mức độ"); "ở mức nào" is.
_QUANTITY = re.compile(r"\b(bao nhieu|may|ty le|bao nhieu phan tram|so luong|muc nao|tong so|tong kinh phi|"
                       r"how many|how much|what percentage|what share|what rate|what amount|how large|"
                       r"what (?:was|is|were|are) the (?:\w+ ){0,4}?(?:rate|share|percentage|proportion|number|amount|cost|"
                       r"budget|funding|value|price|total|sum|average)|what (?:\w+ ){0,3}(?:threshold|income line))\b")
_WHO_FIRST = re.compile(r"\b(?:co quan nao|don vi nao|to chuc nao|nhung ai|ai phai|ai la|la ai|which (?:agency|body))\b")
# "vào tháng mấy", "năm mấy": "mấy" asks which month or year, not how many.
_WHEN_PART = re.compile(r"\b(?:ngay|thang|nam|quy) may\b|\bmay gio\b")
_QUANTITY_ONLY = re.compile(r"\b(?:what percentage|what share|what rate|what amount)\b")
_ASKS_FIGURE = re.compile(r"\b(?:bao nhieu|may|how many|how much)\b")
_WHICH_PLACE = re.compile(r"\b(?:huyen|xa|tinh|thon|dia phuong|vung) nao\b(?!.*\b(?:bao nhieu|may)\b)"
                          r"|\bwhich (?:district|commune|province|village|region)\b")
# A search-box question opens with what it counts ("số hộ nghèo cả nước năm 2020"). Folded,
# "số" is also "sở" (a department), so it is read with its marks when it has them.
_OPENS_MARKED = re.compile(r"(?:tổng số|số lượng|số)\s")
_OPENS_FOLDED = re.compile(r"(?:tong so|so luong|so)\s+(?:" + "|".join(u for u in COUNT_UNITS if u != "nam")
                           + r"|tien|von|kinh phi)\b(?!\s+thuong binh)")


def opens_with_count(text: str, folded: str) -> bool:
    marked = not has_diacritics(text) or _OPENS_MARKED.match(text.lower()) is not None
    return marked and _OPENS_FOLDED.match(folded) is not None


_WHY = re.compile(r"\b(vi sao|tai sao|nguyen nhan|do dau|ly do|why|what causes|reason)\b")
_LIST = re.compile(r"\b(nhung .{0,40}\bnao|gom nhung|bao gom nhung|cac .{0,30}\bnao|ke ten|liet ke|which .* (are|were)|list)\b")
_WHO = re.compile(r"\b(ai|don vi nao|co quan nao|to chuc nao|chuc danh nao|chuc vu nao|who|"
                  r"which (agency|body|organisation|organization))\b")
_WHEN = re.compile(r"\b(khi nao|bao gio|ngay nao|thoi gian nao|thoi diem nao|nam nao|tu ngay nao|when|(?:what|which) (?:\w+ )?(?:date|day|month|year))\b")
_PERCENT_WORDS = re.compile(r"\b(?:phần trăm|phan tram)\b", re.IGNORECASE)
_ENGLISH_WORDS = frozenset("what how many much which who why when where is are was were the of in did does for".split())

# A Vietnamese syllable, typed with or without marks, ends in a vowel or in c, ch, m, n, ng,
# nh, p, t, and never holds f, j, w or z: "shows", "goals", "committed" cannot be one.
_VIETNAMESE_SYLLABLE = re.compile(r"[b-df-hk-np-tvx]{0,3}[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?")


def _without_places(text: str) -> str:
    for place in places_in(text):
        text = re.sub(re.escape(place), " ", text, flags=re.IGNORECASE)
    return text


def _not_vietnamese(folded: str) -> int:
    """How many lower-case words could not be Vietnamese syllables (abbreviations left out)."""
    return sum(1 for w in re.findall(r"(?<![\w/-])[a-z]+(?![\w/-])", folded)
               if w not in _ABBREVIATED and not _VIETNAMESE_SYLLABLE.fullmatch(w))


_ABBREVIATED = frozenset(fold(k).lower() for k in ABBREVIATIONS) | {"tp", "tw", "ubnd", "hdnd", "qd", "nq", "cp", "dt"}


@dataclass(frozen=True)
class Question:
    text: str  # normalised
    folded: str
    accents: bool
    english: bool
    gloss: str  # an English question's glossary phrases in Vietnamese ("" otherwise): see qa.glossary
    intent: str  # quantity | why | list | who | when | fact
    places: tuple[str, ...]
    years: tuple[int, ...]
    figures: tuple[str, ...]  # tokens with digits: "30a", "135", "1.693.586"
    terms: tuple[str, ...]  # content syllables: lower-cased, folded when typed without accents
    pairs: tuple[tuple[str, str], ...] = ()  # adjacent content syllables ("cận", "nghèo")
    articles: tuple[str, ...] = ()  # legal references the question names: "Điều 3"
    asked: tuple[str, ...] = ()  # what a quantity question counts: "hộ cận nghèo" in "bao nhiêu hộ cận nghèo là …"
    according_to: tuple[str, ...] = ()  # documents the answer must come from: "theo Quyết định 576" -> "576"
    synonyms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("tiền học", ("học phí",)): see qa.synonyms
    localities: tuple[str, ...] = ()  # districts, communes named with their kind: "huyện Hướng Hóa" -> "Hướng Hóa"
    apart: tuple[str, ...] = ()  # a group asked for on its own: "riêng người cận nghèo" -> "người cận nghèo"
    excluded: tuple[tuple[str, ...], ...] = ()  # "không tính phần vốn đầu tư" -> (("vốn", "đầu", "tư"),)
    periods: tuple[tuple[int, int], ...] = ()  # "giai đoạn 2011-2015" -> ((2011, 2015),)
    # What the figure must be named for: the purpose of money asked ("kinh phí cho chính sách
    # trợ giúp pháp lý") and a kind of area ("ở khu vực miền núi"), each as its words.
    topics: tuple[tuple[str, ...], ...] = ()
    # Names the question quotes ('Quỹ "Vì người nghèo"'), folded: a figure is told under its name.
    quoted: tuple[str, ...] = ()


def analyse(raw: str) -> Question:
    text = documents_spelling(normalize_text(raw).strip())
    low = fold(text).lower()
    words = set(re.findall(r"[a-z]+", low))
    # English: its function words, and few words with Vietnamese marks (a document number
    # such as "59/2015/QĐ-TTg" may still carry one).
    tokens = text.split()
    # A place written with its marks ("workers from Quảng Trị province") is a name, not Vietnamese prose.
    marked = sum(has_diacritics(t) for t in _without_places(text).split())
    english = (len(words & _ENGLISH_WORDS) >= 2 or _not_vietnamese(low) >= 3) and marked <= max(1, len(tokens) // 8)
    if _WHICH_PLACE.search(low) and not _LIST.search(low):
        intent = "fact"  # "huyện nào có tỷ lệ hộ nghèo cao nhất" asks for a district, not a rate
    elif _WHO_FIRST.search(low) and not _ASKS_FIGURE.search(low):
        intent = "who"  # "số liệu về … tỷ lệ hộ nghèo trên 50% là của cơ quan nào" asks for an agency
    elif _WHEN_PART.search(low) or (_WHEN.search(low) and not _ASKS_FIGURE.search(low)
                                    and not _QUANTITY_ONLY.search(low)):
        intent = "when"  # "… tỷ lệ hộ nghèo trên 50% … tính đến thời điểm nào" asks for a time
    elif _QUANTITY.search(low) or opens_with_count(text, low):
        intent = "quantity"
    elif _WHY.search(low):
        intent = "why"
    elif _WHEN.search(low):
        intent = "when"
    elif _WHO.search(low):
        intent = "who"
    elif _LIST.search(low):
        intent = "list"
    else:
        intent = "fact"
    # "phần trăm" names the unit, which is checked as a unit (the text writes "%").
    sy = syllables(_PERCENT_WORDS.sub(" ", text))
    expanded = syllables(expansions(text))
    figures = tuple(dict.fromkeys(t for t in sy if any(ch.isdigit() for ch in t)))
    years = tuple(y for y in years_in(text) if str(y) in figures)
    abbreviations = {fold(k).lower() for k in ABBREVIATIONS}
    # An English question is matched folded: its names are typed without marks ("Quang Tri").
    accents = has_diacritics(text) and not english
    form = (lambda t: t) if accents else fold  # noqa: E731
    content = lambda t: fold(t) not in STOPWORDS and fold(t) not in abbreviations  # noqa: E731
    # An English question is matched through its Vietnamese glossary phrases, plus the
    # names and figures it writes as the documents do ("Quang Tri", "1232/1999").
    vietnamese = gloss(text) if english else ""
    sequences = [sy, expanded] if not english else \
        [*(syllables(phrase) for phrase in vietnamese.split(", ")), names_and_figures(text)]
    if english:  # glossary phrases are content words, whatever their folded form ("thẻ" is not "the")
        content = lambda t: has_diacritics(t) or fold(t) not in STOPWORDS  # noqa: E731
    terms = tuple(dict.fromkeys(form(t) for seq in sequences for t in seq if content(t)))
    pairs = tuple(dict.fromkeys((form(a), form(b)) for seq in sequences
                                for a, b in zip(seq, seq[1:]) if content(a) and content(b)))
    articles = tuple(dict.fromkeys(f"dieu {n}" for n in re.findall(r"\bdieu\s+(\d+)\b", low)
                                   + [n for m in _ARTICLES_EN.finditer(low) for n in re.findall(r"\d+", m.group())]))
    asked = (english_asked(low) if english else asked_phrase(text, low)) if intent == "quantity" else ()
    according_to = tuple(dict.fromkeys((m.group("after") or m.group("subject") or m.group("effect")).lower()
                                       for m in _ACCORDING_TO.finditer(low)))
    return Question(text=text, folded=low, accents=accents, english=english, gloss=vietnamese, intent=intent,
                    places=places_in(text), years=years, figures=figures, terms=terms, articles=articles,
                    pairs=pairs, asked=asked, according_to=according_to, synonyms=alternatives(text, accents),
                    localities=localities_in(text), apart=apart_phrase(text, low) if intent == "quantity" else (),
                    topics=topic_phrases(text, low) if intent == "quantity" else (), periods=periods_in(text),
                    excluded=excluded_phrases(text, low) if intent == "quantity" else (),
                    quoted=quoted_names(low))


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,60})[\"“”«»„]")


def quoted_names(folded: str) -> tuple[str, ...]:
    """The names of two words or more a question quotes, spaces collapsed."""
    return tuple(dict.fromkeys(" ".join(m.group(1).split()) for m in _QUOTED.finditer(folded)
                               if len(m.group(1).split()) >= 2))


def names_and_figures(text: str) -> list[str]:
    """Syllables of an English question's capitalised names (not its first word) and figures."""
    out = []
    for i, m in enumerate(re.finditer(r"[\w./-]+", text)):
        word = m.group()
        if any(ch.isdigit() for ch in word) or (i and word[0].isupper() and not gloss(word)):
            out.extend(syllables(word))
    return out


# What "how many …" counts runs up to the verb or preposition after it.
_HOW_MANY_WHAT = re.compile(r"\bhow many\s+([a-z' -]+?)(?=\s+(?:did|do|does|were|was|are|is|have|has|had|got|get|"
                            r"received|receive|went|in|of|under|from|for|at|by|with|across)\b|\s*[?,.;]|$)")


def english_asked(folded: str) -> tuple[str, ...]:
    """What an English quantity question counts, in the documents' words ("how many
    near-poor households did …" -> "hộ cận nghèo")."""
    m = _HOW_MANY_WHAT.search(folded)
    vietnamese = gloss(m.group(1)) if m else ""
    # English puts the head noun last, Vietnamese first: "rural workers" -> "lao động nông thôn".
    return tuple(" ".join(reversed(vietnamese.split(", "))).lower().split()) if vietnamese else ()


# "kinh phí / vốn / tiền … cho X": the money is X's; the measure word says only the unit.
# "ở khu vực / vùng / địa bàn X": the figure is X's, not the whole country's.
# "vốn cho …", "vốn để đầu tư cơ sở hạ tầng": what the money is for.
_TOPIC_STARTS = (re.compile(r"\b(?:kinh phi|von|tien|ngan sach|chi phi)\s+(?:danh\s+)?(?:cho|de)\s+"),
                 # "vốn sự nghiệp của dự án hạ tầng … vùng bãi ngang ven biển": that project's money.
                 re.compile(r"\b(?:kinh phi|von|tien|ngan sach|chi phi)(?:\s+(?:su nghiep|dau tu phat trien))?"
                            r"\s+cua\s+(?:du an|tieu du an|chuong trinh|chinh sach)\s+"),
                 # "Dự án truyền thông … có bao nhiêu vốn …": a question opening with a project asks its money.
                 re.compile(r"^(?:trong\s+)?(?:du an|tieu du an)\s+"),
                 re.compile(r"\b(?:o|tai|cho)\s+(?=(?:khu vuc|vung|dia ban)\s)"
                            # "…, khu vực thành thị có bao nhiêu": a clause about that area
                            r"|(?:^|[,:;]\s*)(?=khu vuc\s)"))


def topic_phrases(text: str, folded: str) -> tuple[tuple[str, ...], ...]:
    """What a quantity question's figure is for or where: "bao nhiêu kinh phí cho chính
    sách trợ giúp pháp lý" -> (("chính", "sách", "trợ", "giúp", "pháp", "lý"),)."""
    found = (_noun_phrase(text, folded, m.end()) for pattern in _TOPIC_STARTS for m in pattern.finditer(folded))
    return tuple(dict.fromkeys(words for words in found if len(words) >= 2))


# Not "ngoài": it is as often "outside" ("các xã ngoài Chương trình 30a") as "besides".
_LEAVING_OUT = "khong tinh|chua tinh|khong ke|chua ke|ngoai tru|loai tru"
_EXCLUDING = re.compile(rf"\b(?:{_LEAVING_OUT}|excluding|not counting|other than)\s+")


def excluded_phrases(text: str, folded: str) -> tuple[tuple[str, ...], ...]:
    """What a quantity question leaves out: "nếu không tính phần vốn đầu tư phát triển" ->
    (("vốn", "đầu", "tư", "phát", "triển"),); a figure labelled so is not the answer."""
    out = []
    for m in _EXCLUDING.finditer(folded):
        # The whole phrase up to the punctuation or "thì": "hộ nghèo về thu nhập" is not "hộ nghèo".
        end = re.search(r"[,;:?()]|\bthi\b|$", folded[m.end():])
        words = tuple(w.lower() for w in re.findall(r"[^\W_]+", text[m.end():m.end() + end.start()]))
        while words and fold(words[0]) in _QUANTITY_WORDS:
            words = words[1:]
        # A figure named there ("không kể 167 người …") is never the answer anyway.
        if len(words) >= 2 and not any(ch.isdigit() for w in words for ch in w):
            out.append(words)
    return tuple(out)


def part_phrase(folded: str) -> tuple[str, ...]:
    """The part a question names after "phần" or "riêng", up to its verb ("phần giảm nghèo
    về thông tin | được bố trí"), folded; not a part it leaves out ("chưa tính phần …")."""
    for m in re.finditer(r"\b(?:rieng|phan)\s+(?:(?:khoan|phan|danh cho|cho)\s+)?(?!tram\b)", folded):
        if _EXCLUDING_BEFORE.search(folded[:m.start()]):
            continue
        words = re.match(r"[^,.;:?()]*", folded[m.end():]).group().split()
        end = next((i for i, w in enumerate(words) if w in _PART_ENDS), len(words))
        return tuple(words[:end])
    return ()


_EXCLUDING_BEFORE = re.compile(rf"\b(?:{_LEAVING_OUT}|tru)\s*$")
_PART_ENDS = frozenset("duoc la dat chiem co bao may tong nam trong cua o tai".split())


def apart_phrase(text: str, folded: str) -> tuple[str, ...]:
    """The group after "riêng" ("riêng người cận nghèo được cấp bao nhiêu thẻ"): a figure
    counting it together with others does not answer."""
    # "dành riêng cho người cận nghèo": the group follows "cho".
    m = re.search(r"\brieng\s+(?:cho\s+)?", folded)
    return _noun_phrase(text, folded, m.end()) if m else ()


# A district or commune is named after its kind, in capitals: "huyện Hướng Hóa", "xã Mò Ó",
# "Dakrong district". Provinces are held by `places` (every document knows its province);
# a locality must be named by the passage itself.
LOCALITY_KINDS = r"(?:huyện đảo|huyện|thị xã|thị trấn|xã|phường|thành phố)"
# "huyện nghèo Đakrông", "xã biên giới A Xing": a kind may carry a qualifier before the name.
_QUALIFIED = r"(?:(?:nghèo|miền núi|biên giới|ven biển|vùng cao|đặc biệt khó khăn)\s+)?"
_LOCALITY_BEFORE = re.compile(rf"\b{LOCALITY_KINDS}\s+{_QUALIFIED}", re.IGNORECASE)
_LOCALITY_BEFORE_FOLDED = re.compile(rf"\b{fold(LOCALITY_KINDS)}\s+{fold(_QUALIFIED)}", re.IGNORECASE)
_LOCALITY_AFTER = re.compile(r"((?:[^\W\d_]+\s+){1,3})(?:district|commune|town)\b")
_NOT_A_NAME = frozenset({"Which", "What", "The", "This", "That", "Each", "Every", "Whose", "How"})


_EXCEPT = re.compile(r"\b(?:ngoài|trừ|không kể|besides|except|excluding|other than|apart from)\s*$", re.IGNORECASE)


def localities_in(text: str) -> tuple[str, ...]:
    found = []
    # Typed without marks, the kind is too: "Huyen Huong Hoa".
    before = _LOCALITY_BEFORE if has_diacritics(text) else _LOCALITY_BEFORE_FOLDED
    for m in before.finditer(text):
        if _EXCEPT.search(text[:m.start()]):  # "ngoài huyện Đakrông" excludes it
            continue
        words = []
        for w in text[m.end():].split():
            name = w.strip(",.?;:()")
            if not name or not name[0].isupper():
                break
            words.append(name)
            if name != w:  # punctuation ends the name
                break
        name = " ".join(words[:3])
        # "thị xã Quảng Trị" shares its province's name: it is named with its kind, or every
        # passage of the province's report would seem to name it.
        if name and fold(name).lower() in {fold(p).lower() for p in places_in(name)}:
            name = f"{m.group(0).strip()} {name}"
        found.append(name)
    for m in _LOCALITY_AFTER.finditer(text):
        if _EXCEPT.search(text[:m.start()]):
            continue
        words = m.group(1).split()
        while words and not words[-1][0].isupper():  # "Con Co island district"
            words = words[:-1]
        name: list[str] = []
        while words and words[-1][0].isupper() and words[-1] not in _NOT_A_NAME:  # "Which commune"
            name.insert(0, words.pop())
        found.append(" ".join(name))
    provinces = {fold(p).lower() for p in places_in(text)}
    return tuple(dict.fromkeys(n for n in found if n and fold(n).lower() not in provinces))


# "Theo Quyết định 576", "tại Nghị quyết 30a", "under Decision 59/2015": the question is
# about that document's content, not about texts that merely cite it. ("do Quyết định
# 135 phê duyệt" only names a document, so it is not a constraint.)
_DOC_TYPE = r"(?:quyet dinh|nghi quyet|nghi dinh|thong tu|chi thi|qd|nq|decision|resolution|decree|circular)"
_ACCORDING_TO = re.compile(
    rf"\b(?:theo|tai|trong|according to|under|in)\s+(?:quy dinh cua\s+|the\s+)?{_DOC_TYPE}"
    r"\s*(?:so\s*|no\.?\s*)?(?P<after>\d+[a-z]?)\b"
    # …or the document as the subject: "Nghị quyết 80 nêu …", "Quyết định 59/2015 quy định …".
    rf"|\b{_DOC_TYPE}\s*(?:so\s*)?(?P<subject>\d+[a-z]?)(?:/\S+)?\s+"
    r"(?:neu|quy dinh|dat|xac dinh|cho biet|de ra|ghi|says|states|sets)\b"
    # "Quyết định 576 … có hiệu lực từ ngày nào": only the text itself says when it takes
    # effect (its date of issue, on the other hand, is told by every text citing it). In
    # "quyết định mà Quyết định 576 lấy làm căn cứ", 576 is not the one asked about.
    rf"|(?<!\bma )\b{_DOC_TYPE}\s*(?:so\s*)?(?P<effect>\d+[a-z]?)\b(?=.*\b(?:co hieu luc|takes? effect|took effect)\b)")


def citation_pattern(number: str) -> re.Pattern[str]:
    """A folded text's mention of document `number` ("quyết định số 59", "NQ 30a")."""
    return re.compile(rf"\b{_DOC_TYPE}\s*(?:so\s*)?{re.escape(number)}\b")


def document_number(number: str) -> str:
    """The leading number of a document number: "576/QĐ-LĐTBXH" -> "576", "30a/2008/NQ-CP" -> "30a"."""
    m = re.match(r"\s*(\d+[a-z]?)\b", fold(number).lower())
    return m.group(1) if m else ""


# Where the counted noun phrase after "bao nhiêu"/"mấy"/"số" ends: at a verb, a
# preposition or a copula ("bao nhiêu hộ cận nghèo | là đồng bào DTTS").
ASKED_END = frozenset("""
duoc da la co o tai nam trong cua theo tu khi de voi cho nhu thi se dang hien con tren ve va hoac
nhung dat vao tinh tro len di chiem
""".split())
# The same words as typed with diacritics. Folded, several collide with content words:
# "tái" (again) is "tại", "trợ" is "trở", "đất" is "đạt", "đa" (multi-) is "đã", so a
# question typed with diacritics is cut only at the real ones ("tỷ lệ hộ tái nghèo"), and
# at "hằng (năm)", which only says how often.
_ASKED_END_MARKED = frozenset("""
được đã là có ở tại năm trong của theo từ khi để với cho như thì sẽ đang hiện còn trên về và hoặc
những đạt vào tính trở lên đi hằng chiếm
""".split())


def ends_phrase(word: str, accents: bool) -> bool:
    """Whether a word ends a counted noun phrase (see ASKED_END)."""
    return word.lower() in _ASKED_END_MARKED if accents else fold(word).lower() in ASKED_END


def asked_phrase(text: str, folded: str) -> tuple[str, ...]:
    """The words a quantity question counts, lower-cased as typed ("hộ", "cận", "nghèo")."""
    # ("số liệu", data, counts nothing.)
    m = re.search(r"\b(?:bao nhieu|may)\s+", folded) or re.search(r"\bso\s+(?!lieu\b)", folded)
    words = _noun_phrase(text, folded, m.end()) if m else ()
    if words and " ".join(fold(w) for w in words) not in _UNIT_ONLY:
        return words
    # Nothing counted after "bao nhiêu": the subject is what is asked ("Trong vốn Chương
    # trình 135, phần vốn sự nghiệp là bao nhiêu?"). It starts the question, or follows a
    # leading adverbial ("Trong …,", "Năm 2020,"), and "của …", "năm …" after it only place it.
    asked = _SUBJECT_ASKED.search(folded)
    if not asked:
        return words
    # The subject is in the part that asks: after a statement ("Dự án … được bố trí 1,56 tỷ
    # đồng; trong đó phần …") and after a condition ("nếu không tính X thì phần Y …").
    start = folded.rfind(";", 0, asked.start()) + 1
    condition = re.search(r"\bneu\b.*?\bthi\s+", folded[start:asked.start()])
    start += condition.end() if condition else 0
    lead = _IN_IT.match(folded, start) or _LEADING_ADVERBIAL.match(folded, start)
    at = lead.end() if lead else start
    while (more := _FOR_PART.match(folded, at)) is not None:  # "phần dành cho giám sát" is about "giám sát"
        at = more.end()
    subject = _noun_phrase(text, folded, at)
    # "Tổng số tiền …", "Tỷ lệ hộ nghèo …": what the figure is, not what it is about.
    while subject and (fold(subject[0]) in _QUANTITY_WORDS or " ".join(map(fold, subject[:2])) in _QUANTITY_WORDS):
        subject = subject[2:] if " ".join(map(fold, subject[:2])) in _QUANTITY_WORDS else subject[1:]
    return subject or words


# "X là bao nhiêu", "X đạt bao nhiêu", "X chiếm bao nhiêu phần trăm".
_SUBJECT_ASKED = re.compile(r"\s(?:la|dat|chiem|bang|duoc)\s+(?:khoang\s+)?(?:bao nhieu|may)\b")
_IN_IT = re.compile(r"\s*(?:trong do|trong so do)\b,?\s*")
_FOR_PART = re.compile(r"\s*(?:phan|khoan|so tien|muc)\s+(?:danh\s+)?cho\s+")
_LEADING_ADVERBIAL = re.compile(r"\s*(?:trong|tai|theo|nam|o|rieng|ve|doi voi|trong so|sau|den)\b[^,?]*,\s*")
# Words after "bao nhiêu" that name only the unit, not what is counted.
_UNIT_ONLY = frozenset({"phan tram", "tien", "dong", "ty dong", "trieu dong"})
_COMPARED = re.compile(r"so\s+voi\b")
_RESERVED = re.compile(r"(?:danh )?rieng\b")  # "bao nhiêu thẻ | dành riêng cho …"
_PERIOD = re.compile(r"(?:giai doan|thoi ky)\b")
_QUANTITY_WORDS = frozenset({"tong", "so", "tien", "khoan", "phan", "muc", "ty le", "luong", "gia tri", "con so",
                             "so luong", "so tien", "tong so"})


def _noun_phrase(text: str, folded: str, at: int) -> tuple[str, ...]:
    """Words from `at` up to the first verb, preposition or punctuation, lower-cased as typed."""
    words: list[str] = []
    accents = has_diacritics(text)
    # Folding keeps offsets, so folded offsets index the typed text too.
    for w in re.finditer(r"[^\W_]+|[^\w\s]", text[at:]):
        word = folded[at + w.start():at + w.end()]
        # Typed without accents, "tu" after "dau" is "tư" (đầu tư, investment), not "từ" (from).
        part_of_word = word == "tu" and words and fold(words[-1]) == "dau"
        if not w.group()[0].isalnum() or (ends_phrase(w.group(), accents) and not part_of_word):
            break
        if _COMPARED.match(folded, at + w.start()) or _PERIOD.match(folded, at + w.start()) \
                or _RESERVED.match(folded, at + w.start()):
            break  # "phần trăm | so với tổng số hộ DTTS", "chuẩn nghèo nông thôn | giai đoạn 2016-2020"
        words.append(w.group().lower())
    return tuple(words)
