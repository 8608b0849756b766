"""OAuth2 login (XOAUTH2 and OAUTHBEARER via `oauth2_token_command`) against a real Dovecot.

Why: Gmail and Outlook have switched basic auth off, so for those sellers OAuth2 is the only way
in. Dovecot's `oauth2` passdb does the real server side of the SASL exchange and asks a local
introspection endpoint (tests/oauth2.py) whether a token is valid; nothing here is mocked.

Dovecot 2.3.19 details these tests depend on:
- `auth_mechanisms` must list `xoauth2 oauthbearer`, or Dovecot rejects AUTHENTICATE before
  looking at the token; the oauth2 passdb is limited to those two mechanisms and the passwd-file
  (the test's own admin client) to plain/login, so a token is never compared as a password.
- The passdb checks that the introspected `username` equals the login name (after %Lu): a valid
  token for another account is refused, as a real provider would.
- A refused token triggers Dovecot's auth penalty: every later login from 127.0.0.1 on that
  instance waits 4 s for the next 15 s (login_trusted_networks does not exempt it in 2.3.19).
  So refusals run on a throwaway instance each, and the shared module instance stays fast.
- On refusal Dovecot first sends an error challenge (base64 {"status":"invalid_token"});
  imapclient answers it by sending its auth string again, and Dovecot then says
  NO [AUTHENTICATIONFAILED]. Harmless (same server, same connection), but a token sent twice.
- `auth_failure_delay = 0` in that instance, else each refusal costs 2 s.
"""

from __future__ import annotations

import base64
import logging
import os
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.dovecot import Dovecot
from tests.mailgen import corpus
from tests.oauth2 import IntrospectionServer
from watcher.mail import imap, session
from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
from watcher.store.tables import Store

USERS = [(f"oauth{i}@example.com", f"pw-oauth-{i}") for i in range(1, 9)]
SIV_MAIL = "siv_failed-en-html-alternative.eml"
SIV_MESSAGE_ID = "<0100019585ade160-d6e5b1f7-d2c6-cc2c-d532-f395cff1927e-000000@email.amazonses.com>"

# The helper a user would plug in: prints the next token from a file it keeps, and counts its
# runs. Tokens live in a file, not in argv, so the command line in the config holds no secret.
TOKEN_SCRIPT = """\
import pathlib, sys
state = pathlib.Path(sys.argv[1])
tokens = (state / "tokens").read_text().split()
runs = int((state / "runs").read_text()) if (state / "runs").exists() else 0
(state / "runs").write_text(str(runs + 1))
print(tokens[min(runs, len(tokens) - 1)])
"""


@dataclass
class TokenHelper:
    """An `oauth2_token_command` that prints tokens[0], then tokens[1], ... (the last one repeats)."""

    state: Path
    command: str

    @property
    def runs(self) -> int:
        runs = self.state / "runs"
        return int(runs.read_text()) if runs.exists() else 0


def token_helper(tmp_path: Path, *tokens: str) -> TokenHelper:
    state = tmp_path / "token-helper"
    state.mkdir()
    (state / "tokens").write_text("\n".join(tokens), encoding="utf-8")
    script = state / "print_token.py"
    script.write_text(TOKEN_SCRIPT, encoding="utf-8")
    return TokenHelper(state, shlex.join([sys.executable, str(script), str(state)]))


def mailbox(server: Dovecot, user: str, helper: TokenHelper, mechanism: str = "XOAUTH2") -> MailboxConfig:
    return MailboxConfig(name=user.split("@")[0], host=server.host, port=server.port, security="plain",
                         username=user, oauth2_token_command=helper.command, oauth2_mechanism=mechanism,
                         timeout=10.0)


def fresh_token(user: str, n: int = 1) -> str:
    """Token-shaped (URL-safe, like Google's ya29.*) and unique per test, so counts are per test."""
    return f"ya29.test-{user.split('@')[0]}-{n}-" + base64.urlsafe_b64encode(os.urandom(9)).decode()


def assert_no_secret(text: str, token: str, user: str) -> None:
    """Neither the token nor the base64 SASL strings that carry it (as imapclient builds them for
    XOAUTH2 and OAUTHBEARER) may reach a log or an error message."""
    assert token not in text
    for sasl in (f"user={user}\1auth=Bearer {token}\1\1", f"n,a={user},\1auth=Bearer {token}\1\1"):
        assert base64.b64encode(sasl.encode()).decode() not in text


def logins(server: Dovecot, user: str) -> list[str]:
    """The mechanism of each successful login of `user`, from Dovecot's own log."""
    out = []
    for line in server.log.read_text(errors="replace").splitlines():
        if f"Login: user=<{user}>, method=" in line:
            out.append(line.split("method=", 1)[1].split(",", 1)[0])
    return out


@pytest.fixture(scope="module")
def introspection() -> Iterator[IntrospectionServer]:
    with IntrospectionServer() as server:
        yield server


@pytest.fixture(scope="module")
def oauth2_dovecot(introspection: IntrospectionServer) -> Iterator[Dovecot]:
    """Dovecot with the oauth2 passdb (introspection_mode = post); only valid tokens are sent to it."""
    server = Dovecot(users=USERS, oauth2_conf=introspection.dovecot_conf("post")).start()
    yield server
    server.cleanup()


_free_users = iter(USERS[:-2])  # the last two are the refusal tests' (on instances of their own)


