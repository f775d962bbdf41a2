"""Load test for `tracuu serve`: N concurrent gradio_client users ask for T seconds.

    python -m eval.loadtest --url http://127.0.0.1:7860 --users 20 --seconds 45

Each user is its own gradio_client session calling the `/ask` endpoint in a loop over a
small question list (taken from eval/datasets/dev.jsonl, answerable questions only).
It reports p50/p95 latency, errors, and whether every answer contains the gold answer
or an alias (after NFC, case and whitespace folding). Only loopback URLs are accepted,
and users and duration are capped, so it can never be pointed at someone else's server.
Imports: gradio_client and the standard library only.
"""
from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

MAX_USERS = 50
MAX_SECONDS = 600
REQUEST_TIMEOUT_S = 120.0  # a whole question, queue wait included
HTTP_TIMEOUT_S = 30.0  # one HTTP exchange (gradio_client's default is httpx's 5 s)
# (id, question, accepted answers) from eval/datasets/dev.jsonl: answer + answer_aliases.
QUESTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ('q007', 'Năm 2020 vốn vay ưu đãi từ Ngân hàng Chính sách xã hội dành cho giảm nghèo ở Quảng Trị là bao nhiêu?',
     ('1.241.285 triệu đồng', '1.241,285 tỷ đồng', '1.241.285')),
    ('q017', 'Năm 2020 Quảng Trị đã cấp bao nhiêu thẻ Bảo hiểm y tế cho người nghèo và các đối tượng chính sách?',
     ('148.181 thẻ', '148.181')),
    ('q031', 'Năm 2020 đã trợ giúp pháp lý bao nhiêu vụ việc cho người nghèo, người có công, người dân tộc thiểu số?',
     ('467 vụ việc', '467')),
    ('q032', 'tro giup phap ly: co bao nhieu dot tu van phap luat ngoai tru so',
     ('14 đợt', '14')),
    ('q037', 'Bao nhiêu hộ được cho vay vốn làm nhà ở theo Quyết định 33/QĐ-TTg và Quyết định 48/QĐ-TTg?',
     ('45 hộ', '45')),
    ('q041', 'Thông qua Quỹ Vì người nghèo, bao nhiêu nhà ở đã được xây dựng mới cho hộ nghèo?',
     ('316 nhà', '316')),
    ('q049', 'Kinh phí thực tế đã chi hỗ trợ tiền điện cho hộ nghèo năm 2020 là bao nhiêu?',
     ('1,94 tỷ đồng', 'trên 1,94 tỷ đồng', '1,94')),
    ('q053', 'Năm 2020 huyện Đakrông khởi công mới bao nhiêu công trình hạ tầng theo chương trình 30a?',
     ('06 công trình', '6 công trình', '06')),
    ('q067', 'Dự án hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế tại huyện nghèo và các xã bãi ngang ven biển được bố trí bao nhiêu vốn?',
     ('13,529 tỷ đồng', '13,529')),
    ('q101', 'cac hoi doan the cap tinh to chuc bao nhieu cuoc truyen thong giam ngheo',
     ('48 cuộc', '48')),
    ('q110', 'Có bao nhiêu lớp tập huấn về nghiệp vụ rà soát, đánh giá hộ nghèo được tổ chức năm 2020?',
     ('09 lớp', '9 lớp', '09')),
    ('q196', 'du an ha tang huyen ngheo dakrong theo nghi quyet 30a duoc bo tri bao nhieu von',
     ('49,423 tỷ đồng', '49,423')),
)


def check_loopback(url: str) -> str:
    """The URL, if it points at this machine; otherwise SystemExit with the reason."""
    parsed = urlparse(url)
    host = parsed.hostname or ""
    if parsed.scheme not in ("http", "https") or not host:
        raise SystemExit(f"loadtest: not an http(s) URL: {url!r}")
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"loadtest: refusing {host!r}: only 127.0.0.1 / ::1 / localhost may be load-tested")
    return url


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def matches(answer_text: str, accepted: tuple[str, ...]) -> bool:
    got = fold(answer_text)
    return any(fold(a) in got for a in accepted if a)


def load_questions(path: Path) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Answerable questions of an eval dataset (JSONL with id/question/answer/answer_aliases)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            if d.get("answer"):
                out.append((d["id"], d["question"], (d["answer"], *d.get("answer_aliases", []))))
    if not out:
        raise SystemExit(f"loadtest: no answerable questions in {path}")
    return tuple(out)


