"""The Gradio web chat (`tracuu serve`): widgets and events only.

What each event does lives in `ui.web_service` (no Gradio); the HTML in `ui.web_render`.
One engine is built and warmed once per process and shared by every session; the queue
bounds waiting requests and how many answers run at once, so 20 people stay served on
two cores.
"""
from __future__ import annotations

import ipaddress
import os
import socket
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from ui.env import set_offline_env

set_offline_env()  # before gradio is imported: no analytics, no hub

import gradio as gr  # noqa: E402

from ingest.errors import ConfigError, TracuuError  # noqa: E402
from ingest.loaders import SUPPORTED  # noqa: E402
from ingest.settings import Settings  # noqa: E402
from qa import Engine  # noqa: E402
from ui import web_render as render  # noqa: E402
from ui.briefing import Briefing, to_docx, to_markdown  # noqa: E402
from ui.web_assets import CSS, HEAD, SCROLL_TO_QUOTE  # noqa: E402
from ui.web_service import QUESTION_SHOWN, WebService, chat_messages, parse_action  # noqa: E402

QUEUE_SIZE = 64  # waiting requests beyond this are refused: memory stays bounded
MAX_TURNS = 50
# Answers are CPU-bound (torch + BM25); more parallel answers than cores only add contention.
ANSWER_WORKERS = max(1, min(4, os.cpu_count() or 2))
EXAMPLES = [
    "Năm 2020 Quảng Trị đã cấp bao nhiêu thẻ bảo hiểm y tế cho người nghèo?",
    "Tổng nguồn vốn huy động cho giảm nghèo bền vững của Quảng Trị năm 2020 là bao nhiêu?",
    "Đơn vị nào thực hiện trợ giúp pháp lý cho người nghèo ở Quảng Trị?",
    "so lao dong nong thon duoc dao tao nghe nam 2020",
]
# Only /ask is an API; the widgets' own events cannot be called by scripts.
PRIVATE = {"api_visibility": "private"}
# Quick events (echo a question, open a source, pin, export) never wait behind answers.
LIGHT = {"concurrency_id": "light", "concurrency_limit": 8}
# System fonts: the default theme would fetch Inter from Google Fonts, an outside connection.
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Roboto", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "Consolas", "monospace"])


def parse_auth(auth: str) -> tuple[str, str] | None:
    """TRACUU_AUTH=user:password -> (user, password); empty -> no login."""
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user.strip() or not password:
        raise ConfigError("TRACUU_AUTH phải có dạng tên:mật_khẩu (expected user:password).")
    return user.strip(), password


