"""Store-phase benchmark: recording a mailbox's mail the way a sync does, without IMAP or classifying.

Run: `python benchmarks/store_bench.py [--runs 5] [--copies 1] [--modes bare,history,live]` from
the repo root (`PYTHONPATH=<another tree>` in front times that tree's store, for a before/after).
Every .eml of tests/corpus is classified once (not timed), then recorded through
`watcher.mail.recording` (what `imap._sync_chunk` calls) into a fresh SQLite database, in three
modes:

- `bare`: no case callback, a folder's first sync (what benchmarks/imap_bench.py's engine does);
- `history`: the service's callback (`ingest.on_record`), a folder's first sync, then the first-sync
  summary (`ingest.summarize_first_sync`, timed apart: it is what makes history mail alert);
- `live`: the service's callback on a folder that finished its first sync (one alert per mail).

Why its own benchmark: the IMAP benchmark times the store phase among nine others at ~1 min a
run; this one isolates it in seconds and also times the case logic, which the IMAP benchmark's
engine does not run. Prints the median seconds per mode and per mail, wall and CPU (the
process's own: on a shared machine the steadier of the two; the store writes without fsync in
WAL mode, so CPU is nearly all of its time on a quiet machine).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# after PYTHONPATH's entries: `PYTHONPATH=<another tree>` times that tree's watcher on this corpus
sys.path.insert(1 + len([p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]), str(ROOT))

from watcher.core.classify import classify  # noqa: E402
from watcher.mail import recording  # noqa: E402
from watcher.mail.imap import SyncContext  # noqa: E402
from watcher.mail.reports import FolderReport  # noqa: E402
from watcher.settings.config import Config, MailboxConfig, ScheduleConfig  # noqa: E402
from watcher.store import ingest  # noqa: E402
from watcher.store.tables import Store  # noqa: E402

MODES = ("bare", "history", "live")


def corpus(copies: int) -> list[tuple[bytes, Any]]:
    """(raw, classification) for every corpus mail, `copies` times (each copy its own Message-IDs)."""
    files = sorted((ROOT / "tests" / "corpus").rglob("*.eml"))
    once = [(p.read_bytes(), classify(p.read_bytes(), tz="Asia/Shanghai", authserv_ids=())) for p in files]
    out = []
    for k in range(copies):
        for raw, c in once:
            mid = f"<copy{k}.{c.message_id.strip('<>')}>" if c.message_id else None
            out.append((raw + b"\n" * k, replace(c, message_id=mid)))
    return out


def run(mode: str, mails: list[tuple[bytes, Any]], tmp: Path, n: int) -> tuple[float, float, float]:
    """Seconds to record every mail (wall and CPU), and to summarise the first sync (history only)."""
    box = MailboxConfig(name="bench", host="127.0.0.1", username="seller@example.com",
                        password_env="SIV_BENCH_UNUSED")
    config = Config(mailboxes=(box,), schedule=ScheduleConfig())
    store = Store(f"sqlite:///{tmp}/{mode}-{n}.db")
    known = {hashlib.sha256(raw).digest(): c for raw, c in mails}

    def lookup(raw: bytes, *, tz: str | None, authserv_ids: Any) -> Any:
        return known[hashlib.sha256(raw).digest()]

    on_record = None if mode == "bare" else ingest.on_record(config)
    ctx = SyncContext(box, store, config.schedule, on_record=on_record, classify=lookup)
    if mode == "live":
        store.mark_folder_synced("bench", "INBOX")
    rep = FolderReport("INBOX", uidvalidity=1, history=mode != "live", first_sync=mode != "live")
    t0, c0 = time.perf_counter(), time.process_time()
    others = recording.Others(ctx, rep, "INBOX")
    for uid, (raw, _c) in enumerate(mails, 1):
        recording.record_mail(ctx, rep, "INBOX", uid, raw, len(raw), others)
    others.flush()
    store.advance("bench", "INBOX", 1, len(mails))
    recorded, cpu = time.perf_counter() - t0, time.process_time() - c0
    summary = 0.0
    if mode == "history":
        t1 = time.perf_counter()
        ingest.summarize_first_sync(store, config, "bench", folders=["INBOX"])
        summary = time.perf_counter() - t1
    store.close()
    return recorded, cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--modes", default=",".join(MODES))
    args = parser.parse_args()
    mails = corpus(args.copies)
    modes = args.modes.split(",")
    times: dict[str, list[tuple[float, float, float]]] = {m: [] for m in modes}
    with tempfile.TemporaryDirectory() as tmp:
        run("bare", mails[:20], Path(tmp), -1)  # warm-up: imports, SQLAlchemy's compiled caches
        for n in range(args.runs):
            for mode in modes:
                times[mode].append(run(mode, mails, Path(tmp), n))
    siv = sum(c.kind.value != "other" for _raw, c in mails)
    print(f"{len(mails)} mails ({siv} SIV), median of {args.runs} runs:")
    print("| mode | record s (wall) | record s (CPU) | per mail ms (CPU) | summary s (wall) |")
    print("|---|---:|---:|---:|---:|")
    for mode in modes:
        rec, cpu, summ = (statistics.median(t[i] for t in times[mode]) for i in range(3))
        print(f"| {mode} | {rec:.3f} | {cpu:.3f} | {cpu / len(mails) * 1000:.2f} | {summ:.3f} |")


if __name__ == "__main__":
    main()
