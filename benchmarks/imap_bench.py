"""IMAP sync benchmark: header-first engine vs. a naive fetch-and-parse-everything baseline.

Run: `python benchmarks/imap_bench.py [--mails 20000] [--siv 200] [--runs 3] [--mix plain,seller]
[--no-push]` from the repo root. Needs /usr/sbin/dovecot (dovecot-imapd). Prints a Markdown block
for BENCHMARKS.md: first sync on each mix, then (plain mix, unless --no-push) steady state, and push
latency (APPEND -> stored, and through the whole service APPEND -> alert
received by a json:// receiver on 127.0.0.1).

Why subprocesses: the figures include process start and imports, and each child's peak RSS is
read from its own rusage (os.wait4), so the two contenders are measured the same way. The
folder is written straight into the maildir (fast), and indexed once by Dovecot before timing,
so neither contender pays for Dovecot's first scan.

Two mixes: `plain` (the original: filler from non-Amazon senders plus the SIV mails) and `seller`
(issue 10: a quarter of the folder Amazon notices that are not SIV, in Amazon's shapes and sizes;
non-Amazon mail with verification words in the subject; forwards of ordinary mail; ~1% of the
folder with a large attachment; the SIV mails, forwards and phishing included).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.slowlink import SlowLink  # noqa: E402
from tests.corpus.sellermix import (  # noqa: E402
    amazon_notice,
    ordinary_forward,
    verification_word_mail,
    with_attachment,
)
from tests.dovecot import PASSWORD, USER, Dovecot  # noqa: E402
from tests.mailgen import filler, forward, siv_mail  # noqa: E402

FORWARDS = 8  # of the SIV mails, this many are agent forwards from a non-Amazon address
PUSH_USER = "push@example.com"  # an empty mailbox for the service run (APPEND -> alert received)

CHILD = Path(__file__).resolve().parent / "imap_child.py"  # one contender per fresh process
CHILD_ENV: dict[str, str] = {}  # --workers, --decider: handed to the engine child in its environment


def build(server: Dovecot, mails: int, siv: int, seed: int = 42, mix: str = "plain") -> tuple[int, set[str]]:
    """Write the folder straight into the maildir; returns (folder bytes, SIV Message-IDs)."""
    rng = random.Random(seed)
    now = time.time()
    siv_at = set(rng.sample(range(mails), siv))
    forwards = set(rng.sample(sorted(siv_at), FORWARDS))
    ids: set[str] = set()
    gen = _mails if mix == "plain" else _seller_mails
    server.write_maildir(gen(mails, rng, now, siv_at, forwards, ids))  # streamed, never all in memory
    total = sum(p.stat().st_size for p in (server.maildir() / "cur").iterdir())
    return total, ids


def _mails(mails: int, rng: random.Random, now: float, siv_at: set[int], forwards: set[int],
           ids: set[str]) -> Iterator[tuple[bytes, float]]:
    for n in range(mails):
        when = now - rng.uniform(0, 80) * 86400
        raw = _siv(n, siv_at, forwards, ids)
        if raw is None:
            size = int(min(50_000, max(5_000, rng.lognormvariate(9.3, 0.6))))  # median ~11 KB
            raw = filler(n, rng, size=size, when=datetime.fromtimestamp(when, UTC))
        yield raw, when


def _siv(n: int, siv_at: set[int], forwards: set[int], ids: set[str]) -> bytes | None:
    """The n-th mail if it is an SIV mail or an agent's forward of one (both mixes), noting its Message-ID."""
    if n in forwards:
        ids.add(f"<fwd-{n}@shenzhen-ops.cn>")
        return forward(siv_mail(n, "bench"), n, "attached" if n % 2 else "inline")
    if n in siv_at:
        ids.add(f"<siv-bench-{n}@amazon.com>")
        return siv_mail(n, "bench")
    return None


SELLER_SHARES = {"amazon": 0.25, "verify": 0.0071, "forward": 0.008, "attachment": 0.01}


