from collections.abc import Iterator

import pytest

from tests.dovecot import dovecot, imap_account  # noqa: E402, F401  (a real Dovecot, one user per test)
from tests.receivers import http_receiver, smtp_receiver  # noqa: E402, F401  (Apprise receivers)
from watcher.mail import decider


@pytest.fixture(autouse=True)
def _decider_per_test() -> Iterator[None]:
    """`siv-watcher run` warms mail.decider's fork server for the rest of its process; a test that
    runs the CLI must not leave every later test's syncs deciding in another process."""
    yield
    decider._server.clear()
