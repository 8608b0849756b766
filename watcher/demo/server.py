"""An in-process IMAP server for ``siv-watcher demo`` (and for tests).

Why it exists: the demo must show the real pipeline (login, sync, IDLE, classify, alert) on a fresh
machine with no mail account and no Docker. pymap's ``dict`` backend is a pure-Python, in-memory IMAP
server, so we run it on a private asyncio loop in a background thread, bound to 127.0.0.1 on a free
port, with one user and our own folders. Nothing touches the disk and :meth:`DemoServer.stop` joins the
thread, so the demo leaves nothing behind.

What pymap 0.36 (``dict`` backend) supports, as seen by an IMAP client -- the watcher must cope:

* **IDLE: yes.** Other sessions that IDLE on the folder get ``* n EXISTS`` when :meth:`DemoServer.append`
  delivers a mail (the backend wakes every session selected on that mailbox).
* **CONDSTORE: no.** Not advertised (no ``HIGHESTMODSEQ``/``MODSEQ``); the sync engine must fall back to
  UID-based sync, which the issue requires anyway.
* **SPECIAL-USE: no.** ``LIST`` returns only ``\\HasNoChildren``-style attributes, never ``\\Junk``; the
  junk folder has to be found by name (we call it ``Junk``).
* **UIDVALIDITY: yes.** Random per folder and per server instance (so a new demo run is a new mailbox to
  the sync engine); UIDs start at 101 and only grow.
* Also advertised after login: ``BINARY UIDPLUS MOVE CHILDREN APPENDLIMIT OBJECTID MULTIAPPEND``.
* Auth: TLS is disabled, so ``LOGIN`` and ``AUTHENTICATE PLAIN`` work in plaintext -- acceptable only
  because the socket is bound to loopback.

Pitfalls handled here (found by reading pymap's source):

* ``IMAPConfig`` by default starts a ``ThreadPoolExecutor`` for password hashing and hashes with 500 000
  PBKDF2 rounds; we hash on the loop with few rounds (an in-memory demo password needs no hardening)
  so no executor thread is ever created and a login is instant.
* The default greeting calls ``socket.getfqdn()``, which can hang for seconds on machines with broken
  DNS; we use a fixed greeting.
* pymap wakes IDLE with a one-shot pulse, so a mail delivered while a session was still writing the
  previous notification went unreported until the next delivery; see :class:`_MailboxData`.
* pymap writes a response in fragments, which breaks imapclient's ``idle_check`` ("unterminated
  line"); see :class:`_CoalescingWriter`.
* pymap's own ``IMAPService`` spawns connection tasks it never tracks; we accept connections ourselves
  and cancel them on :meth:`DemoServer.stop`, so connected clients get ``* BYE`` and the loop closes.

The IDLE fix subclasses pymap's dict mailbox and touches its private attributes; written against
pymap 0.36.7, so pin ``pymap>=0.36,<0.37`` -- tests/test_demo_server.py has a regression test for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
from argparse import Namespace
from asyncio import StreamReader, StreamWriter
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from uuid import uuid4

from proxyprotocol.noop import ProxyProtocolNoop
from proxyprotocol.sock import SocketInfo
from pymap.backend.dict import Config, Identity, Login
from pymap.backend.dict.filter import FilterSet
from pymap.backend.dict.mailbox import MailboxData, MailboxSet
from pymap.concurrent import Event, Subsystem
from pymap.imap import IMAPServer
from pymap.parsing.message import AppendMessage
from pymap.parsing.specials import ObjectId
from pymap.selected import SelectedMailbox
from pymap.user import Passwords, UserMetadata
from pysasl.hashing import BuiltinHash

__all__ = ["DemoServer"]

_log = logging.getLogger(__name__)

_HOST = "127.0.0.1"
_START_TIMEOUT = 10.0
_CALL_TIMEOUT = 10.0
_STOP_TIMEOUT = 10.0


class _DemoConfig(Config):
    """pymap's dict config with a fixed greeting (see the module docstring: no DNS lookup)."""

    @property
    def greeting(self) -> bytes:
        return b"siv-watcher demo IMAP server ready"


