#!/usr/bin/env python3
"""Generate the trap corpus in tests/corpus/extra/ (the .eml files and expected.json).

Run:  python tests/corpus/make_extra.py

The output is deterministic (fixed dates, Message-IDs, MIME boundaries and a seeded
pseudo-random attachment), so re-running it reproduces the committed files byte for byte.
Mails are built with the stdlib ``email`` package (email.message.Message parts with explicit
charsets and transfer encodings, MIMEMultipart, MIMEMessage, BytesGenerator). Byte-level traps
(8bit GBK bodies, LF line endings, broken MIME) are written as raw bytes on purpose.

Every expectation is written by hand from the rules in tests/corpus/shared/README.md; the
deadlines and appointments are additionally re-derived here as a cross-check (see check_*).
Notes on each trap are in tests/corpus/extra/README.md.
"""
from __future__ import annotations

import base64
import html
import io
import json
import quopri
import random
import re
import sys
from datetime import datetime, timedelta, timezone
from email import encoders
from email.generator import BytesGenerator
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.message import MIMEMessage
from email.mime.multipart import MIMEMultipart
from email.policy import compat32
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "extra"
RNG = random.Random(20261101)
SHANGHAI = timezone(timedelta(hours=8))

EXPECTED: dict[str, dict[str, str]] = {}
FILES: dict[str, bytes] = {}


# ---------------------------------------------------------------- helpers

def dt(s: str) -> datetime:
    return datetime.strptime(s, "%Y-%m-%d %H:%M:%S %z")


def rfcdate(s: str) -> str:
    """'2026-11-12 16:40:22 +0000' -> 'Thu, 12 Nov 2026 16:40:22 +0000' (weekday always right)."""
    return format_datetime(dt(s))


def recvdate(s: str, tz_hours: int = 8, delay: int = 4) -> str:
    """RFC 5322 date ``s`` seen by a receiving server in another zone, ``delay`` seconds later."""
    from email.utils import parsedate_to_datetime
    d = parsedate_to_datetime(s).astimezone(timezone(timedelta(hours=tz_hours))) + timedelta(seconds=delay)
    return format_datetime(d)


def hexid(n: int) -> str:
    return "".join(RNG.choice("0123456789abcdef") for _ in range(n))


def ses_msgid() -> str:
    return (f"<0100019{hexid(9)}-{hexid(8)}-{hexid(4)}-{hexid(4)}-{hexid(4)}-{hexid(12)}"
            f"-000000@email.amazonses.com>")


def ses_return_path() -> str:
    return (f"<0100019{hexid(9)}-{hexid(8)}-{hexid(4)}-{hexid(4)}-{hexid(4)}-{hexid(12)}"
            f"-000000@amazonses.com>")


def ses_received(mx: str, to: str, date: str, tz_hours: int = 8) -> str:
    a, b = RNG.randint(2, 250), RNG.randint(2, 250)
    host = f"a{a}-{b}.smtp-out.amazonses.com"
    if mx == "mx.google.com":
        return (f"from {host} ({host}. [54.240.{a}.{b}])\n"
                f"        by mx.google.com with ESMTPS id {hexid(12)}.{RNG.randint(100, 999)}.2026.{hexid(4)}\n"
                f"        for <{to}>\n"
                f"        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);\n"
                f"        {recvdate(date, tz_hours)}")
    return (f"from {host} ({host} [54.240.{a}.{b}])\n"
            f"\tby {mx} with ESMTPS id {hexid(10)}\n"
            f"\tfor <{to}>; {recvdate(date, tz_hours)}")


def ar_pass(mx: str, d: str = "amazon.com", google_style: bool = False) -> str:
    if google_style:
        return (f"mx.google.com;\n"
                f"       dkim=pass header.i=@{d} header.s=dkimselector1 header.b={hexid(8)};\n"
                f"       dkim=pass header.i=@amazonses.com header.s=ug7nbtf4gccmlpwj322ax3p6ow6yfsug header.b={hexid(8)};\n"
                f"       spf=pass (google.com: domain of {hexid(16)}@amazonses.com designates 54.240.8.{RNG.randint(2, 250)} as permitted sender) smtp.mailfrom={hexid(16)}@amazonses.com;\n"
                f"       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={d}")
    return (f"{mx};\n"
            f"\tdkim=pass header.d={d} header.s=dkimselector1;\n"
            f"\tspf=pass smtp.mailfrom=amazonses.com;\n"
            f"\tdmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={d}")


def ew(text: str, charset: str, enc: str = "B", codec: str | None = None, maxlen: int = 75) -> str:
    """RFC 2047 encoded-word(s), folded. ``codec`` may differ from the declared charset
    (used for the 'labelled gb2312, really GBK' trap)."""
    codec = codec or charset
    words, cur = [], ""

    def word(chunk: str) -> str:
        raw = chunk.encode(codec)
        if enc == "B":
            body = base64.b64encode(raw).decode("ascii")
        else:
            body = "".join(chr(c) if (chr(c).isalnum() and c < 128) else ("_" if c == 32 else f"={c:02X}")
                           for c in raw)
        return f"=?{charset}?{enc}?{body}?="

    for ch in text:
        if cur and len(word(cur + ch)) > maxlen:
            words.append(word(cur))
            cur = ""
        cur += ch
    if cur:
        words.append(word(cur))
    return "\n ".join(words)


def addr(name: str, email_addr: str, charset: str | None = None, enc: str = "B", codec: str | None = None) -> str:
    if charset:
        return f"{ew(name, charset, enc, codec)} <{email_addr}>"
    if any(c in name for c in '.,:;@()<>[]"'):
        return f'"{name}" <{email_addr}>'
    return f"{name} <{email_addr}>"


def text_part(text: str, subtype: str = "plain", charset: str = "UTF-8", cte: str = "base64",
              codec: str | None = None) -> Message:
    """A text/* part whose bytes are ``text`` encoded with ``codec`` (default: the declared charset)."""
    codec = codec or charset
    p = Message()
    p["Content-Type"] = f'text/{subtype}; charset="{charset}"'
    p["Content-Transfer-Encoding"] = cte
    if cte == "base64":
        raw = text.replace("\n", "\r\n").encode(codec)
        p.set_payload(base64.encodebytes(raw).decode("ascii"))
    elif cte == "quoted-printable":
        p.set_payload(quopri.encodestring(text.encode(codec)).decode("ascii"))
    elif cte == "7bit":
        p.set_payload(text.encode("ascii").decode("ascii"))
    else:
        raise ValueError(cte)
    return p


def alternative(plain: Message, htmlp: Message, boundary: str) -> MIMEMultipart:
    m = MIMEMultipart("alternative", boundary=boundary)
    m.attach(plain)
    m.attach(htmlp)
    return m


def finalize(msg: Message, headers: list[tuple[str, str]], linesep: str = "\r\n") -> bytes:
    """Put ``headers`` first (in order), then MIME-Version and the part's own MIME headers."""
    mime = list(msg.items())
    for k in {k for k, _ in mime}:
        del msg[k]
    for k, v in headers:
        msg[k] = v
    msg["MIME-Version"] = "1.0"
    for k, v in mime:
        if k.lower() != "mime-version":
            msg[k] = v
    buf = io.BytesIO()
    BytesGenerator(buf, mangle_from_=False,
                   policy=compat32.clone(linesep=linesep, max_line_length=0)).flatten(msg)
    return buf.getvalue()


def raw_mail(headers: list[tuple[str, str]], body: bytes, linesep: bytes = b"\r\n") -> bytes:
    """Byte-level mail: headers (ASCII, may be pre-folded with '\\n') + body bytes as given."""
    out = []
    for k, v in headers:
        out.append(f"{k}: {v}".replace("\n", linesep.decode()).encode("ascii"))
    head = linesep.join(out) + linesep + linesep
    return head + body.replace(b"\r\n", b"\n").replace(b"\n", linesep)


def add(name: str, data: bytes, kind: str, sender_check: str, **fields: str) -> None:
    assert name.startswith(kind + "-"), name
    assert name not in FILES, name
    FILES[name] = data
    exp = {"kind": kind, "sender_check": sender_check}
    exp.update(fields)
    EXPECTED[name] = dict(sorted(exp.items()))


def check_deadline(date_header: str, days: int, expected: str) -> str:
    from email.utils import parsedate_to_datetime
    d = parsedate_to_datetime(date_header).astimezone(SHANGHAI).date() + timedelta(days=days)
    assert d.isoformat() == expected, (date_header, days, d, expected)
    return expected


def check_appt(aware: datetime, expected: str) -> str:
    got = aware.astimezone(SHANGHAI).isoformat()
    assert got == expected, (aware, got, expected)
    return expected


