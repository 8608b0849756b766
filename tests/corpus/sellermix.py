"""The seller mix (issue 10): what a real seller's mailbox is full of, besides SIV mail.

Amazon's own notices that are not SIV, in the shapes Amazon sends them (HTML alternatives with
images and click-tracking links, HTML-only mails in base64, plain-text reports, CSV
attachments), buyer messages relayed through marketplace.amazon.com, non-Amazon mail with
verification words in the subject, forwards of ordinary mail, and large attachments. Used by
benchmarks/imap_bench.py (--mix seller) and the IMAP tests. Lives under tests/corpus with the
other mail generators (long literal lines, not linted).
"""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from email.utils import format_datetime

from tests.mailgen import filler

_MARKETS = ("com", "co.uk", "de", "co.jp", "ca", "com.mx", "fr", "it", "es")
_ITEMS = ("Silicone Baking Mat Set (3 pcs)", "LED Desk Lamp with USB Charging Port", "Stainless Steel Water Bottle 750ml",
          "Bamboo Cutting Board", "Wireless Earbuds Case Cover", "Phone Stand for Desk", "Yoga Mat Non Slip 6mm")
_NAMES = ("Jennifer Smith", "Michael Brown", "Laura Wilson", "David Miller", "Sarah Johnson", "Thomas Müller",
          "Kenji Sato", "Emma Martin")

AMAZON_NOTICE_KINDS = ("sold", "settlement", "disbursement", "atoz", "account_health", "advertising", "fba",
                       "buyer")


def _order(rng: random.Random) -> str:
    return f"{rng.randint(111, 114)}-{rng.randint(1000000, 9999999)}-{rng.randint(1000000, 9999999)}"


def _track(rng: random.Random, market: str, target: str) -> str:
    token = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(40))
    return (f"https://sellercentral.amazon.{market}/gp/r.html?C={token[:20]}&K={token[20:]}&M=urn:rtn:msg:"
            f"{rng.randint(10**15, 10**16)}&R=2&T=C&U=https%3A%2F%2Fsellercentral.amazon.{market}%2F{target}"
            f"&H={token[::-1][:24]}&ref_=pe_{rng.randint(1000, 9999)}_{rng.randint(10**6, 10**7)}")


def _img(rng: random.Random) -> str:
    return (f'<img src="https://m.media-amazon.com/images/G/01/rainier/nav/{rng.randint(10**8, 10**9)}._CB'
            f'{rng.randint(10**8, 10**9)}_.png" width="{rng.choice((24, 115, 600))}" alt="" border="0" '
            f'style="display:block;border:0">')


_STYLE = ("<style type=\"text/css\">body{margin:0;padding:0;-webkit-text-size-adjust:100%} table,td{border-collapse:"
          "collapse;mso-table-lspace:0pt;mso-table-rspace:0pt} img{border:0;height:auto;line-height:100%;outline:"
          "none;text-decoration:none} .rio-card{background:#ffffff;border:1px solid #dddddd} .rio-header{font-size:"
          "18px;color:#0f1111} @media only screen and (max-width:600px){.rio-card{width:100%!important}}</style>")


def _html(title: str, paragraphs: list[str], rng: random.Random, market: str, rows: int) -> str:
    cells = "".join(
        f'<tr><td class="rio-card" style="padding:8px 16px">{_img(rng)}<a href="{_track(rng, market, "orders-v3")}" '
        f'style="color:#007185">{rng.choice(_ITEMS)}</a> &middot; Qty {rng.randint(1, 5)} &middot; '
        f'{rng.randint(5, 80)}.{rng.randint(10, 99)}</td></tr>\r\n' for _ in range(rows))
    body = "".join(f"<p style=\"margin:0 0 12px 0\">{p}</p>\r\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
            f"<title>{title}</title>{_STYLE}</head>\r\n<body style=\"margin:0;padding:0;background:#eaeded\">\r\n"
            f"<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\"><tr><td align=\"center\">"
            f"{_img(rng)}</td></tr>\r\n<tr><td class=\"rio-header\" style=\"padding:16px\">{title}</td></tr>\r\n"
            f"<tr><td style=\"padding:16px\">{body}</td></tr>\r\n{cells}"
            f"<tr><td style=\"font-size:11px;color:#565959;padding:16px\">&copy; 2026 Amazon.com, Inc. or its "
            f"affiliates. Amazon and all related marks are trademarks of Amazon.com, Inc. or its affiliates. "
            f"<a href=\"{_track(rng, market, 'notifications/preferences')}\">Notification preferences</a></td></tr>"
            f"</table>{_img(rng)}</body></html>\r\n")