def build_app(settings: Settings, engine: Engine | None = None) -> gr.Blocks:
    """The Blocks app; `engine` defaults to the one in settings.index_dir, warmed up."""
    if engine is None:
        from qa.factory import open_engine

        engine = open_engine(settings).warm_up()
    svc = WebService(settings, engine)
    exports = Path(tempfile.mkdtemp(prefix="tracuu-exports-"))

    def doc_updates(selected: list[str] | None = None) -> tuple[Any, Any, Any]:
        choices = svc.document_choices()
        ids = {v for _, v in choices}
        return (render.documents_html(svc.document_rows()),
                gr.update(choices=choices, value=[d for d in selected or [] if d in ids]),
                gr.update(choices=choices, value=None))

    def brief_updates(b: Briefing, pick: int | None = None) -> tuple[Any, Any, Any, Any]:
        choices = [(f"{i + 1}. {it.heading}"[:120], i) for i, it in enumerate(b.items)]
        pick = pick if pick is not None and 0 <= pick < len(b.items) else None
        heading = b.items[pick].heading if pick is not None else ""
        return b, render.briefing_html(b), gr.update(choices=choices, value=pick), heading

    with gr.Blocks(title="tracuu — Tra cứu tài liệu giảm nghèo", analytics_enabled=False,
                   delete_cache=(3600, 3600)) as app:
        turns = gr.State([])
        briefing = gr.State(Briefing())
        gr.Markdown("## 📚 Tra cứu tài liệu giảm nghèo bền vững\n"
                    "Hỏi bằng tiếng Việt (có dấu hoặc không dấu). Mỗi câu trả lời trích nguyên văn từ "
                    "tài liệu, kèm số [1] [2] để mở văn bản gốc.")
        with gr.Tabs():
            with gr.Tab("💬 Hỏi đáp", id="chat"):
                with gr.Row():
                    with gr.Column(scale=3):
                        chatbot = gr.Chatbot(label="Hỏi đáp", elem_id="tc-chat", height=560, buttons=[],
                                             placeholder="Đặt câu hỏi về các văn bản đã nạp, ví dụ bên dưới.")
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="Nhập câu hỏi rồi nhấn Enter…",
                                                  elem_id="tc-question", scale=5, max_lines=4)
                            ask_btn = gr.Button("Hỏi", variant="primary", elem_id="tc-ask", scale=1)
                        doc_filter = gr.Dropdown(choices=svc.document_choices(), value=[], multiselect=True,
                                                 label="Chỉ tìm trong các văn bản này (để trống: tất cả)",
                                                 elem_id="tc-docs")
                        gr.Examples([[q] for q in EXAMPLES], inputs=[question], label="Câu hỏi mẫu")
                        new_chat = gr.Button("🗑 Cuộc trò chuyện mới", size="sm", elem_id="tc-new")
                    with gr.Column(scale=2):
                        gr.Markdown("#### Nguồn trong văn bản gốc")
                        context = gr.HTML(render.CONTEXT_PLACEHOLDER, elem_id="tc-context")
            with gr.Tab("📄 Tài liệu", id="docs"):
                gr.Markdown("#### Tài liệu đã nạp")
                docs_table = gr.HTML(render.documents_html(svc.document_rows()), elem_id="tc-doc-table")
                mb = settings.max_upload_mb
                files = gr.File(file_count="multiple", file_types=list(SUPPORTED), elem_id="tc-upload",
                                label=f"Tải lên (.txt .md .docx .pdf .html; tối đa {mb} MB mỗi tệp)")
                upload_btn = gr.Button("Nạp tài liệu", variant="primary", elem_id="tc-upload-btn")
                status = gr.HTML(elem_id="tc-doc-status")
                with gr.Row():
                    remove_pick = gr.Dropdown(choices=svc.document_choices(), label="Chọn văn bản cần xóa",
                                              elem_id="tc-remove-pick", scale=4)
                    remove_btn = gr.Button("Xóa khỏi chỉ mục", variant="stop", elem_id="tc-remove-btn", scale=1)
            with gr.Tab("📝 Bản tóm tắt", id="brief"):
                title = gr.Textbox(value=Briefing().title, label="Tiêu đề bản tóm tắt", elem_id="tc-brief-title")
                with gr.Row():
                    pick = gr.Dropdown(choices=[], label="Mục", elem_id="tc-brief-pick", scale=2)
                    heading = gr.Textbox(label="Tiêu đề của mục", elem_id="tc-brief-heading", scale=3)
                with gr.Row():
                    up_btn = gr.Button("⬆ Lên", size="sm", elem_id="tc-brief-up")
                    down_btn = gr.Button("⬇ Xuống", size="sm", elem_id="tc-brief-down")
                    rename_btn = gr.Button("✏ Lưu tiêu đề mục", size="sm", elem_id="tc-brief-rename")
                    drop_btn = gr.Button("🗑 Bỏ mục", size="sm", elem_id="tc-brief-remove")
                preview = gr.HTML(render.briefing_html(Briefing()), elem_id="tc-brief-preview")
                with gr.Row():
                    md_btn = gr.Button("Xuất Markdown (.md)", elem_id="tc-export-md")
                    docx_btn = gr.Button("Xuất Word (.docx)", elem_id="tc-export-docx")
                export_file = gr.File(label="Tệp đã xuất", interactive=False, elem_id="tc-export-file")
        bridge = gr.Textbox(visible="hidden", elem_id="tc-bridge")
        bridge_btn = gr.Button("bridge", visible="hidden", elem_id="tc-bridge-btn")

        # -- chat ----------------------------------------------------------------------
        def start(q: str, ts: list) -> tuple[Any, Any, Any]:
            if not (q or "").strip():
                _warn("Hãy nhập một câu hỏi.")
                return gr.skip(), gr.skip(), gr.skip()
            # A session keeps its last MAX_TURNS turns: state memory stays bounded.
            ts = (ts + [{"question": " ".join(q.split())[:QUESTION_SHOWN], "raw": q, "answer": None}])[-MAX_TURNS:]
            return "", ts, chat_messages(ts)

        def finish(ts: list, docs: list[str] | None) -> tuple[Any, Any]:
            if not any(_pending(t) for t in ts):
                return gr.skip(), gr.skip()
            ts = [svc.ask(t["raw"], docs) if _pending(t) else t for t in ts]
            return ts, chat_messages(ts)

        for trigger in (question.submit, ask_btn.click):
            trigger(start, [question, turns], [question, turns, chatbot], **LIGHT, **PRIVATE).then(
                finish, [turns, doc_filter], [turns, chatbot], concurrency_id="answer",
                concurrency_limit=ANSWER_WORKERS, **PRIVATE)
        new_chat.click(lambda: ([], [], render.CONTEXT_PLACEHOLDER), None, [turns, chatbot, context], queue=False,
                       **PRIVATE)
        chatbot.clear(lambda: ([], render.CONTEXT_PLACEHOLDER), None, [turns, context], queue=False, **PRIVATE)

        def on_action(action: str, ts: list, b: Briefing):
            parsed = parse_action(action)
            if parsed is None:
                return (gr.skip(),) * 5
            if parsed[0] == "pin":
                b2, message = svc.pin(ts, b, action)
                (_info if b2 is not b else _warn)(message)
                return (gr.skip(),) + brief_updates(b2, len(b2.items) - 1)
            html = svc.context(ts, action)
            return (html if html is not None else gr.skip(),) + (gr.skip(),) * 4

        opened = bridge_btn.click(on_action, [bridge, turns, briefing], [context, briefing, preview, pick, heading],
                                  **LIGHT, **PRIVATE)
        opened.then(None, js=SCROLL_TO_QUOTE, **PRIVATE)

        def on_like(ts: list, docs: list[str] | None, data: gr.LikeData):
            liked = {True: True, "Like": True, False: False, "Dislike": False}.get(data.liked)
            index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
            if liked is not None and svc.feedback(ts, index, liked, docs) is not None:
                _info("Đã ghi nhận góp ý của bạn. Cảm ơn!")

        chatbot.like(on_like, [turns, doc_filter], None, **LIGHT, **PRIVATE)

        # -- documents -------------------------------------------------------------------
        def on_upload(paths: list[str] | None, selected: list[str] | None, progress=gr.Progress()):
            def report(name: str, done: int, total: int) -> None:
                progress((done, total) if total else 0, desc=f"Đang nạp {name}" if name else "Hoàn tất")

            progress(0, desc="Đang kiểm tra tệp…")
            html = svc.upload([(Path(p).name, Path(p)) for p in paths or []], report)
            return (html, *doc_updates(selected), None)

        upload_btn.click(on_upload, [files, doc_filter], [status, docs_table, doc_filter, remove_pick, files],
                         concurrency_id="ingest", concurrency_limit=1, **PRIVATE)
        remove_btn.click(lambda d, sel: (svc.remove(d), *doc_updates(sel)), [remove_pick, doc_filter],
                         [status, docs_table, doc_filter, remove_pick], concurrency_id="ingest", **PRIVATE)
        app.load(lambda sel: doc_updates(sel), [doc_filter], [docs_table, doc_filter, remove_pick], **PRIVATE)

        # -- briefing --------------------------------------------------------------------
        def edit(op: str):
            def run(b: Briefing, i: int | None, text: str):
                if i is None or not 0 <= i < len(b.items):
                    _warn("Hãy chọn một mục trong danh sách.")
                    return brief_updates(b, None)
                if op == "remove":
                    return brief_updates(b.remove(i), min(i, len(b.items) - 2))
                if op == "rename":
                    return brief_updates(b.rename(i, text), i)
                delta = -1 if op == "up" else 1
                return brief_updates(b.move(i, delta), min(max(i + delta, 0), len(b.items) - 1))
            return run

        outs = [briefing, preview, pick, heading]
        for btn, op in ((up_btn, "up"), (down_btn, "down"), (rename_btn, "rename"), (drop_btn, "remove")):
            btn.click(edit(op), [briefing, pick, heading], outs, **LIGHT, **PRIVATE)
        pick.input(lambda b, i: brief_updates(b, i), [briefing, pick], outs, queue=False, **PRIVATE)
        gr.on([title.submit, title.blur], lambda b, t: brief_updates(b.retitle(t))[:2], [briefing, title],
              [briefing, preview], queue=False, **PRIVATE)

        def export(kind: str):
            def run(b: Briefing) -> str:
                folder = exports / uuid.uuid4().hex
                folder.mkdir()
                path = folder / f"ban-tom-tat.{kind}"
                if kind == "md":
                    path.write_text(to_markdown(b), encoding="utf-8")
                else:
                    to_docx(b, path)
                return str(path)
            return run

        md_btn.click(export("md"), [briefing], [export_file], **LIGHT, **PRIVATE)
        docx_btn.click(export("docx"), [briefing], [export_file], **LIGHT, **PRIVATE)

        # -- API: gradio_client.Client(url).predict("…", api_name="/ask") -> Answer JSON ----
        def ask(question: str) -> dict:
            """Answer a question from the indexed documents; returns the Answer JSON."""
            try:
                return svc.ask_json(question)
            except TracuuError as err:
                raise gr.Error(str(err), title="Lỗi", print_exception=False) from None

        gr.api(ask, api_name="ask", concurrency_id="answer", concurrency_limit=ANSWER_WORKERS)
    return app


