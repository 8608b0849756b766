"""Secret masking: registered secrets and URL credentials never reach a log line, a shown URL or
an exception's text."""

import io
import logging

from watcher.settings import secrets
from watcher.settings.config import parse
from watcher.settings.secrets import Secret


def test_known_secrets_and_url_credentials_are_masked():
    Secret("pw-4f9c2e1d-qq-auth-code")
    parse({"notify": {"urls": ["wecombot://a1b2c3d4e5f6a7b8c9d0e1f2"]}})
    text = secrets.scrub("login pw-4f9c2e1d-qq-auth-code to wecombot://a1b2c3d4e5f6a7b8c9d0e1f2 "
                         "and mailtos://user:hunter2@smtp.qq.com?to=x")
    assert "pw-4f9c2e1d" not in text and "a1b2c3d4e5f6" not in text and "hunter2" not in text
    assert "mailtos://***@smtp.qq.com" in text


def test_values_given_at_the_call_are_masked_even_when_short():
    assert secrets.scrub("LOGIN u abc failed", "abc", "") == "LOGIN u *** failed"


def test_a_secret_shows_only_a_mask():
    secret = Secret("hunter2-hunter2")
    assert secret.reveal() == "hunter2-hunter2"
    assert "hunter2" not in f"{secret} {secret!r} {secret:>30} {[secret]}"


def test_hide_urls_cuts_every_url_down_to_its_scheme():
    text = secrets.hide_urls("POST to json://127.0.0.1/hook/k3y-k3y-k3y and 'https://x.example/a?b=c' failed")
    assert text == "POST to json://*** and 'https://***' failed"


def test_describe_gives_type_and_scrubbed_text():
    Secret("tok-0a9b8c7d6e")
    assert secrets.describe(OSError("server echoed tok-0a9b8c7d6e")) == "OSError: server echoed ***"


def test_mask_url_trims_the_privacy_form_and_shows_nothing_without_one():
    shown = "json://bot:****@127.0.0.1:8080/hook/abcdefghijkl?token=zzz"
    assert secrets.mask_url("json://bot:pw@127.0.0.1:8080/hook/abcdefghijkl?token=zzz", shown) == (
        "json://bot:****@127.0.0.1:8080/hook/a...l")
    assert secrets.mask_url("wecombott://abcdefghijkl", None) == "wecombott://***"
    assert secrets.mask_url("not a url at all://x", None) == "?://***"


def logged_through(handler_filter: logging.Filter, formatter: logging.Formatter | None, secret: str,
                   *url: str) -> str:
    """What a handler with `handler_filter` writes for a record with `secret` in its arguments
    (plus any `url`) and for one with `secret` in its exception's text."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(handler_filter)
    if formatter:
        handler.setFormatter(formatter)
    logger = logging.getLogger("test.secrets")
    logger.addHandler(handler)
    try:
        logger.error("token %s rejected" + " at %s" * len(url), secret, *url)
        try:
            raise RuntimeError(f"server echoed {secret}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_a_record_is_scrubbed_with_its_arguments_and_exception():
    Secret("tok-11bb22cc44")
    lines = logged_through(secrets.ScrubFilter(), None, "tok-11bb22cc44", "imaps://u:pw@host")
    assert lines.startswith("token *** rejected at imaps://***@host\n")
    assert "tok-11bb22cc44" not in lines and "RuntimeError: server echoed ***" in lines
