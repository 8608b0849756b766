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
from watcher.core.rulefiles import default_ruleset  # noqa: E402


def _rate(fn, mails: list[bytes]) -> float:
    start = time.perf_counter()
    for raw in mails:
        fn(raw)
    return len(mails) / (time.perf_counter() - start)


GIANT = 1_000_000  # bytes: the huge-attachment trap, which alone would dominate an average


def _compare(mails: list[bytes], runs: int) -> tuple[float, float]:
    """(bare mail-parser, classify) messages/s, medians of alternating runs."""
    bare, full = [], []
    for _ in range(runs):
        bare.append(_rate(mailparser.parse_from_bytes, mails))
        full.append(_rate(classify, mails))
    return statistics.median(bare), statistics.median(full)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20, help="times the corpus is repeated per run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    corpus = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("**/*.eml"))]
    default_ruleset()  # load rules once, as a long-running service would
    for raw in corpus:  # warm caches and imports for both sides
        classify(raw)
        mailparser.parse_from_bytes(raw)
    small = [raw for raw in corpus if len(raw) < GIANT]
    without = f"without the {len(corpus) - len(small)} giant mail(s)"
    for label, chosen in (("all mails", corpus), (without, small)):
        mails = chosen * args.repeat
        b, f = _compare(mails, args.runs)
        print(f"{label}: {len(mails)} messages per run ({len(chosen)} distinct, "
              f"{sum(map(len, chosen)) // 1024} KiB)")
        print(f"  bare mailparser.parse_from_bytes: {b:8.1f} msg/s (median of {args.runs})")
        print(f"  classify (full pipeline):         {f:8.1f} msg/s (median of {args.runs})")
        print(f"  ratio classify / bare:            {f / b:8.2f} (goal >= 0.60)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