def _info(message: str) -> None:
    gr.Info(message, duration=4, title="Thông báo")


def _warn(message: str) -> None:
    gr.Warning(message, duration=6, title="Lưu ý")


def _pending(turn: dict) -> bool:
    return turn.get("answer") is None and not turn.get("error")


def launch(settings: Settings, host: str = "127.0.0.1", port: int = 7860, engine: Engine | None = None,
           block: bool = True) -> gr.Blocks:
    """Serve the app; with block=False return at once (tests), else until Ctrl-C."""
    auth = parse_auth(settings.auth)
    app = build_app(settings, engine)
    app.queue(max_size=QUEUE_SIZE, default_concurrency_limit=ANSWER_WORKERS)
    mb = settings.max_upload_mb
    try:
        app.launch(server_name=host, server_port=port, share=False, auth=auth,
                   auth_message="Đăng nhập để tra cứu tài liệu." if auth else None,
                   # Gradio's own cap is a backstop; below it the form says "too large" in Vietnamese.
                   max_file_size=f"{2 * mb}mb", prevent_thread_lock=True, show_error=True, quiet=True,
                   theme=THEME, css=CSS, head=HEAD, footer_links=["api"], ssr_mode=False, mcp_server=False,
                   pwa=False, enable_monitoring=False)
    except OSError as err:  # the port is taken, or the address is not this machine's
        raise ConfigError(f"Không mở được {host}:{port} ({err}). Hãy chọn cổng khác: tracuu serve --port 7861")
    if block:
        print(f"tracuu: mở {app.local_url} trong trình duyệt (Ctrl+C để dừng).", file=sys.stderr)
        if not ipaddress.ip_address(_resolve(host)).is_loopback:
            print("Cảnh báo: máy chủ nhận kết nối từ mạng; nên bật đăng nhập bằng TRACUU_AUTH=tên:mật_khẩu.",
                  file=sys.stderr)
        try:
            app.block_thread()
        finally:
            app.close()
    return app


def _resolve(host: str) -> str:
    try:
        return socket.gethostbyname(host)
    except OSError:
        return "0.0.0.0"
