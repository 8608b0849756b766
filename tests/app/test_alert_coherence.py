"""A batch of one seller's mails, in any order, on a real Dovecot: each alert speaks of its own mail.

Why: mails of one case often arrive together (a first run after downtime, a batch moved from
another folder); the case fold orders them by sent date, but each mail's alert must still carry
that mail's own facts (an invitation its link, a denial its re-register warning) and say so
when the case has already moved past it.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from tests.app.test_service import write_config
from watcher.app.cli import main
from watcher.core.alerts import texts

CORPUS = Path(__file__).parents[1] / "corpus" / "shared"
SELLER = "batch.seller2026@163.com"
# (file, day of November it was sent): the true order of the case
STORY = [
    ("siv_failed-en-plain.eml", 1),
    ("video_call_invitation-en-plain.eml", 2),
    ("video_call_confirmation-en-plain.eml", 3),
    ("appeal_denied_restart-en-plain-1.eml", 4),
    ("siv_approved-en-plain.eml", 5),
]
BOOKING = "https://amazonxten.qualtrics.com/jfe/form/SV_6Lq2ZtW8rPc0XvE"


def one_sellers_mail(name: str, day: int) -> bytes:
    """The corpus mail addressed to one seller, sent on `day`, with a Message-ID of its own."""
    raw = (CORPUS / name).read_bytes()
    raw = re.sub(rb"(?im)^To:[^\r\n]*", f"To: {SELLER}".encode(), raw, count=1)
    date = f"Date: Thu, {day:02d} Nov 2026 09:00:00 +0000".encode()
    raw = re.sub(rb"(?im)^Date:[^\r\n]*", date, raw, count=1)
    message_id = f"Message-ID: <batch-{day}@amazon.com>".encode()
    return re.sub(rb"(?im)^Message-ID:[^\r\n]*", message_id, raw, count=1)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_batch_in_any_order_gives_alerts_each_about_its_own_mail(tmp_path, imap_account, http_receiver,
                                                                   seed):
    http_receiver.start()
    config = write_config(tmp_path, imap_account, http_receiver)
    assert main(["--config", str(config), "run", "--once"]) == 0  # empty folder: now live
    order = STORY[:]
    random.Random(seed).shuffle(order)
    for name, day in order:
        imap_account.append(one_sellers_mail(name, day))
    assert main(["--config", str(config), "run", "--once"]) == 0

    t = texts("zh")
    alerts = {b["title"]: b["message"] for b in http_receiver.bodies()}
    assert len(alerts) == len(STORY), list(alerts)
    by_kind = {}
    for kind in ("siv_failed", "video_call_invitation", "video_call_confirmation", "appeal_denied_restart",
                 "siv_approved"):
        [(title, body)] = [(k, v) for k, v in alerts.items() if t["events"][kind]["headline"] in k]
        by_kind[kind] = body
    moved = t["common"]["moved_on"].split("{")[0]
    invitation = by_kind["video_call_invitation"]
    own = invitation.split(moved)[0]
    assert BOOKING in own and "A1QX7RZP0M4KDE" in own and "2026-11-16" in own  # Nov 2 + 14 days
    assert "恭喜" not in own
    denial = by_kind["appeal_denied_restart"]
    assert denial.startswith(t["common"]["restart_warning"])
    assert "2026-11-20" in by_kind["video_call_confirmation"].split(moved)[0]  # its appointment
    # Mail is handled in arrival order: a mail's alert says the case moved past it exactly when
    # a mail sent later had already arrived.
    kinds = [name.rsplit("-en-", 1)[0] for name, _ in order]
    for position, (name, day) in enumerate(order):
        later_known = any(other_day > day for _, other_day in order[:position])
        assert (moved in by_kind[kinds[position]]) is later_known, (name, order)
    assert "恭喜" in by_kind["siv_approved"]
