#!/usr/bin/env bash
# The one test command (README and .ci/run use it): installs what the tests need on a fresh
# machine (Debian's dovecot-imapd and postgresql for the real servers, the package and its test extras in
# .venv), then runs ruff, mypy and pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
# What the tests run, not a proxy: dovecot-core without dovecot-imapd has no IMAP process.
# (SIVW_ROOT and SIVW_CHECK_ONLY exist for tests/test_install_check.py: a root to look under,
# and "print what is missing and stop".)
root="${SIVW_ROOT:-}"
[ -x "$root/usr/sbin/dovecot" ] && [ -x "$root/usr/lib/dovecot/imap" ] \
  && [ -x "$root/usr/lib/dovecot/imap-login" ] || missing="$missing dovecot-core dovecot-imapd"
ls "$root"/usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
command -v openssl >/dev/null || missing="$missing openssl"  # the TLS tests make their certificates
if [ -n "${SIVW_CHECK_ONLY:-}" ]; then
  echo "missing:$missing"
  exit 0
fi
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing$missing (Debian packages) for the IMAP and PostgreSQL tests ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check ".[test]"
.venv/bin/ruff check .
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"
