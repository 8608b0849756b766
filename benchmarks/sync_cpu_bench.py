"""The first sync's own CPU on the seller mix, replayed without the server: the header filter
(`core.candidates.triage` of every header), the partial views (`mail.views.decide` of every
chunk, FETCHes answered from a recording) and the FETCH readers (`mail.wire`: the header answers,
the BODYSTRUCTURE and partial-view answers).

Why a replay: on a machine shared with other work the phase timers of `imap_bench.py` move by
half from one invocation to the next; a replay of the same recorded input, run under callgrind,
counts instructions, which do not. Record once (builds the seller mix on a real Dovecot and syncs
it, ~1 min), then replay any build:

    python benchmarks/sync_cpu_bench.py record /tmp/seller.pkl
    python benchmarks/sync_cpu_bench.py replay /tmp/seller.pkl [--what triage,views,headers,fetch] [--reps 5]
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        python benchmarks/sync_cpu_bench.py replay /tmp/seller.pkl --what triage --reps 1   # minus --reps 0

`replay` prints the best of `--reps` passes in seconds; with `--reps 0` it only loads, which is
the baseline to subtract from a callgrind count. It measures the watcher next to it: for another
build, copy it into that build's benchmarks/ (a recording serves every build).
"""

from __future__ import annotations

import argparse
import gc
import io
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def record(out: Path) -> None:
    from benchmarks.imap_bench import build
    from tests.dovecot import PASSWORD, USER, Dovecot
    from watcher.mail import imap, views, wire
    from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
    from watcher.store.tables import Store

    with tempfile.TemporaryDirectory(prefix="sivw-cpu-") as tmp:
        os.chmod(tmp, 0o755)
        server = Dovecot(Path(tmp) / "dovecot", users=[(USER, PASSWORD)])
        build(server, 20_000, 200, mix="seller")
        server.start()
        try:
            chunks: list[dict[int, bytes]] = []
            answers: list[tuple[list[int], list[bytes], Any]] = []
            responses: list[tuple[list[bytes], list[bytes]]] = []
            headers, items, one = views.fetch_headers, views.fetch_items, wire._one_fetch

            def noted_headers(*args: Any) -> dict[int, bytes]:
                chunks.append(headers(*args))
                return chunks[-1]

            def noted_items(client: Any, uids: list[int], wanted: list[bytes]) -> Any:
                answers.append((list(uids), list(wanted), items(client, uids, wanted)))
                return answers[-1][2]

            def noted_response(texts: list[bytes], literals: list[bytes]) -> Any:
                responses.append((list(texts), list(literals)))
                return one(texts, literals)

            views.fetch_headers, views.fetch_items = noted_headers, noted_items
            wire._one_fetch = noted_response
            pwfile = Path(tmp) / "pw"
            pwfile.write_text(PASSWORD)
            box = MailboxConfig(name="cpu", host="127.0.0.1", port=server.port, security="plain",
                                username=USER, password_file=pwfile, timeout=120)
            config = Config(mailboxes=(box,), schedule=ScheduleConfig())
            imap.sync_mailbox(imap.SyncContext.of(config, box, Store(f"sqlite:///{tmp}/cpu.db")))
        finally:
            server.stop()
    bodies = (b"BODY.PEEK[]", b"BODY.PEEK[HEADER]")  # the classifier's FETCHes: not the views'
    views_only = [a for a in answers if not any(b in i for b in bodies for i in a[1])]
    out.write_bytes(pickle.dumps({"chunks": chunks, "answers": views_only, "responses": responses}))
    print(f"recorded {sum(map(len, chunks))} headers, {len(views_only)} view FETCHes, "
          f"{len(responses)} responses")


class _FakeIMAP:
    """What mail.wire reads of an imaplib connection, over a canned answer."""

    def __init__(self, answer: bytes) -> None:
        self.file = io.BufferedReader(io.BytesIO(answer))
        self.tagged_commands: dict[bytes, object] = {}

    def _new_tag(self) -> bytes:
        self.tagged_commands[b"A1"] = None
        return b"A1"

    def send(self, data: bytes) -> None:
        pass


def replay(path: Path, what: list[str], reps: int) -> None:
    from watcher.core.candidates import HEADER_FIELDS, triage
    from watcher.mail import views, wire
    from watcher.mail.reports import FolderReport

    rec = pickle.loads(path.read_bytes())
    chunks: list[dict[int, bytes]] = rec["chunks"]
    fields = " ".join(HEADER_FIELDS).encode()
    triage(b"From: a@amazon.com\r\nSubject: Sold, ship now: x\r\n")  # the vocabularies, built once a process
    fates = [{u: f for u, h in c.items() if (f := triage(h)) in ("whole", "partial", "structure")}
             for c in chunks]
    header_answers = [(list(c), _header_answer(c, fields)) for c in chunks]

    def run_views() -> None:
        answers = iter(rec["answers"])
        views.fetch_items = lambda _c, _u, _i: next(answers)[2]  # type: ignore[assignment]
        for chunk_fates, chunk in zip(fates, chunks, strict=True):
            views.decide(None, FolderReport("cpu"), chunk_fates, chunk)

    passes: dict[str, Callable[[], object]] = {
        "triage": lambda: [triage(h) for c in chunks for h in c.values()],
        "views": run_views,
        "headers": lambda: [wire.fetch_headers(_FakeIMAP(a), u, fields)  # type: ignore[arg-type]
                            for u, a in header_answers],
        "fetch": lambda: [wire._one_fetch(t, lit) for t, lit in rec["responses"]],
    }
    gc.collect()
    gc.freeze()  # the recording is large: collections would traverse it and time that instead
    for name in what:
        best = min((_timed(passes[name]) for _ in range(reps)), default=0.0)
        print(f"{name}: {best:.3f} s (best of {reps})")


def _header_answer(chunk: dict[int, bytes], fields: bytes) -> bytes:
    """A header FETCH's answer as Dovecot writes it."""
    line = b"* %d FETCH (UID %d BODY[HEADER.FIELDS (%s)] {%d}\r\n%s)\r\n"
    answers = (line % (n + 1, uid, fields, len(h), h) for n, (uid, h) in enumerate(chunk.items()))
    return b"".join(answers) + b"A1 OK Fetch completed.\r\n"


def _timed(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=["record", "replay"])
    ap.add_argument("file", type=Path)
    ap.add_argument("--what", default="triage,views,headers,fetch")
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    if args.mode == "record":
        record(args.file)
    else:
        replay(args.file, args.what.split(","), args.reps)


if __name__ == "__main__":
    main()
