"""The embedded IMAP server behind ``siv-watcher demo``, exercised with the real imapclient.

The demo is the README's first command, so these tests pin what it relies on: login, folders, delivery
that wakes an IDLE session, bodies that come back byte for byte, a clean stop, and what the server
does *not* offer (CONDSTORE, SPECIAL-USE), which the module docstring promises.
"""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from importlib.resources import files

import pytest
from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from watcher.demo.server import DemoServer

USER = "seller@example.com"
PASSWORD = "demo-password"


def demo_mails() -> dict[str, bytes]:
    root = files("watcher.samples.demo")
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(root.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".eml")
    }


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(USER, PASSWORD) as srv:
        yield srv


def connect(srv: DemoServer, login: bool = True) -> IMAPClient:
    client = IMAPClient(srv.host, port=srv.port, ssl=False, timeout=10)
    if login:
        client.login(USER, PASSWORD)
    return client


def wait_for_exists(client: IMAPClient, count: int, rounds: int = 10) -> list[tuple]:
    """Collect IDLE responses until an ``EXISTS`` reaches ``count``; bounded, no blind sleep."""
    seen: list[tuple] = []
    for _ in range(rounds):
        responses = client.idle_check(timeout=1)
        seen.extend(responses)
        if any(len(r) >= 2 and r[1] == b"EXISTS" and r[0] >= count for r in responses):
            return seen
    pytest.fail(f"no EXISTS {count} within {rounds} s of IDLE; got {seen!r}")


def test_login_folders_and_capabilities(server: DemoServer) -> None:
    client = connect(server)
    try:
        folders = {name: flags for flags, _delim, name in client.list_folders()}
        assert set(folders) == {"INBOX", "Junk"}
        caps = set(client.capabilities())
        assert b"IDLE" in caps
        # Documented limits the sync engine must live with: no CONDSTORE, no SPECIAL-USE \Junk.
        assert b"CONDSTORE" not in caps
        assert b"SPECIAL-USE" not in caps
        assert b"\\Junk" not in folders["Junk"]
        status = client.folder_status("Junk", [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"])
        assert status[b"UIDVALIDITY"] > 0 and status[b"MESSAGES"] == 0
    finally:
        client.logout()


def test_wrong_password_and_unknown_user_are_refused(server: DemoServer) -> None:
    for user, password in ((USER, "wrong"), ("nobody@example.com", PASSWORD)):
        client = connect(server, login=False)
        try:
            with pytest.raises(LoginError):
                client.login(user, password)
        finally:
            client.shutdown()


def test_append_wakes_idle_session_and_body_is_intact(server: DemoServer) -> None:
    raw = demo_mails()["03-video_call_invitation.eml"]
    when = datetime(2026, 11, 18, 3, 5, 12, tzinfo=UTC)
    idler = connect(server)
    reader = connect(server)
    try:
        idler.select_folder("INBOX", readonly=True)
        idler.idle()
        server.append("INBOX", raw, when=when)
        wait_for_exists(idler, 1)
        idler.idle_done()

        reader.select_folder("INBOX", readonly=True)
        (uid,) = reader.search(["UNSEEN"])
        fetched = reader.fetch([uid], [b"BODY.PEEK[]", b"INTERNALDATE", b"FLAGS"])[uid]
        assert fetched[b"BODY[]"] == raw
        assert b"\\Seen" not in fetched[b"FLAGS"]
        # imapclient hands INTERNALDATE back as a naive local time.
        assert abs(fetched[b"INTERNALDATE"].astimezone() - when) < timedelta(seconds=1)
        message = email.message_from_bytes(fetched[b"BODY[]"], policy=email.policy.default)
        assert message["Subject"] == "您的 Amazon.com 销售帐户：需要进行视频通话"
        assert "请预约视频通话" in message.get_body(("plain",)).get_content()
    finally:
        idler.logout()
        reader.logout()


def test_back_to_back_deliveries_each_wake_idle(server: DemoServer) -> None:
    """Regression: pymap's one-shot IDLE pulse lost a mail delivered right after the previous one."""
    idler = connect(server)
    try:
        idler.select_folder("INBOX", readonly=True)
        idler.idle()
        for count, raw in enumerate(demo_mails().values(), start=1):
            server.append("INBOX", raw)
            wait_for_exists(idler, count, rounds=3)
        idler.idle_done()
    finally:
        idler.logout()


def test_every_demo_mail_is_delivered_in_order_and_unchanged(server: DemoServer) -> None:
    mails = demo_mails()
    assert list(mails) == [
        "01-siv_failed.eml",
        "02-support_reply.eml",
        "03-video_call_invitation.eml",
        "04-video_call_confirmation.eml",
        "05-appeal_denied_restart.eml",
        "06-phishing.eml",
    ]
    for raw in mails.values():
        assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert not parsed.defects
        server.append("Junk" if raw is mails["06-phishing.eml"] else "INBOX", raw)
    client = connect(server)
    try:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        assert uids == sorted(uids) and len(uids) == 5
        bodies = client.fetch(uids, [b"BODY.PEEK[]"])
        assert [bodies[u][b"BODY[]"] for u in uids] == list(mails.values())[:5]
        client.select_folder("Junk", readonly=True)
        (junk_uid,) = client.search(["ALL"])
        assert client.fetch([junk_uid], [b"BODY.PEEK[]"])[junk_uid][b"BODY[]"] == mails["06-phishing.eml"]
    finally:
        client.logout()
    with pytest.raises(KeyError):
        server.append("Spam", b"Subject: x\r\n\r\nx\r\n")


def test_stop_disconnects_clients_and_leaves_no_thread() -> None:
    before = set(threading.enumerate())
    srv = DemoServer(USER, PASSWORD)
    srv.start()
    port = srv.port
    idler = connect(srv)
    idler.select_folder("INBOX")
    idler.idle()  # a client mid-IDLE must not keep the server alive
    srv.stop()
    srv.stop()  # idempotent
    assert set(threading.enumerate()) == before
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(RuntimeError):
        _ = srv.port
    idler.shutdown()
