"""What the web chat does, without Gradio: ask, show a source in context, pin, feedback,
list/upload/remove documents. `ui.web` only wires these to widgets.

A chat is a list of turns (plain dicts, kept in the browser session's state):
{"question": str, "answer": Answer JSON | None, "plain": str, "error": str}.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from ingest.errors import TracuuError, UnknownDocumentError
from ingest.pipeline import remove_document
from ingest.settings import Settings
from qa import Engine, answer
from qa.serialize import answer_to_dict
from ui import web_render as render
from ui.briefing import Briefing, item_from_answer
from ui.feedback import append_feedback, feedback_record
from ui.render import completeness_label, answer_text
from ui.uploads import ingest_uploads, is_upload

log = logging.getLogger(__name__)
_ACTION = re.compile(r"^(cite|near|pin)-(\d+)(?:-(\d+))?(?:\|.*)?$")
Turn = dict[str, Any]
QUESTION_SHOWN = 2000  # a pasted 50,000-character "question" is not echoed in full


def parse_action(raw: str) -> tuple[str, int, int] | None:
    """'cite-3-1|1700000000' -> ('cite', 3, 1); anything else -> None."""
    m = _ACTION.match((raw or "").strip())
    return (m.group(1), int(m.group(2)), int(m.group(3) or 0)) if m else None


def chat_messages(turns: Sequence[Turn]) -> list[dict[str, str]]:
    """The chatbot value (messages format), rebuilt from the turns."""
    out = []
    for t, turn in enumerate(turns):
        out.append({"role": "user", "content": render.question_html(turn.get("question", ""))})
        if turn.get("answer") is not None:
            content = render.answer_html(t, turn["answer"], turn.get("plain", ""))
        elif turn.get("error"):
            content = render.error_html(turn["error"])
        else:
            content = render.pending_html()
        out.append({"role": "assistant", "content": content})
    return out


@dataclass
class WebService:
    settings: Settings
    engine: Engine

    @property
    def index(self):
        return self.engine.index

    # -- chat --------------------------------------------------------------------------
    def ask(self, question: str, docs: Sequence[str] | None = None) -> Turn:
        """One turn: the answer, or a Vietnamese error message in place of it."""
        shown = " ".join(str(question or "").split())[:QUESTION_SHOWN]
        try:
            result = answer(question, engine=self.engine, docs=list(docs) if docs else None)
        except UnknownDocumentError:
            return {"question": shown, "answer": None,
                    "error": "Một tài liệu trong bộ lọc không còn trong chỉ mục; hãy chọn lại bộ lọc tài liệu."}
        except TracuuError as err:
            return {"question": shown, "answer": None, "error": str(err)}
        except Exception:  # a bug must not kill the session; the log has the details
            log.exception("answering failed")
            return {"question": shown, "answer": None,
                    "error": "Lỗi hệ thống khi trả lời câu hỏi này; xem nhật ký máy chủ."}
        return {"question": result.question, "answer": answer_to_dict(result), "plain": answer_text(result)}

    def ask_json(self, question: str) -> dict[str, Any]:
        """The API endpoint: the Answer JSON; TracuuError propagates for the caller to report."""
        return answer_to_dict(answer(question, engine=self.engine))

    def context(self, turns: Sequence[Turn], action: str) -> str | None:
        """HTML of a clicked marker/source in its document; None if the action is not one."""
        parsed = parse_action(action)
        if parsed is None or parsed[0] == "pin":
            return None
        kind, t, n = parsed
        ans = turns[t].get("answer") if 0 <= t < len(turns) else None
        if ans is None:
            return None
        if kind == "cite":
            item = next((c for c in ans.get("citations", []) if int(c["marker"]) == n), None)
            quote = item.get("quote", "") if item else ""
        else:
            near = ans.get("passages", [])
            item, quote = (near[n - 1] if 1 <= n <= len(near) else None), ""
        if item is None:
            return None
        return render.context_html(item, self.index.document_text(item["doc_id"]), quote,
                                   n if kind == "cite" else None)

    def pin(self, turns: Sequence[Turn], briefing: Briefing, action: str) -> tuple[Briefing, str]:
        parsed = parse_action(action)
        if parsed is None or parsed[0] != "pin":
            return briefing, ""
        t = parsed[1]
        ans = turns[t].get("answer") if 0 <= t < len(turns) else None
        try:
            item = item_from_answer(ans or {})
        except ValueError:
            return briefing, "Câu trả lời này không có trích dẫn nên không thêm vào bản tóm tắt được."
        return briefing.add(item), f"Đã thêm vào bản tóm tắt (mục {len(briefing.items) + 1})."

    def feedback(self, turns: Sequence[Turn], message_index: int, liked: bool, docs=None) -> Path | None:
        """Record 👍/👎 for the answer at this chat message index (2 messages a turn)."""
        t = message_index // 2 if message_index is not None else -1
        ans = turns[t].get("answer") if 0 <= t < len(turns) else None
        if ans is None:
            return None
        return append_feedback(self.settings.index_dir, feedback_record(ans, liked, docs))

    # -- documents ---------------------------------------------------------------------
    def document_rows(self) -> list[list[Any]]:
        return [[d.title, d.number, d.date, d.passages, completeness_label(d.completeness), d.doc_id]
                for d in self.index.documents()]

    def document_choices(self) -> list[tuple[str, str]]:
        return [(f"{d.title} ({d.number})" if d.number else d.title, d.doc_id) for d in self.index.documents()]

    def upload(self, files: Sequence[tuple[str, Path]],
               progress: Callable[[str, int, int], None] | None = None) -> str:
        """Ingest uploaded files; returns the status HTML (one line per file)."""
        if not files:
            return render.status_html([], ["Chưa chọn tệp nào để nạp."])
        try:
            result = ingest_uploads(self.index, files, self.settings.max_upload_mb * 2**20, progress)
        except TracuuError as err:
            return render.status_html([], [f"Không nạp được tài liệu: {err}"])
        return render.status_html(result.done(), result.errors)

    def remove(self, doc_id: str | None) -> str:
        known = {d.doc_id: d for d in self.index.documents()}
        if not doc_id or doc_id not in known:
            return render.status_html([], ["Hãy chọn một tài liệu có trong danh sách để xóa."])
        doc = known[doc_id]
        try:
            remove_document(self.index, doc_id)
        except TracuuError as err:
            return render.status_html([], [f"Không xóa được «{doc.title}»: {err}"])
        if is_upload(self.index, doc.source_path):  # our own copy: delete it too
            Path(doc.source_path).unlink(missing_ok=True)
            return render.status_html([f"Đã xóa «{doc.title}» khỏi chỉ mục."])
        return render.status_html([f"Đã xóa «{doc.title}» khỏi chỉ mục. Tệp gốc vẫn còn ở {doc.source_path}; "
                                   "lần chạy `tracuu ingest` thư mục đó sau này sẽ nạp lại nó."])
