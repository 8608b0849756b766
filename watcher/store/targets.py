"""Notification targets as Apprise sees them: sending one alert to one target, checking and
masking target URLs, and keeping Apprise's logging free of the tokens those URLs carry.

Why apart from the outbox: the outbox decides what is sent when and never drops a row; this
module is the one place that talks to Apprise. Apprise (its plugins) is imported only inside
the functions that send or check (~0.07 s): a sync only queues alerts and never pays for it.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from watcher.settings import secrets
from watcher.settings.config import Config

if TYPE_CHECKING:
    import apprise

# apprise.NotifyType's values, spelled out: importing Apprise (its plugins) costs a sync's start
# ~0.07 s, and a sync only queues alerts; Apprise is imported where one is sent or a URL checked.
# tests/store/test_outbox.py holds the two equal.
NOTIFY_TYPES = ("info", "success", "warning", "failure")

_MUTED: contextvars.ContextVar[bool] = contextvars.ContextVar("siv_apprise_muted", default=False)


def send(url: str, title: str, body: str, notify_type: str) -> str | None:
    """One target, one Apprise object: its result is this target's alone. None means sent."""
    import apprise

    plugin = _instantiate(url)
    if plugin is None:
        return "invalid URL"
    notifier = apprise.Apprise()
    notifier.add(plugin)
    try:
        result = notifier.notify(title=title, body=body, notify_type=apprise.NotifyType(notify_type),
                                 body_format=apprise.NotifyFormat.TEXT)
    except Exception as exc:  # a plugin bug must not stop the outbox; the type name holds no secret
        return f"error {type(exc).__name__}"
    if result:
        return None
    return getattr(getattr(result, "status", None), "name", "FAILURE")


def fingerprint(url: str) -> str:
    """Stable, short and one-way: lets the row remember a target without storing its token."""
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:16]


# -- checking targets ----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetResult:
    """One target's outcome of `test_notify`; `target` is Apprise's privacy-masked URL."""

    index: int
    target: str
    ok: bool
    error: str | None = None


TEST_TEXT = {
    "zh": ("siv-watcher 测试通知", "这是一条测试通知：收到它说明 siv-watcher 可以把身份验证提醒发到这里。"),
    "en": ("siv-watcher test alert", "This is a test alert: if you see it, siv-watcher can deliver "
                                     "identity verification alerts here."),
}


def test_notify(config: Config, mailbox: str | None = None) -> list[TargetResult]:
    """Send one test alert to every target and say, per target, whether it arrived."""
    guard_apprise_logging()
    title, body = TEST_TEXT.get(config.language, TEST_TEXT["en"])
    results = []
    for index, url in enumerate(config.targets_for(mailbox), start=1):
        problem = send(url, title, body, "info")
        results.append(TargetResult(index, masked(url), problem is None, problem))
    return results


test_notify.__test__ = False  # type: ignore[attr-defined]  # not a pytest test despite the name


def validate_urls(urls: Sequence[str], key: str = "notify URL") -> list[str]:
    """Errors for targets Apprise cannot load, naming only the key, the service and the position,
    never a secret."""
    errors = []
    for index, url in enumerate(urls, start=1):
        if "://" not in url:
            errors.append(f"{key} #{index}: not a URL (expected service://...)")
            continue
        if _instantiate(url) is None:
            service = secrets.url_scheme(url)
            known = service in _known_schemas()
            why = "missing or invalid fields" if known else f"unknown service {service!r}"
            errors.append(f"{key} #{index} ({service}://...): Apprise cannot load it ({why})")
    return errors


def masked(url: str) -> str:
    """A target URL fit to display: Apprise's privacy form, trimmed further by `secrets.mask_url`."""
    plugin = _instantiate(url)
    private: str | None = None if plugin is None else plugin.url(privacy=True)  # type: ignore[no-untyped-call]
    return secrets.mask_url(url, private)


def _instantiate(url: str) -> apprise.NotifyBase | None:
    """Parse a target quietly: Apprise logs unparseable URLs in full, tokens included."""
    import apprise

    with _muted():
        return apprise.Apprise.instantiate(url.strip())


def _known_schemas() -> set[str]:
    import apprise

    schemas: set[str] = set()
    for entry in apprise.Apprise().details(show_disabled=True).get("schemas", []):
        for key in ("protocols", "secure_protocols"):
            schemas.update(p.lower() for p in entry.get(key) or ())
    return schemas


# -- keeping secrets out of logs -----------------------------------------------------------


class _AppriseLogGuard(secrets.ScrubFilter):
    """Drops Apprise's debug records (payloads, request URLs with tokens); the rest is scrubbed
    and every URL in it cut down to its scheme (`secrets.hide_urls`).

    Installed on the 'apprise' logger itself, so it runs before any handler, ours or Apprise's.
    """

    def __init__(self) -> None:
        super().__init__(hide_urls=True)

    def filter(self, record: logging.LogRecord) -> bool:
        if _MUTED.get() or record.levelno < logging.INFO:
            return False
        return super().filter(record)


_GUARD = _AppriseLogGuard()


def guard_apprise_logging() -> None:
    """Idempotent; called before any delivery, and cheap enough to call from the CLI too."""
    for name in ("apprise", "urllib3.connectionpool"):
        logger = logging.getLogger(name)
        if _GUARD not in logger.filters:
            logger.addFilter(_GUARD)


@contextlib.contextmanager
def _muted() -> Iterator[None]:
    """Silence Apprise in this thread only (a context variable), not in a concurrent delivery."""
    guard_apprise_logging()
    token = _MUTED.set(True)
    try:
        yield
    finally:
        _MUTED.reset(token)


__all__ = [
    "NOTIFY_TYPES", "TargetResult", "fingerprint", "guard_apprise_logging", "masked", "send", "test_notify",
    "validate_urls",
]
