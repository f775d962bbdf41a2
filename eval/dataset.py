"""Evaluation datasets: JSONL (one question a line) or CSV with the same columns.

Loading validates every row. A broken line, a missing field, a wrong type, a duplicate
id or evidence found in no indexed document is reported with its line number and the
row is skipped; the rest of the dataset still runs.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from eval.evidence import EvidenceLocator, EvidenceSpan
from ingest.errors import TracuuError

FIELDS = ("id", "question", "answer", "answer_aliases", "evidence", "type")
TYPES = ("factoid_number", "factoid_text", "list", "paraphrase", "no_diacritics", "multi_hop",
         "unanswerable", "english")
UNANSWERABLE = "unanswerable"


class DatasetError(TracuuError):
    """The dataset as a whole cannot be used (missing file, no valid rows, bad header)."""

    exit_code = 2


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answer: str
    aliases: tuple[str, ...]
    evidence: str
    type: str
    line: int
    evidence_spans: tuple[EvidenceSpan, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)  # other columns, kept

    @property
    def answerable(self) -> bool:
        return bool(self.answer.strip())

    def fields(self) -> dict[str, Any]:
        """The dataset row as written (for results.jsonl)."""
        return {"id": self.id, "question": self.question, "answer": self.answer,
                "answer_aliases": list(self.aliases), "evidence": self.evidence, "type": self.type,
                **self.extra}


@dataclass(frozen=True)
class Problem:
    """Something wrong with one row; `skipped` says whether the row was dropped."""

    line: int
    message: str
    item_id: str = ""
    skipped: bool = True

    def __str__(self) -> str:
        where = f"line {self.line}" + (f" ({self.item_id})" if self.item_id else "")
        return f"{where}: {self.message}" + (" — skipped" if self.skipped else "")


def load_dataset(path: Path) -> tuple[list[EvalItem], list[Problem]]:
    """Parse and validate a JSONL or CSV dataset; bad rows become Problems."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(f"Dataset not found: {path}")
    try:
        text = path.read_bytes().decode("utf-8-sig")  # Excel writes a BOM
    except (OSError, UnicodeDecodeError) as err:
        raise DatasetError(f"Cannot read {path} as UTF-8 text: {err}") from None
    rows = _csv_rows(text, path) if path.suffix.lower() in (".csv", ".tsv") else _jsonl_rows(text)
    items: list[EvalItem] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for line, row in rows:
        if isinstance(row, Problem):
            problems.append(row)
            continue
        item, issues = _validate(row, line)
        problems.extend(issues)
        if item is None:
            continue
        if item.id in first_line:
            problems.append(Problem(line, f"duplicate id (first on line {first_line[item.id]})", item.id))
            continue
        first_line[item.id] = line
        items.append(item)
    return items, problems


def check_evidence(items: list[EvalItem], locator: EvidenceLocator) -> tuple[list[EvalItem], list[Problem]]:
    """Keep the items whose evidence is in an indexed document, with its location."""
    if not len(locator):
        raise DatasetError("The index has no documents: run `tracuu ingest corpus/` first.")
    kept, problems = [], []
    for item in items:
        if not item.evidence.strip():
            kept.append(item)
            continue
        spans = locator.locate(item.evidence)
        if not spans:
            short = item.evidence if len(item.evidence) <= 80 else item.evidence[:77] + "…"
            problems.append(Problem(item.line, f"evidence not found in any indexed document "
                                               f"(after whitespace normalisation): {short!r}", item.id))
            continue
        kept.append(EvalItem(item.id, item.question, item.answer, item.aliases, item.evidence, item.type,
                             item.line, spans, item.extra))
    return kept, problems


# -- parsing ---------------------------------------------------------------------------
def _jsonl_rows(text: str) -> Iterator[tuple[int, dict | Problem]]:
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as err:
            yield line, Problem(line, f"broken JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(row, dict):
            yield line, Problem(line, f"expected a JSON object, got {type(row).__name__}")
            continue
        yield line, row


def _csv_rows(text: str, path: Path) -> Iterator[tuple[int, dict | Problem]]:
    # Spreadsheets in a Vietnamese locale often save with ';': the header decides.
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    missing = [f for f in FIELDS if f not in (reader.fieldnames or [])]
    if missing:
        raise DatasetError(f"{path}: the header lacks the column(s) {', '.join(missing)} "
                           f"(expected: {', '.join(FIELDS)})")
    line = reader.line_num + 1
    for row in reader:
        if None in row:
            yield line, Problem(line, "more cells than header columns")
        elif any(v is not None and v.strip() for v in row.values()):
            try:
                yield line, {**row, "answer_aliases": _csv_aliases(row.get("answer_aliases") or "")}
            except ValueError as err:
                yield line, Problem(line, str(err))
        line = reader.line_num + 1  # a quoted cell may span several lines


def _csv_aliases(cell: str) -> list:
    """`a|b|c`, or a JSON list as written by a script."""
    cell = cell.strip()
    if cell.startswith("["):
        try:
            value = json.loads(cell)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, list):
            raise ValueError("answer_aliases starts with '[' but is not a JSON list")
        return value
    return [a.strip() for a in cell.split("|") if a.strip()]


def _validate(row: dict, line: int) -> tuple[EvalItem | None, list[Problem]]:
    if isinstance(row.get("id"), int) and not isinstance(row.get("id"), bool):
        row = {**row, "id": str(row["id"])}
    item_id = row.get("id") if isinstance(row.get("id"), str) else ""
    missing = [f for f in FIELDS if f not in row or row[f] is None]
    if missing:
        return None, [Problem(line, f"missing field(s): {', '.join(missing)}", item_id)]
    wrong = [f for f in FIELDS if f != "answer_aliases" and not isinstance(row[f], str)]
    if wrong:
        return None, [Problem(line, f"field(s) {', '.join(wrong)} must be text", item_id)]
    aliases = row["answer_aliases"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return None, [Problem(line, "answer_aliases must be a list of strings", item_id)]
    if not item_id.strip():
        return None, [Problem(line, "empty id")]
    if not row["question"].strip():
        return None, [Problem(line, "empty question", item_id)]
    kind = row["type"].strip()
    answer, evidence = row["answer"].strip(), row["evidence"].strip()
    if kind == UNANSWERABLE and answer:
        return None, [Problem(line, "type is unanswerable but the answer is not empty", item_id)]
    notes = []
    if kind not in TYPES:
        notes.append(Problem(line, f"unknown type {kind!r} (known: {', '.join(TYPES)}); kept and "
                                   f"reported under its own name", item_id, skipped=False))
    if answer and not evidence:
        notes.append(Problem(line, "no evidence: retrieval and citation support are not judged for it",
                             item_id, skipped=False))
    extra = {k: v for k, v in row.items() if k not in FIELDS}
    item = EvalItem(item_id.strip(), row["question"], answer, tuple(a for a in aliases if a.strip()),
                    evidence, kind or "untyped", line, extra=extra)
    return item, notes