def _qp(text: str) -> str:
    import quopri

    return quopri.encodestring(text.encode()).decode().replace("\n", "\r\n").replace("\r\r\n", "\r\n")


def _b64(text: str | bytes) -> str:
    import base64

    data = text.encode() if isinstance(text, str) else text
    encoded = base64.b64encode(data).decode()
    return "\r\n".join(encoded[i:i + 76] for i in range(0, len(encoded), 76)) + "\r\n"


def _envelope(sender: str, subject: str, msgid: str, when: datetime | None, ctype: str, extra: str = "") -> str:
    date = format_datetime(when or datetime.now(UTC))
    return (f"From: {sender}\r\nTo: seller@example.com\r\nSubject: {subject}\r\nDate: {date}\r\n"
            f"Message-ID: <{msgid}>\r\nMIME-Version: 1.0\r\n{extra}Content-Type: {ctype}\r\n\r\n")


def amazon_notice(n: int, rng: random.Random, kind: str | None = None, when: datetime | None = None) -> bytes:
    """An Amazon notice a seller gets every day that is not SIV (of AMAZON_NOTICE_KINDS, by n if not given)."""
    kind = kind or AMAZON_NOTICE_KINDS[n % len(AMAZON_NOTICE_KINDS)]
    market = _MARKETS[n % len(_MARKETS)]
    order, item = _order(rng), rng.choice(_ITEMS)
    domain = f"amazon.{market}"
    msgid = f"0100{n:012d}-{rng.randint(10**7, 10**8)}-000000@email.amazonses.com"
    if kind == "buyer":  # a buyer's own words, relayed: plain text, small
        name = rng.choice(_NAMES)
        sender = f"{name} - Amazon Marketplace <{rng.randint(10**9, 10**10):x}@marketplace.{domain}>"
        subject = rng.choice([f"Inquiry from Amazon customer {name} (Order: {order})",
                              f"Product details inquiry from Amazon customer {name}",
                              f"Shipping inquiry from Amazon customer {name} (Order: {order})"])
        question = rng.choice(["Hi, my package has not arrived yet, can you tell me when it will ship?",
                               "Hello, does this come with a warranty? The lid is broken.",
                               "Can I change the color to blue before you ship? Thanks!"])
        text = (f"------------- Begin message -------------\r\n\r\n{question}\r\n\r\n"
                f"------------- End message -------------\r\n\r\nOrder ID {order}:\r\n1 of {item}\r\n\r\n"
                f"You can reply to this message through Seller Central: {_track(rng, market, 'messaging/inbox')}\r\n\r\n"
                "Was this email helpful? " + _track(rng, market, "messaging/feedback") + "\r\n\r\n"
                "Copyright 2026 Amazon, Inc. or its affiliates. All rights reserved.\r\n")
        return (_envelope(sender, subject, msgid, when, 'text/plain; charset="UTF-8"',
                          "Content-Transfer-Encoding: quoted-printable\r\n") + _qp(text)).encode()
    if kind in ("settlement", "disbursement"):  # plain-text reports, some with the CSV attached
        sender = f"Amazon Payments <payments-messages@{domain}>"
        subject = ("Your settlement report is now available" if kind == "settlement" else
                   f"Amazon Seller Central: Disbursement initiated for {rng.randint(1000, 99999)}.{rng.randint(10, 99)} USD")
        lines = "".join(f"{_order(rng)}  {rng.choice(('Order', 'Refund', 'ServiceFee', 'FBA Inventory Fee'))}  "
                        f"{rng.randint(-90, 300)}.{rng.randint(10, 99)}\r\n" for _ in range(rng.randint(20, 120)))
        text = (f"Hello,\r\n\r\nThe settlement period {rng.randint(1, 28)} Jan - {rng.randint(1, 28)} Feb has closed. "
                f"Total balance: {rng.randint(100, 90000)}.{rng.randint(10, 99)} USD.\r\n\r\nSummary:\r\n{lines}\r\n"
                f"View the full report in Seller Central: {_track(rng, market, 'payments/reports')}\r\n\r\n"
                "Sincerely,\r\nAmazon Payments\r\n")
        if n % 4:
            return (_envelope(sender, subject, msgid, when, 'text/plain; charset="UTF-8"') + text).encode()
        csv = "".join(f"{_order(rng)},{rng.choice(_ITEMS)},{rng.randint(1, 300)}.{rng.randint(10, 99)}\n"
                      for _ in range(rng.randint(200, 1500)))
        return (_envelope(sender, subject, msgid, when, f'multipart/mixed; boundary="s{n}"')
                + f"--s{n}\r\nContent-Type: text/plain; charset=\"UTF-8\"\r\n\r\n{text}\r\n--s{n}\r\n"
                f"Content-Type: text/csv; name=\"settlement-{n}.csv\"\r\nContent-Disposition: attachment; "
                f"filename=\"settlement-{n}.csv\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{_b64(csv)}--s{n}--\r\n"
                ).encode()
    senders = {"sold": "seller-notification", "atoz": "atoz-guarantee-no-reply", "account_health": "seller-notification",
               "advertising": "advertising-noreply", "fba": "fba-noreply"}
    sender = f"Amazon Seller Central <{senders[kind]}@{domain}>"
    if kind == "sold":
        subject = rng.choice([f"Sold, ship now: {item}", f"Sold, ship now - {item}", f"Sold, dispatch now: {item}"])
        paras = [f"Congratulations, you've sold {item}. Ship it now.", f"Order ID: {order}",
                 "Please ship this order using the shipping service the buyer chose. Ship by the expected date.",
                 f"<a href=\"{_track(rng, market, 'orders-v3/order/' + order)}\">View order details</a>"]
        rows = rng.randint(10, 40)
    elif kind == "atoz":
        subject = rng.choice([f"A-to-z Guarantee claim received for order {order}",
                              f"Action required: A-to-z Guarantee claim for order {order}"])
        paras = [f"A buyer has filed an A-to-z Guarantee claim for order {order}.",
                 "Please respond within 3 calendar days with the tracking information or a refund.",
                 f"<a href=\"{_track(rng, market, 'guarantee/claims')}\">Respond to the claim</a>"]
        rows = rng.randint(5, 20)
    elif kind == "account_health":
        subject = rng.choice(["Your Account Health rating needs attention", "Policy warning: product condition complaints",
                              "Listing removed: pricing error"])
        paras = ["Your Account Health Rating has changed. We have received customer complaints about a listing.",
                 "Review the listing and update it so that it meets our policies. You can see the details on the "
                 "Account Health page.", f"<a href=\"{_track(rng, market, 'performance/account/health')}\">"
                 "View Account Health</a>"]
        rows = rng.randint(4, 15)
    elif kind == "advertising":
        subject = rng.choice(["Your Sponsored Products campaign is out of budget",
                              "Boost your holiday sales with Sponsored Brands", "Your weekly advertising performance report"])
        paras = ["Your campaign stopped serving ads today because it reached its daily budget.",
                 f"Impressions: {rng.randint(1000, 90000)}, clicks: {rng.randint(10, 900)}, ACoS: {rng.randint(5, 60)}%.",
                 f"<a href=\"{_track(rng, market, 'cm/campaigns')}\">Increase your budget</a>"]
        rows = rng.randint(20, 70)
    else:  # fba
        shipment = f"FBA{rng.randint(10**8, 10**9):X}"
        subject = rng.choice([f"Inbound shipment {shipment} received", f"FBA shipment {shipment} checked in",
                              f"Inbound shipment {shipment} closed: discrepancies found"])
        paras = [f"Your shipment {shipment} has been received at the fulfillment center {rng.choice(('PHX7', 'ONT8', 'BFI4'))}.",
                 f"Units expected: {rng.randint(50, 900)}. Units received: {rng.randint(50, 900)}.",
                 f"<a href=\"{_track(rng, market, 'fba/inbound-queue')}\">View shipment</a>"]
        rows = rng.randint(10, 50)
    html = _html(subject, paras, rng, market, rows)
    plain = "\r\n\r\n".join(re.sub(r"<[^>]+>", "", p) for p in paras) + "\r\n"
    if n % 5 == 0:  # HTML only, base64 (as some Amazon marketplaces send it)
        return (_envelope(sender, subject, msgid, when, 'text/html; charset="UTF-8"',
                          "Content-Transfer-Encoding: base64\r\n") + _b64(html)).encode()
    boundary = f"----=_Part_{n}_{rng.randint(10**8, 10**9)}"
    return (_envelope(sender, subject, msgid, when, f'multipart/alternative; boundary="{boundary}"')
            + f"--{boundary}\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable"
            f"\r\n\r\n{_qp(plain)}\r\n--{boundary}\r\nContent-Type: text/html; charset=UTF-8\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{_qp(html)}\r\n--{boundary}--\r\n").encode()


