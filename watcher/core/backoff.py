"""Exponential backoff with jitter: an attempt number in, a delay in seconds out.

Pure: the random draw is passed in (`rng.random` of a seeded `random.Random` in tests) and there
is no clock; the caller counts its failures and does the waiting. Used by the IMAP workers and
poller (per mailbox) and by the alert outbox (per alert), each with its own `Policy`.

Why jitter: clients that failed together (IDLE workers after a server restart, alerts queued
against one dead webhook) would otherwise retry in lockstep against a peer just coming back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Draw = Callable[[], float]  # a uniform draw from [0, 1), e.g. random.Random(seed).random
MAX_DOUBLINGS = 64  # beyond this every sane policy sits at its cap; keeps 2**n a small float


@dataclass(frozen=True)
class Policy:
    """Attempt n waits up to `ceiling(n)` = base * 2**(n-1), at least `floor`, at most `cap`.

    `jitter` is the share of that ceiling left to chance: 1.0 ("full jitter") draws from
    [0, ceiling), 0.5 from [ceiling/2, ceiling), 0.0 waits exactly the ceiling.
    """

    base: float
    cap: float
    floor: float = 0.0
    jitter: float = 1.0

    def __post_init__(self) -> None:
        if not (self.base > 0 and self.cap > 0 and self.floor >= 0):
            raise ValueError(f"backoff needs base > 0, cap > 0, floor >= 0: {self}")
        if not 0.0 <= self.jitter <= 1.0:
            raise ValueError(f"backoff jitter must be within 0..1: {self}")

    def ceiling(self, attempt: int) -> float:
        """The longest wait after `attempt` failures in a row (the first failure is attempt 1)."""
        doublings = min(max(attempt - 1, 0), MAX_DOUBLINGS)
        return min(self.cap, max(self.floor, self.base * 2.0**doublings))

    def delay(self, attempt: int, draw: Draw) -> float:
        """The wait after `attempt` failures: within [(1 - jitter) * ceiling, ceiling]."""
        top = self.ceiling(attempt)
        low = top * (1.0 - self.jitter)
        return low + (top - low) * draw()
