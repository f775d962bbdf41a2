"""Words staff use for what the documents say otherwise ("tiền học" for "học phí").

A question's phrase is satisfied by any phrase of its group, so a paraphrase keeps the
coverage that decides which sentence answers and whether to abstain. Groups hold words
that mean the same in poverty-reduction reports and legal texts; words that only look
related ("hộ nghèo" / "hộ cận nghèo") never share a group.
"""
from __future__ import annotations

import re

from ingest.diacritics import fold

GROUPS: tuple[tuple[str, ...], ...] = (
    ("giảm nghèo", "xóa đói giảm nghèo", "chống đói nghèo", "xóa nghèo"),
    ("lãnh đạo", "dẫn dắt", "chỉ đạo", "điều hành"),
    ("giám sát", "theo dõi", "kiểm tra"),
    ("hộ", "gia đình", "hộ gia đình"),
    ("kinh phí", "số tiền", "khoản tiền", "chi phí"),
    ("rà soát", "đếm lại", "điều tra", "thống kê lại"),
    ("chuẩn nghèo", "thước đo nghèo", "tiêu chí nghèo", "ngưỡng nghèo"),
    ("đồng bào", "bà con", "người dân"),
    ("dân tộc thiểu số", "người dân tộc", "đồng bào dân tộc"),
    ("học sinh", "cháu", "em học sinh", "trẻ em đi học"),
    ("học phí", "tiền học"),
    ("miễn, giảm", "bớt hoặc không phải đóng", "miễn giảm"),
    ("nhà ở", "căn nhà", "chỗ ở"),
    ("xây dựng", "xây", "làm mới", "dựng"),
    ("sửa chữa", "sửa"),
    ("duy tu", "bảo dưỡng", "bảo trì"),
    ("căn cứ", "cơ sở pháp lý", "dựa vào"),
    ("người lao động", "công nhân", "người làm thuê"),
    ("xuất khẩu lao động", "đi làm việc ở nước ngoài", "làm việc có thời hạn ở nước ngoài", "đi lao động nước ngoài"),
    ("đào tạo nghề", "học nghề", "dạy nghề"),
    ("việc làm", "công ăn việc làm"),
    ("cho vay", "vay vốn", "tín dụng"),
    ("dư nợ", "còn nợ", "đang vay"),
    ("khám chữa bệnh", "chữa bệnh", "khám bệnh"),
    ("tiền điện", "hóa đơn điện", "điện sinh hoạt"),
    ("truyền thông", "tuyên truyền", "phổ biến thông tin"),
    ("truyền thanh", "loa phát thanh", "loa truyền thanh", "phát thanh"),
    ("tập huấn", "bồi dưỡng", "lớp học ngắn hạn", "nâng cao năng lực"),
    ("cán bộ", "công chức", "viên chức"),
    ("cơ sở hạ tầng", "hạ tầng", "kết cấu hạ tầng"),
    ("xã đặc biệt khó khăn", "xã khó khăn nhất", "xã nghèo nhất"),
    ("bãi ngang ven biển", "ven biển", "vùng biển"),
    ("miền núi", "vùng cao", "vùng núi"),
    ("thiên tai", "bão lũ", "mưa bão", "lũ lụt", "bão lụt"),
    ("hạn chế", "tồn tại", "yếu kém", "bất cập"),
    ("nguyên nhân", "lý do"),
    ("mục tiêu", "chỉ tiêu"),
    ("có hiệu lực", "có hiệu lực thi hành", "bắt đầu áp dụng"),
    ("phê duyệt", "thông qua"),
    ("đồng bộ", "nhất quán"),
    ("trợ giúp pháp lý", "hỗ trợ pháp lý", "giúp đỡ pháp lý"),
    ("tư vấn pháp luật", "tư vấn luật"),
    ("thu nhập", "tiền kiếm được"),
    ("nông thôn", "vùng quê", "làng quê"),
    ("thành thị", "đô thị"),
    ("phát triển sản xuất", "làm ăn", "sinh kế"),
    ("nhân rộng", "mở rộng", "làm theo"),
    ("tái nghèo", "nghèo trở lại", "quay lại nghèo"),
    ("thoát nghèo", "ra khỏi nghèo", "hết nghèo"),
    ("bảo trợ xã hội", "trợ cấp xã hội"),
    ("bố trí", "phân bổ", "cấp", "chia"),
    ("huy động", "kêu gọi", "vận động"),
    ("triển khai", "thực hiện", "tổ chức thực hiện"),
    ("thu hẹp khoảng cách", "kéo gần", "rút ngắn khoảng cách"),
    ("mức sống", "đời sống"),
)

_FOLDED_GROUPS = tuple(tuple(fold(p).lower() for p in g) for g in GROUPS)


def alternatives(text: str, accents: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(phrase in the question, the other phrases of its group), in the question's form:
    accented when the question has diacritics, folded when it was typed without."""
    low = fold(text).lower()
    out = []
    for group, folded_group in zip(GROUPS, _FOLDED_GROUPS):
        for phrase, folded in zip(group, folded_group):
            m = re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", low)
            # Folding keeps offsets, so an accented question is checked as typed ("cấp" is not "cặp").
            if m and (not accents or text[m.start():m.end()].lower() == phrase):
                others = tuple(p if accents else f for p, f in zip(group, folded_group) if f != folded)
                out.append((phrase if accents else folded, others))
    return tuple(out)
