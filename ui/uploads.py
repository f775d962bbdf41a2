"""Uploads from the web form: checked, renamed safely, copied into `<index_dir>/uploads/`, ingested.

A rejected or broken file gets a Vietnamese message naming it; the other files of the
same upload are still ingested. Nothing outside the uploads folder is ever written.
"""
from __future__ import annotations

import filecmp
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from ingest.errors import TracuuError
from ingest.index import Index
from ingest.loaders import SUPPORTED
from ingest.pipeline import ingest_paths

UPLOADS = "uploads"
MAX_STEM = 100
# The loaders' English reasons, said in Vietnamese for the person at the keyboard.
_REASONS_VI = (
    ("larger than", "tệp vượt quá giới hạn dung lượng"),
    ("empty", "tệp rỗng"),
    ("password", "tệp PDF có mật khẩu"),
    ("no text layer", "tệp PDF chỉ có ảnh, không có lớp chữ (chưa hỗ trợ nhận dạng chữ OCR)"),
    ("no text could be extracted", "không đọc được chữ nào trong tệp"),
    ("not a valid .docx", "tệp .docx bị hỏng hoặc không đầy đủ"),
    ("not a pdf", "không phải tệp PDF"),
    ("damaged pdf", "tệp PDF bị hỏng"),
    ("binary data", "không phải tệp văn bản"),
    ("unknown text encoding", "không nhận ra bảng mã của văn bản"),
)


class UploadRejected(TracuuError):
    def __init__(self, name: str, reason: str):
        self.name = name
        super().__init__(f"Không nạp được tệp «{name}»: {reason}.")


@dataclass
class UploadResult:
    ingested: list[tuple[str, str]] = field(default_factory=list)  # (file name, doc_id)
    unchanged: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def done(self) -> list[str]:
        """One Vietnamese line per file that is now searchable."""
        out = [f"Đã nạp «{name}» (mã {doc_id}), có thể hỏi ngay." for name, doc_id in self.ingested]
        return out + [f"«{name}» đã có trong chỉ mục, không thay đổi (mã {doc_id})." for name, doc_id in self.unchanged]


def sanitise_name(name: str) -> str:
    """A safe file name: no folders, no control characters, no leading dots; Vietnamese kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # a client may send a Windows or POSIX path
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in "CZ" or ch == " ")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = re.sub(r"[^\w\s().,-]", "_", stem)  # \w is Unicode-aware: "Báo cáo" stays readable
    stem = re.sub(r"\s+", " ", stem).strip(" ._-")[:MAX_STEM].rstrip(" ._-") or "tai-lieu"
    ext = re.sub(r"[^\w]", "", ext).lower()
    return f"{stem}.{ext}" if ext else stem


def reason_vi(reason: str) -> str:
    low = reason.lower()
    for needle, vi in _REASONS_VI:
        if needle in low:
            return f"{vi} ({reason})"
    return f"tệp hỏng hoặc không đọc được ({reason})"


def stage(src: Path, display_name: str, folder: Path, max_bytes: int) -> tuple[Path, bool]:
    """Copy one upload into `folder` under a sanitised name; (path, created).

    The same name with other content gets a new name ("x-2.docx"), so an upload never
    overwrites the source of a document that is already indexed.
    """
    name = sanitise_name(display_name)
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        allowed = ", ".join(SUPPORTED)
        raise UploadRejected(display_name, f"loại tệp không được hỗ trợ (chỉ nhận {allowed})")
    src = Path(src)
    if src.is_symlink() or not src.is_file():
        raise UploadRejected(display_name, "không phải một tệp bình thường")
    size = src.stat().st_size
    if size > max_bytes:
        raise UploadRejected(display_name, f"tệp {size / 2**20:.1f} MB vượt quá giới hạn {max_bytes // 2**20} MB")
    if size == 0:
        raise UploadRejected(display_name, "tệp rỗng (0 byte)")
    folder.mkdir(parents=True, exist_ok=True)
    stem, n = Path(name).stem, 1
    while True:
        dest = folder / (name if n == 1 else f"{stem}-{n}{suffix}")
        if dest.resolve().parent != folder.resolve():  # belt and braces: stay in the folder
            raise UploadRejected(display_name, "tên tệp không hợp lệ")
        if not dest.exists():
            shutil.copyfile(src, dest)
            return dest, True
        if filecmp.cmp(src, dest, shallow=False):
            return dest, False
        n += 1


def ingest_uploads(index: Index, files: Sequence[tuple[str, Path]], max_bytes: int,
                   progress: Callable[[str, int, int], None] | None = None) -> UploadResult:
    """Stage and ingest (display name, temporary path) pairs; one bad file never stops the rest.

    Raises only what stops every file (e.g. another ingest holding the index lock).
    """
    folder = index.dir / UPLOADS
    result = UploadResult()
    staged: dict[str, tuple[str, bool]] = {}  # resolved path -> (display name, created)
    for display, src in files:
        try:
            dest, created = stage(src, display, folder, max_bytes)
        except UploadRejected as err:
            result.errors.append(str(err))
            continue
        staged[str(dest.resolve())] = (display, created)
    if not staged:
        return result
    try:
        report = ingest_paths(index, [Path(p) for p in staged], progress=progress, max_bytes=max_bytes)
    except BaseException:
        _discard(p for p, (_, created) in staged.items() if created)
        raise
    failed = {str(Path(err.path).resolve()): err for err in report.failed}
    for path, err in failed.items():
        display, created = staged.get(path, (Path(path).name, False))
        result.errors.append(f"Không nạp được tệp «{display}»: {reason_vi(err.reason)}.")
        if created:
            _discard([path])
    by_source = {str(Path(d.source_path).resolve()): d.doc_id for d in index.documents()}
    for path, (display, _) in staged.items():
        if path in failed or path not in by_source:
            continue
        doc_id = by_source[path]
        (result.unchanged if doc_id in report.unchanged else result.ingested).append((display, doc_id))
    return result


def is_upload(index: Index, source_path: str) -> bool:
    """True when a document's file lives in this index's uploads folder."""
    folder = (index.dir / UPLOADS).resolve()
    return folder in Path(source_path).resolve().parents


def _discard(paths) -> None:
    for p in paths:
        Path(p).unlink(missing_ok=True)