def _seller_mails(mails: int, rng: random.Random, now: float, siv_at: set[int], forwards: set[int],
                  ids: set[str]) -> Iterator[tuple[bytes, float]]:
    """The seller mix: the same SIV mails and forwards as the plain mix (same positions), and
    around them a quarter Amazon notices, verification-word mail, ordinary forwards, filler; ~1%
    of all mails (two SIV mails among them) carry a 0.3-1.5 MB attachment."""
    rest = [n for n in range(mails) if n not in siv_at]
    rng.shuffle(rest)
    counts = {k: round(mails * share) for k, share in SELLER_SHARES.items()}
    amazon = set(rest[:counts["amazon"]])
    verify = set(rest[counts["amazon"]:counts["amazon"] + counts["verify"]])
    cut = counts["amazon"] + counts["verify"]
    ordinary = set(rest[cut:cut + counts["forward"]])
    attach = set(rng.sample(range(mails), counts["attachment"])) | set(sorted(siv_at)[:2])
    for n in range(mails):
        when = now - rng.uniform(0, 80) * 86400
        day = datetime.fromtimestamp(when, UTC)
        raw = _siv(n, siv_at, forwards, ids)
        if raw is not None:
            pass
        elif n in amazon:
            raw = amazon_notice(n, rng, when=day)
        elif n in verify:
            raw = verification_word_mail(n, rng, when=day)
        elif n in ordinary:
            raw = ordinary_forward(n, rng, when=day)
        else:
            size = int(min(50_000, max(5_000, rng.lognormvariate(9.3, 0.6))))
            raw = filler(n, rng, size=size, when=day)
        if n in attach:
            raw = with_attachment(raw, rng.randint(300_000, 1_500_000), n)
        yield raw, when


def run_child(mode: str, server: Dovecot, pwfile: Path, db: str, port: int | None = None) -> dict:
    """One contender in a fresh process; `port`: where it connects (a SlowLink), else Dovecot."""
    logouts = len(server.logouts())
    t0 = time.monotonic()
    env = {**os.environ, "PYTHONPATH": str(ROOT), **CHILD_ENV}
    proc = subprocess.Popen([sys.executable, str(CHILD), mode, str(port or server.port), str(pwfile), db],
                            stdout=subprocess.PIPE, cwd=ROOT, env=env)
    out = proc.stdout.read()  # type: ignore[union-attr]
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - t0
    assert status == 0, f"{mode} child failed"
    result = json.loads(out)
    time.sleep(0.05)  # Dovecot writes the logout line right after the session ends
    wire = server.logouts()[logouts:]
    result.update(seconds=seconds, ru_maxrss_mb=usage.ru_maxrss / 1024, wire_out=sum(o for _, o in wire))
    return result


def steady_state(server: Dovecot, pwfile: Path, db: str) -> dict:
    """One poll of the already-synced mailbox: count IMAP commands and bytes on the wire."""
    import imaplib

    from watcher.mail import imap
    from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
    from watcher.store.tables import Store

    box = MailboxConfig(name="bench", host="127.0.0.1", port=server.port, security="plain", username=USER,
                        password_file=pwfile)
    from imapclient import IMAPClient

    commands: list[str] = []
    original, raw = imaplib.IMAP4._command, IMAPClient._raw_command

    def counting(self: imaplib.IMAP4, name: str, *args: object) -> object:
        commands.append(name)
        return original(self, name, *args)

    def counting_raw(self: IMAPClient, command: bytes, *args: object, **kw: object) -> object:
        commands.append(command.decode())  # imapclient sends ENABLE, FETCH, SEARCH... past imaplib
        return raw(self, command, *args, **kw)

    imaplib.IMAP4._command = counting  # type: ignore[method-assign]
    IMAPClient._raw_command = counting_raw  # type: ignore[method-assign]
    logouts = len(server.logouts())
    try:
        config = Config(mailboxes=(box,), schedule=ScheduleConfig())
        report = imap.sync_mailbox(imap.SyncContext.of(config, box, Store(db)))
    finally:
        imaplib.IMAP4._command = original  # type: ignore[method-assign]
        IMAPClient._raw_command = raw  # type: ignore[method-assign]
    time.sleep(0.05)
    wire = server.logouts()[logouts:]
    return {"commands": commands, "bodies": report.total("bodies_fetched"),
            "in": sum(i for i, _ in wire), "out": sum(o for _, o in wire)}


