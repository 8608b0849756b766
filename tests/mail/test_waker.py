"""The Waker an IDLE worker polls beside its socket: readable from `set()` until `clear()`, and
after `close()` it touches no descriptor, not even one the kernel has handed out again."""

from __future__ import annotations

import os
import select

import pytest

from watcher.mail.waker import Waker


def readable(fd: int) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def test_a_set_stays_readable_until_cleared() -> None:
    waker = Waker()
    try:
        assert not readable(waker.fileno())
        waker.set()
        waker.set()  # a second wake-up before the first is taken: one clear takes both
        assert readable(waker.fileno())
        waker.clear()
        assert not readable(waker.fileno())
        waker.clear()  # nothing to take
        assert not readable(waker.fileno())
    finally:
        waker.close()


@pytest.mark.skipif(not hasattr(os, "eventfd"), reason="eventfd is Linux's")
def test_a_closed_waker_leaves_a_reused_descriptor_alone() -> None:
    waker = Waker()
    number = waker.fileno()
    waker.close()
    other = os.eventfd(0, os.EFD_NONBLOCK)  # the lowest free number: the one just closed
    try:
        if other != number:  # another thread took it first: nothing to prove here
            pytest.skip("the closed descriptor's number went elsewhere")
        waker.set()  # a stop arriving after the worker's thread ended
        assert not readable(other)
        waker.close()  # twice is harmless
    finally:
        os.close(other)
