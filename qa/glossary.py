"""English words for what the Vietnamese documents say, so an English question can be
matched word by word too ("near-poor households" -> "hộ cận nghèo").

e5 retrieves across languages, but it cannot tell which of a passage's sentences or
figures answers: that needs the question's words in the documents' language. The
entries are the vocabulary of poverty-reduction reports and legal texts, not of any
particular question; a question's words that are not here simply stay unmatched, as
before. Longer phrases win over their parts ("poverty line" before "poverty").
"""
from __future__ import annotations

import re

# English phrase (singular, lower case; a plural "s" is accepted) -> Vietnamese.
GLOSSARY: dict[str, str] = {
    # who is poor, and how it is measured
    "poor household": "hộ nghèo", "poor family": "hộ nghèo", "poor people": "người nghèo",
    "the poor": "người nghèo", "poor": "nghèo", "poverty": "nghèo",
    "near-poor household": "hộ cận nghèo", "near poor household": "hộ cận nghèo", "near-poor": "cận nghèo",
    "near poor": "cận nghèo", "household": "hộ", "family": "hộ gia đình", "people": "người",
    "escape poverty": "thoát nghèo", "escaped poverty": "thoát nghèo", "out of poverty": "thoát nghèo",
    "fall back into poverty": "tái nghèo", "relapse into poverty": "tái nghèo", "newly poor": "nghèo phát sinh",
    "poverty rate": "tỷ lệ hộ nghèo", "poverty line": "chuẩn nghèo", "poverty standard": "chuẩn nghèo",
    "near-poverty line": "chuẩn cận nghèo", "near-poverty": "cận nghèo", "near poverty": "cận nghèo",
    "multidimensional poverty": "nghèo đa chiều",
    "multidimensional": "đa chiều", "poverty reduction": "giảm nghèo", "reduce poverty": "giảm nghèo",
    "poverty alleviation": "giảm nghèo", "sustainable": "bền vững", "income": "thu nhập",
    "per capita": "bình quân đầu người", "per person": "người", "per month": "tháng", "per year": "năm",
    "average": "bình quân", "deprivation": "thiếu hụt", "deprived": "thiếu hụt", "indicator": "chỉ số",
    "basic social service": "dịch vụ xã hội cơ bản", "social protection": "bảo trợ xã hội",
    "social assistance": "bảo trợ xã hội", "social security": "an sinh xã hội", "living standard": "mức sống",
    "share": "tỷ lệ", "rate": "tỷ lệ", "proportion": "tỷ lệ", "percentage": "tỷ lệ",
    # places and groups
    "ethnic minority": "dân tộc thiểu số", "ethnic minorities": "dân tộc thiểu số", "ethnic": "dân tộc",
    "mountainous": "miền núi", "mountain": "miền núi", "highland": "vùng cao", "coastal": "ven biển",
    "sandbank": "bãi ngang", "coastal sandbank": "bãi ngang ven biển", "island district": "huyện đảo",
    "island": "đảo", "extremely difficult": "đặc biệt khó khăn", "especially difficult": "đặc biệt khó khăn",
    "difficult": "khó khăn", "border": "biên giới", "village": "thôn, bản", "hamlet": "thôn, bản",
    "poor district": "huyện nghèo", "district": "huyện", "commune": "xã", "province": "tỉnh",
    "provincial": "tỉnh", "nationwide": "cả nước", "whole country": "cả nước", "country": "cả nước",
    "rural": "nông thôn", "urban": "thành thị", "region": "vùng", "area": "địa bàn",
    "mainly concentrated": "chủ yếu tập trung", "concentrated": "tập trung",
    "worker": "lao động", "labourer": "lao động", "laborer": "lao động", "labour": "lao động",
    "labor": "lao động", "student": "học sinh", "pupil": "học sinh", "child": "trẻ em", "children": "trẻ em",
    "elderly": "người cao tuổi", "disabled": "người khuyết tật", "woman": "phụ nữ", "women": "phụ nữ",
    "staff": "cán bộ", "official": "cán bộ", "officer": "cán bộ", "cadre": "cán bộ", "grassroots": "cơ sở",
    "community": "cộng đồng", "enterprise": "doanh nghiệp", "business": "doanh nghiệp",
    # support and policies
    "support": "hỗ trợ", "assistance": "hỗ trợ", "aid": "hỗ trợ", "help": "hỗ trợ", "policy": "chính sách",
    "health insurance card": "thẻ bảo hiểm y tế", "health insurance": "bảo hiểm y tế", "health": "y tế",
    "medical examination": "khám chữa bệnh", "medical treatment": "khám chữa bệnh", "medical": "y tế",
    "tuition": "học phí", "tuition fee": "học phí", "exemption": "miễn", "exempt": "miễn",
    "reduction": "giảm", "education": "giáo dục", "study cost": "chi phí học tập",
    "learning cost": "chi phí học tập", "school": "trường học",
    "housing": "nhà ở", "house": "nhà", "home": "nhà ở", "build": "xây dựng", "built": "xây dựng",
    "construction": "xây dựng", "repair": "sửa chữa", "repaired": "sửa chữa",
    "electricity bill": "tiền điện", "electricity": "tiền điện", "legal aid": "trợ giúp pháp lý",
    "legal": "pháp lý", "case": "vụ việc", "vocational training": "đào tạo nghề", "vocational": "nghề",
    "training": "đào tạo", "trained": "đào tạo", "training course": "lớp tập huấn",
    "employment": "việc làm", "job": "việc làm",
    "labour export": "xuất khẩu lao động", "labor export": "xuất khẩu lao động",
    "work abroad": "đi làm việc ở nước ngoài", "working abroad": "đi làm việc ở nước ngoài",
    "abroad": "nước ngoài", "overseas": "nước ngoài",
    "preferential credit": "tín dụng ưu đãi", "preferential loan": "vay ưu đãi", "credit": "tín dụng",
    "loan": "vay vốn", "borrow": "vay vốn", "borrowed": "vay vốn", "borrower": "vay vốn",
    "social policy bank": "Ngân hàng Chính sách xã hội", "bank for social policies": "Ngân hàng Chính sách xã hội",
    "outstanding loan": "dư nợ", "outstanding": "dư nợ", "disbursed": "giải ngân", "disbursement": "giải ngân",
    "clean water": "nước sạch", "drinking water": "nước sinh hoạt", "water": "nước", "sanitation": "vệ sinh",
    "toilet": "nhà tiêu", "information": "thông tin", "communication": "truyền thông",
    "radio": "truyền thanh", "loudspeaker": "truyền thanh",
    # money and programmes
    "capital": "vốn", "fund": "vốn", "funding": "kinh phí", "budget": "ngân sách", "money": "kinh phí",
    "cost": "kinh phí", "spending": "kinh phí", "spent": "kinh phí", "expenditure": "kinh phí",
    "development investment": "vốn đầu tư phát triển", "investment": "đầu tư", "invest": "đầu tư",
    "invested": "đầu tư", "recurrent": "sự nghiệp", "non-business": "sự nghiệp", "career": "sự nghiệp",
    "central budget": "ngân sách trung ương", "local budget": "ngân sách địa phương", "central": "trung ương",
    "local": "địa phương", "state budget": "ngân sách nhà nước", "mobilised": "huy động", "mobilized": "huy động",
    "mobilise": "huy động", "mobilize": "huy động", "raised": "huy động", "allocated": "bố trí",
    "allocate": "bố trí", "allocation": "phân bổ", "national target program": "chương trình mục tiêu quốc gia",
    "national target programme": "chương trình mục tiêu quốc gia", "programme": "chương trình",
    "program": "chương trình", "project": "dự án", "infrastructure": "cơ sở hạ tầng",
    "essential infrastructure": "cơ sở hạ tầng thiết yếu", "work": "công trình",
    "production development": "phát triển sản xuất", "production": "sản xuất",
    "livelihood": "sinh kế", "diversify": "đa dạng hóa", "replicate": "nhân rộng", "replication": "nhân rộng",
    "scale up": "nhân rộng", "model": "mô hình", "capacity building": "nâng cao năng lực",
    "capacity": "năng lực", "monitoring": "giám sát", "evaluation": "đánh giá", "inspection": "kiểm tra",
    "emulation movement": "phong trào thi đua", "emulation": "thi đua", "movement": "phong trào",
    "campaign": "phong trào", "fund for the poor": "Quỹ Vì người nghèo",
    "fatherland front": "Mặt trận Tổ quốc", "donation": "vận động", "donated": "ủng hộ",
    "agriculture": "nông nghiệp", "forestry": "lâm nghiệp", "land": "đất", "rice": "gạo",
    "seedling": "giống cây trồng", "livestock": "vật nuôi", "breeding": "giống", "tourism": "du lịch",
    # results, problems, plans
    "maintenance": "duy tu bảo dưỡng", "maintained": "duy tu bảo dưỡng", "ongoing": "chuyển tiếp",
    "transitional": "chuyển tiếp", "new": "mới", "population": "dân số", "leader": "lãnh đạo",
    "chairman": "Chủ tịch", "visit": "thăm", "lunar new year": "Tết", "tet": "Tết",
    "result": "kết quả", "achieved": "đạt", "achievement": "kết quả", "target": "mục tiêu",
    "objective": "mục tiêu", "goal": "mục tiêu", "plan": "kế hoạch", "planned": "kế hoạch",
    "limitation": "hạn chế", "shortcoming": "hạn chế", "weakness": "hạn chế", "cause": "nguyên nhân",
    "reason": "nguyên nhân", "solution": "giải pháp", "measure": "giải pháp", "task": "nhiệm vụ",
    "awareness": "nhận thức", "natural disaster": "thiên tai", "disaster": "thiên tai", "storm": "bão",
    "flood": "lũ", "epidemic": "dịch bệnh", "pandemic": "dịch bệnh", "total": "tổng", "in total": "tổng",
    # legal texts and bodies
    "decision": "quyết định", "resolution": "nghị quyết", "decree": "nghị định", "circular": "thông tư",
    "law": "luật", "legal basis": "căn cứ", "based on": "căn cứ", "rely on": "căn cứ", "relies on": "căn cứ",
    "article": "điều", "clause": "khoản", "take effect": "có hiệu lực", "effective": "có hiệu lực",
    "in force": "có hiệu lực", "apply": "áp dụng", "applied": "áp dụng", "period": "giai đoạn",
    "prime minister": "Thủ tướng Chính phủ", "government": "Chính phủ",
    "ministry of labour": "Bộ Lao động - Thương binh và Xã hội", "molisa": "Bộ Lao động - Thương binh và Xã hội",
    "people's committee": "Ủy ban nhân dân", "committee": "Ủy ban", "ministry": "Bộ", "minister": "Bộ trưởng",
    "department": "Sở", "issued": "ban hành", "issue": "ban hành", "approved": "phê duyệt",
    "approve": "phê duyệt", "announced": "công bố", "announce": "công bố", "review": "rà soát",
    "survey": "rà soát", "list": "danh sách", "signed": "ký",
}

# Longest phrases first, so "poverty line" is taken before "poverty".
_PHRASES = sorted(GLOSSARY, key=lambda p: (-len(p.split()), -len(p)))
_PATTERN = re.compile(
    r"(?<![\w'-])(" + "|".join(r"\s+".join(re.escape(w) for w in p.split()) + r"(?:s|es)?" for p in _PHRASES)
    + r")(?![\w'-])")
_BY_FORM = {p: GLOSSARY[p] for p in _PHRASES}


def gloss(text: str) -> str:
    """The Vietnamese for the glossary phrases of an English text, in order, comma-separated."""
    out = []
    for m in _PATTERN.finditer(text.lower()):
        phrase = re.sub(r"\s+", " ", m.group(1))
        vi = _BY_FORM.get(phrase) or _BY_FORM.get(phrase[:-1]) or _BY_FORM.get(phrase[:-2])
        if vi:
            out.append(vi)
    return ", ".join(dict.fromkeys(out))
