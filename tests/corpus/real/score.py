"""Score the classifier on the real-wording corpus, one split at a time.

    python tests/corpus/real/score.py            # both splits' scores, the tune half's misses
    python tests/corpus/real/score.py --holdout  # also the held-out half's misses

The held-out half is scored without its misses on screen, so the rules can be tuned on the tune
half and the generalisation figure read before anyone looks at what the held-out half missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from watcher.core.classify import classify  # noqa: E402

FIELDS = ("kind", "sender_check", "case_id", "seller_token", "booking_url", "deadline", "appointment")


def score(names: list[str], expected: dict[str, dict[str, str]], show: bool) -> tuple[int, int, int]:
    """(files fully right, files with the right kind, files) for one split."""
    right = kinds = 0
    for name in names:
        got = classify((HERE / name).read_bytes()).to_json()
        got = {k: str(got[k]) for k in FIELDS if got.get(k) is not None}
        want = {k: str(v) for k, v in expected[name].items() if k in FIELDS}
        kinds += got.get("kind") == want["kind"]
        right += got == want
        if got != want and show:
            diff = {k: (got.get(k), want.get(k)) for k in sorted(set(got) | set(want)) if got.get(k) != want.get(k)}
            print(f"  miss {name}: {diff}")
    return right, kinds, len(names)


def main() -> None:
    expected = json.loads((HERE / "expected.json").read_text("utf-8"))
    split = json.loads((HERE / "split.json").read_text("utf-8"))
    for half in ("tune", "holdout"):
        right, kinds, total = score(split[half], expected, half == "tune" or "--holdout" in sys.argv)
        print(f"{half}: {right}/{total} files fully right, {kinds}/{total} kinds right")


if __name__ == "__main__":
    main()
