"""A TCP relay that makes 127.0.0.1 look like a distant server: a one-way delay and a bandwidth
cap in each direction (`imap_bench.py --link 4,40`: 4 MB/s, 40 ms round trip).

Why (issue 10, round 4): on the loopback the server answers a header FETCH in a few ms, so
overlapping the server's work with Python's (mail.prefetch) can only save those ms; a seller's
real mailbox is across the internet, where the same FETCH waits for round trips and for 0.5 MB
to arrive at a few MB/s. The relay runs in the bench's parent process (threads that mostly
sleep), not in the measured child; it changes no byte. Not for production, not for tests.
"""

from __future__ import annotations

import contextlib
import heapq
import socket
import threading
import time


class SlowLink:
    """Listens on 127.0.0.1:`port`; each connection is relayed to `target_port` through two
    pipes (`Pipe`), one per direction. Use as a context manager."""

    def __init__(self, target_port: int, mbytes_per_s: float, rtt_ms: float) -> None:
        self.target = ("127.0.0.1", target_port)
        self.rate, self.delay = mbytes_per_s * 1e6, rtt_ms / 2000
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self.server.getsockname()[1]
        self.closing = False
        self.sockets: list[socket.socket] = []

    def __enter__(self) -> SlowLink:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.closing = True
        for sock in [self.server, *self.sockets]:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self.closing:
            try:
                near, _ = self.server.accept()
            except OSError:
                return
            far = socket.create_connection(self.target)
            self.sockets += [near, far]
            for src, dst in ((near, far), (far, near)):
                Pipe(src, dst, self.rate, self.delay).start()


class Pipe:
    """One direction: what `src` sends reaches `dst` `delay` s later, at most `rate` bytes a second."""

    def __init__(self, src: socket.socket, dst: socket.socket, rate: float, delay: float) -> None:
        self.src, self.dst, self.rate, self.delay = src, dst, rate, delay
        self.due: list[tuple[float, int, bytes]] = []  # (when it may be sent, order, bytes)
        self.cond = threading.Condition()
        self.ended = False

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._write, daemon=True).start()

    def _read(self) -> None:
        order, free = 0, time.monotonic()
        while True:
            try:
                data = self.src.recv(64 * 1024)
            except OSError:
                data = b""
            now = time.monotonic()
            free = max(free, now) + len(data) / self.rate  # when the link has carried it
            with self.cond:
                if not data:
                    self.ended = True
                else:
                    heapq.heappush(self.due, (free + self.delay, order, data))
                    order += 1
                self.cond.notify()
            if not data:
                return

    def _write(self) -> None:
        while True:
            with self.cond:
                self.cond.wait_for(lambda: self.due or self.ended)
                if not self.due:
                    with contextlib.suppress(OSError):
                        self.dst.shutdown(socket.SHUT_WR)
                    return
                when, _, data = heapq.heappop(self.due)
            time.sleep(max(0.0, when - time.monotonic()))
            try:
                self.dst.sendall(data)
            except OSError:
                return