class _MailboxData(MailboxData):
    """pymap's in-memory mailbox, but IDLE never sleeps through a delivery.

    pymap wakes IDLE sessions with a one-shot pulse and re-arms the waiter only after it has written
    the previous notification. A delivery that lands in that gap (e.g. two mails a few ms apart) used
    to go unreported until the *next* delivery. Checking the mailbox's modification sequence before
    waiting makes the wake-up level-triggered: changes already pending are reported at once.
    """

    async def update_selected(
        self, selected: SelectedMailbox, *, wait_on: Event | None = None
    ) -> SelectedMailbox:
        seen = selected.mod_sequence
        if wait_on is not None and seen is not None and self._mod_sequences.highest > seen:
            wait_on = None
        # No await between the check above and the waiter being armed inside, so nothing can slip by.
        return await super().update_selected(selected, wait_on=wait_on)


class _MailboxSet(MailboxSet):
    """pymap's in-memory folder set, building :class:`_MailboxData` folders."""

    def __init__(self) -> None:
        super().__init__()
        self._inbox = _MailboxData(self._content_cache, self._thread_cache)

    async def add_mailbox(self, name: str) -> ObjectId:
        async with self._set_lock.write_lock():
            if name in self._set:
                raise ValueError(name)
            self._set[name] = mailbox = _MailboxData(self._content_cache, self._thread_cache)
            return mailbox.mailbox_id


class _CoalescingWriter:
    """A ``StreamWriter`` stand-in that sends each IMAP response in one ``send()``.

    pymap writes a response in many small pieces (``* 1 FETCH (`` then the rest). A client that reads
    untagged responses from a non-blocking socket -- imapclient's ``idle_check`` does -- then sees half
    a line and aborts with "unterminated line". pymap always calls ``drain()`` after a complete
    response, so buffering until ``drain()`` makes the demo server write whole lines like Dovecot does.
    """

    def __init__(self, writer: StreamWriter) -> None:
        self._writer = writer
        self._buffer = bytearray()

    def write(self, data: bytes) -> None:
        self._buffer += data

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write(bytes(self._buffer))
            self._buffer.clear()

    async def drain(self) -> None:
        self._flush()
        await self._writer.drain()

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def __getattr__(self, name: str) -> Any:
        # get_extra_info, is_closing, transport, ...: nothing buffered matters for those.
        return getattr(self._writer, name)


