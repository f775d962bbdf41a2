"""Which figure answers a quantity question, and when none does: the extractive rules on
hand-written passages (no index, every word weighs the same)."""
import pytest

from ingest.numbers import find_quantities
from ingest.types import Passage
from qa import abstain
from qa.extract import asked_rates, best_spans, not_a_figure, stated_figures, wanted_units
from qa.groups import names_person
from qa.matching import Matcher
from qa.question import analyse
from qa.types import Hit

pytestmark = pytest.mark.unit


def _answer(question: str, text: str, section: str = ""):
    """The best span for `question` over one passage, and the abstention decision.
    Each ". " ends a sentence."""
    cuts = [0, *(i + 2 for i in range(len(text)) if text.startswith(". ", i)), len(text) + 1]
    sentences = tuple((a, b - 1) for a, b in zip(cuts, cuts[1:]))
    p = Passage(passage_id="p1", doc_id="d", title="Báo cáo mẫu", section=section, start=0, end=len(text),
                text=text, sentences=sentences, places=("Hà Giang",), years=(2031,))
    q = analyse(question)
    m = Matcher.for_question(q, lambda term, accented: 1.0)
    spans = best_spans([Hit(passage=p, score=1.0)], q, m)
    return spans[0] if spans else None, abstain.decide(q, [Hit(passage=p, score=1.0)], spans, 0.35)


