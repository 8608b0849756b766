"""Whole-process classification: one `siv-watcher classify --json` over ~1,000 mails against a
bare mail-parser process on the same files, as a seller's or an agency's script would run it.

Why: the in-process bench (classify_bench.py) leaves out what a command pays once per run (the
interpreter, imports, loading the rules) and per file (reading it, printing a JSON line). Issue 10
asks the whole process for at least 0.6 of the bare process's rate.

    python benchmarks/classify_process_bench.py [--runs 5] [--copies 3] [--baseline VENV]

`--baseline VENV` adds that venv's `siv-watcher classify --json` (another build, e.g. main's) to
the alternation: a change's effect on the ratio, measured in the same minutes as the ratio itself
(the host's speed moves by up to ~1.6x between invocations).

Mails: every tests/corpus/**/*.eml under 1 MB (`--copies` times; the 5 MB huge-attachment trap
would make the run about it alone), plus a seller mix from tests/corpus/sellermix.py (Amazon
notices in HTML with images and tracking links, plain reports, verification-word mail, forwards)
and ordinary filler, written to a temporary folder. The two commands alternate; medians are
reported, of wall time (the goal's figure) and of CPU time (user + system of the process: on a
shared machine it moves less with the neighbours' load than wall time does). Run with the
python of a venv where the package is installed (`pip install .`).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.corpus.sellermix import amazon_notice, ordinary_forward, verification_word_mail  # noqa: E402
from tests.mailgen import filler  # noqa: E402

GIANT = 1_000_000  # bytes
BARE = "import mailparser, sys\nfor f in sys.argv[1:]:\n    mailparser.parse_from_bytes(open(f, 'rb').read())"
SELLER_MIX = {"amazon": 200, "verify": 30, "forward": 30, "filler": 40}


def write_mails(folder: Path, copies: int, seed: int = 10) -> list[str]:
    corpus = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").glob("**/*.eml"))]
    mails = [raw for raw in corpus if len(raw) < GIANT] * copies
    rng = random.Random(seed)
    mails += [amazon_notice(n, rng) for n in range(SELLER_MIX["amazon"])]
    mails += [verification_word_mail(n, rng) for n in range(SELLER_MIX["verify"])]
    mails += [ordinary_forward(n, rng) for n in range(SELLER_MIX["forward"])]
    mails += [filler(n, rng) for n in range(SELLER_MIX["filler"])]
    rng.shuffle(mails)
    names = []
    for i, raw in enumerate(mails):
        path = folder / f"{i:04d}.eml"
        path.write_bytes(raw)
        names.append(str(path))
    return names


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds user + system) of one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=3, help="times the corpus is copied into the mix")
    parser.add_argument("--baseline", type=Path, help="venv of another build to time alongside")
    args = parser.parse_args()
    siv_watcher = str(Path(sys.executable).parent / "siv-watcher")
    with tempfile.TemporaryDirectory() as tmp:
        files = write_mails(Path(tmp), args.copies)
        size = sum(os.path.getsize(f) for f in files)
        commands = {"bare": [sys.executable, "-c", BARE, *files],
                    "classify": [siv_watcher, "classify", "--json", *files]}
        if args.baseline:
            commands["baseline"] = [str(args.baseline / "bin" / "siv-watcher"), "classify", "--json", *files]
        for command in commands.values():  # warm the page cache and the .pyc files
            timed(command)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(timed(command))
    print(f"{len(files)} mails, {size // 1024} KiB; load average at the end {os.getloadavg()[0]:.2f}")
    labels = {"bare": "bare mail-parser process", "classify": "siv-watcher classify --json",
              "baseline": "baseline classify --json"}
    for i, clock in enumerate(("wall", "CPU")):
        median = {name: statistics.median(t[i] for t in times[name]) for name in commands}
        for name, seconds in median.items():
            rate = len(files) / seconds
            print(f"  {labels[name]:28} {seconds:6.2f} s {clock:4} {rate:7.1f} msg/s (median of {args.runs})")
        ratio = median["bare"] / median["classify"]
        print(f"  ratio classify / bare ({clock} rates): {ratio:6.2f} (goal >= 0.60)")
        if "baseline" in median:
            print(f"  ratio baseline / bare ({clock} rates): {median['bare'] / median['baseline']:6.2f}")


if __name__ == "__main__":
    main()
