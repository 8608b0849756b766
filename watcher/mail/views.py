"""A chunk's candidates decided for as few bytes as it takes, then fetched for the classifier.

Why (issue 10): a seller's mailbox is a quarter Amazon notices, and a few SIV mails carry a
1 MB scan. After the header filter (`core.candidates.triage`), one FETCH of RFC822.SIZE and
BODYSTRUCTURE per chunk tells, for each candidate left: whether a mixed mail holds an attached
message; which text parts a partial view reads (`core.partial_view.View`, window by window, one
FETCH per round and shape of reads); and for a mail to classify that is mostly attachment, that
its header and text parts are enough (`text_only_message`: what the classifier reads of it,
without the 1 MB). A structure not understood, a view that cannot tell, an answer missing: the
whole mail, as before.

Order matters: bodies are handed over in ascending UID order, because recording a mail moves the
folder's watermark to its UID.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from imapclient import IMAPClient

from watcher.core.candidates import HEADER_FIELDS, Vocabulary, structure_is_candidate, triage
from watcher.core.partial_view import TextPart, View, reading_parts, text_only_message, text_parts
from watcher.mail.reports import FolderReport
from watcher.mail.wire import Unreadable, fetch, fetch_headers

log = logging.getLogger(__name__)

STRUCTURE_ITEMS = [b"RFC822.SIZE", b"BODYSTRUCTURE"]
TEXT_ONLY_ABOVE = 128 * 1024  # a mail to classify this big, its text parts under half of it: text only
BODY_BATCH_BYTES = 8 * 1024 * 1024  # fetch bodies in groups up to this many bytes
BODY_BATCH_MAILS = 50
HEADER_FIELD_LIST = " ".join(HEADER_FIELDS).encode()
HEADER_ITEM = b"BODY.PEEK[HEADER.FIELDS (%s)]" % HEADER_FIELD_LIST


@dataclass(frozen=True)
class Plan:
    """How a mail is fetched for the classifier: whole (`parts` None), or its header and these
    text parts only. `size` is RFC822.SIZE (0 when the server did not say)."""

    uid: int
    size: int
    parts: tuple[TextPart, ...] | None = None


Decided = tuple[list[Plan], FolderReport]  # a chunk's plans, and the counts of deciding them


def decide_chunk(client: IMAPClient, uids: list[int], extra: Vocabulary | None) -> Decided:
    """A chunk's headers, then each mail's fate for as few bytes as it takes (core.candidates.triage,
    then `decide`): skipped, a notice settled by headers, or a candidate to fetch whole or in part.
    Counts go to a report of their own, which the sync adds up: this runs on mail.prefetch's
    threads and in mail.decider's process too."""
    counts = FolderReport("")
    headers = read_headers(client, uids)  # a UID missing was expunged between SEARCH and FETCH
    counts.commands, counts.headers_fetched = 1, len(headers)
    fates: dict[int, str] = {}
    for uid, header in headers.items():
        counts.bytes_fetched += len(header)
        fate = triage(header, extra)
        if fate in ("whole", "partial", "structure"):
            fates[uid] = fate
        elif fate == "notice":
            counts.notices += 1
    return decide(client, counts, fates, headers, extra), counts


def read_headers(client: IMAPClient, uids: list[int]) -> dict[int, bytes]:
    """UID -> header bytes, read straight off the socket (mail.wire: imaplib and imapclient
    would spend ~0.8 s of a 20,000-mail first sync parsing); an answer that reader does not
    understand, or a UID missing from it, is asked again through imapclient. So is every chunk
    when imaplib or imapclient lacks a private part the reader leans on (AttributeError, raised
    before anything is sent): slower, but the same headers. No RFC822.SIZE: only candidates
    need it (mail.views asks), and on 20,000 mails it is 0.4 MB of answer."""
    try:
        return fetch_headers(client._imap, uids, HEADER_FIELD_LIST)
    except Unreadable:
        pass
    except AttributeError as exc:
        _slow_headers(str(exc))
    fetched = client.fetch(uids, [HEADER_ITEM])
    return {u: item(d, b"BODY[HEADER") or b"" for u, d in fetched.items()}


