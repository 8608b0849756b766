"""A real Dovecot for tests and benchmarks: foreground, loopback, own temp dirs, plain auth.

Why a real server and not a mock: the traps this project must survive (UID SEARCH returning
the last UID, UIDVALIDITY changes, IDLE's 0.5 s notify delay, dead connections, modified
UTF-7 folder names) live in real server behaviour, not in what a mock author imagines.

Use the `dovecot` fixture (session scoped, see tests/conftest.py) or `Dovecot(path).start()`.
`Dovecot(oauth2_conf=...)` adds Dovecot's `oauth2` passdb for XOAUTH2/OAUTHBEARER (tests/oauth2.py).
As root, Dovecot's processes run as the `dovecot` user, so everything it touches is owned by
it; as an ordinary user it runs as you, with `chroot =` for the login services.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from imapclient import IMAPClient

from watcher.settings.config import MailboxConfig

USER = "seller@example.com"
PASSWORD = "s3cret-pass-42"
JUNK = "Junk"


class DovecotMissing(RuntimeError):
    """No dovecot binary: CI must install dovecot-imapd, a skip would hide untested code."""


def find_binary() -> str:
    path = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None)
    if not path:
        raise DovecotMissing("dovecot not found: install the Debian package dovecot-imapd "
                             "(apt-get install dovecot-imapd); the IMAP tests need a real server")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Dovecot:
    """One Dovecot instance with one passwd-file user (USER / PASSWORD) and a SPECIAL-USE Junk."""

    def __init__(self, root: str | Path | None = None,
                 users: Iterable[tuple[str, str]] = ((USER, PASSWORD),),
                 oauth2_conf: str | None = None, max_connections: int = 200) -> None:
        """`oauth2_conf`: the text of a dovecot-oauth2.conf.ext; given, XOAUTH2 and OAUTHBEARER logins
        go to an `oauth2` passdb with it, while PLAIN/LOGIN (the test's own admin client) stay on
        the passwd-file. Dovecot 2.3 only: 2.4 spells the oauth2 passdb settings differently.
        `max_connections`: logged-in sessions per user and IP (some providers allow one: a second
        login is refused with [LIMIT])."""
        self.binary = find_binary()
        self.root = Path(root or tempfile.mkdtemp(prefix="sivw-dovecot-"))
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o755)  # the dovecot user must reach its mail dir below it
        self.users = list(users)
        self.oauth2_conf = oauth2_conf
        self.max_connections = max_connections
        self.port = free_port()
        self.host = "127.0.0.1"
        self.proc: subprocess.Popen[bytes] | None = None
        self.version = subprocess.run([self.binary, "--version"], capture_output=True, text=True,
                                      check=True).stdout.split()[0]
        root_user = os.geteuid() == 0
        pw = pwd.getpwnam("dovecot") if root_user else pwd.getpwuid(os.geteuid())
        self.uid, self.gid = pw.pw_uid, pw.pw_gid
        self.internal_user = pw.pw_name
        self.login_user = "dovenull" if root_user else pw.pw_name
        self.mail_root = self.root / "mail"
        self.conf = self.root / "dovecot.conf"
        self.log = self.root / "dovecot.log"
        self._write_config()

    # -- life cycle --------------------------------------------------------------------

    def start(self, timeout: float = 10.0) -> Dovecot:
        self.proc = subprocess.Popen([self.binary, "-F", "-c", str(self.conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=open(self.log, "ab"))  # noqa: SIM115
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log.read_text()[-2000:]
                raise RuntimeError(f"dovecot exited with {self.proc.returncode}: {tail}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.2) as s:
                    if s.recv(100).startswith(b"* OK"):
                        return self
            except OSError:
                time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"dovecot did not listen on {self.port}: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        """Kill the whole process group: SIGTERM lets Dovecot take a second to tidy up."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    # -- mail --------------------------------------------------------------------------

    def admin(self, user: str = USER) -> IMAPClient:
        """A read-write client for the test itself (the watcher under test is read-only)."""
        password = dict(self.users)[user]
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=30)
        client.login(user, password)
        return client

    def append(self, raw: bytes, folder: str = "INBOX", when: datetime | None = None,
               flags: tuple[bytes, ...] = (), client: IMAPClient | None = None) -> int:
        """APPEND one message with the given internal date; returns its UID (APPENDUID)."""
        own = client is None
        client = client or self.admin()
        try:
            resp = client.append(folder, raw, flags=flags, msg_time=when)
            return int(resp.split(b"]")[0].split()[-1])  # [APPENDUID <uidvalidity> <uid>] Append completed.
        finally:
            if own:
                client.logout()

    def create_folder(self, name: str) -> None:
        with self._session() as c:
            c.create_folder(name)

    def delete_folder(self, name: str) -> None:
        with self._session() as c:
            c.delete_folder(name)

    def recreate_folder(self, name: str) -> None:
        """Delete and recreate: the folder comes back with a new UIDVALIDITY."""
        with self._session() as c:
            c.delete_folder(name)
            c.create_folder(name)

    def flags(self, folder: str = "INBOX", user: str = USER) -> dict[int, tuple[bytes, ...]]:
        client = self.admin(user)
        try:
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            fetched = client.fetch(uids, ["FLAGS"]) if uids else {}
            return {uid: data[b"FLAGS"] for uid, data in fetched.items()}
        finally:
            client.logout()

    def maildir(self, user: str = USER, folder: str = "INBOX") -> Path:
        base = self.mail_root / user / "Maildir"
        return base if folder == "INBOX" else base / f".{folder}"

    def write_maildir(self, messages: Iterable[tuple[bytes, float]], user: str = USER,
                      folder: str = "INBOX") -> int:
        """Drop files straight into a maildir (fast bulk load; Dovecot indexes them on first open).

        Each message is (raw, internal date as a unix time); the file mtime is the internal date.
        """
        box = self.maildir(user, folder)
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True, exist_ok=True)
        count = 0
        for count, (raw, when) in enumerate(messages, 1):
            path = box / "cur" / f"{int(when)}.M{count}P1.bench,S={len(raw)}:2,"
            path.write_bytes(raw)
            os.utime(path, (when, when))
        self.chown_mail()
        return count

    def chown_mail(self) -> None:
        for dirpath, _dirs, files in os.walk(self.mail_root):
            os.chown(dirpath, self.uid, self.gid)
            for name in files:
                os.chown(os.path.join(dirpath, name), self.uid, self.gid)

    def logouts(self) -> list[tuple[int, int]]:
        """(bytes in, bytes out) of every finished IMAP session, from Dovecot's own log."""
        out = []
        for line in self.log.read_text(errors="replace").splitlines():
            if "Logged out in=" in line or "Disconnected" in line and " in=" in line:
                fields = dict(f.split("=", 1) for f in line.split() if f.startswith(("in=", "out=")))
                out.append((int(fields.get("in", 0)), int(fields.get("out", "0").rstrip(","))))
        return out

    def add_user(self, user: str, password: str) -> None:
        """A new passwd-file user. Dovecot rereads the file at most once a second, so a login
        right after this may fail for up to a second; tests take pre-made users (`spare`)."""
        self.users.append((user, password))
        (self.mail_root / user / "Maildir").mkdir(parents=True, exist_ok=True)
        self.chown_mail()
        self._write_passwd()

    def _session(self) -> _AdminSession:
        return _AdminSession(self)

    # -- config ------------------------------------------------------------------------

    def _write_config(self) -> None:
        for sub in ("run", "state", "mail"):
            (self.root / sub).mkdir(exist_ok=True)
        for user, _ in self.users:
            (self.mail_root / user / "Maildir").mkdir(parents=True, exist_ok=True)
        self.chown_mail()
        self._write_passwd()
        major_minor = tuple(int(x) for x in self.version.split(".")[:2])
        if self.oauth2_conf is not None:
            if major_minor >= (2, 4):
                raise NotImplementedError("oauth2_conf: only the Dovecot 2.3 passdb syntax is written")
            oauth2 = self.root / "dovecot-oauth2.conf.ext"
            oauth2.write_text(self.oauth2_conf, encoding="utf-8")
            os.chmod(oauth2, 0o644)  # read by the auth process, which may run as the dovecot user
        self.conf.write_text(self._config_24() if major_minor >= (2, 4) else self._config_23(),
                             encoding="utf-8")

    def _write_passwd(self) -> None:
        passwd = self.root / "passwd"
        tmp = passwd.with_suffix(".tmp")
        tmp.write_text("".join(f"{u}:{{PLAIN}}{p}:{self.uid}:{self.gid}::{self.mail_root / u}::\n"
                               for u, p in self.users), encoding="utf-8")
        os.chmod(tmp, 0o644)
        tmp.replace(passwd)

    def _shared(self) -> str:
        """Settings spelled the same in Dovecot 2.3 and 2.4."""
        return f"""protocols = imap
listen = {self.host}
base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.log}
ssl = no
auth_mechanisms = plain login{" xoauth2 oauthbearer" if self.oauth2_conf is not None else ""}
default_internal_user = {self.internal_user}
default_login_user = {self.login_user}
first_valid_uid = {self.uid}
"""

    def _common_23(self) -> str:
        chroot = "" if os.geteuid() == 0 else "  chroot =\n"
        passwords_only = "" if self.oauth2_conf is None else "  mechanisms = plain login\n"
        return self._shared() + f"""disable_plaintext_auth = no
last_valid_uid = 0
mail_max_userip_connections = {self.max_connections}
imap_logout_format = in=%i out=%o
service imap-login {{
  inet_listener imap {{
    address = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
{chroot}}}
service anvil {{
{chroot}}}
service stats {{
  unix_listener stats-reader {{
    user = {self.internal_user}
  }}
  unix_listener stats-writer {{
    user = {self.internal_user}
  }}
}}
{self._oauth2_passdb_23()}passdb {{
  driver = passwd-file
{passwords_only}  args = scheme=PLAIN username_format=%u {self.root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {self.root}/passwd
}}
"""

    def _oauth2_passdb_23(self) -> str:
        """The oauth2 passdb takes only the token mechanisms, the passwd-file only passwords: a
        refused token must not fall through to a password comparison. auth_failure_delay = 0 so
        a refused token is answered at once, not after Dovecot's default 2 s. (A refusal also
        delays every later login from that IP by 4 s for 15 s, Dovecot's auth penalty, which
        2.3.19 applies even to login_trusted_networks: refuse tokens on an instance of its own.)"""
        if self.oauth2_conf is None:
            return ""
        return f"""auth_failure_delay = 0
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {self.root}/dovecot-oauth2.conf.ext
}}
"""

    def _config_23(self) -> str:
        return self._common_23() + f"""
mail_location = maildir:~/Maildir
mail_plugins =
# IDLE, CONDSTORE, SPECIAL-USE and ID are in Dovecot's default capability list: no imap_capability
namespace inbox {{
  inbox = yes
  separator = /
  mailbox {JUNK} {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
"""

    def _config_24(self) -> str:
        chroot = "" if os.geteuid() == 0 else "  chroot =\n"
        return "dovecot_config_version = 2.4.0\ndovecot_storage_version = 2.4.0\n" + self._shared() + f"""\
auth_allow_cleartext = yes
mail_max_userip_connections = {self.max_connections}
imap_logout_format = in=%{{input}} out=%{{output}}
service imap-login {{
  inet_listener imap {{
    listen = {self.host}
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
{chroot}}}
service anvil {{
{chroot}}}
passdb passwd-file {{
  passwd_file_path = {self.root}/passwd
}}
userdb passwd-file {{
  passwd_file_path = {self.root}/passwd
}}
mail_driver = maildir
mail_path = ~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox {JUNK} {{
    special_use = \\Junk
    auto = subscribe
  }}
}}
"""


