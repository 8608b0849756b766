"""Where a quiet watcher's CPU goes: one in-process Service watching N mailboxes on a real Dovecot.

Run: `python benchmarks/idle_probe.py N [--window 120] [--folder-check S] [--poll S]` from the repo
root. The same server set-up as scale_bench.py (its ScaleDovecot), but the Service runs in this
process so every thread can be told by name: /proc/self/task/<native_id>/stat gives each thread's
utime + stime over the window, summed by kind (IDLE workers, scheduler, pool, courier, ...). It also
counts, over the window, the folder checks (`imap.sync_folder` calls by IDLE workers) with their own
thread CPU, the unsolicited server lines read in IDLE (Dovecot's "* OK Still here"), and the poll
jobs the scheduler ran. Prints the breakdown; not a BENCHMARKS.md table (scale_bench.py is that).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale_bench import PASSWORD, ScaleDovecot, user  # noqa: E402
from watcher.app.service import Service  # noqa: E402
from watcher.mail import imap, push  # noqa: E402
from watcher.settings.config import parse  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def thread_cpu() -> dict[int, tuple[float, float]]:
    """native thread id -> (utime, stime) seconds, for every thread of this process."""
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(tid)] = (int(fields[11]) / TICK, int(fields[12]) / TICK)
    return out


def kind(name: str) -> str:
    for prefix in ("idle-", "ThreadPoolExecutor", "APScheduler", "courier", "MainThread"):
        if name.startswith(prefix):
            return prefix.rstrip("-")
    return name


class Counts:
    """What happened during the window, counted by wrapping the functions that do it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.on = False
        self.n: Counter[str] = Counter()
        self.cpu: Counter[str] = Counter()

    def add(self, what: str, cpu: float = 0.0) -> None:
        if self.on:
            with self.lock:
                self.n[what] += 1
                self.cpu[what] += cpu


def instrument(counts: Counts) -> None:
    sync_folder, idle_check, poll = imap.sync_folder, push.IMAPClient.idle_check, Service._poll
    status = push.IMAPClient.folder_status

    def counted_sync(*args, **kw):  # type: ignore[no-untyped-def]
        t0 = time.thread_time()
        try:
            return sync_folder(*args, **kw)
        finally:
            if threading.current_thread().name.startswith("idle-"):
                counts.add("folder check (sync_folder in a worker)", time.thread_time() - t0)

    def counted_idle_check(self, timeout=None):  # type: ignore[no-untyped-def]
        answers = idle_check(self, timeout)
        for r in answers:
            counts.add("IDLE line " + " ".join(str(x)[:12] for x in r[:2]))
        return answers

    def counted_poll(self, mailbox):  # type: ignore[no-untyped-def]
        counts.add("poll job")
        return poll(self, mailbox)

    def counted_status(self, folder, what=None):  # type: ignore[no-untyped-def]
        t0 = time.thread_time()
        try:
            return status(self, folder, what)
        finally:
            counts.add("sibling STATUS", time.thread_time() - t0)

    def timed(name: str, method):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kw):  # type: ignore[no-untyped-def]
            t0 = time.thread_time()
            try:
                return method(*args, **kw)
            finally:
                counts.add(name, time.thread_time() - t0)
        return wrapper

    push.IMAPClient.idle = timed("IMAPClient.idle (enter IDLE)", push.IMAPClient.idle)  # type: ignore[method-assign]
    push.IMAPClient.idle_done = timed("IMAPClient.idle_done (DONE)",  # type: ignore[method-assign]
                                      push.IMAPClient.idle_done)
    push.IdleWorker._wait = timed("IdleWorker._wait (whole, poll included)",  # type: ignore[method-assign]
                                  push.IdleWorker._wait)
    imap.sync_folder = counted_sync  # type: ignore[assignment]
    push.IMAPClient.folder_status = counted_status  # type: ignore[method-assign]
    push.IMAPClient.idle_check = counted_idle_check  # type: ignore[method-assign]
    Service._poll = counted_poll  # type: ignore[method-assign]


def config_for(tmp: Path, server: ScaleDovecot, n: int, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    (tmp / "pw").write_text(PASSWORD, encoding="utf-8")
    schedule = {"poll_seconds": args.poll}
    if args.folder_check:
        schedule["folder_check_seconds"] = args.folder_check
    return parse({"database": {"url": f"sqlite:///{tmp}/state.db"}, "language": "en",
                  "schedule": schedule,
                  "mailboxes": [{"name": f"s{i:04d}", "host": server.host, "port": server.port,
                                 "security": "plain", "username": user(i), "password_file": str(tmp / "pw"),
                                 "timeout": 30} for i in range(n)]}, base_dir=tmp)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int)
    ap.add_argument("--window", type=float, default=120.0)
    ap.add_argument("--folder-check", type=int, default=0, help="folder_check_seconds (default: the default)")
    ap.add_argument("--poll", type=int, default=60, help="poll_seconds")
    ap.add_argument("--settle", type=float, default=10.0, help="seconds after all IDLE before the window")
    args = ap.parse_args()
    counts = Counts()
    instrument(counts)
    with tempfile.TemporaryDirectory(prefix="sivw-probe-") as tmpdir:
        tmp = Path(tmpdir)
        os.chmod(tmp, 0o755)
        server = ScaleDovecot(tmp / "dovecot", users=[(user(i), PASSWORD) for i in range(args.n)]).start()
        service = Service(config_for(tmp, server, args.n, args))
        try:
            t0 = time.monotonic()
            service.start()
            while sum(w.connected.is_set() for ws in list(service.workers.values()) for w in ws) < 2 * args.n:
                time.sleep(0.2)
            print(f"all {2 * args.n} workers in IDLE after {time.monotonic() - t0:.1f} s", file=sys.stderr)
            time.sleep(args.settle)
            names = {t.native_id: t.name for t in threading.enumerate()}
            before, w0 = thread_cpu(), time.monotonic()
            counts.on = True
            time.sleep(args.window)
            counts.on = False
            after, wall = thread_cpu(), time.monotonic() - w0
            names.update({t.native_id: t.name for t in threading.enumerate()})
        finally:
            service.stop(10)
            server.stop()
    by_kind: Counter[str] = Counter()
    system: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    for tid, (user_s, sys_s) in after.items():
        k = kind(names.get(tid, "(unnamed)"))
        user0, sys0 = before.get(tid, (0.0, 0.0))
        by_kind[k] += user_s - user0 + sys_s - sys0
        system[k] += sys_s - sys0
        threads[k] += 1
    total = sum(by_kind.values())
    print(f"N = {args.n}, window {wall:.0f} s, load {os.getloadavg()[0]:.2f}: "
          f"{total:.2f} s CPU = {total / wall * 100:.2f}% of a core")
    for k, cpu in by_kind.most_common():
        print(f"  {k:<22} {threads[k]:>5} threads  {cpu:7.2f} s  {cpu / wall * 100:5.2f}%  "
              f"(system {system[k]:.2f} s)")
    for what, n in sorted(counts.n.items()):
        extra = f", {counts.cpu[what] / n * 1000:.2f} ms thread CPU each" if counts.cpu[what] else ""
        print(f"  {what}: {n} ({n / wall:.2f}/s{extra})")


if __name__ == "__main__":
    main()
