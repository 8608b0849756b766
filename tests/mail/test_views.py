"""Candidates decided and fetched for few bytes (mail.views), against a real Dovecot: a mail that
is mostly attachment is classified from its text parts alone, a structure the view does not
trust means the whole mail, and the FETCH reader agrees with imapclient."""

from __future__ import annotations

import random
import re
from pathlib import Path

from tests.corpus import sellermix
from tests.dovecot import Account
from tests.mailgen import forward, siv_mail
from watcher.mail import imap, reports, session, views
from watcher.mail.wire import Unreadable
from watcher.settings.config import Config, ScheduleConfig
from watcher.store.tables import Store


def first_sync(account: Account, tmp_path: Path) -> tuple[reports.FolderReport, Store]:
    config = Config(mailboxes=(account.mailbox(watch_junk=False),), schedule=ScheduleConfig(lookback_days=90))
    store = Store(f"sqlite:///{tmp_path}/v.db")
    report = imap.sync_mailbox(imap.SyncContext.of(config, config.mailboxes[0], store))
    return next(f for f in report.folders if f.folder == "INBOX"), store


def test_an_siv_mail_with_a_big_attachment_is_classified_from_its_text_parts_only(imap_account, tmp_path):
    raw = sellermix.with_attachment(siv_mail(3, "scan"), 1_200_000, 3)  # two paragraphs and a 1.2 MB scan
    html = sellermix.with_attachment(siv_mail(4, "scan"), 900_000, 4)  # multipart/alternative inside
    for mail in (raw, html):
        imap_account.append(mail)

    inbox, store = first_sync(imap_account, tmp_path)

    rows = {row.message_id: row for row in store.messages()}
    for n, mail in ((3, raw), (4, html)):
        row = rows[f"<siv-scan-{n}@amazon.com>"]
        assert row.kind == siv_kind(n) and row.size == len(mail)
    assert inbox.bodies_fetched == 2 and inbox.bytes_fetched < 40_000  # not the 2.1 MB of scans


def test_an_agent_forward_attaching_the_siv_mail_and_a_scan_is_read_without_the_scan(imap_account, tmp_path):
    """The forwarded message (message/rfc822) is read whole, the 1 MB scan beside it not at all."""
    raw = sellermix.with_attachment(forward(siv_mail(5, "scan"), 5, "attached"), 1_000_000, 5)
    imap_account.append(raw)

    inbox, store = first_sync(imap_account, tmp_path)

    [row] = store.messages()
    assert row.kind == siv_kind(5) and row.size == len(raw)
    assert inbox.bodies_fetched == 1 and inbox.bytes_fetched < 40_000


def siv_kind(n: int) -> str:
    """What the classifier calls siv_mail(n) fetched whole."""
    from watcher.core.classify import classify

    return classify(siv_mail(n, "scan"), tz="Asia/Shanghai", authserv_ids=()).kind.value


def test_a_multipart_whose_boundary_never_occurs_is_fetched_whole(imap_account, tmp_path):
    """Dovecot shows such a mail as one empty text part; the parser reads its body as plain text.
    Its header (Amazon sender, neutral subject) asks for a partial view; the view must not
    settle it on an empty part."""
    text = re.split(rb"\r\n\r\n", siv_mail(0, "nob"), maxsplit=1)[1]
    raw = (b"From: Amazon <seller-verification@amazon.com>\r\nSubject: Your Amazon.com Selling Account\r\n"
           b"Message-ID: <nob-1@amazon.com>\r\nMIME-Version: 1.0\r\n"
           b'Content-Type: multipart/mixed; boundary="zz"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
           + text + b"\r\n--b--\r\n")
    imap_account.append(raw)

    inbox, store = first_sync(imap_account, tmp_path)

    assert inbox.bodies_fetched == 1 and inbox.partials_fetched == 0
    [row] = store.messages()
    assert row.kind != "other"


def test_notices_and_partial_views_on_a_real_server_fetch_only_what_may_be_siv(imap_account, tmp_path):
    rng = random.Random(4)
    kinds = sellermix.AMAZON_NOTICE_KINDS * 3
    notices = [sellermix.amazon_notice(n, rng, kind) for n, kind in enumerate(kinds)]
    siv = [siv_mail(n, "pv") for n in range(15)] + [forward(siv_mail(30, "pv"), 30, "inline")]
    for raw in notices + siv:
        imap_account.append(raw)

    inbox, store = first_sync(imap_account, tmp_path)

    assert {r.message_id for r in store.messages() if r.kind != "other"} >= \
        {f"<siv-pv-{n}@amazon.com>" for n in range(15)}
    assert inbox.bodies_fetched <= len(siv) + 1 and inbox.partials_fetched >= 6
    assert inbox.bytes_fetched < sum(map(len, siv)) + sum(map(len, notices)) // 4


def test_the_fetch_reader_agrees_with_imapclient_on_structures_and_partial_views(imap_account):
    rng = random.Random(6)
    mails = [sellermix.amazon_notice(n, rng, kind) for n, kind in enumerate(sellermix.AMAZON_NOTICE_KINDS)]
    mails += [sellermix.with_attachment(siv_mail(1, "rd"), 300_000, 1),
              forward(siv_mail(2, "rd"), 2, "attached"),
              b'From: a@b.cn\r\nSubject: "odd" (name)\r\nContent-Type: multipart/mixed; boundary="q"\r\n\r\n'
              b'--q\r\nContent-Type: text/plain; name="a\\"b (c).txt"\r\n\r\nhi\r\n--q--\r\n']
    uids = [imap_account.append(raw) for raw in mails]
    client = session.connect(imap_account.mailbox())
    try:
        client.select_folder("INBOX", readonly=True)
        for items in (views.STRUCTURE_ITEMS, [b"BODY.PEEK[1]<0.300>", b"BODY.PEEK[2]<100.50>"],
                      [b"BODY.PEEK[HEADER]", b"BODY.PEEK[1.MIME]", b"BODY.PEEK[1]<0.1000>"]):
            fast = views.fetch_items(client, uids, items)
            slow = client.fetch(uids, items)
            assert sorted(fast) == uids
            for uid in uids:
                for key, value in slow[uid].items():
                    if key != b"SEQ":
                        assert views.item(fast[uid], key) == value, (uid, key)
        assert client.noop()[0]  # in step after both readers
    finally:
        session.close(client)


def test_an_unreadable_answer_is_asked_again_through_imapclient(imap_account, monkeypatch):
    uids = [imap_account.append(siv_mail(n, "again")) for n in range(3)]
    client = session.connect(imap_account.mailbox())
    try:
        client.select_folder("INBOX", readonly=True)
        expected = client.fetch(uids, views.STRUCTURE_ITEMS)

        def unreadable(*_args: object) -> None:
            raise Unreadable("test")

        monkeypatch.setattr(views, "fetch", unreadable)
        assert views.fetch_items(client, uids, views.STRUCTURE_ITEMS) == expected
    finally:
        session.close(client)