class _AdminSession:
    def __init__(self, server: Dovecot) -> None:
        self.server = server

    def __enter__(self) -> IMAPClient:
        self.client = self.server.admin()
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.logout()


# -- pytest fixtures (imported by tests/conftest.py) -------------------------------------------


@dataclass
class Account:
    """One fresh IMAP user on the shared server, plus a MailboxConfig pointing at it."""

    server: Dovecot
    user: str
    password: str
    password_file: Path

    def mailbox(self, **overrides: object) -> MailboxConfig:
        fields: dict[str, object] = {
            "name": self.user.split("@")[0], "host": self.server.host, "port": self.server.port,
            "security": "plain", "username": self.user, "password_file": self.password_file, "timeout": 10.0,
        }
        fields.update(overrides)
        return MailboxConfig(**fields)  # type: ignore[arg-type]

    def append(self, raw: bytes, folder: str = "INBOX", when: datetime | None = None) -> int:
        client = self.server.admin(self.user)
        try:
            return self.server.append(raw, folder, when, client=client)
        finally:
            client.logout()


SPARE_USERS = 96


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """The session's server, with USER plus SPARE_USERS fresh users made up front."""
    spare = [(f"user{i}@example.com", f"pw-{i}-{os.urandom(4).hex()}") for i in range(1, SPARE_USERS + 1)]
    server = Dovecot(users=[(USER, PASSWORD), *spare]).start()  # no binary: DovecotMissing, a failure
    yield server
    server.cleanup()


@pytest.fixture
def imap_account(dovecot: Dovecot, tmp_path: Path) -> Account:
    """A mailbox of its own for each test: tests never see each other's mail."""
    index = next(_serial)
    if index > SPARE_USERS:
        raise RuntimeError(f"more than {SPARE_USERS} imap_account tests: raise SPARE_USERS")
    user, password = dovecot.users[index]
    password_file = tmp_path / "password"
    password_file.write_text(password, encoding="utf-8")
    return Account(dovecot, user, password, password_file)


_serial = itertools.count(1)