def push_latency(server: Dovecot, pwfile: Path, db: str, count: int = 20) -> list[float]:
    from watcher.mail.push import IdleWorker
    from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
    from watcher.store.tables import Store

    box = MailboxConfig(name="bench", host="127.0.0.1", port=server.port, security="plain", username=USER,
                        password_file=pwfile, watch_junk=False)
    stored = threading.Event()
    from watcher.mail.imap import SyncContext

    ctx = SyncContext.of(Config(mailboxes=(box,), schedule=ScheduleConfig()), box, Store(db))
    worker = IdleWorker(ctx, "INBOX", on_new_mail=lambda report: stored.set()).start()
    admin = server.admin()
    latencies = []
    try:
        assert worker.connected.wait(60)
        for n in range(count):
            stored.clear()
            assert worker.connected.wait(10)
            t0 = time.monotonic()
            server.append(siv_mail(100_000 + n, "push"), client=admin)
            assert stored.wait(10), "no push within 10 s"
            latencies.append(time.monotonic() - t0)
            time.sleep(0.1)
    finally:
        worker.stop()
        admin.logout()
    return latencies


class AlertReceiver:
    """The json:// end of the pipeline: an http.server on 127.0.0.1 noting when each POST arrived."""

    def __init__(self) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.arrivals: list[tuple[float, dict]] = []
        self.cond = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                with receiver.cond:
                    receiver.arrivals.append((time.monotonic(), body))
                    receiver.cond.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait(self, count: int, timeout: float) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.arrivals) >= count, timeout)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def alert_latency(server: Dovecot, pwfile: Path, tmp: str,
                  count: int = 20) -> tuple[list[float], list[float]]:
    """APPEND -> stored and APPEND -> alert received, through the real service: config parsed like
    a TOML file's, `Service(config).start()` (poll, first sync of an empty mailbox, then IDLE),
    Apprise json://. `stored` is when the IDLE worker hands the service what it stored."""
    from watcher.app.service import Service
    from watcher.settings.config import parse

    receiver = AlertReceiver()
    config = parse({
        "language": "en",
        "database": {"url": "sqlite:///alerts.db"},
        "mailboxes": [{"name": "push", "host": "127.0.0.1", "port": server.port, "security": "plain",
                       "username": PUSH_USER, "password_file": str(pwfile), "watch_junk": False}],
        "notify": {"urls": [f"json://127.0.0.1:{receiver.port}/hook"]},
        "schedule": {"poll_seconds": 60, "idle": True},
    }, base_dir=Path(tmp))
    service = Service(config)
    stored_at: list[float] = []
    deliver = service._stored

    def stored(report: object) -> None:
        stored_at.append(time.monotonic())
        deliver(report)  # type: ignore[arg-type]

    service._stored = stored  # type: ignore[method-assign]  # the IDLE workers take it at start
    service.start()
    admin = server.admin(PUSH_USER)
    latencies, to_store = [], []
    try:
        deadline = time.monotonic() + 60
        while not service.workers.get("push") and time.monotonic() < deadline:
            time.sleep(0.01)
        [worker] = service.workers["push"]
        for n in range(count):
            assert worker.connected.wait(10), "IDLE worker not connected"
            t0 = time.monotonic()
            server.append(siv_mail(200_000 + n, "alert"), client=admin)
            assert receiver.wait(n + 1, 10), f"alert {n + 1} not received within 10 s"
            latencies.append(receiver.arrivals[n][0] - t0)
            to_store.append(stored_at[n] - t0)
            time.sleep(0.1)
        time.sleep(0.3)
        assert len(receiver.arrivals) == count, f"{len(receiver.arrivals)} alerts for {count} mails"
    finally:
        admin.logout()
        service.stop()
        receiver.close()
    return to_store, latencies


