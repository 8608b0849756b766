"""A logged-in IMAP connection to a seller's mailbox, and its polite end.

Why a module of its own (issue 10, round 5): a process that decides chunks for a first sync
(`mail.decider`) connects as the sync does, and must not import the store to do it; imap.py
imports the store. Everything here needs the mailbox's settings and imapclient only.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import LoginError

from watcher.settings import secrets
from watcher.settings.config import MailboxConfig


class LoginFailed(Exception):
    """The server refused our credentials. Retried slowly: fast retries can lock the account."""



def ssl_context(mailbox: MailboxConfig) -> ssl.SSLContext:
    """Verified against the system's CAs, plus `ca_file`'s for a private CA (added, not instead);
    `tls_verify = false` only by explicit choice. A `ca_file` gone since load is a ConfigError."""
    ctx = ssl.create_default_context()
    mailbox.add_ca_file(ctx)
    if not mailbox.tls_verify:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


def connect(mailbox: MailboxConfig) -> IMAPClient:
    """Connect and log in; sends IMAP ID (163/126 refuse SELECT without it) and enables CONDSTORE."""
    timeout = SocketTimeout(connect=min(mailbox.timeout, 30.0), read=mailbox.timeout)
    tls = mailbox.security == "tls"
    client = IMAPClient(mailbox.host, port=mailbox.port, ssl=tls,
                        ssl_context=ssl_context(mailbox) if tls else None, timeout=timeout)
    quiet(client)
    try:
        if mailbox.security == "starttls":
            client.starttls(ssl_context(mailbox))
        _login(client, mailbox)
        if client.has_capability("ID"):
            client.id_({"name": "siv-watcher", "version": "0.1", "vendor": "siv-watcher"})
        if client.has_capability("CONDSTORE") and client.has_capability("ENABLE"):
            client.enable("CONDSTORE")
        _keepalive(client.socket())
    except BaseException:
        close(client)
        raise
    return client


def quiet(client: IMAPClient) -> None:
    """imapclient sets imaplib's debug level to 5 and hands its output to a logger: imaplib then
    formats every line read or written (repr, the regular expressions it matched) before that
    logger drops it, a fifth of the CPU of an IDLE worker's folder check. Off unless the logger
    would print it."""
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        client._imap.debug = 0


def _login(client: IMAPClient, mailbox: MailboxConfig) -> None:
    """Password or OAuth2; the secret is revealed here only, and never appears in an error."""
    oauth = bool(mailbox.oauth2_token_command)
    secret = (mailbox.oauth2_token() if oauth else mailbox.password()).reveal()
    try:
        if oauth and mailbox.oauth2_mechanism == "OAUTHBEARER":
            client.oauthbearer_login(mailbox.username, secret)
        elif oauth:
            client.oauth2_login(mailbox.username, secret)
        elif secret.isascii():
            client.login(mailbox.username, secret)
        else:  # imaplib's LOGIN only takes ASCII; AUTHENTICATE PLAIN carries UTF-8
            client.plain_login(mailbox.username, secret)
    except LoginError as exc:
        text = secrets.scrub(str(exc), secret)
        if "socket error" in text or "EOF" in text:  # imapclient wraps a dropped link as LoginError too
            raise ConnectionError(f"mailbox {mailbox.name}: connection lost during login: {text}") from None
        raise LoginFailed(f"mailbox {mailbox.name}: login as {mailbox.username} at "
                          f"{mailbox.host}:{mailbox.port} refused: {text}") from None


def _keepalive(sock: socket.socket) -> None:
    """TCP keepalive finds a silently dead peer in ~90 s instead of at the next IDLE renewal."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    for name, value in (("TCP_KEEPIDLE", 60), ("TCP_KEEPINTVL", 10), ("TCP_KEEPCNT", 3)):
        if hasattr(socket, name):
            sock.setsockopt(socket.IPPROTO_TCP, getattr(socket, name), value)


def close(client: IMAPClient) -> None:
    """Log out politely if we can, drop the socket if we cannot: never raise while cleaning up."""
    try:
        client.logout()
    except Exception:
        with contextlib.suppress(Exception):
            client.shutdown()