@dataclass
class Stats:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    answers: dict[str, set[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ok(self, qid: str, ms: float, text: str, correct: bool) -> None:
        with self.lock:
            self.latencies_ms.append(ms)
            self.answers.setdefault(qid, set()).add(text)
            if not correct:
                self.wrong.append(f"{qid}: {text[:120]}")

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message[:300])


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = q / 100 * (len(ordered) - 1)
    lo = int(rank)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (rank - lo)


def user(n: int, url: str, deadline: float, questions, stats: Stats) -> None:
    """One simulated person: own session, asks question after question until the deadline."""
    from gradio_client import Client

    try:
        # Plain http on loopback: ssl_verify=False only spares loading the CA bundle for every
        # request (~80 ms of CPU each, which would load the 2-core machine we measure).
        client = Client(url, verbose=False, analytics_enabled=False, ssl_verify=False,
                        httpx_kwargs={"timeout": HTTP_TIMEOUT_S})
    except Exception as err:  # noqa: BLE001 - every failure is a reported error
        stats.error(f"user {n}: cannot connect: {type(err).__name__}: {err}")
        return
    k = n
    while time.monotonic() < deadline:
        qid, question, accepted = questions[k % len(questions)]
        k += 1
        t0 = time.perf_counter()
        try:
            result = client.submit(question, api_name="/ask").result(timeout=REQUEST_TIMEOUT_S)
            ms = (time.perf_counter() - t0) * 1000
        except Exception as err:  # noqa: BLE001
            stats.error(f"user {n} {qid}: {type(err).__name__}: {err}")
            continue
        if not isinstance(result, dict):
            stats.error(f"user {n} {qid}: unexpected reply {type(result).__name__}")
            continue
        text = str(result.get("answer", ""))
        stats.ok(qid, ms, text, matches(text, accepted) and not result.get("abstained", True))
    if hasattr(client, "close"):
        client.close()


def run(url: str, users: int = 20, seconds: float = 45, questions=QUESTIONS) -> dict:
    """Run the load and return the report (also what --json writes)."""
    check_loopback(url)
    if not 1 <= users <= MAX_USERS:
        raise SystemExit(f"loadtest: --users must be between 1 and {MAX_USERS}")
    if not 0 < seconds <= MAX_SECONDS:
        raise SystemExit(f"loadtest: --seconds must be between 1 and {MAX_SECONDS}")
    stats = Stats()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=user, args=(i, url, deadline, questions, stats), daemon=True)
               for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:  # each thread ends by the deadline plus one request timeout at most
        t.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_TIMEOUT_S + 5)
    elapsed = time.monotonic() - started
    lat = stats.latencies_ms
    inconsistent = sorted(q for q, texts in stats.answers.items() if len(texts) > 1)
    return {
        "url": url, "users": users, "seconds": round(elapsed, 1), "requests": len(lat) + len(stats.errors),
        "answered": len(lat), "throughput_rps": round(len(lat) / elapsed, 2) if elapsed else 0.0,
        "latency_ms_p50": round(percentile(lat, 50), 1), "latency_ms_p95": round(percentile(lat, 95), 1),
        "latency_ms_max": round(max(lat), 1) if lat else 0.0,
        "errors": len(stats.errors), "wrong": len(stats.wrong), "inconsistent": inconsistent,
        "all_correct": bool(lat) and not stats.wrong and not stats.errors,
        "error_examples": stats.errors[:5], "wrong_examples": stats.wrong[:5],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="a local tracuu serve (loopback only)")
    parser.add_argument("--users", type=int, default=20, help=f"concurrent users (1-{MAX_USERS})")
    parser.add_argument("--seconds", type=float, default=45, help=f"duration (max {MAX_SECONDS})")
    parser.add_argument("--questions", type=Path, help="a JSONL eval dataset instead of the built-in list")
    parser.add_argument("--json", type=Path, help="also write the report here")
    args = parser.parse_args(argv)
    questions = load_questions(args.questions) if args.questions else QUESTIONS
    report = run(args.url, args.users, args.seconds, questions)
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0 if report["all_correct"] else 1


if __name__ == "__main__":
    sys.exit(main())
