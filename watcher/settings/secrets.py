"""The one place that knows the secrets and masks them: log records, Apprise's own log records,
URL display and exception text all call this module.

Why a registry and not just care at each call: a secret can reach a log line through a
library's exception text (an IMAP server echoing a command, a URL in an HTTP error), so text
is scrubbed of every secret value this process has seen, plus the credential part of any URL,
whatever produced it. Values are registered as they are read: `Secret` registers itself, and
the configuration registers every notification URL (`register_url`).

Standard library only, so every sub-package may call it.
"""

from __future__ import annotations

import logging
import re
import threading

MASK = "***"

_SECRETS: set[str] = set()
_LOCK = threading.Lock()
# scheme://[credentials@]rest -- the one URL pattern: `scrub` masks the credentials, `hide_urls`
# everything after the scheme.
_URL = re.compile(r"(?P<scheme>\b[a-z][a-z0-9+.-]*)://(?:(?P<cred>[^/@\s'\"<>]+)@)?(?P<rest>[^\s'\"<>]*)",
                  re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]{0,30}")
_URL_PARTS = re.compile(r"[/?&=:@,]")
_TOKEN_LIKE = 12  # a URL part at least this long is treated as a token


def register_secret(value: str | None) -> None:
    """Remember a value that must never be printed (passwords, tokens, notification URLs' keys)."""
    if value and len(value) >= 4:
        with _LOCK:
            _SECRETS.add(value)


def register_url(url: str) -> None:
    """Notification URLs carry their tokens in the URL itself: keep the token-like parts out of logs."""
    register_secret(url)
    rest = url.split("://", 1)[-1]
    for part in _URL_PARTS.split(rest):
        if len(part) >= _TOKEN_LIKE:
            register_secret(part)


def scrub(text: str, *also: str) -> str:
    """`text` without any registered secret (nor any of `also`) and without URL credentials."""
    with _LOCK:
        secrets = set(_SECRETS)
    secrets.update(value for value in also if value)
    for secret in sorted(secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return _URL.sub(lambda m: f"{m['scheme']}://{MASK}@{m['rest']}" if m["cred"] else m[0], text)


def hide_urls(text: str) -> str:
    """`scrub`, and every URL cut down to its scheme: for text from code that handles many URLs
    whose secret parts we cannot tell apart (Apprise's log records)."""
    return _URL.sub(lambda m: f"{m['scheme']}://{MASK}", scrub(text))


def describe(exc: BaseException) -> str:
    """An exception as one may show it: type name and scrubbed text."""
    return scrub(f"{type(exc).__name__}: {exc}")


def url_scheme(url: str) -> str:
    """The service part of a URL (`json`, `wecombot`), or "?" when it does not look like one."""
    scheme = url.split("://", 1)[0].strip().lower()
    return scheme if _SCHEME.fullmatch(scheme) else "?"


def mask_url(url: str, shown: str | None) -> str:
    """A target URL fit to display: `shown` is the privacy form given by the code that knows the
    service (Apprise masks passwords and the tokens it knows about), trimmed further here: path
    segments shortened, no query. A generic webhook (json://, form://) keeps its path as is in
    Apprise's form, and such paths often are the secret (/hook/<key>).

    Without `shown`, nothing past the scheme is shown: only the service knows which part of
    its URL is a host and which a token.
    """
    if shown is None:
        return f"{url_scheme(url)}://{MASK}"
    head, _, path = shown.split("?", 1)[0].partition("://")[2].partition("/")
    segments = [seg if len(seg) <= 6 else f"{seg[0]}...{seg[-1]}" for seg in path.split("/")]
    return f"{url_scheme(url)}://{head}" + ("/" + "/".join(segments) if path else "")


class Secret:
    """A string that refuses to show itself: repr/str/format give a mask; registered on creation."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value
        register_secret(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"Secret('{MASK}')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return MASK


class ScrubFilter(logging.Filter):
    """Scrubs a record's whole text, its exception included; `hide_urls` also cuts every URL down.

    Put on a handler it sees every record that handler writes, whatever logger produced it; put
    on a logger it runs before any handler, ours or a library's.
    """

    def __init__(self, *, hide_urls: bool = False) -> None:
        super().__init__()
        self.hide_urls = hide_urls

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = record.exc_text = None
        record.msg, record.args = (hide_urls if self.hide_urls else scrub)(message), None
        return True


__all__ = [
    "MASK", "ScrubFilter", "Secret", "describe", "hide_urls", "mask_url", "register_secret", "register_url",
    "scrub", "url_scheme",
]
