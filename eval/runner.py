"""`tracuu eval run`: validate the dataset, answer every question with tracuu (through
`qa.answer`, exactly as users get answers) and with each baseline, score, and write
the results and reports."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from eval.dataset import DatasetError, EvalItem, Problem, check_evidence, load_dataset
from eval.evidence import EvidenceLocator
from eval.metrics import Judgement, judge, system_metrics
from ingest.errors import TracuuError
from qa.engine import Engine
from qa.serialize import answer_to_dict

TRACUU = "tracuu"
Progress = Callable[[str, int, int], None]  # (system, done, total)
AnswerFn = Callable[[str, int], Any]  # (question, k) -> qa.types.Answer


@dataclass
class SystemRun:
    """One system's responses (Answer JSON) and judgements, in dataset order."""

    name: str
    responses: list[dict[str, Any]]
    judgements: list[Judgement]
    setup_s: float = 0.0


@dataclass
class EvalRun:
    dataset: Path
    items: list[EvalItem]
    problems: list[Problem]
    k: int
    systems: list[SystemRun] = field(default_factory=list)

    @property
    def tracuu(self) -> SystemRun:
        return self.systems[0]

    def report(self) -> dict[str, Any]:
        """report.json: the dataset, then every system's metrics side by side."""
        return {
            "dataset": {"path": str(self.dataset), "questions": len(self.items),
                        "skipped": sum(p.skipped for p in self.problems),
                        "problems": [str(p) for p in self.problems]},
            "k": self.k,
            "systems": {s.name: {**system_metrics(s.judgements), "setup_s": round(s.setup_s, 2)}
                        for s in self.systems},
        }


def prepare(dataset: Path, engine: Engine) -> tuple[list[EvalItem], list[Problem]]:
    """Load and validate the dataset against the documents in the engine's index."""
    items, problems = load_dataset(dataset)
    items, evidence_problems = check_evidence(items, EvidenceLocator.from_index(engine.index))
    problems = sorted(problems + evidence_problems, key=lambda p: p.line)
    if not items:
        listed = "".join(f"\n  {p}" for p in problems[:20]) + ("\n  …" if len(problems) > 20 else "")
        raise DatasetError(f"No usable question in {dataset}:{listed or ' the file is empty.'}")
    return items, problems


def answer_all(name: str, answer: AnswerFn, items: list[EvalItem], k: int,
               progress: Progress | None = None) -> list[dict[str, Any]]:
    """Answer JSON for every item; a refused question is recorded, not fatal."""
    out = []
    for done, item in enumerate(items, start=1):
        try:
            out.append(answer_to_dict(answer(item.question, k)))
        except TracuuError as err:
            out.append({"question": item.question, "answer": "", "abstained": True, "citations": [],
                        "passages": [], "timings_ms": {}, "error": str(err)})
        if progress:
            progress(name, done, len(items))
    return out


def run(dataset: Path, engine: Engine, compare: list[str], k: int = 10, progress: Progress | None = None,
        prepared: tuple[list[EvalItem], list[Problem]] | None = None) -> EvalRun:
    """Validate (unless `prepared` holds `prepare`'s result), then answer with tracuu
    and every named baseline, and judge."""
    from eval.baselines import make_baselines
    from qa import answer

    items, problems = prepared or prepare(dataset, engine)
    result = EvalRun(Path(dataset), items, problems, k)
    systems: list[tuple[str, AnswerFn, float]] = [
        (TRACUU, lambda q, n: answer(q, engine=engine, k=n), 0.0)]
    baselines = make_baselines(compare, engine.index)
    systems += [(b.name, b.answer, b.setup_s) for b in baselines]
    try:
        for name, fn, setup_s in systems:
            responses = answer_all(name, fn, items, k, progress)
            judgements = [judge(item, r) for item, r in zip(items, responses)]
            result.systems.append(SystemRun(name, responses, judgements, setup_s))
    finally:
        for b in baselines:
            b.close()
    return result


def write_results(run_: EvalRun, out_dir: Path) -> list[Path]:
    """results.jsonl (tracuu) and baselines/<name>.jsonl: row fields + response + scores."""
    written = []
    names = {f"{s.name}.jsonl" for s in run_.systems}
    for stale in (out_dir / "baselines").glob("*.jsonl"):  # from an earlier run with other baselines
        if stale.name not in names:
            stale.unlink()
    for system in run_.systems:
        is_tracuu = system.name == TRACUU
        path = out_dir / "results.jsonl" if is_tracuu else out_dir / "baselines" / f"{system.name}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as fh:
            for item, response, j in zip(run_.items, system.responses, system.judgements):
                row = {**item.fields(), "system": system.name, "response": response, "judgement": _scores(j)}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(path)
    return written


def _scores(j: Judgement) -> dict[str, Any]:
    return {"correct": j.correct, "figure_first": j.figure_first, "abstained": j.abstained, "hit_rank": j.hit_rank,
            "token_f1": None if j.f1 is None else round(j.f1, 4), "citation_supported": j.supported,
            "latency_ms": j.latency_ms}
