"""Structure detection: legal paths and report topic labels become passage sections."""
import pytest

from ingest.loaders import load_document
from ingest.structure import blocks, topic_label

from conftest import CORPUS, DATA

pytestmark = pytest.mark.unit


def test_legal_fixture_gets_chuong_dieu_khoan_diem_paths():
    doc = load_document(DATA / "corpus" / "luat-mau.txt")
    found = [(doc.text[b.start:b.end], b.section) for b in blocks(doc.text)]
    section_of = lambda start: next(sec for text, sec in found if text.startswith(start))  # noqa: E731
    assert section_of("Điều 1. Phạm vi") == "Chương I › Điều 1"
    assert section_of("a) Cấp thẻ") == "Chương I › Điều 2 › khoản 1 › điểm a"
    assert section_of("2. Hỗ trợ về giáo dục") == "Chương I › Điều 2 › khoản 2"
    assert section_of("Nghị định này có hiệu lực") == "Chương II › Điều 3"


@pytest.mark.parametrize("paragraph,label", [
    ("Chính sách hỗ trợ về y tế: thực hiện cấp 148.181 thẻ Bảo hiểm y tế cho người nghèo.",
     "Chính sách hỗ trợ về y tế"),
    ("Dự án Hỗ trợ đầu tư cơ sở hạ tầng tại huyện nghèo Đakrông (theo Nghị quyết 30a của Chính phủ): bố trí vốn 49,423 tỷ đồng để đầu tư",
     "Dự án Hỗ trợ đầu tư cơ sở hạ tầng tại huyện nghèo Đakrông (theo Nghị quyết 30a của Chính phủ)"),
])
def test_report_topic_labels(paragraph, label):
    assert topic_label(paragraph) == label


@pytest.mark.parametrize("paragraph", [
    "Tổng nguồn vốn đã huy động trong năm 2020 đạt 1.693.586 triệu đồng, trong đó: vốn thực hiện Chương trình",
    "Bên cạnh kết quả đạt được, công tác giảm nghèo còn một số hạn chế, khó khăn như: Hộ nghèo tập trung ở vùng",
    "QUYẾT ĐỊNH:",
])
def test_sentences_that_state_figures_or_lead_in_are_not_labels(paragraph):
    assert topic_label(paragraph) is None