def std_headers(date: str, frm: str, to: str, subject: str, msgid: str, *, ar: str | None = None,
                received: str | None = None, return_path: str | None = None,
                extra: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    h: list[tuple[str, str]] = []
    if ar:
        h.append(("Authentication-Results", ar))
    if received:
        h.append(("Received", received))
    if return_path:
        h.append(("Return-Path", return_path))
    h += [("Date", date), ("From", frm), ("To", to), ("Subject", subject), ("Message-ID", msgid)]
    h += extra or []
    return h


# ---------------------------------------------------------------- message texts

EN_FOOTER = ("\u00a9 2026 Amazon.com, Inc. or its affiliates. All rights reserved. Amazon, Amazon.com and the "
             "Amazon.com logo are registered trademarks of Amazon.com, Inc. or its affiliates. "
             "Amazon.com, 410 Terry Avenue North, Seattle, WA 98109-5210.")


def en_invitation(url: str, token: str, days: int = 14, phish_reply: bool = False) -> str:
    noreply = ("Please do not reply to this email. Replies are routed to an account that is used only "
               "for sending emails and is not monitored.\n\n") if not phish_reply else ""
    extra = ("If the booking page does not load, simply reply to this email with a colour photo of the front "
             "and back of your identity document and a selfie holding it, and we will book the call for you.\n\n"
             if phish_reply else "")
    return f"""Your Amazon.com selling account

{noreply}Hello,

Thank you for choosing to sell on Amazon.

As outlined in Section 1 of the Amazon Services Business Solutions Agreement, we require you to complete a video call with an Amazon associate to complete additional identity verification. This is an enhanced security measure that allows you to access your Amazon account and sell in the Amazon store. To complete verification, schedule a video call appointment by following the instructions below.

During the call, we will ask you to show the original identity document that you used when you registered your account. We do not accept copies.

The video call takes about 15 minutes. If you do not schedule an appointment within the next {days} days, or if you do not show us the document that you used to register your account, you will not be eligible to sell in the Amazon store.

To learn more about this requirement, see the Amazon Services Business Solutions Agreement:
<https://sellercentral.amazon.com/help/hub/reference/1791>

How to schedule your video call

1. Go to the booking page:
{url}
2. Select up to three preferred time slots on three different dates, and then click "Submit".
3. If your merchant token is not displayed, enter your merchant token ({token}) on the booking page.

{extra}Important
- You will receive a confirmation email from seller-identityverification-cn@amazon.com within 2 business days with the details of your video call.
- If none of your preferred time slots is available, we will book the closest available slot.
- Submit your preferred time slots only once. Submitting them several times may invalidate your appointment.

We're here to help
If you have any questions, contact Selling Partner Support:
<https://sellercentral.amazon.com/cu/contact-us>

Sincerely,
Seller Identity Verification Team
Amazon.com
"""


def zh_invitation(url: str, token: str, greeting: str = "您好！", days: int = 14) -> str:
    return f"""您的 Amazon.com 销售帐户

请勿回复此电子邮件。回复将发送到仅用于发送电子邮件且无人查看的帐户。

{greeting}

感谢您选择在亚马逊开展销售。

根据《亚马逊服务商业解决方案协议》第 1 节的规定，您需要与亚马逊工作人员完成一次视频通话，以完成额外的身份验证。这是一项增强安全性的措施，可确保您能够访问您的亚马逊帐户并在亚马逊商城销售商品。请按照以下说明预约视频通话。

通话过程中，我们会请您出示注册帐户时所使用的身份证件原件，复印件恕不接受。

视频通话时长约 15 分钟。如果您未在 {days} 天内完成预约，或未能出示注册帐户时使用的证件，您将无法在亚马逊商城销售商品。

详细了解此要求，请参阅《亚马逊服务商业解决方案协议》：
<https://sellercentral.amazon.com/help/hub/reference/1791>

预约步骤：

1. 点击以下链接：
{url}
2. 在三个不同的日期中选择最多三个首选时间段，然后点击“提交”。
3. 如果预约页面未显示您的卖家帐户标志，请填写此卖家帐户标志：{token}

重要事项

- 我们将在 2 个工作日内通过 seller-identityverification-cn@amazon.com 向您发送确认邮件，其中包含视频通话的详细信息。
- 如果您的首选时间段均不可用，我们将为您安排最接近的可用时间段。
- 请勿重复提交首选时间段，否则可能导致预约失效。

如有任何疑问，请联系销售伙伴支持团队：
<https://sellercentral.amazon.com/cu/contact-us>

卖家身份验证团队
Amazon.com
"""


ZHT_INVITATION = """您的 Amazon.com 銷售帳戶

請勿回覆此電子郵件。回覆將傳送至僅用於傳送電子郵件且無人查看的帳戶。

您好：

感謝您選擇在亞馬遜銷售商品。

根據《亞馬遜服務商業解決方案協議》第 1 節的規定，我們需要您與亞馬遜工作人員進行視訊通話，以完成額外的身分驗證。這是一項加強安全性的措施，可讓您存取您的亞馬遜帳戶並在亞馬遜商店銷售商品。若要完成驗證，請依照本電子郵件中的說明預約視訊通話。

通話期間，我們會請您出示註冊帳戶時所使用的身分證件正本。我們不接受任何影本。

視訊通話約需 15 分鐘。如果您未在接下來的 14 天內完成預約，或未向我們出示您註冊帳戶時使用的證件，您將無法在亞馬遜商店銷售商品。

若要進一步了解此項要求，請參閱《亞馬遜服務商業解決方案協議》：
<https://sellercentral.amazon.com/help/hub/reference/1791>

請預約視訊通話以完成驗證流程。

1. 按一下以下連結：
https://amazonxten.qualtrics.com/jfe/form/SV_0ZqVx5gT2hKwR8y
2. 在三個不同的日期選擇最多三個偏好的時段，然後按一下「提交」完成預約。
3. 如果您看不到您的賣家代號，請在預約頁面中輸入此賣家代號（A3TWK8M2QZ5RJN）作為憑證。

重要預約須知

- 我們將在 2 個工作日內從 seller-identityverification-cn@amazon.com 寄送確認電子郵件給您，其中包含視訊通話的其他詳細資訊。
- 如果您偏好的時段無法使用，我們會為您選擇最接近的可用時段。
- 請勿重複提交偏好時段，否則可能導致您的視訊通話預約失效。

我們隨時為您提供協助
如有任何疑問，請聯絡銷售夥伴支援團隊：
<https://sellercentral.amazon.com/cu/contact-us>

賣家身分驗證團隊

此致

賣家績效團隊
Amazon.com
"""

EN_SIV_FAILED = f"""selling on amazon

Please do not reply to this email. Replies are routed to an account that is used only for sending emails and is not monitored

Hello,

We have reviewed the documents that you provided but were unable to complete the identity verification process for your seller account. As a result,

- If you are registering as a new seller, your case will be closed and your account will not be activated.
- If you are an existing seller who has already been selling on Amazon, your seller account will not be immediately impacted.

If you believe that there has been an error, you can contact Selling Partner Support <{{support}}>.

The Seller Identity Verification team

{EN_FOOTER}
"""

ZHT_SIV_FAILED = """在亞馬遜銷售

請勿回覆此電子郵件。回覆將傳送至僅用於傳送電子郵件且無人查看的帳戶。

您好：

我們已審核您提供的文件，但無法完成您賣家帳戶的身分驗證流程。因此：

- 如果您是正在註冊的新賣家，您的案件將會關閉，且您的帳戶將不會啟用。
- 如果您是已在亞馬遜銷售的現有賣家，您的賣家帳戶不會立即受到影響。

如果您認為有誤，可以聯絡銷售夥伴支援團隊：<https://sellercentral.amazon.com/cu/contact-us>

賣家身分驗證團隊

Amazon.com, Inc. 或其關係企業版權所有。Amazon、Amazon.com 及 Amazon.com 標誌是 Amazon.com, Inc. 或其關係企業的註冊商標。Amazon.com, 410 Terry Avenue North, Seattle, WA 98109-5210.
"""

ZH_SIV_FAILED = """亚马逊销售

请勿回复此电子邮件。回复将发送到仅用于发送电子邮件且无人查看的帐户。

您好：

我们已审核您提供的文件，但未能完成您卖家帐户的身份验证流程。因此：

- 如果您是正在注册的新卖家，您的申请将被关闭，您的帐户将不会被激活。
- 如果您是已在亚马逊销售的现有卖家，您的卖家帐户不会立即受到影响。

如果您认为存在错误，可以联系销售伙伴支持团队：<https://sellercentral.amazon.com/cu/contact-us>

卖家身份验证团队
亚马逊全球开店
<https://gs.amazon.cn>
"""


def en_confirmation(when: str, chime: str, mid: str, token: str | None) -> str:
    tok = f"Merchant token: {token}\n" if token else ""
    return f"""Hello,

Thank you for booking a video call with the Amazon Seller Identity Verification team. Your appointment is confirmed.

Date and time: {when}
Duration: about 15 minutes
Join with Amazon Chime: {chime}
Meeting ID: {mid}
{tok}
Before the call:
- Have the original identity document that you used to register your account ready. We do not accept copies, scans or photos of the document.
- Use a device with a camera, a microphone and a stable internet connection.
- Join 5 minutes early. If you have not joined within 10 minutes of the start time, we will mark the appointment as missed and you will need to book a new one.

To reschedule, reply to this email at least 24 hours before your appointment.

Seller Identity Verification Team
Amazon.com
"""


def zh_confirmation(when: str, chime: str, mid: str, token: str | None) -> str:
    tok = f"卖家帐户标志：{token}\n" if token else ""
    return f"""您好！

感谢您预约亚马逊卖家身份验证团队的视频通话。您的预约已确认，详情如下：

预约时间：{when}
通话时长：约 15 分钟
会议链接（Amazon Chime）：{chime}
会议 ID：{mid}
{tok}
注意事项：
1. 请准备好注册帐户时使用的身份证件原件。我们不接受复印件、扫描件或照片。
2. 请使用配有摄像头和麦克风的设备，并确保网络连接稳定。
3. 请提前 5 分钟加入会议。如果您在预约开始后 10 分钟内仍未加入，本次预约将被视为缺席。

如需更改预约时间，请至少提前 24 小时回复此邮件。

卖家身份验证团队
Amazon.com
"""


ZHT_CONFIRMATION = """您好：

感謝您預約亞馬遜賣家身分驗證團隊的視訊通話。您的預約已確認，詳細資訊如下：

預約時間：2026年12月3日（星期四）下午 2:00 (GMT+8)
通話長度：約 15 分鐘
會議連結（Amazon Chime）：https://chime.aws/6402817395
會議 ID：6402 81 7395
賣家代號：A3TWK8M2QZ5RJN

注意事項：
1. 請備妥註冊帳戶時使用的身分證件正本。我們不接受影本、掃描檔或照片。
2. 請使用具備攝影機和麥克風的裝置，並確認網路連線穩定。
3. 請提前 5 分鐘加入會議。如果您在預約時間開始後 10 分鐘內仍未加入，本次預約將視為缺席。

如需變更預約時間，請至少在預約時間 24 小時前回覆此電子郵件。

賣家身分驗證團隊
Amazon.com
"""

EN_SUPPORT_FOOTER = """=====

MORE WAYS TO GET HELP:
Visit our Seller Forums for help from other sellers: <http://sellercentral.amazon.com/forums>
Browse all Seller Help topics: <http://sellercentral.amazon.com/gp/help>

To contact us again about this issue, please use the Contact Us form in Seller Central using the following link:

<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID={case}>

Please note: this e-mail was sent from a notification-only address that cannot accept incoming e-mail. Please do not reply to this message.
"""

ZH_APPEAL_DENIED = """您好，这里是亚马逊销售伙伴支持团队：

从您的邮件中，我们了解到您就亚马逊帐户注册一事联系了我们。我们非常理解此问题对您的业务十分重要，我们也不希望任何销售伙伴遇到此类问题。

感谢您上传卖家身份验证所需的文件。

很遗憾，您提交的文件不符合我们的政策要求。要详细了解我们的要求，请参阅“全球卖家身份验证”：

<https://sellercentral.amazon.com/help/hub/reference/GQRP483PDN88Q3M9>

下一步，您必须使用新的帐户和电子邮件地址重新开始申请流程。

感谢您的配合与理解。

为了帮助我们持续改进，请花一点时间完成以下调查，告诉我们您对本次沟通的体验。

您对我们提供的支持满意吗？

是

否

感谢您在亚马逊销售，

Li N.
Amazon.com 卖家支持
=====

获取帮助的更多方式：
访问卖家论坛，获取其他卖家的帮助：<http://sellercentral.amazon.com/forums>
浏览所有卖家帮助主题：<http://sellercentral.amazon.com/gp/help>

如需就此问题再次联系我们，请通过以下链接使用卖家平台中的“联系我们”表单：

<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15804417730>

请注意：此电子邮件发自仅用于通知的地址，无法接收电子邮件。请勿回复此邮件。
"""

ZHT_APPEAL_DENIED = """您好，這裡是亞馬遜銷售夥伴支援團隊：

從您的電子郵件中，我們了解您就亞馬遜帳戶註冊一事與我們聯絡。我們完全理解此問題對您的業務十分重要。

感謝您上傳賣家身分驗證所需的文件。

經審核，您提供的文件不符合我們的政策要求。若要進一步了解相關要求，請參閱「全球賣家身分驗證」：

<https://sellercentral.amazon.com/help/hub/reference/GQRP483PDN88Q3M9>

下一步，您必須使用新的帳戶和電子郵件地址重新開始申請流程。

感謝您的配合與理解。

感謝您在亞馬遜銷售，

Kevin L.
Amazon.com 賣家支援
=====

取得協助的更多方式：
造訪賣家論壇，向其他賣家尋求協助：<http://sellercentral.amazon.com/forums>
瀏覽所有賣家說明主題：<http://sellercentral.amazon.com/gp/help>

若要就此問題再次與我們聯絡，請使用以下連結，透過賣家平台的「聯絡我們」表單：

<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15866204718>

請注意：此電子郵件寄自僅供通知的地址，無法接收電子郵件。請勿回覆此郵件。
"""

ZHT_SUPPORT_REPLY = """您好，這裡是亞馬遜銷售夥伴支援團隊：

感謝您耐心等候我們審核您的賣家身分驗證申訴。

案件編號：15871093356

為了繼續審核您的案件，我們需要以下補充資料：

1. 清晰的彩色公司登記證明文件（例如商工登記公示資料），須顯示統一編號及代表人姓名。
2. 最近 180 天內核發的銀行對帳單或信用卡帳單，須顯示主要聯絡人的姓名和地址。
3. 主要聯絡人身分證正反面的彩色照片。

請透過以下連結回覆此案件並附上文件。請勿建立新的案件，否則可能延誤審核。

<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15871093356>

感謝您的配合與理解。

感謝您在亞馬遜銷售，

Jenny W.
Amazon.com 賣家支援
"""

ZH_SUPPORT_REPLY_GBK = """您好，这里是亚马逊销售伙伴支持团队：

感谢您联系我们。此邮件确认我们已收到您关于卖家帐户身份验证的申诉（卖家：广州市鎔晟贸易有限公司）。

案例编号：15822093561

我们的团队成员正在审核您提供的信息和文件，并将在 24 至 48 小时内回复您。您无需创建新的案例，否则可能会延迟我们的回复。

如需查看或更新此案例，请前往卖家平台中的案例日志：
<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15822093561>

感谢您在亚马逊销售，

Amazon.com 卖家支持
=====

请注意：此电子邮件发自仅用于通知的地址，无法接收电子邮件。请勿回复此邮件。
"""

ZHT_APPROVED = """您好：

感謝您完成身分驗證流程。

我們已驗證您的身分及您提供的資訊。您的亞馬遜銷售帳戶現已啟用，您可以開始刊登商品。

請登入賣家平台開始銷售：
<https://sellercentral.amazon.com/home>

如有任何疑問，請聯絡銷售夥伴支援團隊：
<https://sellercentral.amazon.com/cu/contact-us>

賣家身分驗證團隊
Amazon.com
"""


def simple_html(title: str, text: str) -> str:
    """A plain Amazon-style HTML rendering of a text body; <url> becomes a link."""
    paras = []
    for block in text.strip().split("\n\n"):
        b = html.escape(block)
        b = re.sub(r"&lt;(https?://[^&\s]+)&gt;", lambda m: f'<a href="{m.group(1)}">{m.group(1)}</a>', b)
        paras.append("<p>" + b.replace("\n", "<br>\n") + "</p>")
    body = "\n".join(paras)
    return (f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            f"<title>{html.escape(title)}</title></head>\n"
            f'<body style="margin:0;padding:0;background:#f2f2f2">\n'
            f'<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0" '
            f'style="background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#111111">\n'
            f'<tr><td style="padding:18px 24px;background:#232f3e;color:#ffffff;font-size:18px;font-weight:bold">amazon</td></tr>\n'
            f'<tr><td style="padding:12px 24px">\n{body}\n</td></tr>\n</table>\n</body></html>\n')


# ---------------------------------------------------------------- 1. charset traps

def gen_charsets() -> None:
    # 1a. Invitation labelled gb2312 whose body holds GBK-only characters (堃 昇 鎔).
    date = rfcdate("2026-11-12 16:40:22 +0000")  # 13 Nov 00:40 in Shanghai
    to = "kunsheng.trade@qq.com"
    body = zh_invitation("https://amazonxten.qualtrics.com/jfe/form/SV_8dKpW3mZxQ2vT6R", "A2KS7N4PBQ9WXE",
                         greeting="尊敬的卖家（深圳市堃昇鎔电子商务有限公司）：")
    for ch in "堃昇鎔":
        try:
            ch.encode("gb2312")
            raise AssertionError(ch)
        except UnicodeEncodeError:
            pass
    part = text_part(body, charset="gb2312", cte="base64", codec="gbk")
    h = std_headers(date, addr("亚马逊卖家身份验证团队", "seller-verification@amazon.com", "gb2312"), to,
                    ew("您的 Amazon.com 销售帐户：需要进行视频通话", "gb2312"), ses_msgid(),
                    ar=ar_pass("mx.qq.com"), received=ses_received("mx.qq.com", to, date),
                    return_path=ses_return_path())
    add("video_call_invitation-zh-gb2312-gbk-chars.eml", finalize(part, h), "video_call_invitation", "verified",
        booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_8dKpW3mZxQ2vT6R",
        seller_token="A2KS7N4PBQ9WXE", deadline=check_deadline(date, 14, "2026-11-27"))

    # 1b. Support reply labelled GBK (subject and body), quoted-printable; 案例编号.
    date = rfcdate("2026-11-16 07:21:09 +0000")
    to = "hongyuan.store2026@163.com"
    part = text_part(ZH_SUPPORT_REPLY_GBK, charset="GBK", cte="quoted-printable")
    h = std_headers(date, addr("亚马逊卖家支持", "merch.service02@amazon.com", "GBK"), to,
                    ew("[CASE 15822093561] 我们已收到您的请求", "GBK"), ses_msgid(),
                    ar=ar_pass("mx.163.com"), received=ses_received("mx.163.com", to, date),
                    return_path=ses_return_path())
    add("support_reply-zh-gbk-label-qp.eml", finalize(part, h), "support_reply", "verified",
        case_id="15822093561")

    # 1c. Traditional Chinese invitation in Big5 (base64), Big5 RFC 2047 subject and name.
    date = rfcdate("2026-11-30 08:15:00 -0800")  # 1 Dec 00:15 in Shanghai
    to = "chen.yating.tw@gmail.com"
    part = text_part(ZHT_INVITATION, charset="big5", cte="base64")
    h = std_headers(date, addr("亞馬遜賣家身分驗證團隊", "seller-verification@amazon.com", "big5"), to,
                    ew("您的 Amazon.com 銷售帳戶：需要進行視訊通話", "big5"), ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    add("video_call_invitation-zh_hant-big5.eml", finalize(part, h), "video_call_invitation", "verified",
        booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_0ZqVx5gT2hKwR8y",
        seller_token="A3TWK8M2QZ5RJN", deadline=check_deadline(date, 14, "2026-12-15"))

    # 1d. Traditional siv_failed in Big5, quoted-printable, Big5 subject; no Authentication-Results.
    date = rfcdate("2026-11-19 02:33:47 +0000")
    to = "chen.yating.tw@gmail.com"
    part = text_part(ZHT_SIV_FAILED, charset="big5", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    ew("無法驗證您的亞馬遜銷售帳戶", "big5"), ses_msgid())
    add("siv_failed-zh_hant-big5.eml", finalize(part, h), "siv_failed", "unverified")


# ---------------------------------------------------------------- 2. structure traps

def gen_structure() -> None:
    # 2a. HTML-only invitation: the booking link exists only as an href with &amp;, and its
    #     visible text is a *different* (shortened) URL.
    date = rfcdate("2026-11-01 23:30:00 -0500")  # 2 Nov 12:30 in Shanghai
    to = "zhangwei.amz@gmail.com"
    target = "https://amazonxten.qualtrics.com/jfe/form/SV_3kGhT7wQpZ1xYvA?Q_CHL=email&mt=A2HK9QW4RT7XLM&lang=en_US"
    shown = "https://amazonxten.qualtrics.com/jfe/form/SV_3kGhT7wQpZ1xYvA"
    href = html.escape(target, quote=True)
    assert "&amp;" in href
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Your Amazon.com selling account</title></head>
<body style="margin:0;padding:0;background-color:#eaeded">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#eaeded"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="background-color:#ffffff;font-family:'Amazon Ember',Arial,sans-serif;font-size:14px;line-height:20px;color:#0f1111">
<tr><td style="padding:16px 24px;background-color:#232f3e;color:#ffffff;font-size:18px">Your Amazon.com selling account</td></tr>
<tr><td style="padding:8px 24px;font-size:12px;color:#565959">Please do not reply to this email. Replies are routed to an account that is used only for sending emails and is not monitored.</td></tr>
<tr><td style="padding:8px 24px">
<p>Hello,</p>
<p>Thank you for choosing to sell on Amazon.</p>
<p>As outlined in Section&nbsp;1 of the <a href="https://sellercentral.amazon.com/help/hub/reference/1791" style="color:#007185">Amazon Services Business Solutions Agreement</a>, we require you to complete a video call with an Amazon associate to complete additional identity verification. This is an enhanced security measure that allows you to access your Amazon account and sell in the Amazon store.</p>
<p>During the call, we will ask you to show the original identity document that you used when you registered your account. We do not accept copies.</p>
<p>The video call takes about 15&nbsp;minutes. If you do not schedule an appointment within the next 7&nbsp;days, or if you do not show us the document that you used to register your account, you will not be eligible to sell in the Amazon store.</p>
<p><b>Schedule your video call</b></p>
<ol>
<li>Open the booking page: <a href="{href}" style="color:#007185">{shown}</a></li>
<li>Select up to three preferred time slots on three different dates, and then click &quot;Submit&quot;.</li>
<li>If your merchant token is not displayed, enter your merchant token (A2HK9QW4RT7XLM) on the booking page.</li>
</ol>
<table role="presentation" cellpadding="0" cellspacing="0" border="0"><tr><td style="border-radius:8px;background-color:#ffd814">
<a href="{href}" style="display:inline-block;padding:10px 24px;color:#0f1111;text-decoration:none">Book your video call</a>
</td></tr></table>
<p><b>Important</b></p>
<ul>
<li>You will receive a confirmation email from seller-identityverification-cn@amazon.com within 2 business days.</li>
<li>If none of your preferred time slots is available, we will book the closest available slot.</li>
<li>Submit your preferred time slots only once.</li>
</ul>
<p>If you have any questions, contact <a href="https://sellercentral.amazon.com/cu/contact-us" style="color:#007185">Selling Partner Support</a>.</p>
<p>Sincerely,<br>Seller Identity Verification Team<br>Amazon.com</p>
</td></tr>
<tr><td style="padding:16px 24px;font-size:11px;color:#565959">&copy; 2026 Amazon.com, Inc. or its affiliates. All rights reserved. Amazon.com, 410 Terry Avenue North, Seattle, WA 98109-5210.</td></tr>
</table></td></tr></table>
</body></html>
"""
    part = text_part(page, subtype="html", charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Seller Identity Verification", "seller-verification@amazon.com"), to,
                    "Your Amazon.com selling account: video call required", ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    add("video_call_invitation-en-html-only.eml", finalize(part, h), "video_call_invitation", "verified",
        booking_url=target, seller_token="A2HK9QW4RT7XLM", deadline=check_deadline(date, 7, "2026-11-09"))

    # 2b. multipart/alternative Chinese confirmation, "上午 10:30 (GMT+8)".
    date = rfcdate("2026-11-19 03:02:11 +0000")
    to = "wangjun_ecom@qq.com"
    txt = zh_confirmation("2026年11月25日（星期三）上午 10:30 (GMT+8)", "https://chime.aws/3958204716",
                          "3958 20 4716", "A1QX7RZP0M4KDE")
    alt = alternative(text_part(txt, charset="UTF-8", cte="base64"),
                      text_part(simple_html("视频通话预约确认", txt), "html", "UTF-8", "base64"),
                      "----=_Part_1184302_2046671934.1795575731562")
    h = std_headers(date, addr("亚马逊卖家身份验证团队", "seller-identityverification-cn@amazon.com", "UTF-8"), to,
                    ew("视频通话预约确认", "UTF-8"), ses_msgid(),
                    ar=ar_pass("mx.qq.com"), received=ses_received("mx.qq.com", to, date),
                    return_path=ses_return_path())
    add("video_call_confirmation-zh-multipart-gmt8-am.eml", finalize(alt, h), "video_call_confirmation", "verified",
        seller_token="A1QX7RZP0M4KDE",
        appointment=check_appt(datetime(2026, 11, 25, 10, 30, tzinfo=SHANGHAI), "2026-11-25T10:30:00+08:00"))

    # 2c. LF-only line endings (whole file), confirmation at "06:00 UTC".
    date = rfcdate("2026-11-26 18:40:05 -0800")
    to = "kunsheng.trade@gmail.com"
    txt = en_confirmation("Tuesday, December 1, 2026, 06:00 UTC", "https://app.chime.aws/meetings/7315908264",
                          "7315 90 8264", "A2KS7N4PBQ9WXE")
    part = text_part(txt, charset="UTF-8", cte="7bit")
    h = std_headers(date, addr("Amazon Seller Identity Verification", "seller-identityverification-cn@amazon.com"),
                    to, "Your video call appointment is confirmed", ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    data = finalize(part, h, linesep="\n")
    assert b"\r" not in data
    add("video_call_confirmation-en-lf-only-utc.eml", data, "video_call_confirmation", "verified",
        seller_token="A2KS7N4PBQ9WXE",
        appointment=check_appt(datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc), "2026-12-01T14:00:00+08:00"))

    # 2d. Huge mail: invitation text, then a ~3.8 MB PDF as base64 (~5.1 MB on disk).
    date = rfcdate("2026-11-20 02:00:00 +0000")
    to = "hongyuan.store2026@163.com"
    mixed = MIMEMultipart("mixed", boundary="----=_Part_2290551_1350822007.1795658400111")
    mixed.attach(text_part(en_invitation("https://amazonxten.qualtrics.com/jfe/form/SV_5TbNq8RfYx2KdLm",
                                         "A338EZF90LH13C"), charset="UTF-8", cte="quoted-printable"))
    pdf = MIMEBase("application", "pdf", name="Seller_Identity_Verification_Video_Call_Guide.pdf")
    blob = random.Random(5).randbytes(3_800_000)
    pdf.set_payload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + blob + b"\n%%EOF\n")
    encoders.encode_base64(pdf)
    pdf.add_header("Content-Disposition", "attachment", filename="Seller_Identity_Verification_Video_Call_Guide.pdf")
    mixed.attach(pdf)
    h = std_headers(date, addr("Amazon Seller Identity Verification", "seller-verification@amazon.com"), to,
                    "Action required: schedule your identity verification video call", ses_msgid(),
                    ar=ar_pass("mx.163.com"), received=ses_received("mx.163.com", to, date),
                    return_path=ses_return_path())
    data = finalize(mixed, h)
    assert 4_500_000 < len(data) < 6_000_000, len(data)
    add("video_call_invitation-en-huge-attachment.eml", data, "video_call_invitation", "verified",
        booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_5TbNq8RfYx2KdLm",
        seller_token="A338EZF90LH13C", deadline=check_deadline(date, 14, "2026-12-04"))

    # 2e. Malformed MIME (raw bytes): readable text/plain, then an HTML part with bad base64,
    #     and the closing boundary is missing.
    date = rfcdate("2026-11-10 09:14:27 +0000")
    to = "hongyuan.store2026@163.com"
    b = "----=_Part_77120_90133.1794395667000"
    plain = EN_SIV_FAILED.format(support="https://sellercentral.amazon.com/cu/contact-us").replace("\u00a9 ", "(c) ")
    bad_b64 = base64.encodebytes(simple_html("Unable to verify", plain).encode()).decode()[:700]
    bad_b64 = bad_b64[:200] + "!!@@##$$%%\n" + bad_b64[200:] + "PGJvZHk+PC9o"  # junk + truncated quantum
    body = (f"This is a multi-part message in MIME format.\n\n--{b}\n"
            f'Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: 7bit\n\n{plain}\n'
            f'--{b}\nContent-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n'
            f"{bad_b64}\n")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    "Unable to verify your Selling on Amazon account", ses_msgid(),
                    ar=ar_pass("mx.163.com"), received=ses_received("mx.163.com", to, date),
                    return_path=ses_return_path(),
                    extra=[("MIME-Version", "1.0"), ("Content-Type", f'multipart/alternative; boundary="{b}"')])
    add("siv_failed-en-malformed-mime.eml", raw_mail(h, body.encode("ascii")), "siv_failed", "verified")

    # 2f. multipart/mixed without a boundary parameter (raw bytes); the body is plain text.
    date = rfcdate("2026-11-24 11:47:02 +0000")
    to = "wangjun_ecom@qq.com"
    body = """Hello from Amazon Selling Partner Support,

Thank you for your patience. We have received the documents that you attached to your identity verification appeal and forwarded them to the Seller Identity Verification team.

Case ID: 15908826413

The team will review the documents and contact you by email. This normally takes 3 to 5 business days. Please do not open a new case for the same issue.

Thank you for selling with Amazon,

Daniel F.
Amazon.com Seller Support
""" + EN_SUPPORT_FOOTER.format(case="15908826413")
    h = std_headers(date, addr("Amazon Seller Support", "merch.service03@amazon.com"), to,
                    "RE: [CASE 15908826413] Documents received for your appeal", ses_msgid(),
                    extra=[("MIME-Version", "1.0"), ("Content-Type", "multipart/mixed"),
                           ("Content-Transfer-Encoding", "7bit")])
    add("support_reply-en-multipart-no-boundary.eml", raw_mail(h, body.encode("ascii")), "support_reply",
        "unverified", case_id="15908826413")


# ---------------------------------------------------------------- 3. forwards

def gen_forwards() -> None:
    # 3a. Inline English Fwd: from an agent (ISO-8859-1 name and body). Deadline from the
    #     ORIGINAL Date in the forwarded header block.
    orig_date = rfcdate("2026-11-07 17:48:10 +0000")  # 8 Nov 01:48 in Shanghai
    date = rfcdate("2026-11-09 10:02:33 +0100")
    inv = en_invitation("https://amazonxten.qualtrics.com/jfe/form/SV_2VmRk9XcQe4TbHs", "A1ZP4XK7Q3MW8N")
    body = f"""Hello Mr. Wang,

please find below the video call invitation that Amazon sent for your store account. The call has to be booked within 14 days of Amazon's email, so please choose your time slots today. Have your original ID card ready for the call; copies are not accepted.

Let me know which time slots you selected and I will follow up with Amazon if no confirmation arrives.

Best regards,
René Müller
Account Manager, Seller Onboarding
Tel. +49 40 5577 2190

-------- Forwarded Message --------
Subject: Your Amazon.com selling account: video call required
Date: {orig_date}
From: Amazon Seller Identity Verification <seller-verification@amazon.com>
To: seller-accounts@some-agency.com

{inv}"""
    part = text_part(body, charset="iso-8859-1", cte="quoted-printable")
    rcv = ("from mail.some-agency.com (mail.some-agency.com [185.26.156.41])\n"
           f"\tby mx.qq.com with ESMTPS id {hexid(10)}\n\tfor <wangjun_ecom@qq.com>; {recvdate(date)}")
    h = std_headers(date, addr("René Müller", "agent@some-agency.com", "iso-8859-1", "Q"), "wangjun_ecom@qq.com",
                    "Fwd: Your Amazon.com selling account: video call required",
                    "<3c1b9e0a-5f7d-4e2a-b8c1-0d9f6a2e7b44@some-agency.com>",
                    ar="mx.qq.com;\n\tdkim=pass header.d=some-agency.com header.s=mail;\n\tspf=pass smtp.mailfrom=some-agency.com;\n\tdmarc=pass header.from=some-agency.com",
                    received=rcv, extra=[("User-Agent", "Mozilla Thunderbird")])
    add("video_call_invitation-en-fwd-agent-inline.eml", finalize(part, h), "video_call_invitation", "unverified",
        booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_2VmRk9XcQe4TbHs", seller_token="A1ZP4XK7Q3MW8N",
        deadline=check_deadline(orig_date, 14, "2026-11-22"))
    assert check_deadline(date, 14, "2026-11-23")  # what a forward-date bug would give

    # 3b. 转发： inline Chinese forward (QQ mail style) of a confirmation, "14:30 - 14:45 (UTC+8)".
    date = rfcdate("2026-11-09 10:47:15 +0800")
    conf = zh_confirmation("2026年11月12日 14:30 - 14:45 (UTC+8)", "https://chime.aws/8130472956",
                           "8130 47 2956", None)
    body = f"""王总，

亚马逊视频验证的预约确认邮件转给您，时间是周四下午，请提前准备好身份证原件，提前5分钟进会议。

小李

------------------ 原始邮件 ------------------
发件人: "亚马逊卖家身份验证团队"<seller-identityverification-cn@amazon.com>;
发送时间: 2026年11月9日(星期一) 上午10:21
收件人: "li.yunying"<li.yunying@163.com>;
主题: 视频通话预约确认

{conf}"""
    part = text_part(body, charset="UTF-8", cte="base64")
    rcv = ("from m16-29.163.com (m16-29.163.com [220.181.16.29])\n"
           f"\tby mx.qq.com with ESMTPS id {hexid(10)}\n\tfor <wangjun_ecom@qq.com>; {recvdate(date)}")
    h = std_headers(date, addr("运营小李", "li.yunying@163.com", "UTF-8"), "wangjun_ecom@qq.com",
                    ew("转发：视频通话预约确认", "UTF-8"), "<6b2c41e8.3f1a.19a6e0d2c55.Coremail.li.yunying@163.com>",
                    ar="mx.qq.com;\n\tdkim=pass header.d=163.com header.s=s110527;\n\tspf=pass smtp.mailfrom=163.com;\n\tdmarc=pass header.from=163.com",
                    received=rcv, extra=[("X-Mailer", "Coremail Webmail Server Version XT5.0.14")])
    add("video_call_confirmation-zh-fwd-inline.eml", finalize(part, h), "video_call_confirmation", "unverified",
        appointment=check_appt(datetime(2026, 11, 12, 14, 30, tzinfo=SHANGHAI), "2026-11-12T14:30:00+08:00"))

    # 3c. 轉寄： Traditional-Chinese inline forward (Outlook style) of an English siv_failed.
    date = rfcdate("2026-11-20 17:12:40 +0800")
    failed = EN_SIV_FAILED.format(support="https://sellercentral.amazon.com/cu/contact-us")
    body = f"""雅婷您好，

亞馬遜寄來這封信，說身分驗證沒有通過。麻煩幫我看一下要怎麼申訴，需要補哪些文件再跟我說，謝謝。

志明

________________________________
寄件者: Amazon Services <seller-verification@amazon.com>
寄件日期: 2026年11月20日 下午 04:05
收件者: zhiming.chen@hsinyi-trading.com.tw
主旨: Unable to verify your Selling on Amazon account

{failed}"""
    alt = alternative(text_part(body, charset="UTF-8", cte="quoted-printable"),
                      text_part(simple_html("轉寄", body), "html", "UTF-8", "quoted-printable"),
                      "_000_TYZPR06MB5213A7C2E1B94F0D8C1EA2B7D9042TYZPR06MB5213apcp_")
    rcv = ("from TYZPR06MB5213.apcprd06.prod.outlook.com (mail-tyzapc01on2071.outbound.protection.outlook.com. [40.107.117.71])\n"
           f"        by mx.google.com with ESMTPS id {hexid(12)}\n        for <chen.yating.tw@gmail.com>;\n"
           f"        {recvdate(date, 0)}")
    h = std_headers(date, addr("陳志明", "zhiming.chen@hsinyi-trading.com.tw", "UTF-8"), "chen.yating.tw@gmail.com",
                    ew("轉寄： Unable to verify your Selling on Amazon account", "UTF-8"),
                    "<TYZPR06MB5213A7C2E1B94F0D8C1EA2B7D9042@TYZPR06MB5213.apcprd06.prod.outlook.com>",
                    ar="mx.google.com;\n       dkim=pass header.i=@hsinyi-trading.com.tw header.s=selector1 header.b=Qx3mT0aB;\n       spf=pass (google.com: domain of zhiming.chen@hsinyi-trading.com.tw designates 40.107.117.71 as permitted sender) smtp.mailfrom=zhiming.chen@hsinyi-trading.com.tw;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=hsinyi-trading.com.tw",
                    received=rcv, extra=[("Thread-Topic", "Unable to verify your Selling on Amazon account")])
    add("siv_failed-zh_hant-fwd-inline.eml", finalize(alt, h), "siv_failed", "unverified")

    # 3d. Attached message/rfc822 forward of an appeal_denied_restart. The attached message has
    #     its own dkim=pass Authentication-Results: that must not verify the outer mail.
    inner_date = rfcdate("2026-11-21 06:18:52 +0000")
    inner_body = """Hello from Amazon Selling Partner Support,

Thank you for writing back to us regarding the verification of your seller account.

We have carefully reviewed the additional information that you provided. Unfortunately, the documents still do not meet our requirements, and we are unable to reopen the identity verification for this account. To learn more about our requirements, go to "Global seller identity verification":

<https://sellercentral.amazon.com/help/hub/reference/GQRP483PDN88Q3M9>

As a next step, you must restart the application process with a new account and email ID.

We appreciate your cooperation and understanding in this regard.

Thank you for selling with Amazon,

Arjun T.
Amazon.com Seller Support
""" + EN_SUPPORT_FOOTER.format(case="15851123904")
    inner = text_part(inner_body, charset="UTF-8", cte="quoted-printable")
    ih = std_headers(inner_date, addr("Amazon Seller Support", "merch.service05@amazon.com"),
                     "lin.meihua2026@126.com", "RE: [CASE 15851123904] Seller identity verification appeal",
                     ses_msgid(), ar=ar_pass("mx.126.com"),
                     received=ses_received("mx.126.com", "lin.meihua2026@126.com", inner_date),
                     return_path=ses_return_path())
    mime = list(inner.items())
    for k in {k for k, _ in mime}:
        del inner[k]
    for k, v in ih + [("MIME-Version", "1.0")] + mime:
        inner[k] = v
    date = rfcdate("2026-11-21 20:31:05 +0800")
    outer = MIMEMultipart("mixed", boundary="----=_Part_512739_1603321885.1795782665102")
    outer.attach(text_part("转发给你看一下，亚马逊说申诉没有通过，要用新的邮箱重新注册。你先别动，等我问一下客户经理。\n\n美华\n",
                           charset="UTF-8", cte="base64"))
    att = MIMEMessage(inner)
    att.add_header("Content-Disposition", "attachment", filename="Seller identity verification appeal.eml")
    outer.attach(att)
    rcv = ("from m15-112.126.com (m15-112.126.com. [220.181.15.112])\n"
           f"        by mx.google.com with ESMTPS id {hexid(12)}\n        for <meihua.lin.shop@gmail.com>;\n"
           f"        {recvdate(date, -8)}")
    h = std_headers(date, addr("林美华", "lin.meihua2026@126.com", "UTF-8"), "meihua.lin.shop@gmail.com",
                    "Fwd: RE: [CASE 15851123904] Seller identity verification appeal",
                    "<2f6c0e1a.4b3.19a79c1d0a2.Coremail.lin.meihua2026@126.com>",
                    ar="mx.google.com;\n       dkim=pass header.i=@126.com header.s=s110527 header.b=Hk2pQ9sT;\n       spf=pass (google.com: domain of lin.meihua2026@126.com designates 220.181.15.112 as permitted sender) smtp.mailfrom=lin.meihua2026@126.com;\n       dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=126.com",
                    received=rcv)
    add("appeal_denied_restart-en-fwd-attached-rfc822.eml", finalize(outer, h), "appeal_denied_restart",
        "unverified", case_id="15851123904")


# ---------------------------------------------------------------- 4. replies and threads

def gen_threads() -> None:
    # 4a. Newest part: Amazon support reply; below it the seller's "Re:" and the quoted siv_failed.
    date = rfcdate("2026-11-18 16:40:03 +0000")
    to = "lin.meihua2026@126.com"
    failed = EN_SIV_FAILED.format(support="https://sellercentral.amazon.com/cu/contact-us")
    quoted = "\n".join(("> " + l) if l else ">" for l in failed.strip().split("\n"))
    body = f"""Hello from Amazon Selling Partner Support,

Thank you for contacting us about the identity verification of your seller account.

I have reviewed your request and passed your appeal, together with the documents you attached, to our Seller Identity Verification team for another review. The review usually takes 2 to 3 business days, and the team will contact you by email with the result. You do not need to open a new case; doing so may delay the review.

Case ID: 15790012345

Thank you for selling with Amazon,

Priya S.
Amazon.com Seller Support

To contact us again about this issue, please use the Contact Us form in Seller Central using the following link:
<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15790012345>

-----Original Message-----
From: lin.meihua2026@126.com
Sent: Wed, 18 Nov 2026 03:12:40 +0000
Subject: Re: Unable to verify your Selling on Amazon account

Hello,

I received the email below, but all the documents I uploaded are valid originals. I attach my business license and my ID card again, in colour. Please review my account again.

Thank you,
Lin Meihua

On Tue, Nov 17, 2026 at 11:02 AM Amazon Services <seller-verification@amazon.com> wrote:
{quoted}
"""
    part = text_part(body, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Seller Support", "merch.service02@amazon.com"), to,
                    "RE: [CASE 15790012345] Re: Unable to verify your Selling on Amazon account", ses_msgid(),
                    ar=ar_pass("mx.126.com"), received=ses_received("mx.126.com", to, date),
                    return_path=ses_return_path(),
                    extra=[("In-Reply-To", "<CAK7Lq3mWbX0-Rt9Yz@mail.gmail.com>")])
    add("support_reply-en-thread-over-siv-failed.eml", finalize(part, h), "support_reply", "verified",
        case_id="15790012345")

    # 4b. Newest part: appeal denied (restart with a new account); quoted support history below.
    date = rfcdate("2026-11-25 08:55:31 +0000")
    to = "zhangwei_amz@qq.com"
    body = """Hello from Amazon Selling Partner Support,

Thank you for sending the additional documents for your Seller Identity Verification appeal.

Our verification team has completed the review. Unfortunately, we were unable to verify your identity with the documents provided, and we are unable to reinstate the registration of this account.

As a next step, you must restart the application process with a new account and a new email ID.

To learn more about the requirements, go to "Global seller identity verification":
<https://sellercentral.amazon.com/help/hub/reference/GQRP483PDN88Q3M9>

We appreciate your cooperation and understanding in this regard.

Thank you for selling with Amazon,

Meera K.
Amazon.com Seller Support

To contact us again about this issue, please use the following link:
<https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15893377120>

-----Original Message-----
From: zhangwei_amz@qq.com
Sent: Mon, 23 Nov 2026 09:40:12 +0000
Subject: RE: [CASE 15893377120] Seller identity verification - additional documents

Hi, attached are the bank statement and the business license in colour. Please check again. Thanks.
Zhang Wei

-----Original Message-----
From: Amazon Seller Support <merch.service05@amazon.com>
Sent: Fri, 20 Nov 2026 14:05:51 +0000
Subject: [CASE 15893377120] Seller identity verification - additional documents

Hello from Amazon Selling Partner Support,

Thank you for your patience while we reviewed your appeal regarding your Seller Identity Verification.

To continue the review of your case, we need the following additional information:

1. A clear, full-colour copy of your business license.
2. A bank account statement or credit card statement issued within the last 180 days, showing the name and address of the primary contact person.

Please reply to this case with the documents attached. Do not open a new case, as this may delay the review.

Thank you for selling with Amazon,

Rohit M.
Amazon.com Seller Support
"""
    part = text_part(body, charset="UTF-8", cte="7bit")
    h = std_headers(date, addr("Amazon Seller Support", "merch.service05@amazon.com"), to,
                    "RE: [CASE 15893377120] Seller identity verification - additional documents", ses_msgid(),
                    ar=ar_pass("mx.qq.com"), received=ses_received("mx.qq.com", to, date),
                    return_path=ses_return_path())
    add("appeal_denied_restart-en-thread-support-history.eml", finalize(part, h), "appeal_denied_restart",
        "verified", case_id="15893377120")

    # 4c. The seller's own short reply ("收到，谢谢") on top of a quoted invitation -> other.
    #     Name, subject and body are labelled gb2312 but hold GBK-only characters (堃, 昇).
    date = rfcdate("2026-11-13 09:26:44 +0800")
    body = """您好，

邀请邮件已收到，谢谢！我们会在截止日期前选好时间段提交，届时由法定代表人王堃本人参加视频通话。

王堃
深圳市堃昇电子商务有限公司
手机：138 2651 0447

------------------ 原始邮件 ------------------
发件人: "亚马逊卖家身份验证团队"<seller-verification@amazon.com>;
发送时间: 2026年11月13日(星期五) 凌晨0:40
收件人: "kunsheng.trade"<kunsheng.trade@qq.com>;
主题: 您的 Amazon.com 销售帐户：需要进行视频通话

您的 Amazon.com 销售帐户

请勿回复此电子邮件。回复将发送到仅用于发送电子邮件且无人查看的帐户。

尊敬的卖家（深圳市堃昇鎔电子商务有限公司）：

感谢您选择在亚马逊开展销售。

根据《亚马逊服务商业解决方案协议》第 1 节的规定，您需要与亚马逊工作人员完成一次视频通话，以完成额外的身份验证。

视频通话时长约 15 分钟。如果您未在 14 天内完成预约，或未能出示注册帐户时使用的证件，您将无法在亚马逊商城销售商品。
"""
    part = text_part(body, charset="gb2312", cte="base64", codec="gbk")
    rcv = ("from NewMX (unknown [113.108.11.54])\n"
           f"\tby smtp.qq.com (ESMTP) with SMTP id {hexid(10)}\n\tfor <seller-verification@amazon.com>; {recvdate(date)}")
    h = std_headers(date, addr("王堃", "kunsheng.trade@qq.com", "gb2312", codec="gbk"),
                    "\"seller-verification\" <seller-verification@amazon.com>",
                    ew("回复：您的 Amazon.com 销售帐户：需要进行视频通话", "gb2312"),
                    "<tencent_6E1D7A0B4C92F85E3A1B7C6D@qq.com>", received=rcv,
                    extra=[("Cc", "\"kunsheng.trade\" <kunsheng.trade@qq.com>"),
                           ("X-Mailer", "QQMail 2.x"),
                           ("In-Reply-To", "<0100019af1a9120f-9a3a537b-be16-4e7a-1057-eb0b9a0eb575-000000@email.amazonses.com>")])
    add("other-zh-seller-reply-quoting-invitation.eml", finalize(part, h), "other", "unverified")


# ---------------------------------------------------------------- 5. Chinese versions of each kind

def gen_chinese() -> None:
    # Traditional confirmation: 下午 2:00 (GMT+8), UTF-8 Q-encoded subject, no auth header.
    date = rfcdate("2026-11-27 05:44:20 +0000")
    to = "chen.yating.tw@gmail.com"
    part = text_part(ZHT_CONFIRMATION, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("亞馬遜賣家服務", "seller-identityverification-cn@amazon.com", "UTF-8", "Q"), to,
                    ew("您的視訊通話預約已確認", "UTF-8", "Q"), ses_msgid())
    add("video_call_confirmation-zh_hant-pm.eml", finalize(part, h), "video_call_confirmation", "unverified",
        seller_token="A3TWK8M2QZ5RJN",
        appointment=check_appt(datetime(2026, 12, 3, 14, 0, tzinfo=SHANGHAI), "2026-12-03T14:00:00+08:00"))

    # Traditional appeal denied, no auth header.
    date = rfcdate("2026-12-02 03:10:09 +0000")
    part = text_part(ZHT_APPEAL_DENIED, charset="UTF-8", cte="base64")
    h = std_headers(date, addr("Amazon Seller Support", "merch.service05@amazon.com"), to,
                    ew("RE: [CASE 15866204718] 賣家身分驗證申訴", "UTF-8"), ses_msgid())
    add("appeal_denied_restart-zh_hant-plain.eml", finalize(part, h), "appeal_denied_restart", "unverified",
        case_id="15866204718")

    # Traditional support reply (documents request), 案件編號.
    date = rfcdate("2026-11-24 22:18:40 +0000")
    part = text_part(ZHT_SUPPORT_REPLY, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("亞馬遜賣家支援", "merch.service02@amazon.com", "UTF-8"), to,
                    ew("RE: [CASE 15871093356] 需要補充資料以繼續審核您的申訴", "UTF-8"), ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    add("support_reply-zh_hant-documents-request.eml", finalize(part, h), "support_reply", "verified",
        case_id="15871093356")

    # Traditional approved, multipart/alternative.
    date = rfcdate("2026-12-05 01:02:03 +0000")
    alt = alternative(text_part(ZHT_APPROVED, charset="UTF-8", cte="base64"),
                      text_part(simple_html("您的身分已通過驗證", ZHT_APPROVED), "html", "UTF-8", "base64"),
                      "----=_Part_3310072_88127431.1796432523001")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    ew("您的身分已通過驗證", "UTF-8"), ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    add("siv_approved-zh_hant-multipart.eml", finalize(alt, h), "siv_approved", "verified")

    # Simplified appeal denied, UTF-8 Q-encoded subject, quoted-printable body.
    date = rfcdate("2026-11-11 12:30:45 +0000")
    to = "wangjun_ecom@qq.com"
    part = text_part(ZH_APPEAL_DENIED, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Seller Support", "merch.service05@amazon.com"), to,
                    ew("RE: [CASE 15804417730] 身份验证申诉", "UTF-8", "Q"), ses_msgid(),
                    ar=ar_pass("mx.qq.com"), received=ses_received("mx.qq.com", to, date),
                    return_path=ses_return_path())
    add("appeal_denied_restart-zh-qp-q-subject.eml", finalize(part, h), "appeal_denied_restart", "verified",
        case_id="15804417730")

    # Simplified siv_failed from amazon.cn.
    date = rfcdate("2026-11-05 10:20:30 +0800")
    to = "lin.meihua2026@126.com"
    part = text_part(ZH_SIV_FAILED, charset="UTF-8", cte="base64")
    h = std_headers(date, addr("亚马逊全球开店", "seller-verification@amazon.cn", "UTF-8"), to,
                    ew("无法验证您的亚马逊销售帐户", "UTF-8"), "<20261105102030.5f1c2e9a7b@amazon.cn>",
                    ar=ar_pass("mx.126.com", d="amazon.cn").replace("dkimselector1", "gs2026").replace(
                        "smtp.mailfrom=amazonses.com", "smtp.mailfrom=amazon.cn"),
                    received=("from out-gs.amazon.cn (out-gs.amazon.cn [54.222.60.18])\n"
                              f"\tby mx.126.com with ESMTPS id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"))
    add("siv_failed-zh-amazon-cn.eml", finalize(part, h), "siv_failed", "verified")


# ---------------------------------------------------------------- 6. sender_check variety

def gen_sender_checks() -> None:
    # dkim=fail / dmarc=fail on an amazon.com From -> suspicious.
    date = rfcdate("2026-11-14 04:51:12 +0000")
    to = "hongyuan.store2026@163.com"
    txt = EN_SIV_FAILED.format(support="https://sellercentral.amazon.com/cu/contact-us")
    part = text_part(txt, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    "Unable to verify your Selling on Amazon account", "<20261114045112.8C2D1F@mail.verify-notice.top>",
                    ar=("mx.163.com;\n\tdkim=fail (body hash did not verify) header.d=amazon.com header.s=dkimselector1;\n"
                        "\tspf=fail smtp.mailfrom=amazon.com;\n\tdmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=amazon.com"),
                    received=("from mail.verify-notice.top (unknown [154.39.81.22])\n"
                              f"\tby mx.163.com with ESMTP id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"))
    add("siv_failed-en-dkim-fail.eml", finalize(part, h), "siv_failed", "suspicious")

    # Reply-To gmail on an Amazon From -> suspicious (booking link itself looks genuine).
    date = rfcdate("2026-11-25 10:00:00 +0800")
    to = "wangjun_ecom@qq.com"
    part = text_part(en_invitation("https://amazonxten.qualtrics.com/jfe/form/SV_9PqLw2XnTb6RcZe", "A1QX7RZP0M4KDE",
                                   phish_reply=True), charset="UTF-8", cte="7bit")
    h = std_headers(date, addr("Amazon Seller Identity Verification", "seller-verification@amazon.com"), to,
                    "Your Amazon.com selling account: video call required", "<b71e2f0c94a5d8e3@smtp.sendmail-cloud.net>",
                    received=("from smtp.sendmail-cloud.net (unknown [38.54.112.7])\n"
                              f"\tby mx.qq.com with ESMTP id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"),
                    extra=[("Reply-To", "Amazon SIV Team <amazon.siv.review.team@gmail.com>")])
    add("video_call_invitation-en-reply-to-gmail.eml", finalize(part, h), "video_call_invitation", "suspicious",
        booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_9PqLw2XnTb6RcZe", seller_token="A1QX7RZP0M4KDE",
        deadline=check_deadline(date, 14, "2026-12-09"))

    # dmarc=pass header.from=amazon.com with only an amazonses.com DKIM signature -> verified.
    date = rfcdate("2026-11-28 13:45:10 +0000")
    to = "hongyuan.store2026@163.com"
    txt = f"""Hello,

Thank you for completing the identity verification process.

We have verified your identity and the information that you provided. Your Selling on Amazon account is now active, and you can list your products in the Amazon store.

Sign in to Seller Central to get started:
<https://sellercentral.amazon.com/home>

If you have any questions, contact Selling Partner Support:
<https://sellercentral.amazon.com/cu/contact-us>

The Seller Identity Verification team

{EN_FOOTER}
"""
    part = text_part(txt, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    "Your identity has been verified", ses_msgid(),
                    ar=("mx.163.com;\n\tdkim=pass header.d=amazonses.com header.s=ug7nbtf4gccmlpwj322ax3p6ow6yfsug;\n"
                        "\tspf=pass smtp.mailfrom=amazonses.com;\n"
                        "\tdmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=amazon.com"),
                    received=ses_received("mx.163.com", to, date), return_path=ses_return_path())
    add("siv_approved-en-dmarc-pass-ses-dkim.eml", finalize(part, h), "siv_approved", "verified")

    # Look-alike amaz0n domain (its own DKIM passes) -> suspicious.
    date = rfcdate("2026-11-17 15:59:59 -0800")  # 18 Nov 07:59 in Shanghai
    to = "zhangwei_amz@qq.com"
    url = "https://amaz0n-sellercentral.com/jfe/form/SV_7HnQ2mWc4Lp9XzB"
    part = text_part(zh_invitation(url, "A2ZQ6TB1NW8PXK"), charset="UTF-8", cte="base64")
    h = std_headers(date, addr("Amazon Seller Identity Verification", "seller-verification@amaz0n-sellercentral.com"),
                    to, ew("您的 Amazon.com 销售帐户：需要进行视频通话", "UTF-8"),
                    "<5d0e7c3b2a91f4e8@amaz0n-sellercentral.com>",
                    ar=("mx.qq.com;\n\tdkim=pass header.d=amaz0n-sellercentral.com header.s=default;\n"
                        "\tspf=pass smtp.mailfrom=amaz0n-sellercentral.com;\n\tdmarc=pass header.from=amaz0n-sellercentral.com"),
                    received=("from mail.amaz0n-sellercentral.com (unknown [45.207.36.190])\n"
                              f"\tby mx.qq.com with ESMTPS id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"))
    add("video_call_invitation-zh-amaz0n-lookalike.eml", finalize(part, h), "video_call_invitation", "suspicious",
        booking_url=url, seller_token="A2ZQ6TB1NW8PXK", deadline=check_deadline(date, 14, "2026-12-02"))

    # Genuine-looking siv_failed whose support link goes to sellercentral.amazon.com.account-check.net;
    # in the HTML the visible text is the real Amazon URL.
    date = rfcdate("2026-11-21 01:07:44 +0000")
    to = "wangjun_ecom@qq.com"
    bad = "https://sellercentral.amazon.com.account-check.net/cu/contact-us?ref=siv"
    plain = EN_SIV_FAILED.format(support=bad)
    htm = simple_html("Unable to verify your Selling on Amazon account",
                      EN_SIV_FAILED.format(support="https://sellercentral.amazon.com/cu/contact-us"))
    htm = htm.replace('<a href="https://sellercentral.amazon.com/cu/contact-us">',
                      f'<a href="{html.escape(bad)}">')
    assert bad in htm
    alt = alternative(text_part(plain, charset="UTF-8", cte="quoted-printable"),
                      text_part(htm, "html", "UTF-8", "quoted-printable"),
                      "----=_Part_881920_1177263850.1795741664210")
    h = std_headers(date, addr("Amazon Services", "seller-verification@amazon.com"), to,
                    "Unable to verify your Selling on Amazon account", ses_msgid(),
                    received=("from mta-out7.notify-mailer.net (unknown [103.97.176.12])\n"
                              f"\tby mx.qq.com with ESMTP id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"))
    add("siv_failed-en-account-check-link.eml", finalize(alt, h), "siv_failed", "suspicious")

    # Display name 亚马逊卖家支持 on a non-Amazon domain -> suspicious; 案例 ID.
    date = rfcdate("2026-11-26 14:12:09 +0800")
    to = "lin.meihua2026@126.com"
    txt = """您好，这里是亚马逊销售伙伴支持团队：

感谢您就卖家身份验证申诉联系我们。

案例 ID：15877340021

经初步审核，您的申诉需要补充以下资料后才能继续处理：
1. 法定代表人手持身份证正反面的照片；
2. 营业执照彩色扫描件；
3. 近三个月的银行对账单。

请在 48 小时内通过以下链接上传资料，逾期案例将自动关闭：
https://sellercentral.amazon.com.sellerhelp-desk.cn/cu/upload?caseID=15877340021

感谢您在亚马逊销售，

Amazon.com 卖家支持
"""
    part = text_part(txt, charset="UTF-8", cte="base64")
    h = std_headers(date, addr("亚马逊卖家支持", "notice@sellerhelp-desk.cn", "UTF-8"), to,
                    ew("[CASE 15877340021] 您的身份验证申诉需要补充资料", "UTF-8"),
                    "<20261126141209.73A1C4@sellerhelp-desk.cn>",
                    received=("from mail.sellerhelp-desk.cn (unknown [122.10.84.33])\n"
                              f"\tby mx.126.com with ESMTP id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"))
    add("support_reply-zh-display-name-non-amazon.eml", finalize(part, h), "support_reply", "suspicious",
        case_id="15877340021")

    # amazon.co.jp sender, verified.
    date = rfcdate("2026-11-30 18:20:00 +0900")
    to = "kunsheng.trade@gmail.com"
    txt = """Hello,

Good news: we have completed the verification of your identity and the information that you provided for your Amazon.co.jp seller account.

Your account is now active and you can start listing products in the Amazon.co.jp store.

Sign in to Seller Central:
<https://sellercentral.amazon.co.jp/home>

If you have any questions, contact Selling Partner Support:
<https://sellercentral.amazon.co.jp/cu/contact-us>

Seller Identity Verification team
Amazon.co.jp
"""
    part = text_part(txt, charset="UTF-8", cte="7bit")
    h = std_headers(date, addr("Amazon.co.jp Seller Services", "seller-verification@amazon.co.jp"), to,
                    "Your identity verification is complete", ses_msgid(),
                    ar=ar_pass("mx.google.com", d="amazon.co.jp", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8),
                    return_path=ses_return_path())
    add("siv_approved-en-amazon-co-jp.eml", finalize(part, h), "siv_approved", "verified")

    # Two Authentication-Results: the TOP says fail, a lower (forged) one says pass -> suspicious.
    # Confirmation at "3:00 PM PST" (UTC-8).
    date = rfcdate("2026-11-27 21:13:40 +0000")
    to = "zhangwei.amz@gmail.com"
    txt = en_confirmation("Wednesday, December 2, 2026 at 3:00 PM PST", "https://chime.aws/5027719384",
                          "5027 71 9384", "A2HK9QW4RT7XLM")
    part = text_part(txt, charset="UTF-8", cte="7bit")
    h = [("Authentication-Results", "mx.google.com;\n       dkim=fail header.i=@amazon.com header.s=dkimselector1 header.b=Zt0q7Lx2;\n"
                                    "       spf=softfail (google.com: domain of transitioning seller-identityverification-cn@amazon.com does not designate 91.215.85.147 as permitted sender) smtp.mailfrom=seller-identityverification-cn@amazon.com;\n"
                                    "       dmarc=fail (p=QUARANTINE sp=QUARANTINE dis=QUARANTINE) header.from=amazon.com"),
         ("Received", ("from relay.fastmail-srv.ru ([91.215.85.147])\n        by mx.google.com with ESMTP id "
                       f"{hexid(12)}\n        for <{to}>;\n        {recvdate(date, -8)}")),
         ("Authentication-Results", ("amazon.com;\n\tdkim=pass header.d=amazon.com header.s=dkimselector1;\n"
                                     "\tspf=pass smtp.mailfrom=amazonses.com;\n\tdmarc=pass header.from=amazon.com")),
         ("Received", f"from localhost (localhost [127.0.0.1])\n\tby relay.fastmail-srv.ru; {recvdate(date, 3, -2)}")]
    h += std_headers(date, addr("Amazon Seller Identity Verification", "seller-identityverification-cn@amazon.com"),
                     to, "Your video call appointment is confirmed", "<8f2a61c0d9e4@relay.fastmail-srv.ru>")
    add("video_call_confirmation-en-pst-two-ar-top-fail.eml", finalize(part, h), "video_call_confirmation",
        "suspicious", seller_token="A2HK9QW4RT7XLM",
        appointment=check_appt(datetime(2026, 12, 2, 15, 0, tzinfo=timezone(timedelta(hours=-8))),
                               "2026-12-03T07:00:00+08:00"))

    # Two Authentication-Results: the TOP shows only an amazonses.com DKIM pass (no DMARC result),
    # a lower one claims an amazon.com pass -> unverified. Time as "10:00（北京时间）".
    date = rfcdate("2026-12-01 02:30:00 +0000")
    to = "hongyuan.store2026@163.com"
    txt = zh_confirmation("2026年12月8日 10:00（北京时间）", "https://chime.aws/2290647153", "2290 64 7153", None)
    part = text_part(txt, charset="UTF-8", cte="base64")
    h = [("Authentication-Results", "mx.163.com;\n\tdkim=pass header.d=amazonses.com header.s=ug7nbtf4gccmlpwj322ax3p6ow6yfsug;\n"
                                    "\tspf=pass smtp.mailfrom=amazonses.com"),
         ("Received", ses_received("mx.163.com", to, date)),
         ("Authentication-Results", "amazon.com;\n\tdkim=pass header.d=amazon.com header.s=dkimselector1;\n"
                                    "\tdmarc=pass header.from=amazon.com"),
         ("Return-Path", ses_return_path())]
    h += std_headers(date, addr("亚马逊卖家身份验证团队", "seller-identityverification-cn@amazon.com", "UTF-8"), to,
                     ew("视频通话预约确认", "UTF-8"), ses_msgid())
    add("video_call_confirmation-zh-beijing-two-ar-top-unsigned.eml", finalize(part, h), "video_call_confirmation",
        "unverified",
        appointment=check_appt(datetime(2026, 12, 8, 10, 0, tzinfo=SHANGHAI), "2026-12-08T10:00:00+08:00"))


# ---------------------------------------------------------------- 7. negatives

def gen_negatives() -> None:
    # Amazon one-time password ("Verify your identity", "verification code").
    date = rfcdate("2026-11-16 19:02:48 -0800")
    to = "zhangwei.amz@gmail.com"
    txt = """Verify your identity

To sign in to Seller Central, enter the following one-time password (OTP):

739204

This verification code expires in 10 minutes. Do not share this code with anyone.

Amazon will never ask you for this code by phone, chat or email. If you did not try to sign in, change your password now:
<https://sellercentral.amazon.com/ap/forgotpassword>

Amazon.com
"""
    alt = alternative(text_part(txt, charset="UTF-8", cte="7bit"),
                      text_part(simple_html("Amazon verification code", txt), "html", "UTF-8", "quoted-printable"),
                      "----=_Part_4410923_177203121.1795402968771")
    h = std_headers(date, addr("Amazon", "account-update@amazon.com"), to, "Your Amazon verification code",
                    ses_msgid(), ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8), return_path=ses_return_path())
    add("other-en-amazon-otp.eml", finalize(alt, h), "other", "verified")

    # Account Health digest mentioning identity verification in passing.
    date = rfcdate("2026-11-23 08:00:12 +0000")
    to = "kunsheng.trade@qq.com"
    txt = """Hello Kunsheng Trading,

Here is your weekly Account Health summary for November 16 - November 22, 2026.

Account Health Rating: 248 (Healthy)

Customer service performance
- Order Defect Rate: 0.4% (target: under 1%)
- Pre-fulfillment cancel rate: 0.0% (target: under 2.5%)
- Late shipment rate: 1.1% (target: under 4%)

Policy compliance
- Intellectual property complaints: 0
- Product authenticity customer complaints: 0
- Listing policy violations: 0

Reminders
- Your identity verification and tax information are complete. No action is needed.
- Keep your business information current. If your legal business name, address or primary contact person changes, update it in Settings > Account Info. We may ask you to verify these details again after a change.

View your Account Health dashboard:
<https://sellercentral.amazon.com/performance/dashboard>

Thank you for selling with Amazon,
Seller Performance Team
"""
    part = text_part(txt, charset="UTF-8", cte="quoted-printable")
    h = std_headers(date, addr("Amazon Seller Central", "seller-notification@amazon.com"), to,
                    "Your weekly Account Health summary", ses_msgid(), ar=ar_pass("mx.qq.com"),
                    received=ses_received("mx.qq.com", to, date), return_path=ses_return_path())
    add("other-en-amazon-account-health-digest.eml", finalize(part, h), "other", "verified")

    # Seller Forums digest whose thread titles quote SIV mails.
    date = rfcdate("2026-11-22 15:30:00 +0000")
    to = "hongyuan.store2026@163.com"
    txt = """Amazon Seller Forums - Weekly digest

Here are the most active discussions from the past week in the topics you follow.

1. Video call for identity verification - how long until the confirmation email?
   "I booked three time slots on the booking page five days ago and still have no confirmation. Is this normal?"
   42 replies
   <https://sellercentral.amazon.com/seller-forums/discussions/t/5a8c1f0e-7b2d-4c1e-9f3a-2d6e8b4a1c07>

2. "Unable to verify your Selling on Amazon account" - what did you do next?
   "Support told me to restart the application process with a new account. Has anyone had an appeal accepted?"
   67 replies
   <https://sellercentral.amazon.com/seller-forums/discussions/t/0c6f2b91-3e84-4d57-a1b2-9e7d5c3f8a60>

3. Identity verified after appeal - sharing my timeline
   "Appeal on day 1, video call invitation on day 4, call on day 9, approved on day 10."
   25 replies
   <https://sellercentral.amazon.com/seller-forums/discussions/t/7e1d9a44-2c5b-4f80-b3a6-1f0e8d2c9b75>

4. Q4 FBA inbound capacity limits
   18 replies
   <https://sellercentral.amazon.com/seller-forums/discussions/t/c2a7e5f3-9b1d-4e6c-8a04-3d5f7b9e1c28>

You are receiving this email because you follow topics in Seller Forums. To change your notification settings, go to:
<https://sellercentral.amazon.com/seller-forums/settings/notifications>
"""
    part = text_part(txt, charset="UTF-8", cte="7bit")
    h = std_headers(date, addr("Amazon Seller Forums", "forums-noreply@amazon.com"), to,
                    "Seller Forums weekly digest: top discussions you follow", ses_msgid(),
                    ar=ar_pass("mx.163.com"), received=ses_received("mx.163.com", to, date),
                    return_path=ses_return_path(),
                    extra=[("List-Unsubscribe", "<https://sellercentral.amazon.com/seller-forums/settings/notifications>")])
    add("other-en-amazon-forum-digest.eml", finalize(part, h), "other", "verified")

    # Consultant's ad for SIV coaching (non-Amazon, not dressed as Amazon). Raw 8bit body in
    # GBK bytes labelled gb2312; subject and name labelled gb2312 with GBK-only 鎔 and 昇.
    date = rfcdate("2026-11-18 11:05:37 +0800")
    to = "wangjun_ecom@qq.com"
    txt = """各位卖家朋友好：

最近很多新卖家在注册亚马逊时被要求进行 SIV 视频验证（Seller Identity Verification），收到邀请邮件后不知道怎么预约、视频里要展示什么、被判失败后又不知道如何申诉。

鎔昇跨境 SIV 一对一辅导服务：
- 邀请邮件解读，协助您在 14 天内完成预约
- 视频通话前一对一模拟演练（证件展示、常见问题）
- 验证失败后的申诉材料整理与沟通话术
- 已服务 3000+ 卖家，通过率 98%，不通过全额退款

限时优惠：本月报名立减 500 元。

咨询微信：rongsheng_kj2026
电话：0755-2381 6620
官网：https://www.rongsheng-kj.com/siv

鎔昇跨境 李老师

退订请回复 TD
"""
    h = std_headers(date, addr("鎔昇跨境 李老师", "li.laoshi@rongsheng-kj.com", "gb2312", codec="gbk"), to,
                    ew("【鎔昇跨境】亚马逊视频验证(SIV)一对一陪跑，不过全额退款", "gb2312", codec="gbk"),
                    "<202611181105375519283@rongsheng-kj.com>",
                    received=("from smtp.rongsheng-kj.com (unknown [119.29.71.203])\n"
                              f"\tby mx.qq.com with ESMTP id {hexid(10)}\n\tfor <{to}>; {recvdate(date)}"),
                    extra=[("X-Mailer", "Foxmail 7.2.25.254[cn]"), ("MIME-Version", "1.0"),
                           ("Content-Type", 'text/plain; charset="gb2312"'), ("Content-Transfer-Encoding", "8bit")])
    add("other-zh-consultant-siv-ad.eml", raw_mail(h, txt.encode("gbk")), "other", "unverified")

    # Amazon marketing newsletter in Traditional Chinese mentioning 身分驗證 in passing.
    date = rfcdate("2026-11-24 02:00:05 +0000")
    to = "chen.yating.tw@gmail.com"
    txt = """亞馬遜全球開店 | 賣家電子報

親愛的賣家您好：

2027 年美國站旺季選品趨勢報告已上線，協助您提前規劃商品與庫存。

本期重點：
1. 選品趨勢：居家、戶外與寵物用品在美國站持續成長。
2. 物流：FBA 入庫容量上限調整說明，請於 12 月 15 日前完成補貨規劃。
3. 新賣家專區：完成註冊與身分驗證後，即可報名參加「新賣家入門」線上課程，並享有新賣家獎勵計畫。

立即閱讀完整報告：<https://sell.amazon.com/global-selling/reports/2027-trends>

帳戶安全提醒：亞馬遜不會透過電子郵件或電話向您索取密碼或兩步驟驗證碼。

如果您不想再收到此類電子郵件，請取消訂閱：<https://sell.amazon.com/global-selling/unsubscribe>

亞馬遜全球開店
"""
    alt = alternative(text_part(txt, charset="UTF-8", cte="base64"),
                      text_part(simple_html("亞馬遜全球開店 賣家電子報", txt), "html", "UTF-8", "base64"),
                      "----=_Part_5520871_301847720.1795917605001")
    h = std_headers(date, addr("亞馬遜全球開店", "global-selling@amazon.com", "UTF-8"), to,
                    ew("【亞馬遜全球開店】2027 年美國站旺季選品趨勢報告搶先看", "UTF-8"), ses_msgid(),
                    ar=ar_pass("mx.google.com", google_style=True),
                    received=ses_received("mx.google.com", to, date, tz_hours=-8), return_path=ses_return_path(),
                    extra=[("List-Unsubscribe", "<https://sell.amazon.com/global-selling/unsubscribe>")])
    add("other-zh_hant-amazon-newsletter.eml", finalize(alt, h), "other", "verified")


# ---------------------------------------------------------------- self-check

def self_check() -> None:
    """Parse every file with the modern policy and check that every expected string value is
    present somewhere in the decoded message (headers, text parts with GB18030 fallback,
    HTML with entities decoded), plus the documented invariants of expected.json."""
    import email
    import email.policy

    allowed = {"kind", "sender_check", "case_id", "seller_token", "booking_url", "deadline", "appointment"}
    for name, data in FILES.items():
        msg = email.message_from_bytes(data, policy=email.policy.default)
        texts = [str(v) for v in msg.values()]
        for part in msg.walk():
            if part.get_content_maintype() == "message":
                texts += [str(v) for v in part.get_payload(0).values()] if part.is_multipart() else []
            if part.get_content_maintype() != "text" and not (part.get_content_type().startswith("multipart")
                                                                and not part.is_multipart()):
                continue
            raw = part.get_payload(decode=True) or b""
            cs = (part.get_content_charset() or "utf-8").lower()
            if cs in ("gb2312", "gbk"):
                cs = "gb18030"
            texts.append(html.unescape(raw.decode(cs, errors="replace")))
        blob = "\n".join(texts)
        exp = EXPECTED[name]
        assert set(exp) <= allowed, name
        for key in ("case_id", "seller_token", "booking_url"):
            if key in exp:
                assert exp[key] in blob, (name, key, exp[key])
        if exp["kind"] == "video_call_invitation":
            assert {"booking_url", "deadline"} <= set(exp), name
        if exp["kind"] == "video_call_confirmation":
            assert "appointment" in exp, name
        if "case_id" not in exp:
            assert not re.search(r"caseID=\d|\[CASE \d|Case ID: \d", blob), name
        if "seller_token" not in exp and exp["kind"] != "other":
            assert not re.search(r"\bA[0-9A-Z]{12,13}\b", blob.replace("Amazon", "")), name
        defects = [type(d).__name__ for p in msg.walk() for d in p.defects]
        print(f"{name:62s} {len(data):>9,d} B  defects={defects or '-'}")


def main() -> int:
    gen_charsets()
    gen_structure()
    gen_forwards()
    gen_threads()
    gen_chinese()
    gen_sender_checks()
    gen_negatives()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.eml"):
        if old.name not in FILES:
            old.unlink()
    for name, data in FILES.items():
        (OUT / name).write_bytes(data)
    (OUT / "expected.json").write_text(json.dumps(dict(sorted(EXPECTED.items())), indent=2, ensure_ascii=False)
                                       + "\n", encoding="utf-8")
    self_check()
    print(f"{len(FILES)} files written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
