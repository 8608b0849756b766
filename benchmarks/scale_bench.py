"""Scale benchmark: one `siv-watcher run` watching N mailboxes (INBOX + Junk each) on a real Dovecot.

Run: `python benchmarks/scale_bench.py N [--pushes 20] [--idle-window 60] [--source DIR]` from the
repo root (needs /usr/sbin/dovecot from dovecot-imapd). Prints one Markdown table row for BENCHMARKS.md
("Scale") and the details behind it.

What is measured, all on the real CLI (`python -m watcher --config … run` as a subprocess, a generated
config with N mailboxes, SQLite, Apprise json:// to an http.server on 127.0.0.1 in this process):
- start to all IDLE: from spawning the process until every mailbox has logged "IDLE on" (its first
  poll is done and its workers are started) and the process holds 2N established connections to
  Dovecot (every worker connected; pollers close theirs before "IDLE on"). The workers' catch-up sync
  of an empty folder is one EXAMINE, so IDLE follows within milliseconds.
- push p50: APPEND of an SIV mail (by a separate, already logged-in client) to the alert arriving at
  the receiver, `--pushes` mailboxes spread over the N, one at a time.
- idle CPU: the process's utime + stime over `--idle-window` seconds with no mail (the window should
  cover a folder check of every folder, every 95-100 s by default: 200 s covers two), as % of one core.
  For where that CPU goes, thread by thread, see idle_probe.py.
- threads and fds: /proc/<pid>/status and /proc/<pid>/fd during the idle window; peak RSS: VmHWM.
- missed-job warnings: APScheduler's "Run time of job … was missed" lines in the process's log.

The Dovecot is configured for many sessions, as README "Hundreds of IDLE sessions" tells a self-hosted
server to be: imap processes serve many connections each (`service_count = 0`, `client_limit`), so the
few processes need few inotify instances; without that, Dovecot starts one process per connection,
each with its own inotify instance, and beyond `fs.inotify.max_user_instances` (128 by default) IDLE
degrades to Dovecot's 30 s `mailbox_idle_check_interval`. As root the benchmark also raises
`fs.inotify.max_user_instances` to at least INOTIFY_INSTANCES (it never lowers it) and says so.

`--source DIR`: run the watcher from another checkout (e.g. `git archive main` unpacked) against the
same server set-up: that is how the "before" rows were taken.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.imap_bench import AlertReceiver, machine  # noqa: E402
from tests.dovecot import Dovecot  # noqa: E402
from tests.mailgen import siv_mail  # noqa: E402

PASSWORD = "scale-bench-pw-31"
FLOOR_USER = "floor@example.com"
INOTIFY_INSTANCES = 1024
INOTIFY_PATH = Path("/proc/sys/fs/inotify/max_user_instances")


class ScaleDovecot(Dovecot):
    """tests.dovecot's server plus the settings for many concurrent IMAP sessions."""

    CLIENT_LIMIT = 250  # connections per imap process: N = 500 (1,000 IDLE sessions) takes ~4 processes

    def _many_sessions(self, reuse: str) -> str:
        return f"""
service imap {{
  {reuse}
  client_limit = {self.CLIENT_LIMIT}
  process_limit = 64
  vsz_limit = 1G
}}
"""

    def _config_23(self) -> str:
        return super()._config_23() + self._many_sessions("service_count = 0")

    def _config_24(self) -> str:
        return super()._config_24() + self._many_sessions("restart_request_count = unlimited")


def raise_inotify() -> str:
    """As root, raise the per-user inotify instance limit (never lower it); say what it is now."""
    try:
        current = int(INOTIFY_PATH.read_text())
    except OSError:
        return "fs.inotify.max_user_instances unreadable"
    if current >= INOTIFY_INSTANCES:
        return f"fs.inotify.max_user_instances = {current} (left as it was)"
    try:
        INOTIFY_PATH.write_text(str(INOTIFY_INSTANCES))
    except OSError as exc:
        return f"fs.inotify.max_user_instances = {current} (could not raise: {exc.strerror})"
    return f"fs.inotify.max_user_instances raised {current} -> {INOTIFY_INSTANCES}"


def user(i: int) -> str:
    return f"seller{i:04d}@example.com"


def write_config(tmp: Path, server: Dovecot, n: int, receiver_port: int) -> Path:
    pwfile = tmp / "pw"
    pwfile.write_text(PASSWORD, encoding="utf-8")
    boxes = "".join(f"""
[[mailboxes]]
name = "s{i:04d}"
host = "{server.host}"
port = {server.port}
security = "plain"
username = "{user(i)}"
password_file = "{pwfile}"
timeout = 30
""" for i in range(n))
    path = tmp / "config.toml"
    path.write_text(f"""language = "en"
[database]
url = "sqlite:///{tmp}/state.db"
[notify]
urls = ["json://127.0.0.1:{receiver_port}/hook"]
{boxes}""", encoding="utf-8")
    return path


