"""Real local receivers for Apprise: an HTTP endpoint for json:// and an SMTP server for mailto://.

Why real servers: the outbox's promises (exactly once, retry only what failed, Chinese text
intact) are about what actually arrives over the wire, which a mocked Apprise cannot show.
The HTTP receiver can fail on purpose (HTTP 500 for the next N requests) or go away entirely
(connection refused) and come back on the same port, like a chat bot webhook having a bad day.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Hit:
    """One POST the HTTP receiver accepted (answered 200)."""

    path: str
    body: dict
    authorization: str | None


class HttpReceiver:
    """http.server on 127.0.0.1 in a thread; records each accepted JSON body."""

    def __init__(self) -> None:
        self.port = free_port()
        self.hits: list[Hit] = []
        self.refused_by_500 = 0
        self._fail_next = 0
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def url(self, path: str = "hook", **params: str) -> str:
        """An Apprise json:// URL pointing here; `params` become query options."""
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"json://127.0.0.1:{self.port}/{path}" + (f"?{query}" if query else "")

    def fail_next(self, count: int) -> None:
        """Answer HTTP 500 to the next `count` requests (they are not recorded as hits)."""
        with self._lock:
            self._fail_next = count

    def start(self) -> None:
        """(Re)start on the same port, so a stopped receiver comes back where Apprise expects it."""
        if self._server is not None:
            return
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Close the socket: Apprise then gets 'connection refused'."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(5)
        self._server = self._thread = None

    def bodies(self, path: str | None = None) -> list[dict]:
        return [h.body for h in self.hits if path is None or h.path.split("?")[0] == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver._lock:
                    failing = receiver._fail_next > 0
                    if failing:
                        receiver._fail_next -= 1
                        receiver.refused_by_500 += 1
                    else:
                        receiver.hits.append(Hit(self.path, json.loads(raw.decode("utf-8")),
                                                 self.headers.get("Authorization")))
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # keep test output clean

        return Handler


@dataclass
class Mail:
    """One message the SMTP receiver accepted, decoded (subject and body as str)."""

    mail_from: str
    rcpt_to: list[str]
    subject: str
    body: str
    raw: bytes


class SmtpReceiver:
    """aiosmtpd on 127.0.0.1, plain SMTP with AUTH allowed without TLS (any user/password)."""

    def __init__(self) -> None:
        self.port = free_port()
        self.messages: list[Mail] = []
        self.logins: list[str] = []
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port,
                                      authenticator=self._authenticate, auth_require_tls=False)

    def url(self, to: str = "seller@example.com", sender: str = "siv-watcher@example.com",
            user: str = "bot", password: str = "pw") -> str:
        """An Apprise mailto:// URL for this server: plain SMTP, no TLS, AUTH with user/password."""
        return (f"mailto://{user}:{password}@127.0.0.1:{self.port}"
                f"?smtp=127.0.0.1&mode=insecure&to={to}&from={sender}&format=text")

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        raw = bytes(envelope.content)  # type: ignore[attr-defined]
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain", "html"))
        self.messages.append(Mail(
            mail_from=envelope.mail_from,  # type: ignore[attr-defined]
            rcpt_to=list(envelope.rcpt_tos),  # type: ignore[attr-defined]
            subject=str(msg["Subject"]),
            body=part.get_content() if part is not None else "",
            raw=raw,
        ))
        return "250 OK"

    def _authenticate(self, server: object, session: object, envelope: object, mechanism: str,
                      auth_data: object) -> AuthResult:
        login = getattr(auth_data, "login", b"")
        self.logins.append(login.decode() if isinstance(login, bytes) else str(login))
        return AuthResult(success=True)


@pytest.fixture
def http_receiver() -> Iterator[HttpReceiver]:
    receiver = HttpReceiver()
    receiver.start()
    yield receiver
    receiver.stop()


@pytest.fixture
def smtp_receiver() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver()
    receiver.start()
    yield receiver
    receiver.stop()