class DemoServer:
    """One user's in-memory mailbox served over IMAP on 127.0.0.1, in a background thread.

    The public methods are called from ordinary (non-async) code, such as the demo command or a test;
    they hand the work over to the server's own loop, because pymap's objects belong to that loop.
    """

    def __init__(
        self,
        username: str = "seller@example.com",
        password: str = "demo-password",
        folders: tuple[str, ...] = ("INBOX", "Junk"),
    ) -> None:
        self.username = username
        self.password = password
        # INBOX always exists in IMAP, so keep it whatever the caller passed.
        self.folders = ("INBOX", *(f for f in folders if f.upper() != "INBOX"))
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop_event: asyncio.Event | None = None
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._mailbox_set: _MailboxSet | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._port: int | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> None:
        """Start serving; return once the socket accepts connections, so callers can connect at once."""
        if self._thread is not None:
            raise RuntimeError("DemoServer already started")
        self._ready.clear()
        self._startup_error = None
        self._thread = threading.Thread(target=self._run, name="siv-demo-imap", daemon=True)
        self._thread.start()
        if not self._ready.wait(_START_TIMEOUT):
            self.stop()
            raise RuntimeError("demo IMAP server did not start in time")
        if self._startup_error is not None:
            error = self._startup_error
            self.stop()
            raise RuntimeError(f"demo IMAP server failed to start: {error}") from error

    def stop(self) -> None:
        """Disconnect every client, close the socket and join the thread; safe to call twice."""
        thread, loop, stop_event = self._thread, self._loop, self._stop_event
        if thread is None:
            return
        if loop is not None and stop_event is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed between the check and the call
                loop.call_soon_threadsafe(stop_event.set)
        thread.join(_STOP_TIMEOUT)
        if thread.is_alive():
            raise RuntimeError("demo IMAP server thread did not stop")
        self._thread = self._loop = self._stop_event = None
        self._mailbox_set = None
        self._port = None

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The TCP port on 127.0.0.1 (chosen by the OS, so parallel demos and tests never collide)."""
        if self._port is None:
            raise RuntimeError("DemoServer is not running")
        return self._port

    @property
    def host(self) -> str:
        """Always the loopback address: plaintext login is only acceptable there."""
        return _HOST

    # -- delivery ----------------------------------------------------------------------------------

    def append(self, folder: str, raw: bytes, when: datetime | None = None) -> None:
        """Deliver ``raw`` to ``folder`` as new, unseen mail, waking every session IDLE on that folder.

        ``when`` becomes the INTERNALDATE (a naive datetime is taken as local time); by default now.
        Raises ``KeyError`` for an unknown folder. Goes through the backend rather than an IMAP APPEND
        so that delivery does not show up as an extra client session, exactly like a real MTA.
        """
        loop = self._loop
        if loop is None or self._thread is None or self._mailbox_set is None:
            raise RuntimeError("DemoServer is not running")
        if when is None:
            when = datetime.now(UTC)
        elif when.tzinfo is None:
            when = when.astimezone()
        future = asyncio.run_coroutine_threadsafe(self._append(folder, bytes(raw), when), loop)
        future.result(_CALL_TIMEOUT)

    async def _append(self, folder: str, raw: bytes, when: datetime) -> None:
        assert self._mailbox_set is not None
        mailbox = await self._mailbox_set.get_mailbox(folder)
        # recent=True: what a real delivery does; it also sets the mailbox's "updated" event,
        # which is what wakes IDLE sessions.
        await mailbox.append(AppendMessage(raw, when, frozenset()), recent=True)

    # -- the server thread -------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            # asyncio.run also shuts down the loop's default executor, so no thread outlives us.
            asyncio.run(self._serve())
        except BaseException as exc:  # reported to start(); never lost silently
            _log.debug("demo IMAP server stopped with an error", exc_info=True)
            self._startup_error = exc
        finally:
            self._ready.set()

    def _make_config(self) -> _DemoConfig:
        args = Namespace(passlib_cfg=None, proxy_protocol=None, inherited_sockets=None)
        return _DemoConfig(
            args,
            host=_HOST,
            port=0,
            demo_data=False,
            demo_user=self.username,
            demo_password=self.password,
            tls_enabled=False,
            ssl_context=ssl.create_default_context(ssl.Purpose.CLIENT_AUTH),
            hash_context=BuiltinHash(rounds=1000),
            cpu_subsystem=Subsystem.for_asyncio(),
            proxy_protocol=ProxyProtocolNoop(),
            invalid_user_sleep=0.05,
        )

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        config = self._make_config()
        config.apply_context()
        login = Login(config)
        hashed = await Passwords(config).hash_password(self.password)
        await Identity(self.username, login, None, frozenset()).set(
            UserMetadata(config, self.username, password=hashed)
        )
        # Pre-seed the backend's per-user cache: pymap would otherwise create the mailboxes lazily at
        # first login, and we need them before any client connects (delivery, folder list).
        mailbox_set = _MailboxSet()
        for folder in self.folders[1:]:
            await mailbox_set.add_mailbox(folder)
        config.set_cache[self.username] = (mailbox_set, FilterSet())
        self._mailbox_set = mailbox_set

        imap_server = IMAPServer(login, config)

        async def on_connect(reader: StreamReader, writer: StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            self._connections.add(task)
            try:
                sock_info = SocketInfo.get(writer, None, unique_id=uuid4().bytes)
                await imap_server(reader, _CoalescingWriter(writer), sock_info)  # type: ignore[arg-type]
            except (ConnectionError, EOFError):
                pass
            except Exception:
                _log.warning("demo IMAP connection failed", exc_info=True)
            finally:
                self._connections.discard(task)

        server = await asyncio.start_server(on_connect, host=_HOST, port=0)
        try:
            self._port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await self._stop_event.wait()
        finally:
            server.close()
            for task in list(self._connections):
                task.cancel()
            if self._connections:
                await asyncio.gather(*self._connections, return_exceptions=True)
            await server.wait_closed()