# -- /proc ----------------------------------------------------------------------------------------


def status(pid: int) -> dict[str, str]:
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        out[key] = value.strip()
    return out


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def fds(pid: int) -> list[str]:
    links = []
    for name in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(OSError):  # closed meanwhile
            links.append(os.readlink(f"/proc/{pid}/fd/{name}"))
    return links


def connections_to(pid: int, port: int) -> int:
    """Established TCP connections of `pid` whose remote end is `port`."""
    inodes = {link[8:-1] for link in fds(pid) if link.startswith("socket:[")}
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if cols[3] == "01" and int(cols[2].rsplit(":", 1)[1], 16) == port and cols[9] in inodes:
                count += 1
    return count


# -- the run --------------------------------------------------------------------------------------


def wait_all_idle(proc: subprocess.Popen[bytes], log: Path, n: int, port: int,
                  timeout: float) -> tuple[float | None, str]:
    """(seconds to all IDLE or None on timeout, how far it got)."""
    t0 = time.monotonic()
    seen = 0
    offset = 0
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the watcher exited with {proc.returncode}: {log.read_text()[-3000:]}")
        with log.open("rb") as f:
            f.seek(offset)
            chunk = f.read()
        cut = chunk.rfind(b"\n") + 1
        offset += cut
        seen += chunk[:cut].count(b": IDLE on ")
        if seen >= n and connections_to(proc.pid, port) >= 2 * n:
            return time.monotonic() - t0, f"(watcher CPU meanwhile {cpu_seconds(proc.pid):.1f} s)"
        time.sleep(0.1)
    return None, f"{seen}/{n} mailboxes IDLE"


def dovecot_floor(server: Dovecot, count: int) -> list[float]:
    """Dovecot's own IDLE notification delay under the same load: APPEND -> untagged EXISTS at a bare
    IMAPClient in IDLE (FLOOR_USER, not watched). The watcher's push is judged against this."""
    watcher, admin = server.admin(FLOOR_USER), server.admin(FLOOR_USER)
    delays = []
    try:
        watcher.select_folder("INBOX", readonly=True)
        for k in range(count):
            watcher.idle()
            t0 = time.monotonic()
            server.append(siv_mail(400_000 + k, "floor"), client=admin)
            while not any(len(r) >= 2 and r[1] == b"EXISTS" for r in watcher.idle_check(timeout=10)):
                if time.monotonic() - t0 > 40:
                    raise RuntimeError("Dovecot sent no EXISTS within 40 s")
            delays.append(time.monotonic() - t0)
            watcher.idle_done()
            time.sleep(0.2)
    finally:
        watcher.logout()
        admin.logout()
    return delays


def pushes(server: Dovecot, receiver: AlertReceiver, n: int, count: int) -> list[float]:
    """APPEND -> alert received, for `count` mailboxes spread over the N, one at a time."""
    latencies = []
    targets = sorted({round(k * (n - 1) / max(1, count - 1)) for k in range(count)})
    for k, i in enumerate(targets):
        admin = server.admin(user(i))  # logged in before the clock starts
        try:
            before = len(receiver.arrivals)
            t0 = time.monotonic()
            server.append(siv_mail(300_000 + k, f"scale{i}"), client=admin)
            if not receiver.wait(before + 1, 45):
                raise RuntimeError(f"no alert within 45 s for mailbox s{i:04d}")
            latencies.append(receiver.arrivals[before][0] - t0)
        finally:
            admin.logout()
        time.sleep(0.2)
    return latencies


