"""Answer matching for the eval suite: Vietnamese normalisation, numbers by value and
scale, the small-number guard, aliases, token F1, first-figure accuracy."""
import unicodedata

import pytest

from eval.matching import first_figure_correct, is_correct, token_f1

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("answer,gold", [
    ("Tổng vốn đạt 1.693,586 tỷ đồng [1]", "1.693.586 triệu đồng"),
    ("Tổng vốn đạt 1.693.586 triệu đồng", "1.693,586 tỷ đồng"),
    ("tỷ lệ 38.7 % số hộ", "38,7%"),
    ("tỷ lệ 38,7% số hộ", "38.7 %"),
    ("hỗ trợ 1 triệu đồng/người/tháng", "1.000.000 đồng/người/tháng"),
    ("chi 23,7 tỷ", "23.700 triệu đồng"),  # "tỷ" alone is compatible with "tỷ đồng"
])
def test_numbers_match_by_value_and_unit_scale(answer, gold):
    assert is_correct(answer, gold)


@pytest.mark.parametrize("answer,gold", [
    ("Tổng vốn đạt 1.693.586 đồng", "1.693.586 triệu đồng"),  # wrong scale
    ("tỷ lệ 38,7 hộ", "38,7%"),  # a count is not a percentage
    ("đã hỗ trợ 640 người", "640 hộ"),  # another count noun
    ("đạt 1.693.587 triệu đồng", "1.693.586 triệu đồng"),
])
def test_numbers_with_another_value_or_unit_do_not_match(answer, gold):
    assert not is_correct(answer, gold)


@pytest.mark.parametrize("answer", [
    "Năm 2016 có 16 hộ thoát nghèo",  # 6 inside other numbers
    "hỗ trợ 6,5 tỷ đồng",  # 6 as the integer part of a decimal
    "mã số 1.693.586",
    "xem mục [6] bên dưới",  # a citation marker is not a figure
])
def test_bare_small_number_is_never_found_inside_other_numbers(answer):
    assert not is_correct(answer, "6")


def test_bare_small_alias_needs_the_unit_of_the_gold():
    assert is_correct("xây dựng 6 công trình", "06 công trình", ("06",))
    # The answer states a 6, but of money: the alias "06" means 06 công trình.
    assert not is_correct("trên 6 tỷ đồng cho 16 công trình", "06 công trình", ("06",))
    assert not is_correct("có 9 lớp và 6 đoàn", "06 công trình", ("06",))


def test_bare_distinctive_alias_matches_any_unit_but_only_the_whole_figure():
    assert is_correct("hỗ trợ 10.517 học sinh", "10.517 lượt học sinh", ("10.517",))
    assert not is_correct("hỗ trợ 110.517 học sinh", "10.517 lượt học sinh", ("10.517",))
    assert not is_correct("hỗ trợ 10.518 học sinh", "10.517 lượt học sinh", ("10.517",))


def test_aliases_are_alternatives():
    assert is_correct("Ủy ban nhân dân huyện Đakrông chủ trì", "UBND huyện Đakrông", ("Ủy ban nhân dân huyện Đakrông",))
    assert not is_correct("Ủy ban nhân dân tỉnh chủ trì", "UBND huyện Đakrông", ("Ủy ban nhân dân huyện Đakrông",))


def test_text_is_compared_after_nfc_case_tone_and_whitespace_normalisation():
    nfd = unicodedata.normalize("NFD", "CẤP ỦY   Đảng,\u00a0chính quyền các cấp")
    assert is_correct(nfd, "cấp uỷ Đảng, chính quyền các cấp")
    assert is_correct("Trung tâm\nTrợ giúp pháp lý", "trung tâm trợ giúp pháp lý")


def test_text_must_match_whole_words():
    assert is_correct("hộ nghèo", "hộ")
    assert not is_correct("hội nghị", "hộ")
    assert not is_correct("", "hộ")


def test_mixed_answers_need_every_figure_and_the_words_around_them():
    gold = "16 công trình chuyển tiếp và 12 công trình duy tu bảo dưỡng"
    assert is_correct("16 công trình chuyển tiếp, 12 công trình duy tu, bảo dưỡng", gold)
    assert not is_correct("16 công trình chuyển tiếp, 13 công trình duy tu, bảo dưỡng", gold)
    assert not is_correct("16 công trình chuyển tiếp", gold)
    assert is_correct("ngày 19 tháng 5 năm 2011", "ngày 19 tháng 05 năm 2011")
    assert not is_correct("ngày 19 tháng 6 năm 2011", "ngày 19 tháng 05 năm 2011")


def test_token_f1_is_syllable_level_and_takes_the_best_gold():
    assert token_f1("12.633 lượt học sinh", ["12.633 lượt học sinh"]) == pytest.approx(1.0)
    assert token_f1("12.633 lượt [1]", ["12.633 lượt học sinh"]) == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert token_f1("Hội Nông dân", ["Hội Liên hiệp Phụ nữ", "Hội Nông dân"]) == pytest.approx(1.0)
    assert token_f1("không liên quan", ["Hội Nông dân"]) == 0.0
    assert token_f1("HỘI   NÔNG DÂN", ["hội nông dân"]) == pytest.approx(1.0)


def test_first_figure_is_the_one_an_answer_commits_to():
    q = "Tổng nguồn vốn huy động năm 2020 là bao nhiêu?"
    gold, aliases = "1.693.586 triệu đồng", ("1.693,586 tỷ đồng",)
    assert first_figure_correct("1.693,586 tỷ đồng [1] — “…”", q, gold, aliases)
    # The gold is in the quote, but the answer leads with another figure.
    assert first_figure_correct("107.547 triệu đồng [1] — “đạt 1.693.586 triệu đồng”", q, gold, aliases) is False
    # Years and figures the question names are passed over.
    assert first_figure_correct("Năm 2020 tổng vốn đạt 1.693.586 triệu đồng", q, gold, aliases)
    assert first_figure_correct("Không tìm thấy.", q, gold, aliases) is False
    assert first_figure_correct("bất kỳ", q, "Hội Nông dân") is None
    assert first_figure_correct("bất kỳ", q, "từ năm 2011 đến năm 2020") is None
    assert first_figure_correct("bất kỳ", q, "Quyết định 33/QĐ-TTg") is None  # a name holding a figure
    assert first_figure_correct("đã có 2.500 người", q, "trên 2.500 người")
