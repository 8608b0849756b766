"""Start-up of the command line: `siv-watcher classify one.eml` against `python -c "import mailparser"`.

Why: a seller or an agency script runs `classify` on single files; the goal (issue 10) is at most
2x the time of importing the parser the pipeline rests on, in the same venv. The two commands
alternate, so load on a shared machine hits both alike; the median of each is reported.

    python benchmarks/cli_start_bench.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAIL = ROOT / "tests" / "corpus" / "shared" / "siv_failed-en-plain.eml"
BIN = Path(sys.executable).parent
COMMANDS = {
    "import mailparser": [sys.executable, "-c", "import mailparser"],
    "siv-watcher classify one.eml": [str(BIN / "siv-watcher"), "classify", str(MAIL)],
    "siv-watcher classify --json one.eml": [str(BIN / "siv-watcher"), "classify", "--json", str(MAIL)],
    "siv-watcher --help": [str(BIN / "siv-watcher"), "--help"],
    "siv-watcher --version": [str(BIN / "siv-watcher"), "--version"],
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["import mailparser"])
    print(f"| command | median of {runs} (s) | x import mailparser |")
    print("|---|---:|---:|")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"| `{name}` | {median:.3f} | {median / base:.2f} |")


if __name__ == "__main__":
    main()