def run(args: argparse.Namespace) -> dict[str, object]:
    n = args.n
    inotify = raise_inotify() if os.geteuid() == 0 else "not root: fs.inotify.max_user_instances untouched"
    with tempfile.TemporaryDirectory(prefix="sivw-scale-") as tmpdir:
        tmp = Path(tmpdir)
        os.chmod(tmp, 0o755)
        users = [(user(i), PASSWORD) for i in range(n)] + [(FLOOR_USER, PASSWORD)]
        server = ScaleDovecot(tmp / "dovecot", users=users).start()
        receiver = AlertReceiver()
        log = tmp / "watcher.log"
        proc: subprocess.Popen[bytes] | None = None
        try:
            config = write_config(tmp, server, n, receiver.port)
            source = Path(args.source).resolve()
            with log.open("wb") as out:
                env = {**os.environ, "PYTHONPATH": str(source), "PYTHONUNBUFFERED": "1"}
                proc = subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(config), "run"],
                                        stdout=subprocess.DEVNULL, stderr=out, cwd=source, env=env)
            all_idle, progress = wait_all_idle(proc, log, n, server.port, args.timeout)
            print(f"N={n}: all IDLE after {all_idle} s {progress}", file=sys.stderr)
            start_cpu = progress
            if all_idle is None:  # what it reached: no pushes, no idle window
                threads, nfds = int(status(proc.pid)["Threads"]), len(fds(proc.pid))
                rss = int(status(proc.pid)["VmHWM"].split()[0]) / 1024
                proc.send_signal(signal.SIGTERM)
                proc.wait(60)
                return {"n": n, "all_idle": f"> {args.timeout:.0f} s ({progress})", "rss_mib": rss,
                        "threads": threads, "fds": nfds, "push": "-", "idle_cpu": "-",
                        "missed": log.read_text(errors="replace").count("was missed by"),
                        "details": f"timed out; {inotify}", "machine": machine(server)}
            time.sleep(3)
            floor = dovecot_floor(server, min(args.pushes, 10))
            latencies = pushes(server, receiver, n, min(args.pushes, n))
            print(f"N={n}: push p50 {statistics.median(latencies) * 1000:.0f} ms, Dovecot floor p50 "
                  f"{statistics.median(floor) * 1000:.0f} ms", file=sys.stderr)
            time.sleep(3)
            c0, w0 = cpu_seconds(proc.pid), time.monotonic()
            time.sleep(args.idle_window / 2)
            threads, nfds = int(status(proc.pid)["Threads"]), len(fds(proc.pid))
            time.sleep(args.idle_window / 2)
            idle_cpu = (cpu_seconds(proc.pid) - c0) / (time.monotonic() - w0) * 100
            rss = int(status(proc.pid)["VmHWM"].split()[0]) / 1024
            imap_processes = server_processes(server)
            t_stop = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            code = proc.wait(60)
            stop_s = time.monotonic() - t_stop
            text = log.read_text(errors="replace")
            p50, fl50 = statistics.median(latencies) * 1000, statistics.median(floor) * 1000
            return {
                "n": n, "all_idle": f"{all_idle:.1f} s", "rss_mib": rss, "threads": threads, "fds": nfds,
                "push": f"{p50:.0f} ms ({p50 - fl50:+.0f})", "idle_cpu": f"{idle_cpu:.1f}%",
                "missed": text.count("was missed by"), "machine": machine(server),
                "details": (f"{inotify}; start-up {start_cpu}; Dovecot imap processes: {imap_processes}; "
                            f"{len(latencies)} pushes, max {max(latencies) * 1000:.0f} ms; Dovecot's own "
                            f"APPEND -> EXISTS p50 {fl50:.0f} ms ({len(floor)} mails); idle window "
                            f"{args.idle_window:.0f} s; log: {text.count(' ERROR ')} ERROR lines, "
                            f"{text.count('connection lost')} 'connection lost'; SIGTERM to exit "
                            f"{stop_s:.1f} s, exit code {code}; load average at the end "
                            f"{os.getloadavg()[0]:.1f}"),
            }
        finally:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
            receiver.close()
            server.stop()


def server_processes(server: Dovecot) -> int:
    """Dovecot imap processes serving the sessions (its process group; counted before the watcher stops)."""
    assert server.proc is not None
    count = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            ours = os.getpgid(int(pid)) == server.proc.pid
            if ours and Path(f"/proc/{pid}/comm").read_text().strip() == "imap":
                count += 1
        except OSError:
            continue
    return count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("n", type=int, help="mailboxes (= Dovecot users), INBOX + Junk each")
    ap.add_argument("--pushes", type=int, default=20, help="APPEND -> alert measurements")
    ap.add_argument("--idle-window", type=float, default=60.0, help="seconds of idle CPU measurement")
    ap.add_argument("--timeout", type=float, default=1200.0, help="give up waiting for all IDLE after this")
    ap.add_argument("--source", default=str(ROOT), help="source tree to run the watcher from")
    args = ap.parse_args()
    r = run(args)
    print(f"""
Machine: {r['machine']}. Watcher source: {args.source}.
{r['details']}.

| N | start to all IDLE | peak RSS | threads | fds | push p50 (vs Dovecot) | idle CPU | missed-job warnings |
|---|---|---|---|---|---|---|---|
| {r['n']} | {r['all_idle']} | {r['rss_mib']:.0f} MiB | {r['threads']} | {r['fds']} | {r['push']} | \
{r['idle_cpu']} | {r['missed']} |
""")


if __name__ == "__main__":
    main()
