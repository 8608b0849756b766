"""Hostile mail stays cheap: every adversarial shape of benchmarks/adversarial_bench.py, through
the whole pure pipeline, grows linearly with its size.

These are guards against quadratic blow-up, not performance claims (the project rule: no timed
assertions for speed claims; the figures are in BENCHMARKS.md). The bounds are generous on
purpose, for a shared, loaded machine: 4x the input may cost at most 8x the time (quadratic
code costs 16x), and 1 MiB at most 5 s, where the linear code needs well under 1 s and the
quadratic code of before needed 16 s for 97 KB of `<!--x`.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from watcher.core.classify import classify
from watcher.core.html_text import hrefs, html_to_text
from watcher.core.model import Kind


def _bench() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "adversarial_bench.py"
    spec = importlib.util.spec_from_file_location("adversarial_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


BENCH = _bench()
SMALL, LARGE = 256 * 1024, 1024 * 1024


def _seconds(raw: bytes) -> float:
    best = float("inf")
    for _ in range(2):  # the better of two damps a neighbour's burst
        start = time.perf_counter()
        classify(raw)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", list(BENCH.SHAPES))
def test_adversarial_shape_grows_linearly(name: str) -> None:
    kind, make = BENCH.SHAPES[name]
    small = _seconds(BENCH.mail(kind, make(SMALL)))
    large = _seconds(BENCH.mail(kind, make(LARGE)))
    assert large < 5.0, f"{name}: {large:.2f} s at 1 MiB"
    # below 0.2 s the ratio is timer and scheduler noise, and nothing quadratic is that fast at 1 MiB
    assert large < 8 * small or large < 0.2, f"{name}: {small:.3f} s -> {large:.3f} s for 4x the input"


def test_adversarial_mail_still_classifies() -> None:
    kind, make = BENCH.SHAPES["unclosed comments <!--x"]
    assert classify(BENCH.mail(kind, make(SMALL))).kind is Kind.OTHER


def test_unclosed_constructs_hide_nothing_after_them() -> None:
    # An unclosed <style> or <script> is a stray tag, not the end of the mail; an unclosed
    # comment ends at the next ">" like any stray markup.
    assert "We were unable to verify" in html_to_text("<style>p {}<p>We were unable to verify</p>")
    assert "We were unable to verify" in html_to_text("<script>x<p>We were unable to verify</p>")
    text = html_to_text('<!--[if mso]><p>We were unable to verify <a href="https://a.example/">x</a></p>')
    assert "We were unable to verify" in text
    assert hrefs('<!--[if mso]><p><a href="https://a.example/">x</a>') == ["https://a.example/"]
    assert "shown" in html_to_text("<![if !mso]><p>shown</p><![endif]><![if x>")
