"""Backoff with jitter: doubling ceilings, a cap, a floor, and a draw that stays within bounds."""

from __future__ import annotations

import random

import pytest

from watcher.core.backoff import Policy


def test_ceiling_doubles_from_base_up_to_the_cap():
    policy = Policy(base=2.0, cap=300.0)
    assert [policy.ceiling(n) for n in range(1, 11)] == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    assert policy.ceiling(0) == policy.ceiling(-3) == 2.0  # "no failure yet" waits like the first
    assert policy.ceiling(10**9) == 300.0  # no overflow however long the failures last


def test_floor_lifts_early_ceilings_but_never_above_the_cap():
    assert [Policy(base=2.0, cap=900.0, floor=60.0).ceiling(n) for n in (1, 5, 6, 20)] == [60, 60, 64, 900]
    assert Policy(base=2.0, cap=30.0, floor=60.0).ceiling(1) == 30.0


@pytest.mark.parametrize("jitter", [1.0, 0.5, 0.0])
def test_jitter_stays_within_its_share_of_the_ceiling_and_the_cap_holds(jitter):
    policy = Policy(base=30.0, cap=1800.0, jitter=jitter)
    rng = random.Random(8)
    for attempt in range(1, 40):
        top = policy.ceiling(attempt)
        for _ in range(50):
            delay = policy.delay(attempt, rng.random)
            assert top * (1 - jitter) <= delay <= top <= 1800.0


def test_the_draw_decides_and_a_seeded_rng_repeats():
    policy = Policy(base=2.0, cap=300.0, jitter=0.5)
    assert policy.delay(3, lambda: 0.0) == 4.0 and policy.delay(3, lambda: 0.5) == 6.0
    assert Policy(base=2.0, cap=300.0).delay(3, lambda: 0.0) == 0.0  # full jitter may retry at once
    first, again = random.Random(42), random.Random(42)
    assert [policy.delay(n, first.random) for n in range(1, 12)] == [policy.delay(n, again.random)
                                                                     for n in range(1, 12)]


def test_jitter_actually_spreads_the_retries():
    rng = random.Random(1)
    delays = {round(Policy(base=30.0, cap=1800.0, jitter=0.5).delay(4, rng.random), 3) for _ in range(100)}
    assert len(delays) > 90 and min(delays) < 150 < max(delays)  # 120..240: not all in lockstep


@pytest.mark.parametrize("kw", [{"base": 0, "cap": 1}, {"base": 1, "cap": 0},
                                {"base": 1, "cap": 1, "floor": -1}, {"base": 1, "cap": 1, "jitter": 1.5}])
def test_nonsense_policies_are_refused(kw):
    with pytest.raises(ValueError):
        Policy(**kw)
