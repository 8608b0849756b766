"""The mails that ``siv-watcher demo`` delivers, in file-name order, to its embedded IMAP server.

This file exists so that ``importlib.resources.files("watcher.samples.demo")`` finds the ``.eml`` files
once the package is installed. They are written after the public corpus (tests/corpus/shared), with the
same wording, headers and encodings (CRLF, UTF-8, 7bit / quoted-printable / base64, RFC 2047 subjects),
all received by ``mx.qq.com`` in November 2026, and tell two sellers' stories:

Seller A, ``chenfeng.homegoods@qq.com`` (seller token ``A3JQ8WX2NC5T7R``):

1. ``01-siv_failed.eml``: "Unable to verify your Selling on Amazon account", genuine (dkim=pass
   header.d=amazon.com).
2. ``02-support_reply.eml``: Selling Partner Support acknowledges the appeal, case ``15782046193``.
3. ``03-video_call_invitation.eml``: Chinese invitation, booking link
   ``https://amazonxten.qualtrics.com/jfe/form/SV_8Hk2cVq4mTzR1pL``, 14 days from
   Wed, 18 Nov 2026 03:05 +0000, so the deadline is 2026-12-02.
4. ``04-video_call_confirmation.eml``: from seller-identityverification-cn@amazon.com, appointment
   2026-12-01T10:00:00+08:00.

Seller B, ``ruiyang.trade2026@qq.com``:

5. ``05-appeal_denied_restart.eml``: "you must restart the application process with a new account and
   email ID", case ``15790331826``.

And for seller A again:

6. ``06-phishing.eml``: a copy of the invitation from the look-alike ``amazon-sellercentral-cn.com``
   (its own DKIM passes, which must not make it genuine), booking link
   ``https://amazon-sellercentral-cn.com/booking/SV_8Hk2cVq4mTzR1pL``, same seller token (phishers
   copy it from the storefront); expected ``sender_check: suspicious``, deadline 2026-12-10.
"""
