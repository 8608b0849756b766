"""A real PostgreSQL for the store tests: initdb into a temp dir, loopback, a free port.

Debian's `postgresql` package (installed by scripts/test.sh) ships initdb and postgres under
/usr/lib/postgresql/<version>/bin. Both refuse to run as root, so as root they run as the
`postgres` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

from tests.dovecot import free_port


class PostgresMissing(RuntimeError):
    pass


def _bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found and shutil.which(name):
        found = [shutil.which(name)]
    if not found:
        raise PostgresMissing(f"{name} not found: install Debian's postgresql (scripts/test.sh does)")
    return found[-1]


def _as_owner(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    root = tempfile.mkdtemp(prefix="sivw-pg-")
    if os.geteuid() == 0:
        os.chown(root, pwd.getpwnam("postgres").pw_uid, -1)
    data, port = os.path.join(root, "data"), free_port()
    subprocess.run(_as_owner([_bin("initdb"), "-D", data, "-A", "trust", "-U", "postgres"]),
                   check=True, capture_output=True)
    server = subprocess.Popen(_as_owner([_bin("postgres"), "-D", data, "-p", str(port), "-k", root,
                                         "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    try:
        _wait_ready(port)
        yield url
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(root, ignore_errors=True)


def _wait_ready(port: int, timeout: float = 20.0) -> None:
    import psycopg

    deadline = time.monotonic() + timeout
    while True:
        try:
            psycopg.connect(f"host=127.0.0.1 port={port} user=postgres dbname=postgres").close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
