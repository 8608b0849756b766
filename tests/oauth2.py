"""A tiny OAuth2 token-introspection endpoint (RFC 7662 shaped) for Dovecot's `oauth2` passdb.

Why our own server and not a real identity provider: the watcher's side of OAuth2 is only "run a
command, send the token with XOAUTH2/OAUTHBEARER"; what must be proven is that a real IMAP server
accepts that exchange and that a refused token surfaces as LoginFailed. Dovecot's oauth2 passdb
does the real server-side work; it only needs someone to say which tokens are valid and for whom.

The server knows a token -> username map (tests add and revoke tokens while it runs; Dovecot asks
on every login, auth_cache being off by default) and counts how often each token was introspected,
so a test can tell a real round trip from a cached or skipped one. It answers all three Dovecot
2.3 `introspection_mode`s: `post` (token=<t> form body), `get` (token appended to the URL) and
`auth` (Authorization: Bearer <t>).
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

PATH = "/introspect"


class IntrospectionServer:
    """127.0.0.1 on a free port, served from a daemon thread; use as a context manager or start/stop."""

    def __init__(self, tokens: dict[str, str] | None = None) -> None:
        self.tokens: dict[str, str] = dict(tokens or {})
        self.calls: Counter[str] = Counter()  # token -> introspections (unknown tokens included)
        self.modes: list[str] = []  # per request, how the token came ("post", "get", "auth")
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self.port: int = self.httpd.server_address[1]
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATH}"

    def dovecot_conf(self, mode: str = "post") -> str:
        """The dovecot-oauth2.conf.ext for this endpoint (Dovecot 2.3 keys).

        Only introspection_url, no tokeninfo_url: with tokeninfo Dovecot skips introspection when
        the tokeninfo answer already names the user. `active_attribute`/`active_value` make
        Dovecot itself check RFC 7662's "active": true, not just the presence of a username.
        """
        url = self.url + ("?token=" if mode == "get" else "")
        return (f"introspection_mode = {mode}\nintrospection_url = {url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
                "timeout_msecs = 5000\n")

    def add(self, token: str, username: str) -> None:
        with self.lock:
            self.tokens[token] = username

    def revoke(self, token: str) -> None:
        with self.lock:
            self.tokens.pop(token, None)

    def count(self, token: str) -> int:
        with self.lock:
            return self.calls[token]

    def introspect(self, token: str, mode: str) -> dict[str, Any]:
        """The RFC 7662 answer: an unknown token gets 200 {"active": false} (RFC 7662's way to say
        no), which Dovecot 2.3 logs as "Provided token is not valid" and answers with
        NO [AUTHENTICATIONFAILED], just as Gmail refuses an expired token."""
        with self.lock:
            self.calls[token] += 1
            self.modes.append(mode)
            user = self.tokens.get(token)
        if user is None:
            return {"active": False}
        return {"active": True, "username": user, "scope": "https://mail.google.com/",
                "token_type": "bearer", "expires_in": 3600}

    def start(self) -> IntrospectionServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="introspection", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)

    def __enter__(self) -> IntrospectionServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler(server: IntrospectionServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode("ascii", "replace"))
            self._answer(form.get("token", [""])[0], "post")

        def do_GET(self) -> None:
            auth = self.headers.get("Authorization") or ""
            if auth.lower().startswith("bearer "):
                self._answer(auth[7:].strip(), "auth")
                return
            # mode=get: Dovecot appends the URL-escaped token to the configured "...?token=", and
            # 2.3.19 then adds "&client_id=&client_secret=" even when those are not configured
            query = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
            self._answer(query.get("token", [""])[0], "get")

        def _answer(self, token: str, mode: str) -> None:
            body = json.dumps(server.introspect(token, mode)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Silent: the default writes request lines (tokens, in mode=get) to stderr."""

    return Handler
