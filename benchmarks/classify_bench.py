"""Classify throughput vs bare mail-parser on the same messages, in the same run.

    python benchmarks/classify_bench.py [--repeat 20] [--runs 5]

Mixed corpus: every tests/corpus/**/*.eml, repeated. Prints messages/s for the full pipeline
(parse + rules + sender check + extraction) and for `mailparser.parse_from_bytes` alone, and
their ratio (goal >= 0.6). The median of several alternating runs damps machine noise.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import mailparser  # noqa: E402

from watcher.core.classify import classify  # noqa: E402
from watcher.core.ruleset import default_ruleset  # noqa: E402


def _rate(fn, mails: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in mails:
        fn(raw)
    return len(mails) / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20, help="times the corpus is repeated per run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("**/*.eml"))]
    mails = corpus * args.repeat
    default_ruleset()  # load rules once, as a long-running service would
    for raw in corpus:  # warm caches and imports for both sides
        classify(raw)
        mailparser.parse_from_bytes(raw)
    bare, full = [], []
    for _ in range(args.runs):
        bare.append(_rate(mailparser.parse_from_bytes, mails))
        full.append(_rate(classify, mails))
    b, f = statistics.median(bare), statistics.median(full)
    print(f"messages per run: {len(mails)} ({len(corpus)} distinct, {sum(map(len, corpus)) // 1024} KiB)")
    print(f"bare mailparser.parse_from_bytes: {b:8.1f} msg/s (median of {args.runs})")
    print(f"classify (full pipeline):         {f:8.1f} msg/s (median of {args.runs})")
    print(f"ratio classify / bare:            {f / b:8.2f} (goal >= 0.60)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
