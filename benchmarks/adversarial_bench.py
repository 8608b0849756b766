"""Adversarial inputs through the whole pure pipeline, at growing sizes: is every one linear?

    python benchmarks/adversarial_bench.py [--sizes 128,512,2048] [--runs 5] [--only NAME]

Each input is a complete mail (From an Amazon address, one text part of the hostile shape, or a
multipart of many parts) of about the given size in KiB, up to the 2 MiB cap of
`watcher.core.message.MAX_RAW_BYTES`; the reading budget (`watcher.core.budget`) bounds what is
read of the text after MIME parsing. Prints the median seconds of
`watcher.core.classify.classify(raw)` over several runs per input and size, and the growth from
one size to the next: about 4x per 4x in size is linear, 16x is quadratic.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from watcher.core.classify import classify  # noqa: E402
from watcher.core.message import MAX_RAW_BYTES  # noqa: E402
from watcher.core.rulefiles import default_ruleset  # noqa: E402


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit.encode())) + tail


def _deep(size: int) -> str:
    n = size // 11
    return "<div>" * n + "x" + "</div>" * n


def _parts(size: int, part: str) -> str:
    """A multipart/mixed body (boundary "b") of as many copies of `part` as fit in `size`."""
    unit = f"--b\r\n{part}\r\n"
    return unit * max(1, size // len(unit.encode())) + "--b--\r\n"


_NOTICE = ("Content-Type: message/rfc822\r\n\r\nFrom: Amazon <seller-verification@amazon.com>\r\n"
           "Subject: identity verification\r\nContent-Type: text/plain\r\n\r\n"
           "Please book your video call to verify your identity.")
_HTML_PART = "Content-Type: text/html\r\n\r\n<div><b>verify</b> your <i>identity</i> on a video call</div>"

# name -> (content type, body of about `size` bytes); "mixed" bodies are whole multiparts

SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "deep nested <div>": ("html", _deep),
    "unclosed comments <!--x": ("html", lambda n: _fill("<!--x", n)),
    "unclosed <!--x> (no -->)": ("html", lambda n: _fill("<!--x>", n)),
    "unclosed <![if x>": ("html", lambda n: _fill("<![if x>", n)),
    "whitespace-only lines (plain)": ("plain", lambda n: _fill(" \t \n", n, "Hello\n", "x")),
    "whitespace run, one line (plain)": ("plain", lambda n: _fill(" ", n, "forwarded message", "x")),
    "&nbsp; runs and empty cells": ("html", lambda n: _fill("&nbsp; </td>", n)),
    "short lines (plain)": ("plain", lambda n: _fill("a b\n", n)),
    "huge single line (plain)": ("plain", lambda n: _fill("verify ", n)),
    "huge single line (html)": ("html", lambda n: _fill("verify ", n, "<p>")),
    "many attributes, one tag": ("html", lambda n: _fill(' a="b"', n, "<div", ">x</div>")),
    "many links":  # distinct hosts: each one is a sender-check candidate
    ("html", lambda n: "".join(f'<a href="https://e{i}.example/">l</a>' for i in range(n // 34))),
    "&# entity flood": ("html", lambda n: _fill("&#", n, "<p>")),
    "forward marker, repeated": ("plain", lambda n: _fill("---------- Forwarded message ---------\n", n)),
    "header lines From:/Sent: (plain)": ("plain", lambda n: _fill("From: a@amazon.com\nSent: x\n", n)),
    "verification words everywhere (plain)":
    ("plain", lambda n: _fill("verify your identity on a video call\n", n)),
    "many attached messages": ("mixed", lambda n: _parts(n, _NOTICE)),
    "many small HTML parts": ("mixed", lambda n: _parts(n, _HTML_PART)),
}


def mail(kind: str, body: str) -> bytes:
    head = (
        "From: Amazon <seller-verification@amazon.com>\r\nTo: s@example.com\r\n"
        "Subject: Fwd: Re: [EXTERNAL] identity verification\r\nDate: Tue, 10 Nov 2026 14:05:00 +0000\r\n"
        "Message-ID: <adv@example.com>\r\nMIME-Version: 1.0\r\n"
        + ('Content-Type: multipart/mixed; boundary="b"\r\n\r\n' if kind == "mixed" else
           f'Content-Type: text/{kind}; charset="utf-8"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n')
    )
    return (head + body).encode()[:MAX_RAW_BYTES]


def _median(raw: bytes, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        classify(raw)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="128,512,2048", help="KiB, comma separated (2048 = the cap)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="shapes whose name contains this")
    args = parser.parse_args()
    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    default_ruleset()
    classify(mail("plain", "warm up"))
    head = " | ".join(f"{s // 1024} KiB (s)" for s in sizes)
    print(f"| input | {head} | growth per step |")
    print("|---|" + "---:|" * (len(sizes) + 1))
    for name, (kind, make) in SHAPES.items():
        if args.only not in name:
            continue
        row = [_median(mail(kind, make(size)), args.runs) for size in sizes]
        growth = ", ".join(f"{b / max(a, 1e-6):.1f}x" for a, b in zip(row, row[1:], strict=False))
        print(f"| {name} | " + " | ".join(f"{t:.3f}" for t in row) + f" | {growth} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