def verification_word_mail(n: int, rng: random.Random, when: datetime | None = None) -> bytes:
    """Non-Amazon mail with verification words in the subject: sign-ups, one-time codes."""
    site, addr = rng.choice([("Shopify", "no-reply@shopify.com"), ("Alibaba.com", "service@alibaba.com"),
                             ("PayPal", "service@paypal.com"), ("微信支付", "wxpay@tencent.com"),
                             ("1688", "noreply@1688.com"), ("Lazada Seller Center", "no-reply@lazada.com")])
    code = rng.randint(100000, 999999)
    subject = rng.choice(["Verify your email address", f"您的验证码是 {code}", "Please verify your identity",
                          f"{site} verification code: {code}", "Confirm your account"])
    text = (f"Hi,\r\n\r\nUse this code to verify your email address: {code}\r\n\r\nThe code expires in 10 "
            f"minutes. If you did not request it, ignore this mail.\r\n\r\n{site}\r\n")
    return (_envelope(f"{site} <{addr}>", subject, f"verify-{n}@{addr.split('@')[1]}", when,
                      'text/plain; charset="UTF-8"') + text).encode()


def ordinary_forward(n: int, rng: random.Random, when: datetime | None = None) -> bytes:
    """A colleague forwarding an ordinary mail (a freight quote, an order) with a Fwd/转发 subject."""
    inner = filler(n, rng, size=rng.randint(2_000, 12_000), when=when)
    head, _, body = inner.decode().partition("\r\n\r\n")
    quoted = "\r\n".join(line for line in head.splitlines() if line.split(":")[0] in ("From", "Date", "Subject", "To"))
    subject = rng.choice(["Fwd: ", "FW: ", "转发：", "Fw: "]) + re.search(r"Subject: (.*)", head).group(1)  # type: ignore[union-attr]
    text = (f"{rng.choice(['FYI', '看一下这个报价', 'please check', '请处理'])}\r\n\r\n"
            f"---------- Forwarded message ---------\r\n{quoted}\r\n\r\n{body}")
    return (_envelope("Colleague <ops@yiwu-brightstar.com>", subject, f"fwd-ordinary-{n}@yiwu-brightstar.com",
                      when, 'text/plain; charset="UTF-8"') + text).encode()


