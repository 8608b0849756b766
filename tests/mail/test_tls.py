"""`ca_file` adds a private CA to the system's trust store, over real TLS to the real Dovecot.

"The system's CAs" are made for the test: OpenSSL reads the default bundle from SSL_CERT_FILE,
so a generated "system" CA stands in for a public one, and a server it signed is one any
mailbox must reach whether or not it also names a private CA in `ca_file`.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from tests.tlsproxy import TlsFront, make_ca, make_server_cert
from watcher.mail import session
from watcher.settings.config import ConfigError


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    folder = tmp_path_factory.mktemp("pki")
    public, private = make_ca(folder, "system-ca"), make_ca(folder, "private-ca")
    return {"system-ca": public, "private-ca": private,
            "public-server": make_server_cert(folder, "public-server", public),
            "private-server": make_server_cert(folder, "private-server", private)}


def test_ca_file_trusts_a_private_ca_besides_the_system_ones(imap_account, pki, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", str(pki["system-ca"][0]))
    backend = (imap_account.server.host, imap_account.server.port)
    with (TlsFront(pki["public-server"], backend) as public,
          TlsFront(pki["private-server"], backend) as private):
        with_ca = {"security": "tls", "ca_file": pki["private-ca"][0]}
        for front in (public, private):  # both: the private CA is added, the system's are kept
            client = session.connect(imap_account.mailbox(port=front.port, **with_ca))
            try:
                assert client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
            finally:
                session.close(client)
        assert public.handshakes_failed == private.handshakes_failed == 0

        with pytest.raises(ssl.SSLCertVerificationError):  # without ca_file the private server is refused
            session.connect(imap_account.mailbox(port=private.port, security="tls"))
        other_ca = {"security": "tls", "ca_file": pki["system-ca"][0]}
        with pytest.raises(ssl.SSLCertVerificationError):  # and ca_file trusts what it holds, no more
            session.connect(imap_account.mailbox(port=private.port, **other_ca))


def test_a_ca_file_gone_since_the_config_was_loaded_is_one_line_naming_key_and_path(imap_account, pki,
                                                                                   tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki["private-ca"][0].read_bytes())
    mailbox = imap_account.mailbox(security="tls", ca_file=ca)
    ca.unlink()
    with pytest.raises(ConfigError) as err:
        session.connect(mailbox)
    assert str(err.value) == f"mailboxes.{mailbox.name}.ca_file: cannot read {ca}: No such file or directory"
    ca.write_text("not a certificate\n")
    with pytest.raises(ConfigError) as err:
        session.connect(mailbox)
    assert str(err.value) == (f"mailboxes.{mailbox.name}.ca_file: {ca} holds no PEM certificate "
                              "(NO_CERTIFICATE_OR_CRL_FOUND)")