@pytest.fixture
def user() -> str:
    """An account of its own per test: no test sees another's mail or login lines."""
    try:
        return next(_free_users)[0]
    except StopIteration:
        raise RuntimeError("more oauth2 tests than USERS: add users") from None


@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_connect_logs_in_with_the_token_from_the_command(mechanism, oauth2_dovecot, introspection, user,
                                                          tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    token = fresh_token(user)
    introspection.add(token, user)
    helper = token_helper(tmp_path, token)

    client = session.connect(mailbox(oauth2_dovecot, user, helper, mechanism))
    try:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
    finally:
        session.close(client)

    assert logins(oauth2_dovecot, user) == [mechanism]  # the server saw this SASL mechanism, not PLAIN
    assert introspection.count(token) == 1  # Dovecot really asked the endpoint about this token
    assert introspection.modes[-1] == "post"
    assert helper.runs == 1
    assert_no_secret(caplog.text, token, user)


def test_sync_mailbox_over_oauth2_stores_a_corpus_mail(oauth2_dovecot, introspection, user, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    token = fresh_token(user)
    introspection.add(token, user)
    admin = oauth2_dovecot.admin(user)  # the test's own PLAIN login: APPEND needs write access
    try:
        oauth2_dovecot.append(corpus(SIV_MAIL), when=datetime.now(UTC), client=admin)
    finally:
        admin.logout()
    box = mailbox(oauth2_dovecot, user, token_helper(tmp_path, token), "OAUTHBEARER")
    config = Config(mailboxes=(box,), schedule=ScheduleConfig(lookback_days=90))
    store = Store(f"sqlite:///{tmp_path}/w.db")

    report = imap.sync_mailbox(imap.SyncContext.of(config, box, store))

    assert report.ok and report.total("stored") == 1
    assert [m.message_id for m in store.messages(box.name)] == [SIV_MESSAGE_ID]
    assert logins(oauth2_dovecot, user) == ["PLAIN", "OAUTHBEARER"]  # the test's APPEND, the watcher
    assert_no_secret(caplog.text, token, user)


def test_token_command_runs_again_on_every_reconnect(oauth2_dovecot, introspection, user, tmp_path, caplog):
    """Access tokens expire within the hour: a reconnect must fetch a new one, never reuse the old."""
    caplog.set_level(logging.DEBUG)
    first, second = fresh_token(user, 1), fresh_token(user, 2)
    introspection.add(first, user)
    introspection.add(second, user)
    helper = token_helper(tmp_path, first, second)
    box = mailbox(oauth2_dovecot, user, helper)

    session.close(session.connect(box))
    introspection.revoke(first)  # expired: only a freshly fetched token can get in now
    session.close(session.connect(box))

    assert helper.runs == 2
    assert (introspection.count(first), introspection.count(second)) == (1, 1)
    assert logins(oauth2_dovecot, user) == ["XOAUTH2", "XOAUTH2"]
    assert_no_secret(caplog.text, first, user)
    assert_no_secret(caplog.text, second, user)


def own_dovecot(introspection: IntrospectionServer, mode: str = "post") -> Dovecot:
    """A throwaway instance with the last two USERS (a refusal would slow every later login on a
    shared one by 4 s; another introspection mode needs another config). Its own temp root, not
    pytest's tmp_path: as root, Dovecot's imap process (user dovecot) cannot enter a 0700 dir."""
    return Dovecot(users=USERS[-2:], oauth2_conf=introspection.dovecot_conf(mode)).start()


@pytest.fixture
def refusing_dovecot(introspection: IntrospectionServer) -> Iterator[Dovecot]:
    server = own_dovecot(introspection)
    yield server
    server.cleanup()


@pytest.mark.parametrize("mode", ["get", "auth"])
def test_dovecot_other_introspection_modes_also_log_in(mode, introspection, tmp_path):
    """`get` (token in the URL) and `auth` (Bearer header, Dovecot's default) work as well as
    `post`: whichever a provider's endpoint wants, the watcher's side does not change."""
    user = USERS[-1][0]
    token = fresh_token(user, 7)
    introspection.add(token, user)
    server = own_dovecot(introspection, mode)
    try:
        session.close(session.connect(mailbox(server, user, token_helper(tmp_path, token))))
        assert logins(server, user) == ["XOAUTH2"]
    finally:
        server.cleanup()
    assert introspection.count(token) == 1 and introspection.modes[-1] == mode


@pytest.mark.parametrize("case", ["unknown token", "another account's token"])
@pytest.mark.parametrize("mechanism", ["XOAUTH2", "OAUTHBEARER"])
def test_refused_token_is_login_failed_and_never_shown(case, mechanism, refusing_dovecot, introspection,
                                                       tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    (user, _), (other, _) = USERS[-2:]
    token = fresh_token(user, 99)
    if case == "another account's token":
        introspection.add(token, other)  # valid, but for someone else: Dovecot must compare names
    helper = token_helper(tmp_path, token)

    with pytest.raises(session.LoginFailed) as failed:
        session.connect(mailbox(refusing_dovecot, user, helper, mechanism))

    message = str(failed.value)
    assert "AUTHENTICATIONFAILED" in message and user in message
    assert_no_secret(message, token, user)
    assert_no_secret(caplog.text, token, user)
    assert introspection.count(token) == 1  # refused by the endpoint's answer, not before asking
    assert logins(refusing_dovecot, user) == []
