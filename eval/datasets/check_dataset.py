#!/usr/bin/env python3
"""Validate the tracuu QA eval datasets (stdlib only).

Usage: python3 check_dataset.py [--corpus DIR] [FILE.jsonl ...]
Defaults: corpus /work/shared/corpus, files dev.jsonl and test.jsonl next to this script.

Errors (exit status 1): invalid JSON, missing/extra fields, wrong field types,
duplicate ids (within and across files), unknown type, evidence that is not a
whitespace-normalised substring of some document body, answer/evidence/type
inconsistency (answerable iff answer non-empty).
Warnings: answer and every alias absent from the evidence (whitespace-normalised,
case-insensitive), diacritics in a no_diacritics question, evidence length
outside 30-300 characters.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys
import unicodedata

FIELDS = ["id", "question", "answer", "answer_aliases", "evidence", "type"]
TYPES = {"factoid_number", "factoid_text", "list", "paraphrase", "no_diacritics",
         "multi_hop", "unanswerable", "english"}
HERE = os.path.dirname(os.path.abspath(__file__))


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def body_of(text):
    """Text after the closing '---' of the front matter."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return text
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[i + 1:])
    return text


def has_diacritics(s):
    if "đ" in s.lower():
        return True
    return any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", s))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="/work/shared/corpus")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    files = args.files or [os.path.join(HERE, "dev.jsonl"), os.path.join(HERE, "test.jsonl")]

    bodies = {}
    for p in sorted(glob.glob(os.path.join(args.corpus, "*.txt"))):
        with open(p, encoding="utf-8") as f:
            bodies[os.path.basename(p)] = norm(body_of(f.read()))
    if not bodies:
        print(f"ERROR no corpus files in {args.corpus}")
        return 1

    errors, warnings = [], []
    seen_ids = {}
    per_file = {}
    for path in files:
        counts = collections.Counter()
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        for ln, line in enumerate(lines, 1):
            where = f"{os.path.basename(path)}:{ln}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where} invalid JSON: {e}")
                continue
            if not isinstance(r, dict):
                errors.append(f"{where} not a JSON object")
                continue
            missing = [k for k in FIELDS if k not in r]
            extra = [k for k in r if k not in FIELDS]
            if missing:
                errors.append(f"{where} missing fields {missing}")
                continue
            if extra:
                errors.append(f"{where} unexpected fields {extra}")
            rid = r["id"]
            where = f"{where} ({rid})"
            for k in ("id", "question", "answer", "evidence", "type"):
                if not isinstance(r[k], str):
                    errors.append(f"{where} field {k} is not a string")
            if not isinstance(r["answer_aliases"], list) or not all(isinstance(a, str) for a in r["answer_aliases"]):
                errors.append(f"{where} answer_aliases is not a list of strings")
                r["answer_aliases"] = []
            if not all(isinstance(r[k], str) for k in ("id", "question", "answer", "evidence", "type")):
                continue
            if not re.fullmatch(r"q\d{3,}", rid):
                errors.append(f"{where} id does not look like qNNN")
            if rid in seen_ids:
                errors.append(f"{where} duplicate id (first seen at {seen_ids[rid]})")
            else:
                seen_ids[rid] = where
            if r["type"] not in TYPES:
                errors.append(f"{where} unknown type {r['type']!r}")
            counts[r["type"]] += 1
            if not r["question"].strip():
                errors.append(f"{where} empty question")

            ans, ev = r["answer"].strip(), r["evidence"].strip()
            unans = r["type"] == "unanswerable"
            if unans and (ans or ev or r["answer_aliases"]):
                errors.append(f"{where} unanswerable item must have empty answer, aliases and evidence")
            if not unans and not ans:
                errors.append(f"{where} answerable type {r['type']} with empty answer")
            if bool(ans) != bool(ev):
                errors.append(f"{where} answer and evidence must be both empty or both non-empty")

            if ev:
                nev = norm(ev)
                docs = [d for d, b in bodies.items() if nev in b]
                if not docs:
                    errors.append(f"{where} evidence not found in any document body: {nev[:90]!r}")
                if not (30 <= len(nev) <= 300):
                    warnings.append(f"{where} evidence length {len(nev)} outside 30-300")
                cands = [ans] + list(r["answer_aliases"])
                nevl = nev.lower()
                if ans and not any(norm(c).lower() in nevl for c in cands if c.strip()):
                    warnings.append(f"{where} neither answer nor any alias appears in evidence "
                                    f"(ok only for numeric re-expressions): {ans!r}")
            if r["type"] == "no_diacritics" and has_diacritics(r["question"]):
                warnings.append(f"{where} no_diacritics question contains diacritics")
        per_file[os.path.basename(path)] = counts

    types = sorted(TYPES)
    names = list(per_file)
    print("counts per type:")
    print("  " + "type".ljust(16) + "".join(n.rjust(12) for n in names) + "total".rjust(8))
    for t in types:
        row = [per_file[n][t] for n in names]
        print("  " + t.ljust(16) + "".join(str(v).rjust(12) for v in row) + str(sum(row)).rjust(8))
        for n in names:
            if per_file[n][t] == 0:
                warnings.append(f"{n} has no item of type {t}")
    tot = [sum(per_file[n].values()) for n in names]
    print("  " + "TOTAL".ljust(16) + "".join(str(v).rjust(12) for v in tot) + str(sum(tot)).rjust(8))

    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