def with_attachment(raw: bytes, size: int, n: int) -> bytes:
    """The same mail with a large binary attachment (a PDF, a spreadsheet) after its text."""
    head, _, body = raw.partition(b"\r\n\r\n")
    ctype = re.search(rb"(?im)^Content-Type:[^\r\n]*(\r\n[ \t][^\r\n]*)*", head)
    cte = re.search(rb"(?im)^Content-Transfer-Encoding:[^\r\n]*", head)
    head = re.sub(rb"(?im)^Content-(Type|Transfer-Encoding):[^\r\n]*(\r\n[ \t][^\r\n]*)*(\r\n)?", b"", head)
    inner = (ctype.group(0) if ctype else b"Content-Type: text/plain") + b"\r\n" + (cte.group(0) + b"\r\n" if cte else b"")
    blob = random.Random(n).randbytes(size * 3 // 4)
    return (head.rstrip(b"\r\n") + f'\r\nContent-Type: multipart/mixed; boundary="att{n}"\r\n\r\n--att{n}\r\n'.encode()
            + inner + b"\r\n" + body + f"\r\n--att{n}\r\nContent-Type: application/pdf; name=\"scan-{n}.pdf\"\r\n"
            f"Content-Disposition: attachment; filename=\"scan-{n}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            .encode() + _b64(blob).encode() + f"--att{n}--\r\n".encode())
