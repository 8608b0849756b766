"""The test command installs what the tests run, checked file by file, not by a proxy.

Why: installing another IMAP server (cyrus-imapd) removes dovecot-imapd but leaves dovecot-core,
so `command -v dovecot` still succeeds while every IMAP test fails on a missing
/usr/lib/dovecot/imap. The check runs against a fake root with each file present or not.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "test.sh"
FILES = ["usr/sbin/dovecot", "usr/lib/dovecot/imap", "usr/lib/dovecot/imap-login",
         "usr/lib/postgresql/15/bin/initdb"]


def missing(root: Path) -> str:
    env = {**os.environ, "SIVW_ROOT": str(root), "SIVW_CHECK_ONLY": "1"}
    done = subprocess.run(["bash", str(SCRIPT)], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def fake_root(tmp_path: Path, present: list[str]) -> Path:
    for name in present:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n")
        path.chmod(0o755)
    return tmp_path


def test_everything_present_installs_nothing(tmp_path):
    assert missing(fake_root(tmp_path, FILES)).split(":")[1].split() in ([], ["openssl"])


@pytest.mark.parametrize("gone", ["usr/lib/dovecot/imap", "usr/lib/dovecot/imap-login", "usr/sbin/dovecot"])
def test_dovecot_core_without_its_imap_parts_installs_dovecot_imapd(tmp_path, gone):
    said = missing(fake_root(tmp_path, [f for f in FILES if f != gone]))
    assert "dovecot-imapd" in said.split() and "postgresql" not in said.split()


def test_no_postgresql_installs_postgresql(tmp_path):
    said = missing(fake_root(tmp_path, FILES[:3]))
    assert "postgresql" in said.split() and "dovecot-imapd" not in said.split()
