"""Vietnamese text handling: normalisation, accent folding, numbers, keyword tokens."""
import unicodedata

import pytest

from ingest.diacritics import fold, has_diacritics
from ingest.normalize import documents_spelling, normalize_text
from ingest.numbers import find_quantities, parse_number, same_quantity
from ingest.tokens import query_tokens, syllables

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("old,new", [("hoá", "hóa"), ("Xoá đói", "Xóa đói"), ("thuỷ lợi", "thủy lợi"),
                                     ("cấp uỷ", "cấp ủy"), ("khoẻ", "khỏe"), ("HOÁ", "HÓA")])
def test_old_tone_placement_becomes_modern(old, new):
    assert normalize_text(old) == new


@pytest.mark.parametrize("word", ["quý", "hoàn thành", "kế hoạch", "nguyên", "Quảng Trị", "huỳnh"])
def test_words_already_modern_are_untouched(word):
    assert normalize_text(word) == word


def test_nfd_input_becomes_nfc_and_no_break_spaces_become_spaces():
    nfd = unicodedata.normalize("NFD", "Chính sách\u00a0hỗ trợ")
    assert normalize_text(nfd) == "Chính sách hỗ trợ"


def test_fold_keeps_length_and_strips_marks():
    text = "Trợ giúp pháp lý, Đakrông"
    assert fold(text) == "Tro giup phap ly, Dakrong"
    assert len(fold(text)) == len(text)
    assert has_diacritics(text) and not has_diacritics("tro giup phap ly")


@pytest.mark.parametrize("written,value", [("1.693.586", 1693586), ("1.141,28", 1141.28), ("38,7", 38.7),
                                           ("38.7", 38.7), ("2.087", 2087), ("1,693,586", 1693586)])
def test_vietnamese_numbers_parse_by_value(written, value):
    assert parse_number(written) == pytest.approx(value)


def test_quantities_carry_unit_and_scale():
    a, = find_quantities("đạt 1.693.586 triệu đồng, trong đó")
    b, = find_quantities("1.693,586 tỷ đồng")
    assert a.text == "1.693.586 triệu đồng" and a.kind == "money"
    assert same_quantity(a, b)
    pct, = find_quantities("chiếm 38,7% số hộ")
    assert pct.kind == "percent" and pct.value == pytest.approx(38.7)
    cards, = find_quantities("cấp 148.181 thẻ Bảo hiểm y tế")
    assert cards.text == "148.181 thẻ"


def test_document_numbers_are_not_figures():
    assert find_quantities("Nghị quyết 30a của Chính phủ") == []


def test_keyword_tokens_keep_numbers_whole_and_one_letter_syllables():
    tokens = syllables("đạt 1.693.586 triệu đồng; kinh phí 1.141,28 tỷ; y tế")
    assert "1.693.586" in tokens and "1.141,28" in tokens and "y" in tokens


def test_query_ngrams_meet_compound_words():
    assert "phap_ly" in query_tokens("tro giup phap ly")


def test_a_question_is_brought_to_the_documents_i_y_spelling():
    # People type "tỉ lệ", "qui định"; official writing (and so the documents) has "tỷ lệ", "quy định".
    assert documents_spelling("Tỉ lệ hộ nghèo theo qui định mới") == "Tỷ lệ hộ nghèo theo quy định mới"
    assert documents_spelling("ti le ho ngheo tinh quang tri") == "ty le ho ngheo tinh quang tri"
    # Same length, so offsets hold; "tỉnh" and a bare "ti" are other words.
    assert documents_spelling("tỉnh ti") == "tỉnh ti"
