from tests.dovecot import dovecot, imap_account  # noqa: E402, F401  (a real Dovecot, one user per test)
from tests.receivers import http_receiver, smtp_receiver  # noqa: E402, F401  (Apprise receivers)
