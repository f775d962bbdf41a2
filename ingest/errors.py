"""Project exceptions. Messages are written for the person at the keyboard."""
from __future__ import annotations


class TracuuError(Exception):
    """Base class: entry points print `str(err)` and exit, never a traceback."""

    exit_code = 1


class UnreadableFileError(TracuuError):
    """A file could not be turned into text; the rest of a batch continues."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        # A file name may hold control characters (an escape sequence, a newline): shown
        # escaped, so one problem stays one line and cannot drive the terminal.
        shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(path))
        super().__init__(f"{shown}: {reason}")


class IndexMissingError(TracuuError):
    def __init__(self, index_dir: str):
        super().__init__(
            f"No index at {index_dir}. Build it with: tracuu ingest corpus/ "
            f"(chưa có chỉ mục; hãy chạy `tracuu ingest corpus/`)"
        )


class IndexMismatchError(TracuuError):
    """The index on disk was built with other settings (embedder, passage sizes)."""

    def __init__(self, index_dir: str, differences: list[str]):
        diff = "; ".join(differences)
        super().__init__(
            f"The index at {index_dir} was built with other settings ({diff}). "
            f"Rebuild it with: tracuu ingest --rebuild corpus/"
        )


class IndexBusyError(TracuuError):
    def __init__(self, index_dir: str):
        super().__init__(
            f"Another ingest is writing to {index_dir}. Wait for it to finish and try again "
            f"(một tiến trình nạp tài liệu khác đang chạy)."
        )


class StoreUnavailableError(TracuuError):
    def __init__(self, url: str, reason: str):
        super().__init__(f"Cannot reach the Chroma server at {url}: {reason}")


class UnknownDocumentError(TracuuError):
    exit_code = 2

    def __init__(self, unknown: list[str], known: list[str]):
        known_text = ", ".join(known) if known else "(none: the index is empty)"
        super().__init__(
            f"Unknown document id(s): {', '.join(unknown)}. Indexed documents: {known_text}"
        )


class BadQuestionError(TracuuError):
    exit_code = 2


class ConfigError(TracuuError):
    exit_code = 2


class MissingExtraError(TracuuError):
    def __init__(self, what: str, package: str):
        super().__init__(f"{what} needs the package `{package}`: pip install {package}")
