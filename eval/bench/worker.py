"""One bench measurement in a fresh process, so sizes and systems never share memory.

`python -m eval.bench.worker TASK RESULT.json KWARGS_JSON` runs TASK and writes its
figures plus the process's peak resident memory to RESULT.json.
"""
from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def _tasks():
    from eval.bench import naive, ours, real

    return {"real": real.measure, "ours-build": ours.build, "ours-serve": ours.serve,
            "naive-build": naive.build, "naive-serve": naive.serve}


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Peak resident memory of a process in MB: VmHWM, which starts afresh at exec.

    Not ru_maxrss: Linux carries it over from the parent across fork and exec, so every
    worker would report at least the bench process's own size.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    if pid != "self":
        return None
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # no /proc: best effort


def run_task(task: str, kwargs: dict) -> dict:
    """Run one task here; its figures plus this process's peak RSS and the wall time."""
    paths = {k: Path(v) if k.endswith(("dir", "corpus", "material", "work")) else v for k, v in kwargs.items()}
    t0 = time.perf_counter()
    figures = _tasks()[task](**paths)
    figures.update(peak_rss_mb=peak_rss_mb(), wall_s=round(time.perf_counter() - t0, 2))
    return figures


def main(argv: list[str]) -> None:
    from ui.env import set_offline_env

    set_offline_env()
    task, result_path, kwargs = argv[0], Path(argv[1]), json.loads(argv[2])
    result_path.write_text(json.dumps(run_task(task, kwargs), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
