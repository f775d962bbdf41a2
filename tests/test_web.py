"""The web chat without a browser: HTML rendering, the service behind the widgets, uploads,
feedback, the app's wiring, and the load generator's guard rails. Hashing embedder only."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ui import web_render as render
from ui.briefing import Briefing
from ui.uploads import UploadRejected, ingest_uploads, sanitise_name, stage

pytestmark = pytest.mark.unit

PAYLOAD = "<script>window.__x=1</script><img src=x onerror=alert(1)>"
QUESTION = "Năm 2099 tỉnh cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?"


@pytest.fixture
def service(hashing_index):
    from ingest.settings import EmbedderSettings, Settings
    from qa.factory import open_engine
    from ui.web_service import WebService

    settings = Settings(index_dir=hashing_index.dir, embedder=EmbedderSettings(kind="hashing", dim=256))
    return WebService(settings, open_engine(settings, index=hashing_index))


def _citation(**over) -> dict:
    c = {"marker": 1, "passage_id": "p", "doc_id": "d", "title": "Báo cáo", "number": "01/BC",
         "section": "Điều 2 › khoản 1", "start": 0, "end": 0, "text": "Mở đầu. Cấp 12.345 thẻ. Hết.",
         "quote": "Cấp 12.345 thẻ.", "completeness": "partial (opening only)", "page": None}
    return {**c, **over}


# -- rendering ----------------------------------------------------------------------------
def test_esc_makes_html_and_markdown_inert():
    out = render.esc("<b>x</b> *y* _z_ [1](u) $$a$$ it's\n")
    for raw in "<>*_[]$'\n":
        assert raw not in out
    assert out.count("&#") >= 10


def test_answer_html_links_markers_and_escapes_everything():
    ans = {"question": PAYLOAD, "answer": f"12.345 thẻ [1] — “{PAYLOAD}” [7]", "abstained": False,
           "citations": [_citation(title=PAYLOAD, quote=PAYLOAD, text=f"a {PAYLOAD} b")], "passages": [],
           "notes": ["Câu hỏi quá dài"]}
    html = render.answer_html(3, ans, plain="12.345 thẻ\n\nNguồn")
    assert "<script" not in html and "<img" not in html
    assert html.count('href="#tc-cite-3-1"') == 2  # the marker and the source title
    assert "#tc-cite-3-7" not in html  # [7] has no citation: it stays text
    assert "<mark>&#60;script&#62;" in html  # the quote highlighted inside its passage
    assert "Nguồn (1)" in html and "#tc-pin-3" in html and "#tc-copy-3" in html
    assert "một phần (chỉ có phần đầu)" in html  # completeness label
    assert "\n" not in html  # a blank line would end the chat's HTML block
    assert "Lưu ý: Câu hỏi quá dài" in html


def test_abstention_is_distinct_and_lists_near_passages():
    near = [{**_citation(), "score": 0.5, "completeness": "full"} for _ in range(5)]
    html = render.answer_html(0, {"question": "q", "answer": "Không tìm thấy trong tài liệu.", "abstained": True,
                                  "citations": [], "passages": near})
    assert "Không tìm thấy trong tài liệu" in html and "tc-abstained" in html
    assert "Có thể liên quan (3)" in html and "#tc-near-0-3" in html and "#tc-near-0-4" not in html
    assert "#tc-pin-0" not in html  # nothing to pin


def test_context_shows_quote_in_its_document():
    doc = "Tiêu đề\n" + "Đoạn trước.\n" * 400 + "Mở đầu. Cấp 12.345 thẻ. Hết.\n" + "Đoạn sau.\n" * 400
    start = doc.index("Mở đầu.")
    item = _citation(start=start, end=start + len("Mở đầu. Cấp 12.345 thẻ. Hết."))
    html = render.context_html(item, doc, item["quote"], 1)
    assert "<mark>Cấp 12.345 thẻ.</mark>" in html
    assert "Vị trí: Điều 2 › khoản 1" in html and "01/BC" in html
    assert "Đoạn trước." in html and "Đoạn sau." in html and html.count("…") == 2  # a window, not all
    moved = render.context_html({**item, "start": 0, "end": 5}, "X\n" + doc, item["quote"], 1)
    assert "<mark>Cấp 12.345 thẻ.</mark>" in moved  # found again after the document shifted
    gone = render.context_html(item, "khác hẳn", item["quote"], 1)
    assert "đã thay đổi" in gone and "<mark>" in gone


def test_documents_table_escapes_titles():
    html = render.documents_html([[PAYLOAD, "", "", 3, "đầy đủ", "x"]])
    assert "<script" not in html and "&#60;script&#62;" in html


def test_parse_action():
    from ui.web_service import parse_action

    assert parse_action("cite-3-1|1700000") == ("cite", 3, 1)
    assert parse_action("pin-2|5") == ("pin", 2, 0)
    assert parse_action("near-0-2") == ("near", 0, 2)
    assert parse_action("rm -rf /") is None and parse_action("") is None


# -- the service ----------------------------------------------------------------------------
def test_ask_context_pin_feedback(service):
    turn = service.ask(QUESTION)
    ans = turn["answer"]
    assert not ans["abstained"] and "12.345" in ans["answer"], ans
    assert "Nguồn:" in turn["plain"]  # the copy text, from ui.render.answer_text
    html = service.context([turn], "cite-0-1|1")
    assert "<mark>" in html and "12.345" in html
    assert service.context([turn], "cite-5-1") is None  # no such turn
    briefing, message = service.pin([turn], Briefing(), "pin-0|1")
    assert len(briefing.items) == 1 and "mục 1" in message
    path = service.feedback([turn], 1, False, ["bao-cao-tinh-mau"])
    record = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert path == service.index.dir / "feedback.jsonl"
    assert record["vote"] == "down" and record["question"] == ans["question"]
    assert record["citations"][0]["passage_id"] == ans["citations"][0]["passage_id"]
    assert "text" not in record["citations"][0]  # not the passage text itself


def test_errors_become_vietnamese_messages(service):
    assert "trống" in service.ask("   \x00  ")["error"]
    assert "bộ lọc" in service.ask(QUESTION, ["khong-co"])["error"]
    assert len(service.ask("x " * 40_000)["question"]) <= 2000  # not echoed in full
    _, message = service.pin([{"question": "q", "answer": {"abstained": True, "citations": []}}], Briefing(), "pin-0")
    assert "không có trích dẫn" in message


def test_document_filter_scopes_the_search(service):
    docs = {d for _, d in service.document_choices()}
    assert docs == {"bao-cao-tinh-mau", "luat-mau"}
    ans = service.ask("cấp thẻ bảo hiểm y tế", ["luat-mau"])["answer"]
    assert {p["doc_id"] for p in ans["passages"]} == {"luat-mau"}


# -- uploads ----------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,clean", [
    ("Báo cáo 2021.DOCX", "Báo cáo 2021.docx"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\x.txt", "x.txt"),
    ("...hidden.md", "hidden.md"),
    ("a\x00b\x1bc\u202e.txt", "abc.txt"),
    ("..", "tai-lieu"),
    ("tờ trình <script>.pdf", "tờ trình _script.pdf"),
])
def test_sanitise_name(raw, clean):
    assert sanitise_name(raw) == clean


def test_stage_refuses_bad_files(tmp_path):
    folder = tmp_path / "uploads"
    src = tmp_path / "in.txt"
    src.write_bytes(b"x" * 2048)
    with pytest.raises(UploadRejected, match="không được hỗ trợ"):
        stage(src, "virus.exe", folder, 10_000)
    with pytest.raises(UploadRejected, match="vượt quá giới hạn"):
        stage(src, "lon.txt", folder, 1000)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(UploadRejected, match="rỗng"):
        stage(empty, "rong.txt", folder, 1000)
    link = tmp_path / "link.txt"
    link.symlink_to("/etc/hostname")
    with pytest.raises(UploadRejected, match="bình thường"):
        stage(link, "link.txt", folder, 10_000)
    dest, created = stage(src, "../../ra-ngoai.txt", folder, 10_000)
    assert created and dest.parent == folder and dest.name == "ra-ngoai.txt"
    assert stage(src, "ra-ngoai.txt", folder, 10_000) == (dest, False)  # same bytes: reused
    other = tmp_path / "other.txt"
    other.write_bytes(b"y" * 10)
    dest2, _ = stage(other, "ra-ngoai.txt", folder, 10_000)
    assert dest2.name == "ra-ngoai-2.txt" and dest.read_bytes() == b"x" * 2048  # never overwritten
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["uploads", "in.txt", "empty.txt", "link.txt",
                                                                 "other.txt"])


def test_upload_broken_file_named_others_ingested(service, tmp_path):
    good = tmp_path / "Tờ trình xã A.txt"
    good.write_text("Năm 2099 xã A trồng mới 4.321 cây keo lai để phủ xanh đồi trọc.", encoding="utf-8")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    html = service.upload([("Tờ trình xã A.txt", good), ("hong.docx", broken), ("x.exe", good)])
    assert "Đã nạp «Tờ trình xã A.txt»" in html
    assert "Không nạp được tệp «hong.docx»: tệp .docx bị hỏng" in html
    assert "Không nạp được tệp «x.exe»" in html
    uploads = service.index.dir / "uploads"
    assert sorted(p.name for p in uploads.iterdir()) == ["Tờ trình xã A.txt"]  # the broken copy is gone
    answer = service.ask("Năm 2099 xã A trồng mới bao nhiêu cây keo lai?")["answer"]
    assert "4.321" in answer["answer"]  # searchable immediately
    doc_id = answer["citations"][0]["doc_id"]
    assert "không thay đổi" in service.upload([("Tờ trình xã A.txt", good)])  # same file again
    assert "Đã xóa" in service.remove(doc_id)
    assert not (uploads / "Tờ trình xã A.txt").exists()  # our copy goes with the document
    assert doc_id not in {d for _, d in service.document_choices()}
    assert "Hãy chọn" in service.remove("khong-co")


def test_upload_with_nothing_selected(service):
    assert "Chưa chọn tệp" in service.upload([])


def test_ingest_uploads_reports_unchanged(hashing_index, tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# Ghi chú\n\nXã B có 12 hộ nghèo năm 2099.", encoding="utf-8")
    first = ingest_uploads(hashing_index, [("a.md", f)], 2**20)
    again = ingest_uploads(hashing_index, [("a.md", f)], 2**20)
    assert first.ingested and not first.errors
    assert again.unchanged == first.ingested and not again.ingested


# -- app wiring and the load generator's guard rails -----------------------------------------
def test_auth_setting():
    from ingest.errors import ConfigError
    from ui.web import parse_auth

    assert parse_auth("") is None
    assert parse_auth("canbo:mat:khau") == ("canbo", "mat:khau")
    for bad in ("canbo", ":x", "canbo:"):
        with pytest.raises(ConfigError):
            parse_auth(bad)


def test_app_exposes_only_ask(service):
    from ui.web import build_app

    app = build_app(service.settings, service.engine)
    public = [f.api_name for f in app.fns.values() if getattr(f, "api_visibility", "public") == "public"]
    assert public == ["ask"]  # upload, remove, pin… are the page's own events, not an API
    assert os.environ.get("GRADIO_ANALYTICS_ENABLED") == "False"


@pytest.mark.parametrize("url", ["http://10.0.0.1:7860", "http://example.com", "ftp://127.0.0.1", "http://0.0.0.0"])
def test_loadtest_refuses_non_loopback(url):
    from eval.loadtest import check_loopback

    with pytest.raises(SystemExit):
        check_loopback(url)


def test_loadtest_helpers():
    from eval.loadtest import MAX_USERS, QUESTIONS, matches, percentile, run

    assert matches("Kết quả: 148.181  THẺ [1]", ("148.181 thẻ",))
    assert not matches("148.18 thẻ", ("148.181 thẻ",))
    assert percentile([1, 2, 3, 4], 50) == 2.5 and percentile([], 95) == 0.0
    assert len(QUESTIONS) >= 10 and all(acc for _, _, acc in QUESTIONS)
    with pytest.raises(SystemExit):
        run("http://127.0.0.1:1", users=MAX_USERS + 1, seconds=1)


def test_loadtest_questions_come_from_dev_set():
    from eval.loadtest import QUESTIONS, load_questions

    dev = {qid: (q, acc) for qid, q, acc in load_questions(Path(__file__).parent.parent / "eval/datasets/dev.jsonl")}
    for qid, question, accepted in QUESTIONS:
        assert dev[qid] == (question, accepted)