def machine(server: Dovecot) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return (f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, Dovecot {server.version}, "
            f"{platform.system()} {platform.release()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mails", type=int, default=20_000)
    ap.add_argument("--siv", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mix", default="plain,seller", help="comma-separated: plain, seller")
    ap.add_argument("--no-push", action="store_true",
                    help="first sync only: no steady state, no push latency")
    ap.add_argument("--engine-only", action="store_true",
                    help="while developing: no naive runs (no speed-up), phases and bytes only")
    ap.add_argument("--link", default=None, metavar="MBPS,RTT_MS",
                    help="the contenders connect through benchmarks/slowlink.py: e.g. 4,40 = 4 MB/s each "
                         "way, 40 ms round trip (a distant server; with --engine-only, or wait)")
    ap.add_argument("--workers", type=int, default=None,
                    help="the engine's threads deciding chunks ahead (mail.prefetch.WORKERS; 0: none)")
    ap.add_argument("--decider", choices=["0", "1", "ab"], default="1",
                    help="the engine decides chunks in another process (mail.decider; 0: threads only, "
                         "ab: alternate both, engine only, and print their medians)")
    args = ap.parse_args()
    if args.decider == "0":
        CHILD_ENV["SIV_BENCH_DECIDER"] = "0"
    if args.workers is not None:
        CHILD_ENV["SIV_BENCH_WORKERS"] = str(args.workers)
    for mix in args.mix.split(","):
        bench_mix(args, mix.strip())


def bench_mix(args: argparse.Namespace, mix: str) -> None:
    with tempfile.TemporaryDirectory(prefix="sivw-bench-") as tmp:
        os.chmod(tmp, 0o755)  # Dovecot's own users must reach the mail below it
        server = Dovecot(Path(tmp) / "dovecot", users=[(USER, PASSWORD), (PUSH_USER, PASSWORD)])
        t0 = time.monotonic()
        folder_bytes, siv_ids = build(server, args.mails, args.siv, mix=mix)
        server.start()
        try:
            warm = server.admin()
            warm.select_folder("INBOX", readonly=True)  # Dovecot indexes the maildir once, before timing
            warm.logout()
            took = time.monotonic() - t0
            print(f"{mix}: built {args.mails} mails ({folder_bytes / 1e6:.0f} MB) in {took:.1f} s",
                  file=sys.stderr)
            pwfile = Path(tmp) / "pw"
            pwfile.write_text(PASSWORD)
            engine, naive = first_syncs(args, mix, server, pwfile, tmp)
            if naive:
                first_sync_report(args, mix, server, folder_bytes, siv_ids, engine, naive)
            phase_report(mix, folder_bytes, siv_ids, engine)
            if mix != "plain" or args.no_push:
                return
            db = f"sqlite:///{tmp}/engine0.db"
            steady = steady_state(server, pwfile, db)
            latencies = push_latency(server, pwfile, db)
            service_stored, alerted = alert_latency(server, pwfile, tmp)
            push_report(args, steady, latencies, service_stored, alerted)
        finally:
            server.stop()  # also when a run fails: no Dovecot left behind


def first_syncs(args: argparse.Namespace, mix: str, server: Dovecot, pwfile: Path,
                tmp: str) -> tuple[list[dict], list[dict]]:
    """The engine's and the naive runs, alternating; through a SlowLink with --link."""
    engine: list[dict] = []
    naive: list[dict] = []
    link = contextlib.nullcontext() if args.link is None else SlowLink(
        server.port, *(float(x) for x in args.link.split(",")))
    with link as relay:
        port = relay.port if relay is not None else None
        if args.decider == "ab":
            return decider_ab(args, server, pwfile, tmp, port)
        for run in range(args.runs):
            engine.append(run_child("engine", server, pwfile, f"sqlite:///{tmp}/engine{run}.db", port))
            if not args.engine_only:
                naive.append(run_child("naive", server, pwfile, f"sqlite:///{tmp}/naive{run}.db", port))
            print(f"{mix} run {run}: engine {engine[-1]['seconds']:.2f} s, {engine[-1]['wire_out']} bytes"
                  + (f", naive {naive[-1]['seconds']:.2f} s" if naive else ""), file=sys.stderr)
    return engine, naive


def decider_ab(args: argparse.Namespace, server: Dovecot, pwfile: Path, tmp: str,
               port: int | None) -> tuple[list[dict], list[dict]]:
    """Engine runs alternating: chunks decided in another process (mail.decider) / on threads,
    which goes first alternating too (the first run meets Dovecot's caches cold)."""
    runs: dict[str, list[dict]] = {"process": [], "threads": []}
    for run in range(args.runs):
        for name, flag in (("process", "1"), ("threads", "0"))[::1 if run % 2 == 0 else -1]:
            CHILD_ENV["SIV_BENCH_DECIDER"] = flag
            runs[name].append(run_child("engine", server, pwfile, f"sqlite:///{tmp}/{name}{run}.db", port))
            r = runs[name][-1]
            print(f"run {run} {name}: {r['seconds']:.2f} s, {r['wire_out']} bytes, "
                  f"{len(r['found'])} found, RSS {r['rss_mb']:.0f} + {r.get('helpers_rss_mb', 0):.0f} MB",
                  file=sys.stderr)
    CHILD_ENV.pop("SIV_BENCH_DECIDER")
    med = statistics.median
    for name, done in runs.items():
        phase = {k: med(r["phase_seconds"].get(k, 0) for r in done) for k in
                 ("start (imports, store, classifier)", "waiting for the chunk decided ahead")}
        print(f"{name}: wall {med(r['seconds'] for r in done):.2f} s, start / waiting "
              f"{' / '.join(f'{v:.2f}' for v in phase.values())} s, "
              f"bytes {med(r['wire_out'] for r in done) / 1e6:.2f} MB, "
              f"RSS {med(r['rss_mb'] for r in done):.0f}"
              f" + {med(r.get('helpers_rss_mb', 0) for r in done):.0f} MB")
    return runs["process"], []


def first_sync_report(args: argparse.Namespace, mix: str, server: Dovecot, folder_bytes: int,
                      siv_ids: set[str], engine: list[dict], naive: list[dict]) -> None:
    med = statistics.median
    e_sec, n_sec = med(r["seconds"] for r in engine), med(r["seconds"] for r in naive)
    e_rss, n_rss = med(r["rss_mb"] for r in engine), med(r["rss_mb"] for r in naive)
    found = min(len(siv_ids & set(r["found"])) for r in engine)  # the worst run
    fetched = min(len(siv_ids & set(r["fetched"])) for r in engine)
    missed = sorted(siv_ids - set.intersection(*(set(r["found"]) for r in engine)))
    runs = ", ".join(f"{e['seconds']:.2f}/{n['seconds']:.2f}" for e, n in zip(engine, naive, strict=True))
    what = ("the plain mix: filler from non-Amazon senders" if mix == "plain" else
            "the seller mix: " + ", ".join(f"{share:.2%} {k}" for k, share in SELLER_SHARES.items())
            + " (Amazon notices, verification words, ordinary forwards, large attachments), the rest filler")
    e = engine[-1]
    print(f"""
### First sync, {mix} mix
Machine: {machine(server)}
Folder: {args.mails} mails, {folder_bytes / 1e6:.0f} MB, {what}; {args.siv} SIV mails ({FORWARDS} of them
agent forwards from a non-Amazon address, half inline, half attached); medians of {args.runs} runs,
each a fresh process and a fresh database. Engine/naive seconds per run: {runs}
(the first engine run meets Dovecot's header cache cold).

| first sync | header-first engine | naive (fetch + mailparser every mail) |
|---|---|---|
| wall time, process start included | {e_sec:.2f} s | {n_sec:.2f} s |
| speed-up | **{n_sec / e_sec:.1f}x** | 1x |
| bytes sent by Dovecot | {med(r['wire_out'] for r in engine) / 1e6:.2f} MB \
({med(r['wire_out'] for r in engine) / folder_bytes:.2%} of the folder) | \
{med(r['wire_out'] for r in naive) / 1e6:.0f} MB ({med(r['wire_out'] for r in naive) / folder_bytes:.0%}) |
| peak RSS of the process (VmHWM) | {e_rss:.0f} MB | {n_rss:.0f} MB |
| same, with its helper processes (decider, fork server, resource tracker), peaks added | \
{med(r["rss_mb"] + r.get("helpers_rss_mb", 0) for r in engine):.0f} MB | {n_rss:.0f} MB |
| bodies fetched | {e['bodies']} of {args.mails}{_partial(e)} | {args.mails} |
| messages stored (of them `other`) | {len(e['fetched'])} ({len(e['fetched']) - len(e['found'])}) | n/a |
| recall: SIV mails fetched and stored / present (worst run) | **{fetched}/{len(siv_ids)}** | all fetched |
| recall: classified as an SIV kind / present (worst run) | {found}/{len(siv_ids)} | n/a (no classifier) |
{f"{chr(10)}Missed: {', '.join(missed)}{chr(10)}" if missed else ""}""")


def phase_report(mix: str, folder_bytes: int, siv_ids: set[str], engine: list[dict]) -> None:
    """Where the engine's time and bytes go, phase by phase: median seconds over the runs, bytes
    received by the client (what the socket returned: literals and protocol text)."""
    med = statistics.median
    names = sorted({k for r in engine for k in r["phase_seconds"]},
                   key=lambda k: -med(r["phase_seconds"].get(k, 0) for r in engine))
    def cell(key: str, k: str) -> float:
        return med(r[key].get(k, 0) for r in engine)

    rows = "\n".join(f"| {k} | {cell('phase_seconds', k):.3f} | {cell('phase_bytes', k) / 1e6:.2f} | "
                     f"{engine[-1]['phase_calls'].get(k, '')} |" for k in names)
    e = engine[-1]
    found = min(len(siv_ids & set(r["found"])) for r in engine)
    wire = med(r["wire_out"] for r in engine)
    print(f"""
Engine phases, {mix} mix (median of {len(engine)} runs; wall {med(r['seconds'] for r in engine):.2f} s,
Dovecot out= {wire / 1e6:.2f} MB = {wire / folder_bytes:.2%} of {folder_bytes / 1e6:.0f} MB,
peak RSS {med(r['rss_mb'] for r in engine):.0f} MB (its helper processes: \
{med(r.get('helpers_rss_mb', 0) for r in engine):.0f} MB more), SIV found {found}/{len(siv_ids)};
last run: {e['bodies']} whole, {e['partials']} partial views, {e['notices']} notices settled by headers)

| phase | seconds | MB received | calls (last run) |
|---|---:|---:|---:|
{rows}
""")


def _partial(run: dict) -> str:
    return f" (+ {run['partials']} partial views)" if run.get("partials") else ""


def push_report(args: argparse.Namespace, steady: dict, latencies: list[float], service_stored: list[float],
                alerted: list[float]) -> None:
    med = statistics.median

    def p50_p90(values: list[float]) -> str:
        p90 = statistics.quantiles(values, n=10)[8]
        return f"median {med(values) * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms"

    print(f"""
Steady state (a poll that finds nothing, folder of {args.mails}): {len(steady['commands'])} IMAP commands
({' '.join(steady['commands'])}), {steady['bodies']} bodies, {steady['in']} bytes sent / {steady['out']} bytes
received by the client.

Push latency over IDLE, {len(latencies)} mails each (Dovecot's own IDLE notification floor is 500 ms):
- an IdleWorker on the {args.mails}-mail INBOX, APPEND -> classified and stored: {p50_p90(latencies)}
- the whole service (`Service(config).start()`, config from `parse()`, Apprise json:// to an
  http.server on 127.0.0.1) on an empty mailbox: APPEND -> stored {p50_p90(service_stored)};
  APPEND -> alert received {p50_p90(alerted)}
""")


if __name__ == "__main__":
    main()