@functools.cache
def _slow_headers(reason: str) -> None:
    """Said once per reason and process, not once per chunk."""
    log.warning("header FETCH falls back to imapclient's parser (slower): %s", reason)


def item(data: dict[bytes, Any], key: bytes) -> Any:
    """A FETCH item by name, whatever case the server (or imapclient) gave it; then by prefix:
    servers echo BODY[HEADER.FIELDS (...)] / BODY[]<0> variously."""
    want = key.upper()
    found = [v for k, v in data.items() if isinstance(k, bytes) and k.upper() == want]
    if found:
        return found[0]
    return next((v for k, v in data.items() if isinstance(k, bytes) and k.upper().startswith(want)), None)


def fetch_items(client: IMAPClient, uids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
    """UID -> items, read off the socket (mail.wire), or by imapclient when that reader cannot."""
    try:
        return fetch(client._imap, uids, items)
    except (Unreadable, AttributeError):
        return client.fetch(uids, items)  # type: ignore[no-any-return]


def decide(client: IMAPClient, rep: FolderReport, fates: dict[int, str],
           headers: dict[int, bytes], extra: Vocabulary | None = None) -> list[Plan]:
    """What to fetch for the classifier, for the candidates of a chunk (fate by UID: "whole",
    "partial", "structure"), in ascending UID order."""
    asked = sorted(fates)
    if not asked:
        return []
    info = fetch_items(client, asked, STRUCTURE_ITEMS)
    rep.commands += 1
    plans: list[Plan] = []
    views: dict[int, tuple[View, int, object]] = {}
    for uid in asked:
        data = info.get(uid)
        structure = item(data, b"BODYSTRUCTURE") if data else None
        size = item(data, b"RFC822.SIZE") if data else 0
        size = size if isinstance(size, int) else 0
        if fates[uid] == "structure":  # not a candidate, unless it carries an attached message
            if structure_is_candidate(structure):
                plans.append(_plan(uid, size, structure))
            continue
        if data is None:
            plans.append(Plan(uid, 0))  # unanswered: be safe
            continue
        parts = text_parts(structure)
        if fates[uid] == "partial" and parts:
            views[uid] = (View.of(headers[uid], parts, extra), size, structure)
            rep.partials_fetched += 1
        else:
            plans.append(_plan(uid, size, structure))
    for uid, (view, size, structure) in _run(client, rep, views).items():
        if view.outcome == "whole":
            plans.append(_plan(uid, size, structure))
    return sorted(plans, key=lambda plan: plan.uid)


def _plan(uid: int, size: int, structure: object) -> Plan:
    """Whole, unless the mail is big, a multipart, and what the classifier reads of it (text
    parts, attached messages) is under half of it: then its header and those parts."""
    multipart = isinstance(structure, (tuple, list)) and bool(structure) and isinstance(structure[0], list)
    parts = reading_parts(structure) if multipart and size > TEXT_ONLY_ABOVE else None
    if parts and 2 * sum(p.size for p in parts) < size:
        return Plan(uid, size, parts)
    return Plan(uid, size)


def _run(client: IMAPClient, rep: FolderReport,
         views: dict[int, tuple[View, int, object]]) -> dict[int, tuple[View, int, object]]:
    """Run the views to their outcome: each round, one FETCH per shape of the reads they ask."""
    pending = dict(views)
    while pending:
        rounds: dict[tuple[tuple[str, int, int], ...], list[int]] = {}
        reads_of = {}
        for uid, (view, _size, _structure) in pending.items():
            reads = view.next_reads()
            if reads:
                reads_of[uid] = reads
                rounds.setdefault(tuple((p.section, off, n) for p, off, n in reads), []).append(uid)
        pending = {uid: v for uid, v in pending.items() if uid in reads_of}
        for shape, group in rounds.items():
            items = [b"BODY.PEEK[%s]<%d.%d>" % (section.encode(), off, n) for section, off, n in shape]
            answers = fetch_items(client, group, items)
            rep.commands += 1
            for uid in group:
                view, data = pending[uid][0], answers.get(uid)
                for part, off, n in reads_of[uid]:
                    chunk = item(data, b"BODY[%s]<%d>" % (part.section.encode(), off)) if data else None
                    if not isinstance(chunk, bytes):
                        view.outcome = "whole"  # unanswered or unreadable: be safe
                        break
                    rep.bytes_fetched += len(chunk)
                    view.feed(part, chunk, n)
    return views


def bodies(client: IMAPClient, rep: FolderReport, plans: list[Plan], cap: int,
           check_stop: Callable[[], None]) -> Iterator[tuple[int, bytes, int]]:
    """(uid, raw, size) for the classifier, ascending UIDs: whole mails (oversized ones as a
    `<0.cap>` prefix), or header + text parts rebuilt into a message."""
    for batch in _batches(plans, cap):
        check_stop()
        got: dict[int, bytes] = {}
        whole = [p.uid for p in batch if p.parts is None and p.size <= cap]
        big = [p.uid for p in batch if p.parts is None and p.size > cap]
        for uids, wanted in ((whole, b"BODY.PEEK[]"), (big, b"BODY.PEEK[]<0.%d>" % cap)):
            if uids:
                for uid, data in fetch_items(client, uids, [wanted]).items():
                    got[uid] = item(data, b"BODY[]") or b""
                rep.commands += 1
        text_only = [p for p in batch if p.parts is not None]
        got.update(_text_only(client, rep, text_only, cap))
        again = [p.uid for p in text_only if p.uid not in got]  # an answer not as expected: whole
        if again:
            for uid, data in fetch_items(client, again, [b"BODY.PEEK[]<0.%d>" % cap]).items():
                got[uid] = item(data, b"BODY[]") or b""
            rep.commands += 1
        for plan in batch:
            if plan.uid in got:
                raw = got.pop(plan.uid)
                rep.bodies_fetched += 1
                rep.bytes_fetched += len(raw)
                yield plan.uid, raw, plan.size


def _text_only(client: IMAPClient, rep: FolderReport, plans: list[Plan], cap: int) -> dict[int, bytes]:
    """Header and text parts of these mails, rebuilt (one FETCH per shape of text parts)."""
    shapes: dict[tuple[str, ...], list[Plan]] = {}
    for plan in plans:
        shapes.setdefault(tuple(p.section for p in plan.parts or ()), []).append(plan)
    out: dict[int, bytes] = {}
    for sections, group in shapes.items():
        items = [b"BODY.PEEK[HEADER]"]
        for section in (s.encode() for s in sections):
            items += [b"BODY.PEEK[%s.MIME]" % section, b"BODY.PEEK[%s]<0.%d>" % (section, cap)]
        answers = fetch_items(client, [p.uid for p in group], items)
        rep.commands += 1
        for uid, data in answers.items():
            header = item(data, b"BODY[HEADER]")
            texts = [(item(data, b"BODY[%s.MIME]" % s.encode()), item(data, b"BODY[%s]<0>" % s.encode()))
                     for s in sections]
            if isinstance(header, bytes) and all(isinstance(x, bytes) for pair in texts for x in pair):
                out[uid] = text_only_message(header, texts)
    return out


def _batches(plans: list[Plan], cap: int) -> Iterator[list[Plan]]:
    """Consecutive plans in groups of at most BODY_BATCH_BYTES: bounded memory, few round trips."""
    batch: list[Plan] = []
    total = 0
    for plan in plans:
        size = min(plan.size, cap) if plan.parts is None else sum(p.size for p in plan.parts)
        if batch and (total + size > BODY_BATCH_BYTES or len(batch) >= BODY_BATCH_MAILS):
            yield batch
            batch, total = [], 0
        batch.append(plan)
        total += size
    if batch:
        yield batch