def test_the_clause_that_names_the_source_picks_its_figure():
    # "với tổng kinh phí 4,4 tỷ đồng" belongs to the clause about the fund, not to the first one.
    text = ("Đã hỗ trợ 50 hộ nghèo sửa nhà với tổng kinh phí 9,1 tỷ đồng; Quỹ Vì người nghèo "
            "của huyện đã hỗ trợ làm mới 20 nhà cho hộ nghèo, với tổng kinh phí 4,4 tỷ đồng.")
    best, decision = _answer("Kinh phí làm nhà cho hộ nghèo từ Quỹ Vì người nghèo là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "4,4 tỷ đồng"


def test_a_breakdown_in_brackets_stays_with_the_project_it_breaks_down():
    text = ("Dự án giao thông được bố trí 12,5 tỷ đồng (trong đó: vốn đầu tư: 11 tỷ đồng; vốn sự nghiệp: "
            "1,5 tỷ đồng); dự án thủy lợi được bố trí 7 tỷ đồng (trong đó: vốn đầu tư: 6 tỷ đồng; "
            "vốn sự nghiệp: 1 tỷ đồng).")
    best, _ = _answer("Vốn sự nghiệp của dự án thủy lợi là bao nhiêu?", text)
    assert best.figure.text == "1 tỷ đồng"
    best, _ = _answer("Vốn sự nghiệp của dự án giao thông là bao nhiêu?", text)
    assert best.figure.text == "1,5 tỷ đồng"


def test_so_voi_qualifies_the_percentage_before_it():
    text = ("Toàn huyện còn 900 hộ nghèo người dân tộc thiểu số, chiếm tỷ lệ 12,5% so với tổng số hộ "
            "dân tộc thiểu số và chiếm 70% so với tổng số hộ nghèo toàn huyện.")
    best, _ = _answer("Hộ nghèo dân tộc thiểu số chiếm bao nhiêu phần trăm tổng số hộ dân tộc thiểu số?", text)
    assert best.figure.text == "12,5%"


def test_the_subject_of_la_bao_nhieu_is_what_is_asked():
    # "Trong vốn Chương trình, phần vốn sự nghiệp là bao nhiêu?" asks the part, not the whole.
    text = ("Vốn thực hiện Chương trình là 80 tỷ đồng (vốn đầu tư phát triển 60 tỷ đồng, vốn sự nghiệp "
            "20 tỷ đồng).")
    assert analyse("Trong vốn Chương trình năm 2031, phần vốn sự nghiệp là bao nhiêu?").asked == ("vốn", "sự", "nghiệp")
    best, decision = _answer("Trong vốn Chương trình năm 2031, phần vốn sự nghiệp là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "20 tỷ đồng"


def test_a_group_named_between_two_figures_belongs_to_the_first():
    # The comma inside "hộ nghèo, hộ cận nghèo" does not hand "hộ cận nghèo" to the 17 workers.
    text = ("Năm 2031 có 900 lao động đi làm việc ở nước ngoài, trong đó có 06 lao động thuộc hộ nghèo, "
            "hộ cận nghèo và 17 lao động người dân tộc thiểu số.")
    _, decision = _answer("Riêng số lao động thuộc hộ cận nghèo đi làm việc ở nước ngoài là bao nhiêu?", text)
    assert decision.abstain  # 06 counts two groups together; 900 and 17 count others
    best, decision = _answer("Có bao nhiêu lao động người dân tộc thiểu số đi làm việc ở nước ngoài?", text)
    assert not decision.abstain and best.figure.text == "17 lao động"


def test_a_list_of_places_in_brackets_stays_with_its_figure():
    text = ("Hỗ trợ 300 triệu đồng cho mỗi huyện (Hải Lăng, Cam Lộ, Gio Linh) và thị xã Quảng Trị 120 triệu đồng.")
    best, decision = _answer("Mỗi huyện như Cam Lộ được hỗ trợ bao nhiêu tiền?", text)
    assert not decision.abstain and best.figure.text == "300 triệu đồng"
    best, _ = _answer("Thị xã Quảng Trị được hỗ trợ bao nhiêu tiền?", text)
    assert best.figure.text == "120 triệu đồng"


def test_a_district_figure_comes_from_a_text_that_names_the_district():
    text = "Năm 2031 toàn tỉnh đã hỗ trợ tiền điện cho 14.000 hộ nghèo."
    _, decision = _answer("Riêng huyện Gio Linh có bao nhiêu hộ nghèo được hỗ trợ tiền điện?", text)
    assert decision.abstain and "Gio Linh" in decision.message
    _, decision = _answer("Toàn tỉnh có bao nhiêu hộ nghèo được hỗ trợ tiền điện?", text)
    assert not decision.abstain


def test_a_figure_for_two_districts_does_not_answer_for_one():
    text = "UBND các huyện Hướng Hóa và Đakrông đã tổ chức 10 lớp tập huấn cho cán bộ cơ sở."
    _, decision = _answer("Huyện Hướng Hóa đã tổ chức bao nhiêu lớp tập huấn?", text)
    assert decision.abstain and "Hướng Hóa và Đakrông" in decision.message


def test_a_group_asked_apart_is_not_answered_by_a_joint_count():
    text = "Năm 2031 đã cấp 9.000 thẻ bảo hiểm y tế cho người nghèo, người cận nghèo và trẻ em."
    _, decision = _answer("Riêng người cận nghèo được cấp bao nhiêu thẻ bảo hiểm y tế?", text)
    assert decision.abstain and "người nghèo, người cận nghèo" in decision.message


def test_a_figure_for_each_district_answers_for_one_of_them_and_an_excluded_district_is_no_constraint():
    text = "Hỗ trợ 300 triệu đồng cho mỗi huyện (Hải Lăng, Cam Lộ, Gio Linh) để phát triển sản xuất."
    best, decision = _answer("Huyện Gio Linh được hỗ trợ bao nhiêu tiền phát triển sản xuất?", text)
    assert not decision.abstain and best.figure.text == "300 triệu đồng"
    assert analyse("Tổng vốn cho các huyện (ngoài huyện Đakrông) là bao nhiêu?").localities == ()


@pytest.mark.parametrize("question, unit", [
    ("Dân số của các huyện nghèo là bao nhiêu người?", "2,4 triệu"),  # a scale before the count noun
    ("Ở các huyện nghèo, cứ trăm hộ thì bao nhiêu hộ nghèo?", "22%"),  # "per hundred" asks a share
    ("Huyện có tỷ lệ hộ nghèo trên 50% được bố trí bao nhiêu vốn?", "9 tỷ đồng"),  # "bao nhiêu vốn" decides
])
def test_the_unit_asked_for_picks_among_figures(question, unit):
    text = "Các huyện nghèo có dân số gồm 2,4 triệu người, tỷ lệ hộ nghèo 22%, được bố trí 9 tỷ đồng."
    best, decision = _answer(question, text)
    assert not decision.abstain and best.figure.text == unit


def test_every_rate_asked_must_be_stated():
    text = "Thu ngân sách bình quân mỗi huyện đạt 3 tỷ đồng; mỗi huyện được hỗ trợ 20 tỷ đồng mỗi năm."
    best, decision = _answer("Mỗi huyện được hỗ trợ bao nhiêu tiền mỗi năm?", text)
    assert not decision.abstain and best.figure.text == "20 tỷ đồng"
    _, decision = _answer("Mỗi xã được hỗ trợ bao nhiêu tiền mỗi năm?", "Thu ngân sách bình quân mỗi huyện đạt 3 tỷ đồng.")
    assert decision.abstain


@pytest.mark.parametrize("question", [
    "Các buổi truyền thông do Sở Lao động tổ chức có bao nhiêu cán bộ tham dự?",  # Sở is an agency, not số
])
def test_an_agency_name_does_not_set_the_unit(question):
    assert wanted_units(analyse(question)) == set()


@pytest.mark.parametrize("question", [
    "Huyện còn bao nhiêu hộ cận nghèo?",
    "huyen con bao nhieu ho can ngheo?",
    "Năm 2031 có bao nhiêu hộ thoát nghèo?",
])
def test_a_count_of_something_else_is_not_an_answer(question):
    # The text counts poor households; near-poor or escaped households are never counted.
    text = ("Năm 2031 toàn huyện còn 1.234 hộ nghèo, tập trung ở các xã vùng cao; "
            "nhiều hộ cận nghèo chưa tiếp cận vốn vay, một số hộ khó thoát nghèo vì thiếu đất sản xuất.")
    _, decision = _answer(question, text)
    assert decision.abstain and decision.message.startswith(abstain.NOT_FOUND)


def test_the_same_count_question_about_what_is_stated_is_answered():
    text = ("Năm 2031 toàn huyện còn 1.234 hộ nghèo, tập trung ở các xã vùng cao; "
            "nhiều hộ cận nghèo chưa tiếp cận vốn vay, một số hộ khó thoát nghèo vì thiếu đất sản xuất.")
    best, decision = _answer("Huyện còn bao nhiêu hộ nghèo?", text)
    assert not decision.abstain and best.figure.text == "1.234 hộ"


@pytest.mark.parametrize("text", [
    "Danh sách các xã thuộc phạm vi Chương trình 135 để thực hiện",
    "theo Nghị quyết 30 của Chính phủ",
    "ký ngày 24 tháng 12 năm 1999",
])
def test_names_and_dates_are_not_figures(text):
    figures = [f for f in find_quantities(text) if f.value < 1900]
    assert figures and all(not_a_figure(text, f) for f in figures)


@pytest.mark.parametrize("question, unit", [
    ("Số hộ nghèo DTTS chiếm bao nhiêu phần trăm số hộ nghèo?", {"percent"}),
    ("Tỷ lệ hộ nghèo ở đây cao gấp mấy lần bình quân cả nước?", {"lan", "luot", "dot"}),
    ("Bao nhiêu gia đình được hỗ trợ?", {"ho"}),
])
def test_the_unit_asked_for(question, unit):
    assert wanted_units(analyse(question)) == unit


def test_a_combined_count_does_not_answer_for_one_of_its_groups():
    text = "Đã miễn học phí cho 2.500 lượt học sinh thuộc hộ nghèo, hộ cận nghèo trên địa bàn huyện."
    _, decision = _answer("Có bao nhiêu lượt học sinh thuộc hộ cận nghèo được miễn học phí?", text)
    assert decision.abstain and "hộ nghèo, hộ cận nghèo" in decision.message
    best, decision = _answer("Có bao nhiêu lượt học sinh thuộc hộ nghèo, hộ cận nghèo được miễn học phí?", text)
    assert not decision.abstain and best.figure.text == "2.500 lượt"


def test_a_figure_given_for_another_year_does_not_answer():
    text = "Tỷ lệ hộ nghèo của huyện đã giảm từ 41% năm 2025 xuống còn 18,5% năm 2031."
    best, decision = _answer("Năm 2031 tỷ lệ hộ nghèo của huyện còn bao nhiêu phần trăm?", text)
    assert not decision.abstain and best.figure.text == "18,5%"
    _, decision = _answer("Năm 2035 tỷ lệ hộ nghèo của huyện còn bao nhiêu phần trăm?", text)
    assert decision.abstain


@pytest.mark.parametrize("question, unit", [
    ("How many rural workers received vocational training?", {"lao dong"}),
    ("How many poor households were there in 2031?", {"ho"}),
    ("How much money was allocated to the project?", {"money", "scaled"}),
])
def test_english_questions_ask_for_units_too(question, unit):
    assert wanted_units(analyse(question)) == unit


def test_a_threshold_question_needs_a_stated_threshold():
    counted = "Chuẩn nghèo đa chiều dùng 10 chỉ số đo lường mức độ thiếu hụt các dịch vụ xã hội cơ bản."
    _, decision = _answer("Thiếu hụt từ bao nhiêu chỉ số trở lên thì là hộ nghèo?", counted)
    assert decision.abstain
    bound = "Hộ nghèo là hộ thiếu hụt từ 3 chỉ số đo lường mức độ thiếu hụt trở lên."
    best, decision = _answer("Thiếu hụt từ bao nhiêu chỉ số trở lên thì là hộ nghèo?", bound)
    assert not decision.abstain and best.figure.text == "3 chỉ số"


def test_a_list_of_districts_must_name_districts():
    text = "Danh sách nghèo gồm các địa phương vùng cao, vùng sâu, vùng xa, có tỷ lệ hộ nghèo cao nhất."
    _, decision = _answer("Danh sách huyện nghèo gồm những huyện nào?", text)
    assert decision.abstain and "huyện" in decision.message


@pytest.mark.parametrize("question", [
    "Đã bớt tiền học cho bao nhiêu em học sinh nhà nghèo?",
    "da bot tien hoc cho bao nhieu em hoc sinh nha ngheo?",
])
def test_everyday_words_meet_the_official_ones(question):
    text = "Năm 2031 đã miễn, giảm học phí cho 4.321 học sinh thuộc hộ nghèo trên địa bàn."
    q = analyse(question)
    m = Matcher.for_question(q, lambda term, accented: 1.0)
    plain = Matcher(m.accents, m.weights)  # the same question without its synonyms
    assert m.coverage(text) > plain.coverage(text)
    best, decision = _answer(question, text)
    assert not decision.abstain and best.figure.text == "4.321 học sinh"


# -- what this session's blind questions showed -------------------------------------------

def test_a_total_does_not_answer_for_the_part_its_bracket_names():
    # The breakdown after ";" inside the bracket still belongs to the total's clause.
    text = ("Nguồn vốn thực hiện dự án là 35,22 tỷ đồng (trong đó: vốn đầu tư phát triển: 33,133 tỷ đồng; "
            "vốn sự nghiệp: 2,087 tỷ đồng), theo đó có 74 công trình được thực hiện.")
    best, decision = _answer("von su nghiep cua du an la bao nhieu", text)
    assert not decision.abstain and best.figure.text == "2,087 tỷ đồng"


def test_typed_without_accents_dau_tu_is_investment_not_from():
    assert analyse("von dau tu phat trien cua du an la bao nhieu").asked == ("von", "dau", "tu", "phat", "trien")


def test_a_why_question_is_answered_by_the_sentence_that_gives_the_effect():
    text = ("Chính sách hỗ trợ tiền điện: đã hỗ trợ 14.101 hộ nghèo, trong đó có 900 hộ ở vùng cao. "
            "Thực hiện tốt việc hỗ trợ tiền điện đã góp phần bảo đảm an sinh xã hội trên địa bàn.")
    best, decision = _answer("Vì sao cần làm tốt việc hỗ trợ tiền điện?", text)
    assert not decision.abstain and best.text.startswith("Thực hiện tốt")


def test_when_the_best_sentence_gives_no_date_or_condition_there_is_no_answer():
    text = "Các chỉ số đo lường mức độ thiếu hụt gồm: tiếp cận y tế; bảo hiểm y tế; trình độ giáo dục của người lớn."
    _, decision = _answer("Hộ bị tính là thiếu hụt chỉ số trình độ giáo dục của người lớn khi nào?", text)
    assert decision.abstain and decision.reason == "time"


def test_an_english_question_is_matched_through_the_glossary():
    q = analyse("How many near-poor households in Ha Giang received health insurance cards?")
    assert q.english and "hộ cận nghèo" in q.gloss and "thẻ bảo hiểm y tế" in q.gloss
    assert {"can", "ngheo", "the", "bao", "hiem", "ha", "giang"} <= set(q.terms)
    text = "Đã cấp 5.000 thẻ bảo hiểm y tế cho hộ nghèo và 1.200 thẻ bảo hiểm y tế cho hộ cận nghèo."
    best, decision = _answer("How many health insurance cards did near-poor households get?", text)
    assert not decision.abstain and best.figure.text == "1.200 thẻ"


def test_english_articles_are_held_like_dieu():
    assert analyse("From which date were Articles 1 and 2 of the Decision applied?").articles == ("dieu 1", "dieu 2")
    assert analyse("What was the poverty rate of Dakrong district in 2020?").intent == "quantity"


def test_a_question_for_the_total_takes_the_total_not_a_part_listed_beside_it():
    text = ("Hỗ trợ nhà ở cho hộ nghèo: 300 hộ nghèo được hỗ trợ làm nhà mới; "
            "tổng số hộ nghèo được hỗ trợ nhà ở là 500 hộ.")
    best, decision = _answer("Tổng cộng bao nhiêu hộ nghèo được hỗ trợ nhà ở?", text)
    assert not decision.abstain and best.figure.text == "500 hộ"


def test_and_the_border_communes_is_named_by_a_question_that_says_and_border_communes():
    text = ("Tổng số xã đặc biệt khó khăn và các xã biên giới là 1.870 xã. Ngân sách hỗ trợ đầu tư cho 1.746 xã "
            "(gồm 1.602 xã đặc biệt khó khăn và 144 xã biên giới).")
    best, decision = _answer("Tổng cộng có bao nhiêu xã đặc biệt khó khăn và xã biên giới?", text)
    assert not decision.abstain and best.figure.text == "1.870 xã" and not best.joint


def test_a_figure_whose_own_noun_names_another_group_does_not_count_the_asked_one():
    text = ("Hỗ trợ tiền điện: đã phân bổ 7,43 tỷ đồng hỗ trợ tiền điện cho hộ nghèo, hộ chính sách xã hội, "
            "qua đó đã hỗ trợ 14.101 hộ nghèo.")
    _, decision = _answer("Có bao nhiêu hộ chính sách xã hội được hỗ trợ tiền điện?", text)
    assert decision.abstain
    best, decision = _answer("Có bao nhiêu hộ nghèo được hỗ trợ tiền điện?", text)
    assert not decision.abstain and best.figure.text == "14.101 hộ"


def test_an_editors_note_or_a_bare_heading_is_never_the_answer():
    text = "QUYẾT ĐỊNH. Dân số của 61 huyện nghèo là 2,4 triệu người. [Hết phần truy xuất được.]"
    best, _ = _answer("Dân số của các huyện nghèo là bao nhiêu người?", text)
    assert best.figure.text.startswith("2,4 triệu")
    best, decision = _answer("Văn bản này có nội dung gì về dân số?", text)
    assert best.text.startswith("Dân số")


def test_how_many_times_is_answered_by_rounds():
    text = "Trung tâm đã tổ chức 14 đợt trợ giúp pháp lý lưu động tại các xã, chi 300 triệu đồng."
    best, decision = _answer("Trung tâm đã mấy lần trợ giúp pháp lý lưu động?", text)
    assert not decision.abstain and best.figure.text == "14 đợt"


def test_what_an_english_question_counts_is_held_to_the_group_named():
    assert analyse("How many rural workers received vocational training?").asked == ("lao", "động", "nông", "thôn")
    text = ("Năm 2031 có 7.390 hộ nghèo là đồng bào dân tộc thiểu số, chiếm 63% số hộ nghèo. "
            "Các hộ cận nghèo được cấp thẻ bảo hiểm y tế.")
    _, decision = _answer("How many near-poor households were there in 2031?", text)
    assert decision.abstain and "hộ cận nghèo" in decision.message


def test_a_refusal_names_the_unit_the_question_wrote():
    text = "Năm 2031, Nghị quyết đặt mục tiêu thu nhập của hộ nghèo tăng 3,5 triệu đồng."
    _, decision = _answer("Thu nhập của hộ nghèo tăng bao nhiêu lần?", text)
    assert decision.abstain and "số lần" in decision.message


def test_a_qualifier_that_folds_to_a_phrase_end_still_qualifies():
    # Folded, "tái" (again) reads as "tại" (at): "tỷ lệ hộ tái nghèo" must not shrink to "hộ".
    text = "Tỷ lệ hộ nghèo giảm từ 14% năm 2030 xuống còn 11% năm 2031. Vẫn còn nhiều hộ tái nghèo."
    assert analyse("Tỷ lệ hộ tái nghèo hằng năm là bao nhiêu phần trăm?").asked == ("hộ", "tái", "nghèo")
    _, decision = _answer("Tỷ lệ hộ tái nghèo hằng năm là bao nhiêu phần trăm?", text)
    assert decision.abstain and "hộ tái nghèo" in decision.message


def test_money_for_one_programme_is_not_answered_by_another_programmes_sum():
    text = ("Chính sách trợ giúp pháp lý: đã trợ giúp 120 vụ việc cho người nghèo. "
            "Chính sách hỗ trợ giáo dục: tổng kinh phí miễn, giảm học phí trên 9,5 tỷ đồng.")
    q = "Tỉnh chi bao nhiêu kinh phí cho chính sách trợ giúp pháp lý?"
    assert analyse(q).topics == (("chính", "sách", "trợ", "giúp", "pháp", "lý"),)
    _, decision = _answer(q, text)
    assert decision.abstain
    best, decision = _answer("Tỉnh chi bao nhiêu kinh phí cho chính sách hỗ trợ giáo dục?", text)
    assert not decision.abstain and best.figure.text == "9,5 tỷ đồng"


def test_a_period_is_not_answered_by_a_text_that_states_another_period():
    from qa.retrieve import _Constraints

    def passage(title, text):
        return Passage(passage_id="p", doc_id="d", title=title, section="", start=0, end=len(text), text=text,
                       sentences=((0, len(text)),), places=(), years=(2015, 2016, 2017, 2018, 2019, 2020))

    scope = _Constraints(analyse("Chuẩn nghèo nông thôn giai đoạn 2011-2015 là bao nhiêu?"))
    assert not scope.in_scope(passage("Chuẩn nghèo áp dụng cho giai đoạn 2016 - 2020", "Chuẩn nghèo: 700.000 đồng."))
    assert scope.in_scope(passage("Định hướng giảm nghèo thời kỳ 2011-2020", "Chuẩn nghèo: 400.000 đồng."))
    assert scope.in_scope(passage("Báo cáo năm 2015", "Chuẩn nghèo: 400.000 đồng."))  # names no period
    # A text that reports from one end of the period to the other speaks for it, whatever its title's period.
    scope = _Constraints(analyse("Đến cuối giai đoạn 2011–2015, tỷ lệ hộ nghèo cả nước còn bao nhiêu?"))
    assert scope.in_scope(passage("Định hướng giảm nghèo thời kỳ 2016-2020",
                                  "Tỷ lệ hộ nghèo giảm từ 14% năm 2011 xuống còn 7% năm 2015."))
    assert not scope.in_scope(passage("Định hướng giảm nghèo thời kỳ 2016-2020", "Tỷ lệ hộ nghèo năm 2015 là 7%."))


def test_a_sum_per_card_is_not_answered_by_the_total():
    text = "Đã cấp 12.000 thẻ Bảo hiểm y tế cho người nghèo với tổng kinh phí 9,5 tỷ đồng."
    _, decision = _answer("Bình quân mỗi thẻ bảo hiểm y tế hết bao nhiêu tiền?", text)
    assert decision.abstain and decision.reason == "rate"


def test_each_household_in_english_asks_a_rate_and_bình_quân_hỗ_trợ_is_not_per_household():
    text = ("Hỗ trợ 20 mô hình sản xuất với 1.200 hộ tham gia, kinh phí 8 tỷ đồng, bình quân hỗ trợ "
            "400 triệu đồng/mô hình.")
    _, decision = _answer("How much support did each participating household receive under the models?", text)
    assert decision.abstain and decision.message.endswith("theo từng hộ.")
    best, decision = _answer("Bình quân mỗi mô hình được hỗ trợ bao nhiêu tiền?", text)
    assert not decision.abstain and best.figure.text == "400 triệu đồng"


def test_a_rate_asked_for_a_kind_of_area_is_not_answered_by_the_whole_countrys():
    text = ("Tỷ lệ hộ nghèo cả nước giảm xuống còn 9,5% năm 2031. "
            "Đời sống người nghèo còn khó khăn, nhất là ở khu vực miền núi.")
    q = "Năm 2031 tỷ lệ hộ nghèo ở khu vực miền núi là bao nhiêu?"
    assert analyse(q).topics == (("khu", "vực", "miền", "núi"),)
    _, decision = _answer(q, text)
    assert decision.abstain and "«khu vực miền núi»" in decision.message
    best, decision = _answer("Năm 2031 tỷ lệ hộ nghèo ở khu vực miền núi là bao nhiêu?",
                             "Tỷ lệ hộ nghèo ở khu vực miền núi còn 20% năm 2031.")
    assert not decision.abstain and best.figure.text == "20%"


def test_which_kind_of_thing_prefers_a_sentence_that_names_that_kind():
    text = ("Căn cứ Quyết định số 12/2030/QĐ-TTg ngày 1 tháng 2 năm 2030 của Thủ tướng Chính phủ về chương trình "
            "giảm nghèo. Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 1992.")
    best, decision = _answer("Căn cứ vào luật nào?", text)
    assert not decision.abstain and best.text.startswith("Căn cứ Luật Tổ chức Chính phủ")


def test_a_sum_for_two_places_answers_a_question_that_names_both_but_not_one_alone():
    text = "Bố trí 21 tỷ đồng đầu tư hạ tầng cho 11 xã bãi ngang ven biển và huyện đảo Cồn Cỏ."
    best, decision = _answer("Vốn đầu tư hạ tầng cho các xã bãi ngang ven biển và huyện đảo Cồn Cỏ là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "21 tỷ đồng"
    _, decision = _answer("Trong vốn hạ tầng cho các xã ven biển, riêng huyện đảo Cồn Cỏ được bao nhiêu?", text)
    assert decision.abstain and decision.reason == "joint"


def test_the_subject_is_read_in_the_part_that_asks():
    # After a statement ("…; trong đó phần dành cho X là bao nhiêu") and after a condition.
    assert analyse("Dự án được bố trí 1,56 tỷ đồng; trong đó phần dành cho giám sát, đánh giá là bao nhiêu?"
                   ).asked == ("giám", "sát")
    assert analyse("Trong vốn Chương trình, nếu không tính phần vốn đầu tư thì phần vốn sự nghiệp là bao nhiêu?"
                   ).asked == ("vốn", "sự", "nghiệp")


def test_a_figure_the_question_leaves_out_is_not_the_answer():
    text = "Vốn Chương trình là 80 tỷ đồng (vốn đầu tư phát triển 60 tỷ đồng, vốn sự nghiệp 20 tỷ đồng)."
    q = "Trong 80 tỷ đồng vốn Chương trình năm 2031, không tính vốn đầu tư phát triển thì còn bao nhiêu?"
    assert analyse(q).excluded == (("vốn", "đầu", "tư", "phát", "triển"),)
    best, decision = _answer(q, text)
    assert not decision.abstain and best.figure.text == "20 tỷ đồng"
    # "ngoài" is as often "outside" as "besides": it excludes nothing.
    assert analyse("Ở các xã ngoài Chương trình 30a đã thực hiện bao nhiêu dự án?").excluded == ()


def test_a_part_of_a_stated_total_is_answered_beside_that_total():
    text = ("Dự án A được bố trí 30 tỷ đồng (vốn đầu tư phát triển 25 tỷ đồng, vốn sự nghiệp 5 tỷ đồng). "
            "Dự án B được bố trí 49,4 tỷ đồng.")
    best, decision = _answer("Trong 30 tỷ đồng của dự án A, phần vốn đầu tư phát triển là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "25 tỷ đồng"
    _, decision = _answer("Trong 49,4 tỷ đồng của dự án B, phần vốn đầu tư phát triển là bao nhiêu?", text)
    assert decision.abstain and "49,4 tỷ đồng" in decision.message
    # The total's own clause, not just its sentence: the 300 triệu is support, the 425 triệu
    # what people paid in, and nothing splits the 425 triệu by district.
    text = "Hỗ trợ 300 triệu đồng cho mỗi huyện (A, B, C); vốn người dân đóng góp 425 triệu đồng."
    _, decision = _answer("Trong 425 triệu đồng vốn dân góp, riêng huyện B góp bao nhiêu?", text)
    assert decision.abstain


def test_a_letterhead_number_line_never_answers():
    text = "Số: 80/NQ-CP. Chính phủ giao Bộ Lao động chủ trì thực hiện Nghị quyết."
    best, decision = _answer("Nghị quyết giao bộ nào chủ trì thực hiện?", text)
    assert not decision.abstain and best.text.startswith("Chính phủ giao")


def test_a_weak_word_match_is_answered_by_the_first_quote_close_in_meaning():
    text = ("Tình hình trên có nhiều nguyên nhân. Các huyện này có diện tích tự nhiên rộng nhưng đất canh tác ít. "
            "Đời sống người dân còn khó khăn.")
    q = analyse("Vùng ấy rộng mênh mông mà chỗ trồng trọt lại hẹp, vì sao?")
    p = Passage(passage_id="p1", doc_id="d", title="", section="", start=0, end=len(text), text=text,
                sentences=((0, 35), (36, 100), (101, len(text))))
    spans = best_spans([Hit(passage=p, score=1.0)], q, Matcher.for_question(q, lambda term, accented: 1.0))
    close = {sp.text: 0.9 if "canh tác" in sp.text else 0.8 for sp in spans}
    decision = abstain.decide(q, [Hit(passage=p, score=1.0)], spans, 0.35, lambda sp: close[sp.text], 0.86)
    assert not decision.abstain and decision.use == 1 and "canh tác" in spans[1].text
    decision = abstain.decide(q, [Hit(passage=p, score=1.0)], spans, 0.35, lambda sp: 0.8, 0.86)
    assert decision.abstain and decision.reason == "coverage"


def test_a_year_inside_a_standards_period_is_not_the_year_a_title_reports():
    from qa.retrieve import _Constraints

    def passage(title, text):
        return Passage(passage_id="p", doc_id="d", title=title, section="", start=0, end=len(text), text=text,
                       sentences=((0, len(text)),), places=(), years=(2026, 2027, 2028, 2029, 2030))

    title = "Kết quả rà soát hộ nghèo năm 2030 theo chuẩn nghèo giai đoạn 2026-2030"
    asked_2028 = _Constraints(analyse("Tổng số hộ nghèo năm 2028 là bao nhiêu?"))
    assert not asked_2028.in_scope(passage(title, "Tổng số hộ nghèo: 700.000 hộ."))
    assert asked_2028.in_scope(passage(title, "Năm 2028 có 750.000 hộ nghèo."))  # the passage names it
    assert asked_2028.in_scope(passage("Chuẩn nghèo giai đoạn 2026-2030", "Chuẩn nghèo: 2 triệu đồng."))
    assert _Constraints(analyse("Tổng số hộ nghèo năm 2030 là bao nhiêu?")).in_scope(passage(title, "700.000 hộ."))


def test_a_count_for_one_household_status_does_not_answer_for_another():
    text = ("Đào tạo nghề cho 5.000 lao động nông thôn (trong đó: 120 người thuộc diện hộ nghèo, "
            "90 người thuộc hộ cận nghèo).")
    best, decision = _answer("Có bao nhiêu người thuộc hộ cận nghèo được đào tạo nghề?", text)
    assert not decision.abstain and best.figure.text == "90 người"
    _, decision = _answer("Có bao nhiêu người thuộc hộ mới thoát nghèo được đào tạo nghề?", text)
    assert decision.abstain


def test_a_share_or_a_labelled_figure_takes_its_group_from_before_it():
    text = "Hiện còn 5.000 hộ nghèo đồng bào DTTS chiếm tỷ lệ 30% so với tổng số hộ DTTS."
    assert "so" not in analyse("Hộ cận nghèo DTTS chiếm bao nhiêu phần trăm so với tổng số hộ DTTS?").asked
    _, decision = _answer("Hộ cận nghèo DTTS chiếm bao nhiêu phần trăm so với tổng số hộ DTTS?", text)
    assert decision.abstain
    best, decision = _answer("Hộ nghèo DTTS chiếm bao nhiêu phần trăm so với tổng số hộ DTTS?", text)
    assert not decision.abstain and best.figure.text == "30%"
    text = ("a) Chuẩn nghèo: 1.500.000 đồng/người/tháng ở nông thôn. "
            "b) Chuẩn cận nghèo: 1.800.000 đồng/người/tháng ở nông thôn và 2.400.000 đồng/người/tháng ở thành thị.")
    best, decision = _answer("Riêng chuẩn nghèo ở thành thị là bao nhiêu?", text)
    assert decision.abstain or best.figure.text == "1.500.000 đồng"  # never the near-poor standard


def test_money_asked_from_one_source_needs_a_clause_that_names_it():
    text = ("Dự án A được bố trí 30 tỷ đồng (vốn đầu tư phát triển 25 tỷ đồng, vốn sự nghiệp 5 tỷ đồng). "
            "Dự án B được bố trí 12 tỷ đồng để xây trường học.")
    best, decision = _answer("Vốn sự nghiệp của dự án A là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "5 tỷ đồng"
    best, decision = _answer("Vốn sự nghiệp của dự án B xây trường học là bao nhiêu?", text)
    assert decision.abstain or best.figure.text != "12 tỷ đồng"


def test_a_part_asked_of_a_total_is_not_answered_by_the_total():
    text = "Đã miễn, giảm học phí cho 900 học sinh; tổng kinh phí miễn, giảm và hỗ trợ chi phí học tập là 19 tỷ đồng."
    _, decision = _answer("Trong tổng kinh phí năm 2031, riêng phần miễn, giảm học phí là bao nhiêu?", text)
    assert decision.abstain
    # Folded, "phần" is also "phân": "phân bổ" asks for no part.
    best, decision = _answer("Tổng kinh phí miễn giảm và hỗ trợ chi phí học tập được phân bổ là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "19 tỷ đồng"


def test_why_is_answered_by_the_reason_a_therefore_sentence_draws_on():
    text = ("Bão lũ đã làm hư hỏng nhiều công trình thủy lợi của huyện. "
            "Vì vậy, năm 2031 huyện cần ưu tiên sửa chữa công trình thủy lợi.")
    best, decision = _answer("Vì sao năm 2031 huyện cần ưu tiên sửa chữa công trình thủy lợi?", text)
    assert not decision.abstain and best.text.startswith("Bão lũ đã làm hư hỏng")


def test_why_is_not_answered_by_a_sentence_that_gives_no_reason():
    text = "Năm 2031 có 1.200 lao động đi làm việc ở nước ngoài, trong đó có 6 lao động thuộc hộ nghèo."
    _, decision = _answer("Vì sao chỉ có 6 lao động thuộc hộ nghèo đi làm việc ở nước ngoài?", text)
    assert decision.abstain and decision.reason == "reason"


def test_a_search_box_question_that_opens_with_what_it_counts_asks_for_a_figure():
    assert analyse("so ho ngheo ve thu nhap ca nuoc nam 2020").intent == "quantity"
    assert analyse("Số hộ nghèo cả nước năm 2020").intent == "quantity"
    # "Sở" is a department, and "số hiệu" a document's number: neither asks for a figure.
    assert analyse("Sở Lao động - Thương binh và Xã hội làm gì?").intent != "quantity"
    assert analyse("so lao dong thuong binh va xa hoi lam gi").intent != "quantity"
    assert analyse("Số hiệu của quyết định là gì?").intent != "quantity"


def test_an_english_question_counts_services_and_asks_which_plan_year_as_a_date():
    assert wanted_units(analyse("How many basic social services are used to measure deprivation?")) == {"dich vu"}
    assert analyse("Starting from which plan year are the listed communes used?").intent == "when"


def test_townships_are_counted_as_townships_not_as_provinces():
    text = "Cả nước có 61 huyện (gồm 797 xã và thị trấn) thuộc 20 tỉnh có tỷ lệ hộ nghèo trên 50%."
    _, decision = _answer("Trong 797 xã và thị trấn của 61 huyện, có bao nhiêu thị trấn?", text)
    assert decision.abstain


def test_a_deputy_does_not_answer_for_the_office_itself():
    text = "Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh, kiểm tra công tác giảm nghèo tại xã B."
    _, decision = _answer("Chủ tịch UBND tỉnh năm 2031 là ai?", text)
    assert decision.abstain and decision.reason == "role"
    best, decision = _answer("Phó Chủ tịch UBND tỉnh kiểm tra công tác giảm nghèo là ai?", text)
    assert not decision.abstain


def test_when_is_answered_as_precisely_as_asked():
    text = ("Quyết định số 12/2031/QĐ-TTg ngày 3 tháng 2 năm 2031 ban hành chuẩn nghèo. "
            "Quyết định này có hiệu lực thi hành kể từ ngày 1 tháng 3 năm 2031. "
            "Lãnh đạo tỉnh thăm xã B dịp Tết năm 2031.")
    best, decision = _answer("Quyết định 12/2031/QĐ-TTg có hiệu lực thi hành từ ngày nào?", text)
    assert not decision.abstain and "1 tháng 3" in best.text
    _, decision = _answer("Lãnh đạo tỉnh thăm xã B vào ngày nào?", text)  # a year is not a day
    assert decision.abstain and decision.reason == "time"


def test_a_breakdowns_own_label_names_its_figure():
    text = ("Dự án Nâng cao năng lực và giám sát, đánh giá: bố trí 2 tỷ đồng thực hiện dự án nâng cao năng lực "
            "và giám sát, đánh giá chương trình (trong đó, nâng cao năng lực cán bộ: 300 triệu đồng; giám sát, "
            "đánh giá chương trình: 1,7 tỷ đồng).")
    best, decision = _answer("Dự án được bố trí 2 tỷ đồng; trong đó phần dành cho giám sát, đánh giá chương trình "
                             "là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "1,7 tỷ đồng"


def test_letterhead_lines_and_editors_notes_never_answer():
    text = ("Độc lập - Tự do - Hạnh phúc. Hà Nội, ngày 19 tháng 05 năm 2031. "
            "[Hết phần truy xuất được. Phần còn lại của văn bản không có trong nguồn đã truy xuất.]")
    for question in ("Văn bản áp dụng cho thời kỳ nào?", "Phần còn lại của văn bản có trong nguồn không?"):
        best, _ = _answer(question, text)
        assert best is None
    best, _ = _answer("Văn bản được ban hành vào ngày nào?", text)  # the place-date line dates the text
    assert best is not None and "ngày 19 tháng 05" in best.text


def test_english_what_was_the_cost_or_budget_asks_for_a_figure():
    assert analyse("What was the total budget allocated to Program 135?").intent == "quantity"
    assert analyse("What was the average cost of each new house?").intent == "quantity"


def test_a_standard_asked_for_a_kind_of_area_is_held_to_it():
    q = analyse("Chuẩn nghèo áp dụng riêng cho vùng miền núi, hải đảo là bao nhiêu đồng/người/tháng?")
    assert q.topics == (("vùng", "miền", "núi"),)
    text = "Chuẩn nghèo: 700.000 đồng/người/tháng ở khu vực nông thôn và 900.000 đồng/người/tháng ở khu vực thành thị."
    _, decision = _answer(q.text, text)
    assert decision.abstain


def test_only_the_text_itself_says_when_it_takes_effect():
    assert analyse("Quyết định 576/QĐ-LĐTBXH về kết quả rà soát có hiệu lực từ ngày nào?").according_to == ("576",)
    # Its date of issue is told by every text that cites it, and "the decision that 576
    # is based on" is another one.
    assert analyse("Quyết định 59/2015/QĐ-TTg về chuẩn nghèo được ban hành ngày nào?").according_to == ()
    assert analyse("Quyết định mà Quyết định 576 lấy làm căn cứ có hiệu lực từ ngày nào?").according_to == ()


def test_who_holds_an_office_is_answered_by_a_name_not_by_the_office():
    text = "Xét đề nghị của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc, Thủ tướng quyết định phê duyệt danh sách xã."
    _, decision = _answer("Năm 2031, ai là Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc?", text)
    assert decision.abstain and decision.reason == "person"
    text = "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc năm 2031 là ông Trần Văn B."
    _, decision = _answer("Năm 2031, ai là Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc?", text)
    assert not decision.abstain
    # A family name before a capital is a person, unless the two make a province.
    assert names_person("Đ/c Hoàng Nam, Phó Chủ tịch") and not names_person("Hà Nội, ngày 19 tháng 05 năm 2031")


def test_which_communes_and_villages_wants_a_text_that_names_communes():
    text = "Trung tâm đã thực hiện 14 đợt tư vấn pháp luật ngoài trụ sở, 8 đợt truyền thông, 3 buổi tập huấn."
    _, decision = _answer("14 đợt tư vấn pháp luật ngoài trụ sở được tổ chức ở những xã, thôn nào?", text)
    assert decision.abstain and decision.reason == "list"


def test_a_share_of_the_plan_answers_only_how_much_of_the_plan_was_met():
    text = "Đã giải quyết 2.000 lượt hộ vay vốn, giải ngân 90 tỷ đồng (đạt 100% kế hoạch)."
    _, decision = _answer("Vốn vay ưu đãi chiếm bao nhiêu phần trăm trong tổng nguồn vốn năm 2031?", text)
    assert decision.abstain
    best, decision = _answer("Giải ngân vốn vay ưu đãi đạt bao nhiêu phần trăm kế hoạch?", text)
    assert not decision.abstain and best.figure.text == "100%"


def test_a_procedure_is_answered_only_by_a_text_that_tells_one():
    text = "Đã hỗ trợ cho vay vốn làm nhà ở theo Quyết định 33/QĐ-TTg là 45 hộ, với số tiền 1.125 triệu đồng."
    _, decision = _answer("Hộ nghèo muốn vay vốn làm nhà ở theo Quyết định 33/QĐ-TTg cần hồ sơ, thủ tục gì?", text)
    assert decision.abstain and decision.reason == "procedure"


def test_each_of_the_new_houses_asks_a_cost_per_house():
    q = analyse("What was the average cost of each of the 316 new houses built in 2031?")
    assert q.intent == "quantity" and asked_rates(q) == ("nha",)


def test_the_place_and_date_line_says_where_a_text_was_issued():
    text = "Hà Nội, ngày 19 tháng 05 năm 2031. Các bộ, ngành tổ chức thực hiện nghị quyết."
    best, decision = _answer("In which city was the resolution issued?", text)
    assert not decision.abstain and best.text.startswith("Hà Nội")


def test_a_change_since_another_year_is_not_answered_by_this_years_level():
    text = "Đã giải quyết 29.000 lượt hộ vay vốn; dư nợ tăng 120 tỷ đồng so với năm 2030."
    _, decision = _answer("So với năm 2030, số lượt hộ vay vốn năm 2031 tăng thêm bao nhiêu lượt?", text)
    assert decision.abstain
    best, decision = _answer("So với năm 2030, dư nợ tăng bao nhiêu tỷ đồng?", text)
    assert not decision.abstain and best.figure.text == "120 tỷ đồng"


def test_a_rate_per_month_is_not_answered_by_a_rate_per_year():
    text = "Thu nhập thấp (bình quân 2,5 triệu đồng/người/năm)."
    _, decision = _answer("Thu nhập bình quân của người dân là bao nhiêu đồng một tháng?", text)
    assert decision.abstain and decision.reason == "rate"


def test_which_district_ranks_highest_asks_for_a_district_and_a_text_that_ranks():
    q = analyse("Năm 2031, huyện nào có tỷ lệ hộ nghèo cao nhất tỉnh?")
    assert q.intent == "fact"
    text = "Số hộ nghèo thuộc diện bảo trợ xã hội chiếm tỷ lệ khá cao (24% trong tổng số hộ nghèo) ở huyện A."
    _, decision = _answer(q.text, text)
    assert decision.abstain and decision.reason == "rank"
    # "ít nhất" is "at least", a threshold: not a rank.
    assert analyse("Hộ thiếu hụt ít nhất mấy chỉ số thì là hộ nghèo?").intent == "quantity"


def test_contact_details_are_answered_only_by_a_text_that_gives_them():
    text = "Trung tâm Trợ giúp pháp lý tỉnh đã thực hiện trợ giúp pháp lý 467 vụ việc."
    _, decision = _answer("trung tam tro giup phap ly tinh co so dien thoai lien he la bao nhieu", text)
    assert decision.abstain


def test_which_commune_in_english_is_not_a_place_named_which():
    assert analyse("Which commune and district did he visit?").localities == ()


def test_a_list_written_one_item_per_line_is_quoted_whole():
    text = ("Căn cứ Nghị định số 14/2031/NĐ-CP của Chính phủ. Căn cứ Quyết định số 59/2031/QĐ-TTg của Thủ tướng. "
            "Xét đề nghị của Vụ trưởng.")
    best, decision = _answer("Quyết định được ban hành căn cứ vào những văn bản nào?", text)
    assert not decision.abstain and "14/2031/NĐ-CP" in best.text and "59/2031/QĐ-TTg" in best.text
    assert "Xét đề nghị" not in best.text


def test_a_projects_money_is_answered_by_that_project():
    text = ("Dự án hạ tầng vùng dân tộc và miền núi: 35 tỷ đồng (vốn đầu tư phát triển: 33 tỷ đồng; "
            "vốn sự nghiệp: 2 tỷ đồng). Dự án hạ tầng vùng bãi ngang ven biển: bố trí 21 tỷ đồng.")
    _, decision = _answer("Vốn sự nghiệp của dự án hạ tầng vùng bãi ngang ven biển là bao nhiêu?", text)
    assert decision.abstain
    best, decision = _answer("Vốn sự nghiệp của dự án hạ tầng vùng dân tộc và miền núi là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "2 tỷ đồng"


def test_a_document_number_is_answered_only_by_a_quote_that_gives_one():
    text = "UBND tỉnh ban hành 02 Quyết định phân bổ 7 tỷ đồng để hỗ trợ tiền điện cho hộ nghèo."
    _, decision = _answer("UBND tỉnh ban hành 02 quyết định hỗ trợ tiền điện; số hiệu của hai quyết định đó là gì?", text)
    assert decision.abstain and decision.reason == "number"


def test_a_letterhead_agency_says_who_issued_a_text_not_what_it_assigns():
    text = "THỦ TƯỚNG CHÍNH PHỦ. Chương trình có thời hạn năm năm."
    p = Passage(passage_id="p1", doc_id="d", title="", section="", start=0, end=len(text), text=text,
                sentences=((0, 20), (21, len(text))))

    def candidates(question):
        q = analyse(question)
        return [sp.text for sp in best_spans([Hit(passage=p, score=1.0)], q, Matcher.for_question(q, lambda t, a: 1.0))]

    assert "THỦ TƯỚNG CHÍNH PHỦ." in candidates("Ai ban hành quyết định về Chương trình?")
    assert "THỦ TƯỚNG CHÍNH PHỦ." not in candidates("Quyết định giao cơ quan nào làm thường trực Chương trình?")


def test_a_figure_the_question_states_is_never_its_answer():
    text = "Tổng số hộ nghèo cả nước: 761.322 hộ."
    _, decision = _answer("How many of the 761,322 poor households were ethnic minority households?", text)
    assert decision.abstain
    _, decision = _answer("Trong 761.322 hộ nghèo cả nước, bao nhiêu hộ là đồng bào dân tộc thiểu số?", text)
    assert decision.abstain


def test_a_total_stated_with_hon_or_tren_still_frames_the_part_asked():
    assert [f.text for f in stated_figures(analyse("Trong hơn 1,08 tỷ đồng huy động thêm, phần nhân dân góp là bao nhiêu?"))] \
        == ["1,08 tỷ đồng"]


def test_an_area_or_a_count_of_articles_is_not_answered_by_another_unit():
    text = "Thu ngân sách mỗi huyện bình quân 3 tỷ đồng. Quyết định gồm 2 Quyết định thành phần."
    _, decision = _answer("Tổng diện tích tự nhiên của 61 huyện nghèo là bao nhiêu km²?", text)
    assert decision.abstain
    _, decision = _answer("quyet dinh gom tong cong bao nhieu dieu", text)
    assert decision.abstain


def test_a_years_report_does_not_give_a_periods_figures():
    from qa.retrieve import _Constraints
    p = Passage(passage_id="p", doc_id="d", title="Kết quả giảm nghèo năm 2030", section="", start=0, end=20,
                text="Giảm 1,5%/năm tới đây.", sentences=((0, 20),), places=(), years=(2030,))
    assert not _Constraints(analyse("Giai đoạn 2026-2030, tỷ lệ hộ nghèo giảm bình quân bao nhiêu mỗi năm?")).in_scope(p)
    # "năm 2030 … theo nghị quyết giai đoạn 2021-2030" asks for the year.
    assert _Constraints(analyse("Năm 2030 dùng bao nhiêu vốn theo nghị quyết giai đoạn 2021-2030?")).in_scope(p)


def test_which_agency_or_which_time_is_asked_even_beside_a_rate():
    assert analyse("Số liệu về các huyện có tỷ lệ hộ nghèo trên 50% là của cơ quan nào?").intent == "who"
    assert analyse("Số liệu về tỷ lệ hộ nghèo trên 50% được thống kê tính đến thời điểm nào?").intent == "when"


def test_a_classifier_before_the_unit_still_asks_that_unit():
    assert wanted_units(analyse("Có mấy loại dịch vụ xã hội cơ bản được dùng để đo mức thiếu hụt?")) == {"dich vu"}


def test_the_whole_phrase_left_out_is_excluded_not_its_last_words():
    text = ("Dự án Truyền thông: bố trí 2 tỷ đồng (trong đó: truyền thông giảm nghèo: 400 triệu đồng; "
            "giảm nghèo về thông tin: 1,6 tỷ đồng).")
    best, decision = _answer("Riêng phần giảm nghèo về thông tin, không tính truyền thông giảm nghèo, là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "1,6 tỷ đồng"
    assert analyse("Đối chiếu số liệu dự án năm 2031 là bao nhiêu?").asked[:1] != ("liệu",)


def test_an_english_total_with_thousands_commas_frames_the_part_asked():
    q = analyse("How many of the 761,322 poor households were ethnic minority households?")
    assert [f.value for f in stated_figures(q)] == [761322.0]


def test_which_month_is_a_when_question_though_it_says_mấy():
    assert analyse("09 đoàn kiểm tra năm 2031 đi kiểm tra vào tháng mấy?").intent == "when"
    assert analyse("Có mấy đoàn kiểm tra năm 2031?").intent == "quantity"


def test_a_name_asked_of_an_office_needs_a_persons_name():
    text = "Ban Dân tộc tỉnh đã tổ chức 10 lớp tập huấn cho cán bộ cơ sở."
    _, decision = _answer("Trưởng Ban Dân tộc tỉnh, người chỉ đạo tổ chức 10 lớp tập huấn, tên là gì?", text)
    assert decision.abstain and decision.reason == "person"


def test_an_area_that_opens_the_clause_is_what_the_figure_must_be_for():
    q = analyse("Theo Quyết định 576, khu vực thành thị có bao nhiêu hộ nghèo?")
    assert q.topics == (("khu", "vực", "thành", "thị"),)
    # "vùng cao, vùng sâu" after a comma is a coordination, not a clause about an area.
    assert analyse("Danh sách gồm bao nhiêu xã vùng cao, vùng sâu khó khăn nhất?").topics == ()


def test_who_issued_a_text_prefers_its_letterhead_but_not_whose_proposal_it_was():
    text = "THỦ TƯỚNG CHÍNH PHỦ. Ban hành kèm theo Quyết định này danh sách các xã. Theo đề nghị của Bộ trưởng."
    best, _ = _answer("Ai ban hành Quyết định phê duyệt danh sách xã?", text)
    assert best.text.startswith("THỦ TƯỚNG")
    best, _ = _answer("Quyết định được ban hành theo đề nghị của ai?", text)
    assert not best.text.startswith("THỦ TƯỚNG")


def test_a_status_named_outside_the_counted_phrase_still_holds_the_figure_to_it():
    # "chuẩn hộ | có mức sống trung bình": the counted phrase stops at "có", the status does not.
    text = "a) Chuẩn nghèo: 1.500.000 đồng/người/tháng ở khu vực nông thôn và 2.000.000 đồng/người/tháng ở thành thị."
    _, decision = _answer("Chuẩn hộ có mức sống trung bình ở nông thôn là bao nhiêu đồng?", text)
    assert decision.abstain and "mức sống trung bình" in decision.message
    best, decision = _answer("Chuẩn hộ nghèo ở nông thôn là bao nhiêu đồng?", text)
    assert not decision.abstain and best.figure.text == "1.500.000 đồng"


def test_a_share_of_a_group_is_not_the_share_that_is_that_group():
    text = ("Số hộ nghèo thuộc diện người cao tuổi cô đơn chiếm tỷ lệ cao (31,5% trong tổng số hộ nghèo); "
            "hộ nghèo đồng bào DTTS chiếm 42,1% so với tổng số hộ DTTS.")
    # 31,5% is a share *of* the poor households; 42,1% is the poverty rate among minority households only.
    _, decision = _answer("Tỷ lệ hộ nghèo chung của toàn huyện là bao nhiêu phần trăm?", text)
    assert decision.abstain
    best, decision = _answer("Tỷ lệ hộ nghèo trong đồng bào dân tộc thiểu số là bao nhiêu phần trăm?", text)
    assert not decision.abstain and best.figure.text == "42,1%"
    best, decision = _answer("Hộ nghèo người cao tuổi cô đơn chiếm bao nhiêu phần trăm trong tổng số hộ nghèo?", text)
    assert not decision.abstain and best.figure.text == "31,5%"


def test_a_yearly_change_is_not_the_rate_itself():
    text = "Mục tiêu là hằng năm giảm tỷ lệ hộ nghèo toàn huyện từ 2-3%/năm theo kế hoạch của tỉnh."
    _, decision = _answer("Tỷ lệ hộ nghèo toàn huyện hiện nay là bao nhiêu phần trăm?", text)
    assert decision.abstain
    best, decision = _answer("Mỗi năm huyện phấn đấu giảm tỷ lệ hộ nghèo bao nhiêu phần trăm?", text)
    assert not decision.abstain and best.figure.kind == "percent"


@pytest.mark.parametrize("question", [
    "Trong số người học nghề, bao nhiêu người đã có việc làm sau khi học?",
    "Bao nhiêu công trình đã hoàn thành và bàn giao đưa vào sử dụng?",
    "How many of the works were completed?",
    "Bao nhiêu người học nghề được vay vốn từ ngân hàng?",
])
def test_a_count_at_another_stage_does_not_answer(question):
    # Works started are not works completed; people trained are neither employed nor borrowers.
    text = ("Năm 2031 huyện đã đào tạo nghề cho 820 người và khởi công mới 14 công trình hạ tầng, "
            "tiếp tục đầu tư 9 công trình chuyển tiếp.")
    _, decision = _answer(question, text)
    assert decision.abstain and decision.message.startswith(abstain.NOT_FOUND)
    best, decision = _answer("Bao nhiêu công trình đã hoàn thành?", text + " Đến cuối năm đã hoàn thành 11 công trình.")
    assert not decision.abstain and best.figure.text == "11 công trình"


def test_where_a_change_ended_is_asked_by_con():
    text = "Tỷ lệ hộ nghèo toàn huyện đã giảm từ 31,2% năm 2026 xuống còn 18,4% năm 2031."
    best, decision = _answer("Tỷ lệ hộ nghèo toàn huyện đã hạ xuống còn mức nào?", text)
    assert not decision.abstain and best.figure.text == "18,4%"


def test_a_period_ends_the_counted_phrase():
    # "chuẩn nghèo nông thôn | giai đoạn 2026-2030": the period places the figure, it is not counted.
    assert analyse("chuan ngheo khu vuc nong thon giai doan 2026-2030 la bao nhieu").asked == (
        "chuan", "ngheo", "khu", "vuc", "nong", "thon")


def test_a_list_close_behind_its_heading_answers_a_list_question():
    text = ("Tiêu chí về dịch vụ xã hội cơ bản trong chuẩn nghèo mới. "
            "Các dịch vụ xã hội cơ bản gồm: y tế; giáo dục; nhà ở; nước sạch; thông tin.")
    q = analyse("Những dịch vụ xã hội cơ bản nào thuộc chuẩn nghèo mới?")
    p = Passage(passage_id="p1", doc_id="d", title="Báo cáo mẫu", section="", start=0, end=len(text), text=text,
                sentences=((0, 56), (57, len(text))), places=(), years=())
    hits = [Hit(passage=p, score=1.0)]
    spans = best_spans(hits, q, Matcher.for_question(q, lambda term, accented: 1.0))
    decision = abstain.decide(q, hits, spans, 0.35)
    assert not decision.abstain and spans[decision.use].text.startswith("Các dịch vụ xã hội cơ bản gồm")


def test_an_english_question_without_english_function_words_is_still_english():
    q = analyse("According to Resolution 80/NQ-CP, poverty reduction also shows Vietnam's determination "
                "to achieve which international goals it has committed to?")
    assert q.english
    # Vietnamese typed without marks, abbreviations and joined place names included, is not.
    for text in ("ubnd huyen dakrong khoi cong bao nhieu cong trinh nam 2020",
                 "so the bhyt cap cho nguoi ngheo dtts nam 2020 tinh quang tri"):
        assert not analyse(text).english


def test_a_quoted_name_holds_the_figure_to_its_clause():
    text = ("Các nguồn vốn năm 2031: Quỹ “Vì trẻ em”: 4.200 triệu đồng; "
            "vốn các cấp đóng góp cho trẻ em 950 triệu đồng.")
    best, decision = _answer('Quỹ "Vì trẻ em" các cấp đóng góp bao nhiêu vốn năm 2031?', text)
    assert not decision.abstain and best.figure.text == "4.200 triệu đồng"


def test_an_average_is_asked_by_trung_binh():
    text = "Dự án hỗ trợ sản xuất năm 2031: các xã còn lại được bố trí 4,8 tỷ đồng, bình quân 400 triệu đồng/đơn vị."
    best, decision = _answer("Các xã còn lại được bố trí trung bình bao nhiêu tiền?", text)
    assert not decision.abstain and best.figure.text == "400 triệu đồng"


def test_a_rate_base_of_two_syllables_is_written_whole():
    from qa.extract import figure_text
    text = "bình quân hỗ trợ 400 triệu đồng/đơn vị)"
    assert figure_text(text, find_quantities(text)[0]) == "400 triệu đồng/đơn vị"


def test_dành_riêng_cho_asks_one_group_apart():
    q = analyse("Có bao nhiêu thẻ dành riêng cho người cận nghèo?")
    assert q.asked == ("thẻ",) and q.apart == ("người", "cận", "nghèo")
    text = "Năm 2031 đã cấp 52.000 thẻ bảo hiểm y tế cho người nghèo, người cận nghèo và người dân vùng khó khăn."
    _, decision = _answer("Có bao nhiêu thẻ dành riêng cho người cận nghèo?", text)
    assert decision.abstain and "người cận nghèo" in decision.message


def test_near_poverty_in_english_is_the_near_poor_standard():
    assert "cận nghèo" in analyse("What is the near-poverty income line for urban areas?").gloss


def test_a_status_other_than_poor_must_be_named_beside_the_figure():
    # Reports count poor households unmarked, but never re-impoverished or newly poor ones.
    text = "Năm 2031 đã thực hiện 6 dự án hỗ trợ sản xuất, với 80 hộ tham gia."
    _, decision = _answer("Năm 2031 có bao nhiêu hộ tái nghèo?", text)
    assert decision.abstain and "tái nghèo" in decision.message
    best, decision = _answer("Năm 2031 có bao nhiêu hộ nghèo tham gia dự án hỗ trợ sản xuất?", text)
    assert not decision.abstain and best.figure.text == "80 hộ"


def test_an_english_question_naming_a_place_with_its_marks_is_still_english():
    q = analyse("How many workers from Quảng Trị province went abroad under labour export contracts in 2020?")
    assert q.english and q.intent == "quantity"


def test_who_led_asks_for_a_person():
    text = "Năm 2031 cấp tỉnh đã tổ chức 05 đoàn kiểm tra, giám sát công tác giảm nghèo tại 12 xã."
    _, decision = _answer("Who led the provincial inspection teams in 2031?", text)
    assert decision.abstain
    _, decision = _answer("Ai chủ trì các đoàn kiểm tra cấp tỉnh năm 2031?", text)
    assert decision.abstain


def test_an_english_threshold_for_an_average_living_standard_is_not_the_poverty_line():
    q = analyse("What monthly income threshold defines a household with an average living standard?")
    assert q.intent == "quantity"
    text = "a) Chuẩn nghèo: 1.500.000 đồng/người/tháng ở khu vực nông thôn."
    _, decision = _answer("What monthly income threshold defines a household with an average living standard?", text)
    assert decision.abstain


def test_a_count_from_another_funding_source_does_not_answer():
    text = "Ngân sách Trung ương hỗ trợ đầu tư cho 310 xã (gồm 280 xã đặc biệt khó khăn và 30 xã biên giới)."
    _, decision = _answer("Ngân sách địa phương đầu tư cho bao nhiêu xã biên giới?", text)
    assert decision.abstain
    best, decision = _answer("Ngân sách Trung ương hỗ trợ đầu tư cho bao nhiêu xã biên giới?", text)
    assert not decision.abstain and best.figure.text == "30 xã"


def test_a_list_question_takes_the_list_headed_by_what_it_asks():
    text = ("b) Các chỉ số đo lường mức độ thiếu hụt các dịch vụ cơ bản (4 chỉ số): tiếp cận y tế; bảo hiểm y tế; "
            "trình độ giáo dục; chất lượng nhà ở. "
            "a) Các dịch vụ cơ bản (3 dịch vụ): y tế; giáo dục; nhà ở.")
    q = analyse("Chuẩn nghèo xét mức độ thiếu hụt những dịch vụ cơ bản nào?")
    cut = text.index("a)")
    p = Passage(passage_id="p1", doc_id="d", title="Chuẩn nghèo", section="", start=0, end=len(text), text=text,
                sentences=((0, cut - 1), (cut, len(text))), places=(), years=())
    hits = [Hit(passage=p, score=1.0)]
    spans = best_spans(hits, q, Matcher.for_question(q, lambda term, accented: 1.0))
    decision = abstain.decide(q, hits, spans, 0.35)
    assert not decision.abstain and spans[decision.use].text.startswith("a) Các dịch vụ cơ bản")


def test_a_district_typed_without_marks_is_still_a_district():
    assert analyse("Huyen Huong Hoa duoc bo tri bao nhieu von nam 2020?").localities == ("Huong Hoa",)
    # A kind may carry a qualifier before the name; a document after it is no place.
    assert analyse("Vốn của dự án tại huyện nghèo Đakrông là bao nhiêu?").localities == ("Đakrông",)
    assert analyse("Huyện nghèo theo Nghị quyết 30a được bố trí bao nhiêu vốn?").localities == ()
    # "xa" without marks is also "far": only a capitalised name after it is a commune.
    assert analyse("vung sau, vung xa duoc ho tro bao nhieu").localities == ()


def test_which_law_is_answered_by_the_line_that_names_a_law():
    text = ("Căn cứ Quyết định số 12/2030/QĐ-TTg ngày 01 tháng 3 năm 2030 của Thủ tướng Chính phủ về chương trình; "
            "Căn cứ Luật Tổ chức Chính phủ ngày 30 tháng 9 năm 2025;")
    q = analyse("Quyết định 12/2030/QĐ-TTg của Thủ tướng được ban hành căn cứ vào luật nào?")
    cut = text.index("Căn cứ Luật")
    p = Passage(passage_id="p1", doc_id="d", title="Quyết định", section="", start=0, end=len(text), text=text,
                sentences=((0, cut - 1), (cut, len(text))), places=(), years=())
    spans = best_spans([Hit(passage=p, score=1.0)], q, Matcher.for_question(q, lambda term, accented: 1.0))
    assert spans[0].text.startswith("Căn cứ Luật")


def test_a_part_is_the_figure_its_own_label_names_not_the_total_it_breaks_down():
    text = ("Dự án Truyền thông và giảm nghèo về thông tin: bố trí 2,4 tỷ đồng để thực hiện dự án truyền thông và "
            "giảm nghèo về thông tin (trong đó: truyền thông giảm nghèo: 600 triệu đồng; giảm nghèo về thông tin: "
            "1,8 tỷ đồng).")
    question = "Trong du an truyen thong va giam ngheo ve thong tin, phan giam ngheo ve thong tin duoc bo tri bao nhieu tien?"
    best, decision = _answer(question, text)
    assert not decision.abstain and best.figure.text == "1,8 tỷ đồng"


@pytest.mark.parametrize("question", [
    "Riêng khoản giám sát, đánh giá chương trình (không tính phần bồi dưỡng cán bộ) là bao nhiêu?",
    "Khoản giám sát, đánh giá chương trình, chưa tính phần nâng cao năng lực cán bộ, là bao nhiêu?",
])
def test_a_part_left_out_is_recognised_in_other_words(question):
    text = ("Dự án nâng cao năng lực và giám sát: bố trí 2 tỷ đồng (trong đó, nâng cao năng lực cán bộ làm công tác "
            "giảm nghèo: 300 triệu đồng; giám sát, đánh giá chương trình: 1,7 tỷ đồng).")
    best, decision = _answer(question, text)
    assert not decision.abstain and best.figure.text == "1,7 tỷ đồng"


def test_a_part_left_out_is_recognised_from_its_first_to_its_last_word():
    text = ("Ngân sách tỉnh bố trí 12 tỷ đồng cho dự án sinh kế; huy động từ các nguồn khác và nhân dân đóng góp "
            "trên 2 tỷ đồng.")
    best, decision = _answer("Ngân sách bố trí bao nhiêu cho dự án sinh kế (chưa tính phần huy động từ dân)?", text)
    assert not decision.abstain and best.figure.text == "12 tỷ đồng"


def test_which_agency_is_answered_only_by_a_text_that_names_one():
    text = "Dự án hạ tầng: bố trí 21 tỷ đồng để đầu tư cơ sở hạ tầng thiết yếu tại 11 xã đặc biệt khó khăn."
    _, decision = _answer("Cơ quan nào được giao làm chủ đầu tư dự án hạ tầng tại 11 xã đặc biệt khó khăn?", text)
    assert decision.abstain and "cơ quan" in decision.message
    named = text + " UBND huyện được giao làm chủ đầu tư dự án hạ tầng tại 11 xã đặc biệt khó khăn."
    _, decision = _answer("Cơ quan nào được giao làm chủ đầu tư dự án hạ tầng tại 11 xã đặc biệt khó khăn?", named)
    assert not decision.abstain


def test_a_rank_with_its_measure_between_nhieu_and_nhat_needs_a_text_that_ranks():
    text = "Dự án nhân rộng mô hình giảm nghèo tại các huyện A Lưới, Phong Điền: bố trí 1,2 tỷ đồng, với 90 hộ tham gia."
    _, decision = _answer("Huyện nào có nhiều hộ tham gia nhân rộng mô hình giảm nghèo nhất?", text)
    assert decision.abstain


def test_a_figure_per_district_is_not_the_total_asked():
    text = "Kinh phí Nhà nước hỗ trợ cho các huyện nghèo: mỗi huyện bình quân 3 tỷ đồng."
    _, decision = _answer("Tổng kinh phí Nhà nước hỗ trợ cho các huyện nghèo là bao nhiêu?", text)
    assert decision.abstain
    best, decision = _answer("Kinh phí Nhà nước hỗ trợ bình quân mỗi huyện nghèo là bao nhiêu?", text)
    assert not decision.abstain and best.figure.text == "3 tỷ đồng"


def test_a_town_named_like_its_province_keeps_its_kind():
    assert analyse("Thị xã Quảng Trị được hỗ trợ bao nhiêu tiền?").localities == ("Thị xã Quảng Trị",)
    assert analyse("Tỉnh Quảng Trị có bao nhiêu hộ nghèo?").localities == ()


def test_money_asked_for_a_purpose_with_de_is_held_to_it():
    assert ("đầu", "tư", "cơ", "sở", "hạ", "tầng") in analyse(
        "Huyện được bố trí bao nhiêu vốn để đầu tư cơ sở hạ tầng?").topics
    text = ("Dự án phát triển sản xuất tại các xã ngoài chương trình: bố trí 2 tỷ đồng, trong đó hỗ trợ 400 triệu đồng "
            "cho mỗi huyện (Phong Điền, A Lưới). Vốn đầu tư cơ sở hạ tầng được báo cáo riêng.")
    _, decision = _answer("Năm 2031 huyện A Lưới được bố trí bao nhiêu vốn để đầu tư cơ sở hạ tầng?", text)
    assert decision.abstain


def test_whose_proposal_is_answered_by_the_theo_de_nghi_line():
    text = ("Căn cứ Nghị định số 9/2030/NĐ-CP quy định chức năng, nhiệm vụ của Bộ Lao động - Thương binh và Xã hội; "
            "Theo đề nghị của Chánh Văn phòng Quốc gia về giảm nghèo.")
    q = analyse("Bộ trưởng Bộ Lao động - Thương binh và Xã hội công bố kết quả rà soát theo đề nghị của ai?")
    cut = text.index("Theo đề nghị")
    p = Passage(passage_id="p1", doc_id="d", title="Quyết định", section="", start=0, end=len(text), text=text,
                sentences=((0, cut - 1), (cut, len(text))), places=(), years=())
    spans = best_spans([Hit(passage=p, score=1.0)], q, Matcher.for_question(q, lambda term, accented: 1.0))
    assert spans[0].text.startswith("Theo đề nghị")


def test_households_that_escaped_poverty_are_not_the_poor_households_left():
    text = "Toàn huyện hiện còn 2.150 hộ nghèo, chủ yếu ở vùng đồng bào dân tộc thiểu số."
    _, decision = _answer("How many poor households escaped poverty in 2031?", text)
    assert decision.abstain


def test_vu_is_counted_in_vu_viec():
    text = "Trung tâm đã trợ giúp pháp lý 212 vụ việc cho người nghèo và thực hiện 9 đợt tư vấn pháp luật ngoài trụ sở."
    best, decision = _answer("Trung tâm đã trợ giúp người nghèo trong bao nhiêu vụ?", text)
    assert not decision.abstain and best.figure.text == "212 vụ việc"


def test_a_question_opening_with_a_project_asks_that_projects_money():
    assert ("truyền", "thông") in analyse("Dự án truyền thông và giảm nghèo về thông tin có bao nhiêu vốn?").topics
