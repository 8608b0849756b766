#!/usr/bin/env python3
"""Generate mail-client and MIME-shape variants in tests/corpus/variants2/ (.eml + expected.json).

Run:  python tests/corpus/variants2/make_variants2.py

Why: the first rounds (tests/corpus/variants, tests/corpus/extra) covered wordings, languages,
thread markers and sender-check edge cases, mostly as plain text. Real mail reaches the watched
mailbox through mail clients and gateways: Outlook/Exchange HTML (MSO comments, <o:p>, VML),
Apple Mail, Foxmail, QQ and NetEase web mail, Gmail; multipart/related with cid: images,
multipart/mixed with PDFs, missing or odd charset labels, raw UTF-8 headers, split encoded-words,
odd Date headers, tracking links, entity-encoded hrefs, and phishing that hides in homoglyphs,
punycode and link targets. Every expectation here is worked out by hand from
tests/corpus/shared/README.md (see README.md beside this script); deadlines are re-derived as a
cross-check. Output is deterministic, byte for byte.
"""

from __future__ import annotations

import base64
import email
import json
import sys
from email import policy, quoprimime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mailparts import addr, auth, deadline, enc_header  # noqa: E402  (run as a script)

HERE = Path(__file__).resolve().parent
FILES: dict[str, bytes] = {}
EXPECTED: dict[str, dict[str, str]] = {}
# Files that break the public set's "decodes strictly with the declared charset" on purpose.
LOOSE: dict[str, str] = {}
_N = [0]

# ---------------------------------------------------------------- builders


def encode_body(data: bytes, cte: str, b64_line: int = 76) -> str:
    if cte == "base64":
        flat = base64.b64encode(data).decode("ascii")
        return "\r\n".join(flat[i:i + b64_line] for i in range(0, len(flat), b64_line)) + "\r\n"
    if cte == "quoted-printable":
        return quoprimime.body_encode(data.decode("latin-1"), maxlinelen=76, eol="\r\n")
    return data.decode("latin-1").replace("\r\n", "\n").replace("\n", "\r\n")


def leaf(text: str, ctype: str = "text/plain", charset: str | None = "utf-8", cte: str = "quoted-printable",
         codec: str | None = None, extra: str = "", b64_line: int = 76, label: str | None = None) -> bytes:
    """One text part. `codec` encodes (default: charset); `label` is what the header says."""
    data = text.replace("\r\n", "\n").encode(codec or charset or "utf-8")
    body = encode_body(data, cte, b64_line)
    shown = label if label is not None else charset
    ct = f'{ctype}; charset="{shown}"' if shown else ctype
    head = f"Content-Type: {ct}\r\n{extra}Content-Transfer-Encoding: {cte}\r\n\r\n"
    return head.encode("ascii") + body.encode("latin-1") + b"\r\n"


def binary(data: bytes, ctype: str, filename: str | None = None, cid: str | None = None) -> bytes:
    head = f"Content-Type: {ctype}" + (f'; name="{filename}"' if filename else "") + "\r\n"
    head += "Content-Transfer-Encoding: base64\r\n"
    if cid:
        head += f"Content-ID: <{cid}>\r\nContent-Disposition: inline" + (f'; filename="{filename}"' if filename else "") + "\r\n"
    elif filename:
        head += f'Content-Disposition: attachment; filename="{filename}"\r\n'
    return (head + "\r\n" + encode_body(data, "base64")).encode("ascii") + b"\r\n"


def multi(parts: list[bytes], subtype: str = "alternative", params: str = "") -> bytes:
    _N[0] += 1
    b = f"----=_NextPart_{_N[0]:03d}_{0x01D7 + _N[0]:04X}_{0x5A3C2B10 + _N[0] * 7919:08X}"
    out = f'Content-Type: multipart/{subtype}; boundary="{b}"{params}\r\n\r\n'.encode()
    for p in parts:
        out += f"--{b}\r\n".encode() + p
    return out + f"--{b}--\r\n".encode()


def message(headers: list[str], body: bytes, raw_utf8: bool = False) -> bytes:
    _N[0] += 1
    head = [h for h in headers if h]
    if not any(h.lower().startswith("message-id:") for h in head):
        head.append(f"Message-ID: <0100019{_N[0]:09d}-v2-{_N[0]:04d}-000000@email.amazonses.com>")
    head.append("MIME-Version: 1.0")
    return "\r\n".join(head).encode("utf-8" if raw_utf8 else "ascii") + b"\r\n" + body


def std(frm: str, subject: str, date: str | None, to: str = "seller@example.com", extra=(),
        charset: str = "utf-8") -> list[str]:
    return [*extra, f"Date: {date}" if date else "", f"From: {frm}", f"To: {to}",
            f"Subject: {enc_header(subject, charset)}"]


def add(name: str, raw: bytes, **expected: str) -> None:
    assert name not in FILES, name
    FILES[name] = raw
    EXPECTED[name] = expected


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n" * 40

SIV = "Amazon Seller Identity Verification <seller-verification@amazon.com>"
SIV_CN = "seller-identityverification-cn@amazon.com"
SUPPORT = "Amazon Seller Support <merch.service05@amazon.com>"

INV_EN_HTML = """<table width="600" cellpadding="0" cellspacing="0" border="0" align="center">
<tr><td><img src="{logo}" alt="amazon seller central" width="160"></td></tr>
<tr><td style="font-family:Arial,sans-serif;font-size:14px;color:#111111">
<p>Hello,</p>
<p>Thank you for choosing to sell on Amazon.</p>
<p>As outlined in Section 1 of the Amazon Services Business Solutions Agreement, we require you to
complete a video call with an Amazon associate in order to complete additional identity verification.
To complete verification, please schedule a video call appointment by following the instructions in this email.</p>
<p>The video call takes approximately 15&nbsp;minutes. If you do not schedule an appointment within the
next {days}&nbsp;days, you will not be eligible to sell in the Amazon store.</p>
<p>To learn more about this requirement, see the <a href="{help}">Amazon Services Business Solutions Agreement</a>.</p>
<p>Please schedule your video call to complete the verification process.</p>
<ol><li>Click the following link: <a href="{href}" style="color:#0066c0">{text}</a></li>
<li>Select up to three preferred time slots on three different dates, then click &quot;Submit&quot;.</li>
<li>If you cannot see your merchant token, enter this merchant token ({token}) as your credential on the booking page.</li></ol>
<p>We will send you a confirmation email from seller-identityverification-cn@amazon.com within 2 business days.</p>
<p>If you have any questions, contact <a href="{contact}">Selling Partner Support</a>.</p>
<p>Seller Identity Verification Team</p></td></tr></table>"""

INV_EN_PLAIN = """Hello,

Thank you for choosing to sell on Amazon.

As outlined in Section 1 of the Amazon Services Business Solutions Agreement, we require you to complete a video call with an Amazon associate in order to complete additional identity verification.

The video call takes approximately 15 minutes. If you do not schedule an appointment within the next {days} days, you will not be eligible to sell in the Amazon store.

Please schedule your video call to complete the verification process.

1. Click the following link:
{url}
2. Select up to three preferred time slots on three different dates, then click "Submit".
3. If you cannot see your merchant token, enter this merchant token ({token}) as your credential on the booking page.

We will send you a confirmation email from seller-identityverification-cn@amazon.com within 2 business days.

If you have any questions, contact Selling Partner Support:
<https://sellercentral.amazon.com/cu/contact-us>

Seller Identity Verification Team
"""

INV_ZH = """您好！

感谢您选择亚马逊作为销售平台。

根据《亚马逊服务商业解决方案协议》第 1 节的规定，我们需要您与亚马逊工作人员进行视频通话，以便完成额外的身份验证事宜。{extra}

视频通话大约需要 15 分钟，如果您未在接下来的 {days} 天内安排预约，您将没有资格在亚马逊商城销售商品。

请预约视频通话，以完成验证流程。

1. 单击以下链接：
{url}
2. 在三个不同的日期选择最多三个所需时间段，点击“提交”完成预约。
3. 若您无法查看您的卖家帐户标志，请将此卖家帐户标志({token})为凭据在预约页面中填写。

如有任何疑问，请联系销售伙伴支持团队：
<https://sellercentral.amazon.com/cu/contact-us>

卖家身份验证团队
"""

FAILED_EN = """Hello,

We have reviewed the documents that you provided but were unable to complete the identity verification process for your seller account. As a result,

- If you are registering as a new seller, your case will be closed and your account will not be activated.
- If you are an existing seller who has already been selling on Amazon, your seller account will not be immediately impacted.

If you believe that there has been an error, you can contact Selling Partner Support <https://sellercentral.amazon.com/cu/contact-us>.

The Seller Identity Verification team
"""

FAILED_ZH = """您好！

我们已审核您提供的文件，但无法完成您的卖家帐户的身份验证流程。因此：

- 如果您是注册新卖家，您的案例将被关闭，您的帐户将不会被激活。
- 如果您是已在亚马逊上销售的现有卖家，您的卖家帐户不会立即受到影响。

如果您认为存在错误，可以联系销售伙伴支持团队：<https://sellercentral.amazon.com/cu/contact-us>

卖家身份验证团队
"""

QUALTRICS = "https://amazonxten.qualtrics.com/jfe/form/"


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_lines(text: str) -> str:
    """Plain text as web mail writes it: a <div> per line, &nbsp; for blank lines."""
    return "".join(f"<div>{esc(line) if line.strip() else '&nbsp;'}</div>\r\n" for line in text.split("\n"))


# ---------------------------------------------------------------- mail clients


def clients() -> None:
    # 1. Outlook on the web (OWA) HTML-only forward: divRplyFwdMsg, <hr>, Sent: without a zone.
    url = QUALTRICS + "SV_8OwaFwd2Lk5Rt3?Q_CHL=email&mt=A2OW7KD4QZ8MXP"
    orig = INV_EN_HTML.format(logo="https://m.media-amazon.com/images/G/01/sc/logo._CB1198675309_.png",
                              days=14, help="https://sellercentral.amazon.com/help/hub/reference/1791",
                              href=esc(url), text="Book your video call", token="A2OW7KD4QZ8MXP",
                              contact="https://sellercentral.amazon.com/cu/contact-us")
    html = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<style type="text/css" style="display:none;"> P {{margin-top:0;margin-bottom:0;}} </style>
</head>
<body dir="ltr">
<div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);" class="elementToProof">
Please book the call today, the account is blocked until then.</div>
<div id="appendonsend"></div>
<hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000"><b>From:</b> Amazon Seller Identity Verification &lt;seller-verification@amazon.com&gt;<br>
<b>Sent:</b> Tuesday, November 10, 2026
2:05 PM<br>
<b>To:</b> Li Wei &lt;liwei@trade-co.com.cn&gt;<br>
<b>Subject:</b> Your Amazon.com selling account: video call required</font>
<div>&nbsp;</div>
</div>
<div>{orig}</div>
</body></html>"""
    add("video_call_invitation-en-owa-html-only-fwd.eml",
        message([auth("mx.trade-co.com.cn", d="trade-co.com.cn", hfrom="trade-co.com.cn"),
                 *std("Li Wei <liwei@trade-co.com.cn>", "FW: Your Amazon.com selling account: video call required",
                      "Wed, 11 Nov 2026 09:20:31 +0800", to="ops@trade-co.com.cn")],
                leaf(html, "text/html")),
        kind="video_call_invitation", sender_check="unverified", booking_url=url,
        deadline="2026-11-24", seller_token="A2OW7KD4QZ8MXP")

    # 2. Outlook desktop (Word HTML): MSO comments, VML, <o:p>, source lines wrapped mid-sentence,
    # Chinese header labels; multipart/related with the signature logo inside an alternative.
    html = """<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><!--[if !mso]><style>v\\:* {behavior:url(#default#VML);}
o\\:* {behavior:url(#default#VML);}
w\\:* {behavior:url(#default#VML);}
.shape {behavior:url(#default#VML);}
</style><![endif]--><style><!--
/* Font Definitions */
@font-face
	{font-family:等线;
	panose-1:2 1 6 0 3 1 1 1 1 1;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:等线;}
span.EmailStyle18
	{mso-style-type:personal-reply;
	font-family:等线;
	color:windowtext;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit">
<o:idmap v:ext="edit" data="1" />
</o:shapelayout></xml><![endif]--></head><body lang=ZH-CN link="#0563C1" vlink="#954F72" style='text-justify-trim:punctuation'><div class=WordSection1><p class=MsoNormal><span lang=EN-US style='font-size:10.5pt'>王总，亚马逊说验证没通过，附上原邮件。<o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p><p class=MsoNormal><span lang=EN-US><!--[if gte vml 1]><v:shape id="Picture_x0020_1" o:spid="_x0000_i1025" type="#_x0000_t75" style='width:90pt;height:30pt'>
<v:imagedata src="cid:image001.png@01DB3A1C.5E2F0A10" o:title=""/>
</v:shape><![endif]--><![if !vml]><img width=120 height=40 src="cid:image001.png@01DB3A1C.5E2F0A10" v:shapes="Picture_x0020_1"><![endif]></span><span lang=EN-US><o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US>张敏 | 运营部<o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p><div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'><p class=MsoNormal><b>发件人<span lang=EN-US>:</span></b><span lang=EN-US> Amazon Services &lt;seller-verification@amazon.com&gt;
<br></span><b>发送时间<span lang=EN-US>:</span></b><span lang=EN-US> 2026</span>年<span lang=EN-US>11</span>月<span lang=EN-US>10</span>日<span lang=EN-US> 14:05<br></span><b>收件人<span lang=EN-US>:</span></b><span lang=EN-US> zhangmin@hy-trade.cn<br></span><b>主题<span lang=EN-US>:</span></b><span lang=EN-US> Unable to verify your Selling on Amazon
account<o:p></o:p></span></p></div></div><p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p><p class=MsoNormal style='mso-margin-top-alt:auto;mso-margin-bottom-alt:auto'><span lang=EN-US style='font-family:"Arial",sans-serif'>Hello,<o:p></o:p></span></p><p class=MsoNormal style='mso-margin-top-alt:auto;mso-margin-bottom-alt:auto'><span lang=EN-US style='font-family:"Arial",sans-serif'>We have reviewed the documents that you provided but were unable to complete the identity
verification process for your seller account. As a result, your account will not be activated.<o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US style='font-family:"Arial",sans-serif'>If you believe that there has been an error, you can contact <a href="https://sellercentral.amazon.com/cu/contact-us">Selling Partner Support</a>.<o:p></o:p></span></p><p class=MsoNormal><span lang=EN-US style='font-family:"Arial",sans-serif'>The Seller Identity Verification team<o:p></o:p></span></p></div></body></html>"""
    plain = """王总，亚马逊说验证没通过，附上原邮件。

张敏 | 运营部

发件人: Amazon Services <seller-verification@amazon.com>
发送时间: 2026年11月10日 14:05
收件人: zhangmin@hy-trade.cn
主题: Unable to verify your Selling on Amazon account

Hello,

We have reviewed the documents that you provided but were unable to complete the identity verification process for your seller account. As a result, your account will not be activated.

If you believe that there has been an error, you can contact Selling Partner Support<https://sellercentral.amazon.com/cu/contact-us>.

The Seller Identity Verification team
"""
    add("siv_failed-zh-outlook-desktop-related-fwd.eml",
        message(std(addr("张敏", "zhangmin@hy-trade.cn"), "转发: Unable to verify your Selling on Amazon account",
                    "Wed, 11 Nov 2026 10:12:45 +0800", to="wang@hy-trade.cn",
                    extra=["Thread-Topic: Unable to verify your Selling on Amazon account",
                           "Thread-Index: AdtTIVnq3bX0s9yHQUK4mLmM1x2kAA==",
                           "X-MS-Has-Attach: yes", "X-MS-TNEF-Correlator:"]),
                multi([leaf(plain, charset="utf-8", cte="base64"),
                       multi([leaf(html, "text/html", cte="quoted-printable"),
                              binary(PNG, "image/png", "image001.png", "image001.png@01DB3A1C.5E2F0A10")],
                             "related", '; type="multipart/alternative"')])),
        kind="siv_failed", sender_check="unverified")

    # 3. QQ Mail web forward, HTML only: 原始邮件 bar, grey header box, &nbsp; everywhere, case id.
    case = "15912345678"
    orig = """您好！<br><br>感谢您联系亚马逊卖家支持。我们已收到您关于卖家身份验证的申诉，并已转交给相关团队审核。<br>
<br>案例编号：%s<br><br>请勿重复提交申诉，这可能会延迟处理时间。<br><br>亚马逊卖家支持团队""" % case
    html = f"""<meta http-equiv="Content-Type" content="text/html; charset=GB18030"><div>老板，申诉已经受理了。</div><div>&nbsp;</div><div>&nbsp;</div><div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">------------------&nbsp;原始邮件&nbsp;------------------</div><div style="font-size: 12px;background:#efefef;padding:8px;"><div><b>发件人:</b>&nbsp;"Amazon Seller Support"&lt;merch.service05@amazon.com&gt;;</div><div><b>发送时间:</b>&nbsp;2026年11月10日(星期二) 下午2:05</div><div><b>收件人:</b>&nbsp;"小王"&lt;xiaowang_ecom@qq.com&gt;;<wbr></div><div></div><div><b>主题:</b>&nbsp;[CASE {case}] 卖家身份验证申诉</div></div><div>&nbsp;</div>{orig}"""
    add("support_reply-zh-qq-web-html-only-fwd.eml",
        message([auth("newxmesmtplogicsvrszc5-0.qq.com", d="qq.com", hfrom="qq.com"),
                 *std(addr("小王", "xiaowang_ecom@qq.com"), f"转发：[CASE {case}] 卖家身份验证申诉",
                      "Tue, 10 Nov 2026 15:40:02 +0800", to="boss_li@qq.com",
                      extra=["X-QQ-mid: xmsezb1731224402t3kq9k2pa", "X-Mailer: QQMail 2.x"])],
                leaf(html, "text/html", charset="gb18030", cte="base64")),
        kind="support_reply", sender_check="unverified", case_id=case)

    # 4. NetEase Mail Master forward: "---- 转发的原邮件 ----" and a header *table* without colons.
    url = QUALTRICS + "SV_163Tbl8Rk2Pq5Zx"
    body = INV_ZH.format(extra="", days=14, url=url, token="A1NE5TM8QW3ZKD")
    html = f"""<div style="line-height:1.7;color:#000000;font-size:14px;font-family:Arial"><div>麻烦帮忙预约一下，谢谢</div><div><br></div><div id="ntes-pcmail-signature"><div>陈晓</div></div><br><div class="J-reply" style="background-color:#f2f2f2;color:black;padding-top:6px;padding-bottom:6px;border-radius:3px;-moz-border-radius:3px;-webkit-border-radius:3px;margin-top:45px;margin-bottom:20px;font-family:'微软雅黑';"><div style="font-size:12px;line-height:1.5;word-break:break-all;margin-left:10px;margin-right:10px">---- 转发的原邮件 ----</div><table class="J-reply-header" style="background-color:#f2f2f2;font-size:12px" width="100%"><tbody><tr><td width="60px">发件人</td><td>亚马逊卖家身份验证&lt;seller-verification@amazon.com&gt;</td></tr><tr><td>日期</td><td>2026年11月10日 14:05</td></tr><tr><td>收件人</td><td>chenxiao_shop@163.com</td></tr><tr><td>主题</td><td>您的 Amazon.com 销售帐户：需要进行视频通话</td></tr></tbody></table></div>{html_lines(body)}</div>"""
    add("video_call_invitation-zh-netease-master-table-fwd.eml",
        message([auth("mx.126.com", d="163.com", hfrom="163.com"),
                 *std(addr("陈晓", "chenxiao_shop@163.com"), "Fw:您的 Amazon.com 销售帐户：需要进行视频通话",
                      "Wed, 11 Nov 2026 08:02:17 +0800", to="liming_shop@126.com",
                      extra=["X-Mailer: NetEase Flash Mail 2.4.1.32"])],
                leaf(html, "text/html", cte="base64")),
        kind="video_call_invitation", sender_check="unverified", booking_url=url,
        deadline="2026-11-24", seller_token="A1NE5TM8QW3ZKD")

    # 5. Apple Mail forward with a PDF the agent added: mixed(alternative(plain, html), pdf).
    case = "15933002211"
    orig = f"""Hello from Amazon Selling Partner Support,

Thank you for uploading your documents for seller identity verification.

We understand that the documents that you shared did not meet our policy requirements.

As a next step, you must restart the application process with a new account and email ID.

Thank you for selling with Amazon,

Amazon.com Seller Support

To contact us again about this issue: <https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID={case}>
"""
    head = f"""From: Amazon Seller Support <merch.service05@amazon.com>
Subject: RE: [CASE {case}] Seller Identity Verification appeal
Date: November 10, 2026 at 10:05:12 PM GMT+8
To: Tom Zhou <tom@zh-export.com>
"""
    plain = "Please see what Amazon answered.\n\nTom\n\n\nBegin forwarded message:\n\n" + head + "\n" + orig
    html = ("""<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;"><div>Please see what Amazon answered.</div><div><br></div><div>Tom</div><div><br><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br class="Apple-interchange-newline">"""
            + "".join(f"""<div style="margin-top: 0px; margin-right: 0px; margin-bottom: 0px; margin-left: 0px;"><span style="font-family: -apple-system, Helvetica Neue; color:rgba(0, 0, 0, 1.0);"><b>{k}: </b></span><span style="font-family: -apple-system, Helvetica Neue;">{esc(v)}<br></span></div>"""
                      for k, v in (line.split(": ", 1) for line in head.strip().split("\n")))
            + "<br><div><div>" + "<br>".join(esc(x) for x in orig.split("\n")) + "</div></div></blockquote></div><br></div></body></html>")
    add("appeal_denied_restart-en-apple-mail-fwd-pdf.eml",
        message(std("Tom Zhou <tom@zh-export.com>", f"Fwd: RE: [CASE {case}] Seller Identity Verification appeal",
                    "Wed, 11 Nov 2026 08:30:00 +0800", to="lawyer@zh-export.com",
                    extra=["X-Mailer: Apple Mail (2.3774.300.61.1.2)"]),
                multi([multi([leaf(plain, cte="quoted-printable"), leaf(html, "text/html")]),
                       binary(PDF, "application/pdf", "business_license.pdf")], "mixed")),
        kind="appeal_denied_restart", sender_check="unverified", case_id=case)

    # 6. Gmail HTML-only forward of a confirmation (gmail_quote / gmail_attr); PST time.
    html = """<div dir="ltr">FYI - call is booked.<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Amazon Seller Identity Verification</strong> <span dir="auto">&lt;<a href="mailto:seller-identityverification-cn@amazon.com">seller-identityverification-cn@amazon.com</a>&gt;</span><br>Date: Wed, Nov 11, 2026 at 10:05 AM<br>Subject: Your video call appointment is confirmed<br>To: &lt;<a href="mailto:amy.lin@gmail.com">amy.lin@gmail.com</a>&gt;<br></div><br><br><div><div style="font-family:Arial">Hello,<br><br>Thank you for scheduling a video call with the Amazon Seller Identity Verification team. Your appointment is confirmed.<br><br><b>Appointment:</b> Thursday, November 19, 2026 11:30 PM PST<br>Duration: approximately 15 minutes<br>Join the call (Amazon Chime): <a href="https://chime.aws/5550123987" target="_blank">https://chime.aws/5550123987</a><br>Merchant token: A3GM8FW2QK5ZRT<br><br>Seller Identity Verification Team</div></div></div></div>"""
    add("video_call_confirmation-en-gmail-html-only-fwd.eml",
        message([auth("mx.google.com", d="gmail.com", hfrom="gmail.com"),
                 *std("Amy Lin <amy.lin@gmail.com>", "Fwd: Your video call appointment is confirmed",
                      "Wed, 11 Nov 2026 11:15:40 +0800", to="boss@lin-trading.com")],
                leaf(html, "text/html", cte="quoted-printable")),
        kind="video_call_confirmation", sender_check="unverified", seller_token="A3GM8FW2QK5ZRT",
        appointment="2026-11-20T15:30:00+08:00")

    # 7. QQ Mail seller reply, HTML only, over the siv_failed: the newest part is the seller's note.
    html = ("<div>资料已经重新上传了，麻烦再审核一下，谢谢！</div><div><br></div>"
            "<div style=\"font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;\">------------------&nbsp;原始邮件&nbsp;------------------</div>"
            "<div style=\"font-size: 12px;background:#efefef;padding:8px;\"><div><b>发件人:</b>&nbsp;\"Amazon Services\"&lt;seller-verification@amazon.com&gt;;</div>"
            "<div><b>发送时间:</b>&nbsp;2026年11月9日(星期一) 上午10:15</div><div><b>收件人:</b>&nbsp;\"小王\"&lt;xiaowang_ecom@qq.com&gt;;</div>"
            "<div><b>主题:</b>&nbsp;无法验证您的亚马逊销售帐户</div></div><div><br></div>" + html_lines(FAILED_ZH))
    add("other-zh-qq-html-only-reply-over-siv-failed.eml",
        message(std(addr("小王", "xiaowang_ecom@qq.com"), "回复：无法验证您的亚马逊销售帐户",
                    "Mon, 09 Nov 2026 16:20:00 +0800", to="seller-verification@amazon.com",
                    extra=["Cc: boss_li@qq.com"]),
                leaf(html, "text/html", cte="base64")),
        kind="other", sender_check="unverified")

    # 8. Selling Partner Support answers in HTML only; the seller's mail is quoted in a <blockquote>
    # under Outlook's divRplyFwdMsg header.
    case = "15944556677"
    html = f"""<html><body><div>Hello from Amazon Selling Partner Support,</div><div><br></div>
<div>Thank you for contacting us about the identity verification of your seller account. We have
forwarded your appeal and the documents that you provided to the Seller Identity Verification team.
They will reply to you within 2 business days.</div><div><br></div>
<div>Case ID: {case}</div><div><br></div><div>Thank you for selling with Amazon,<br>Rafael M.<br>Amazon.com Seller Support</div>
<div><br></div><hr style="display:inline-block;width:98%" tabindex="-1">
<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Hongyuan Trading &lt;hongyuan.store2026@163.com&gt;<br><b>Sent:</b> Monday, November 9, 2026 9:12 PM<br><b>To:</b> Seller Support<br><b>Subject:</b> Unable to verify your Selling on Amazon account</div>
<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex"><div>Dear team, we received "Unable to verify your Selling on Amazon account". Our documents are genuine, please review them again.</div></blockquote></body></html>"""
    add("support_reply-en-html-only-reply-over-seller-mail.eml",
        message([auth("mx.163.com"), *std(SUPPORT, f"RE: [CASE {case}] Unable to verify your Selling on Amazon account",
                                          "Tue, 10 Nov 2026 06:40:00 +0000", to="hongyuan.store2026@163.com")],
                leaf(html, "text/html", cte="quoted-printable")),
        kind="support_reply", sender_check="verified", case_id=case)

    # 9. Foxmail forward: border-top div, <b>From:</b>&nbsp;<a href="mailto:">, date "2026-11-10 14:05",
    # no "Forwarded" line at all; plain part in Foxmail's own layout.
    plain = """这封邮件请看一下。



wangfei@foxmail.com

From: Amazon Services
Date: 2026-11-10 14:05
To: wangfei
Subject: Unable to verify your Selling on Amazon account
""" + FAILED_EN
    html = ("""<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"><style>body { line-height: 1.5; }blockquote { margin-top: 0px; margin-bottom: 0px; margin-left: 0.5em; }body { font-size: 14px; font-family: 'Microsoft YaHei UI'; color: rgb(0, 0, 0); line-height: 1.5; }</style></head><body>
<div><span></span>这封邮件请看一下。</div><div><br></div><hr style="width: 210px; height: 1px;" color="#b5c4df" size="1" align="left">
<div><span><div style="MARGIN: 10px; FONT-FAMILY: verdana; FONT-SIZE: 10pt"><div>wangfei@foxmail.com</div></div></span></div>
<blockquote style="margin-Top: 0px; margin-Bottom: 0px; margin-Left: 0.5em; margin-Right: inherit"><div>&nbsp;</div><div style="border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm"><div style="PADDING-RIGHT: 8px; PADDING-LEFT: 8px; FONT-SIZE: 12px;FONT-FAMILY:tahoma;COLOR:#000000; BACKGROUND: #efefef; PADDING-BOTTOM: 8px; PADDING-TOP: 8px"><div><b>From:</b>&nbsp;<a href="mailto:seller-verification@amazon.com">Amazon Services</a></div><div><b>Date:</b>&nbsp;2026-11-10&nbsp;14:05</div><div><b>To:</b>&nbsp;<a href="mailto:wangfei@foxmail.com">wangfei</a></div><div><b>Subject:</b>&nbsp;Unable to verify your Selling on Amazon account</div></div></div><div><div>"""
            + html_lines(FAILED_EN) + "</div></div></blockquote></body></html>")
    add("siv_failed-en-foxmail-fwd.eml",
        message(std("\"wangfei@foxmail.com\" <wangfei@foxmail.com>", "Fw: Unable to verify your Selling on Amazon account",
                    "Tue, 10 Nov 2026 15:02:55 +0800", to="boss@hy-trade.cn",
                    extra=["X-Mailer: Foxmail 7.2.25.228[cn]", "X-Priority: 3"]),
                multi([leaf(plain, charset="utf-8", cte="base64"), leaf(html, "text/html", cte="base64")])),
        kind="siv_failed", sender_check="unverified")

    # 10. Gmail (Android app) reply over an invitation, HTML only: the seller's own note is newest.
    html = """<div dir="auto">Thanks, we will prepare the passport before the call.</div><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Tue, Nov 10, 2026, 2:05 PM Amazon Seller Identity Verification &lt;<a href="mailto:seller-verification@amazon.com">seller-verification@amazon.com</a>&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0 0 0 .8ex;border-left:1px #ccc solid;padding-left:1ex"><div>Hello,<br><br>As outlined in Section 1 of the Amazon Services Business Solutions Agreement, we require you to complete a video call with an Amazon associate in order to complete additional identity verification.<br><br>Please schedule your video call to complete the verification process.<br></div></blockquote></div>"""
    add("other-en-gmail-mobile-html-only-reply-over-invitation.eml",
        message(std("Kevin Wu <kevin.wu.shop@gmail.com>", "Re: Your Amazon.com selling account: video call required",
                    "Tue, 10 Nov 2026 22:41:09 +0800", to="seller-verification@amazon.com"),
                leaf(html, "text/html", cte="quoted-printable")),
        kind="other", sender_check="unverified")


# ---------------------------------------------------------------- MIME shapes


def mime_shapes() -> None:
    # 11. Amazon's own HTML: alternative(plain, related(html, cid logo)); an img from m.media-amazon.com.
    date = "Tue, 10 Nov 2026 02:05:00 +0000"
    url = QUALTRICS + "SV_RelCid4Lm8Pq2Wx"
    html = ("<html><body>" + INV_EN_HTML.format(logo="cid:amazon-logo@amazon.com", days=14,
                                               help="https://sellercentral.amazon.com/help/hub/reference/1791",
                                               href=url, text=url, token="A3RC6ID2KQ9WMZ",
                                               contact="https://sellercentral.amazon.com/cu/contact-us")
            + '<img src="https://m.media-amazon.com/images/G/01/spacer._CB485933187_.gif" width="1" height="1"></body></html>')
    plain = INV_EN_PLAIN.format(days=14, url=url, token="A3RC6ID2KQ9WMZ")
    add("video_call_invitation-en-related-cid-images.eml",
        message([auth("mx.google.com"), *std(SIV, "Your Amazon.com selling account: video call required", date)],
                multi([leaf(plain), multi([leaf(html, "text/html"), binary(PNG, "image/png", "logo.png", "amazon-logo@amazon.com")],
                                          "related")])),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A3RC6ID2KQ9WMZ")

    # 12. Support reply with a PDF the support agent attached: mixed(alternative(plain, html), pdf).
    case = "15955667788"
    plain = f"""您好，这里是亚马逊卖家支持。

感谢您联系我们。关于您的卖家身份验证，我们需要您提供以下文件：
- 营业执照的彩色扫描件
- 法定代表人身份证的正反面

请参阅附件中的文件要求说明。

案例编号：{case}

亚马逊卖家支持团队
"""
    add("support_reply-zh-mixed-pdf-attachment.eml",
        message([auth("mx.163.com"), *std(addr("亚马逊卖家支持", "merch.service05@amazon.com"),
                                          f"[CASE {case}] 卖家身份验证所需文件", "Tue, 10 Nov 2026 03:00:00 +0000",
                                          to="hongyuan.store2026@163.com")],
                multi([multi([leaf(plain), leaf("<html><body>" + html_lines(plain) + "</body></html>", "text/html")]),
                       binary(PDF, "application/pdf", "document_requirements.pdf")], "mixed")),
        kind="support_reply", sender_check="verified", case_id=case)

    # 13. text/plain with no charset at all, 8bit UTF-8 bytes.
    raw = message([auth("mx.qq.com", d="amazon.cn", hfrom="amazon.cn"),
                   *std("seller-verification@amazon.cn", "无法验证您的亚马逊销售帐户", "Tue, 10 Nov 2026 04:00:00 +0000")],
                  leaf(FAILED_ZH, charset=None, codec="utf-8", cte="8bit"))
    add("siv_failed-zh-no-charset-utf8-8bit.eml", raw, kind="siv_failed", sender_check="verified")
    LOOSE["siv_failed-zh-no-charset-utf8-8bit.eml"] = "no charset label, UTF-8 bytes"

    # 14. text/plain with no charset, 8bit GBK bytes (with 堃, not in GB2312).
    body = "您好！\n\n恭喜！我们已完成对您的身份验证，您的身份已验证。堃昇贸易有限公司现在可以开始在亚马逊上销售商品。\n\n卖家身份验证团队\n"
    add("siv_approved-zh-no-charset-gbk-8bit.eml",
        message(std("seller-verification@amazon.com", "您的身份已验证", "Tue, 10 Nov 2026 05:00:00 +0000"),
                leaf(body, charset=None, codec="gbk", cte="8bit")),
        kind="siv_approved", sender_check="unverified")
    LOOSE["siv_approved-zh-no-charset-gbk-8bit.eml"] = "no charset label, GBK bytes"

    # 15. charset="x-gbk" (not a Python codec name), base64, GBK-only characters.
    date = "Tue, 10 Nov 2026 16:05:00 +0000"
    url = QUALTRICS + "SV_XgbkLbl3Qz7Mn"
    body = INV_ZH.format(extra="堃昇鎔贸易的卖家您好。", days=14, url=url, token="A2XG4BK8QM3ZTW")
    add("video_call_invitation-zh-charset-x-gbk.eml",
        message([auth("mx.qq.com"), *std(addr("亚马逊卖家身份验证", SIV_CN), "需要进行视频通话", date)],
                leaf(body, charset="x-gbk", codec="gbk", cte="base64")),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A2XG4BK8QM3ZTW")
    LOOSE["video_call_invitation-zh-charset-x-gbk.eml"] = "x-gbk is not a Python codec name"

    # 16. charset=cp936, quoted-printable.
    case = "15966778899"
    body = f"您好，这里是亚马逊卖家支持。\n\n我们已收到您的申诉，您提交的身份验证文件正在审核中。\n\n案例编号：{case}\n\n亚马逊卖家支持团队\n"
    add("support_reply-zh-charset-cp936.eml",
        message([auth("mx.163.com"), *std(SUPPORT, f"[CASE {case}] 我们已收到您的申诉", "Tue, 10 Nov 2026 06:00:00 +0000")],
                leaf(body, charset="cp936", codec="gbk", cte="quoted-printable")),
        kind="support_reply", sender_check="verified", case_id=case)

    # 17. charset="gb_2312-80" with a GBK-only character (鎔), base64.
    body = ("您好，\n\n感谢您联系亚马逊卖家支持。很遗憾，您提交的文件未能通过审核（鎔昇贸易）。"
            "您需要使用新的邮箱地址重新开始注册流程。\n\n亚马逊卖家支持团队\n")
    add("appeal_denied_restart-zh-charset-gb_2312-80.eml",
        message([auth("mx.qq.com"), *std(SUPPORT, "回复：卖家身份验证申诉", "Tue, 10 Nov 2026 07:00:00 +0000")],
                leaf(body, charset="gb_2312-80", codec="gbk", cte="base64")),
        kind="appeal_denied_restart", sender_check="verified")
    LOOSE["appeal_denied_restart-zh-charset-gb_2312-80.eml"] = "gb_2312-80 label, GBK bytes"

    # 18. charset="big5-hkscs", a Hong Kong character (嘅) in the text.
    body = "您好：\n\n我們已審核您提供的文件，但無法完成您的賣家帳戶的身分驗證流程（資料嘅地址未能核實）。\n\n賣家身分驗證團隊\n"
    add("siv_failed-zh_hant-charset-big5-hkscs.eml",
        message([auth("mx.google.com"), *std("Amazon Services <seller-verification@amazon.com>", "無法驗證您的 Amazon 銷售帳戶",
                                             "Tue, 10 Nov 2026 08:00:00 +0000", charset="big5-hkscs")],
                leaf(body, charset="big5-hkscs", cte="base64")),
        kind="siv_failed", sender_check="verified")

    # 19. charset=utf8 (alias, unquoted) in a confirmation; quoted "UTF-8" in the html sibling.
    plain = """Hello,

Your video call appointment is confirmed.

Date and time: 2026-11-19 09:00 UTC
Join the call (Amazon Chime): https://chime.aws/5550987123

Seller Identity Verification Team
"""
    part = leaf(plain, charset=None, codec="utf-8", cte="7bit").replace(b"Content-Type: text/plain\r\n",
                                                                          b"Content-Type: text/plain; charset=utf8\r\n")
    add("video_call_confirmation-en-charset-utf8-alias.eml",
        message([auth("mx.qq.com"), *std(addr("Amazon Seller Identity Verification", SIV_CN),
                                         "Your video call appointment is confirmed", "Tue, 10 Nov 2026 09:00:00 +0000")],
                multi([part, leaf("<p>" + plain.replace("\n", "<br>") + "</p>", "text/html", charset="UTF-8")])),
        kind="video_call_confirmation", sender_check="verified", appointment="2026-11-19T17:00:00+08:00")
    LOOSE["video_call_confirmation-en-charset-utf8-alias.eml"] = "charset=utf8"

    # 20. RFC 6532: raw UTF-8 Subject and display name, 8bit UTF-8 body.
    date = "Tue, 10 Nov 2026 10:00:00 +0000"
    url = QUALTRICS + "SV_Raw6532Hd2Kp"
    body = INV_ZH.format(extra="", days=14, url=url, token="A1RW6UT8QK2MZP")
    add("video_call_invitation-zh-rfc6532-raw-utf8-headers.eml",
        message([auth("mx.qq.com"), f"Date: {date}", f"From: 亚马逊卖家身份验证 <{SIV_CN}>",
                 "To: 王先生 <seller@example.com>", "Subject: 您的 Amazon.com 销售帐户：需要进行视频通话"],
                leaf(body, cte="8bit"), raw_utf8=True),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A1RW6UT8QK2MZP")
    LOOSE["video_call_invitation-zh-rfc6532-raw-utf8-headers.eml"] = "raw UTF-8 headers"

    # 21. Subject as two B encoded-words that split a character's UTF-8 bytes; short body.
    subj = "无法验证您的亚马逊销售帐户".encode()
    cut = 10  # inside the 4th character (3 bytes each)
    w1 = base64.b64encode(subj[:cut]).decode()
    w2 = base64.b64encode(subj[cut:]).decode()
    name = "亚马逊服务".encode()
    n1, n2 = quoprimime.header_encode(name[:4]).split("?")[3], quoprimime.header_encode(name[4:]).split("?")[3]
    add("siv_failed-zh-split-encoded-words.eml",
        message([auth("mx.163.com"), "Date: Tue, 10 Nov 2026 11:00:00 +0000",
                 f"From: =?utf-8?q?{n1}?=\r\n =?utf-8?q?{n2}?= <seller-verification@amazon.com>",
                 "To: seller@example.com", f"Subject: =?UTF-8?B?{w1}?=\r\n =?UTF-8?B?{w2}?="],
                leaf("您好！\n\n请登录卖家平台查看详情。\n\n卖家身份验证团队\n", cte="base64")),
        kind="siv_failed", sender_check="verified")

    # 22. Long folded headers: From, Subject, To list and a heavily folded Authentication-Results.
    date = "Tue, 10 Nov 2026 12:00:00 +0000"
    url = QUALTRICS + "SV_Fold9Hdr3Xq"
    ar = ("Authentication-Results: mx.google.com;\r\n       dkim=pass\r\n header.i=@amazon.com\r\n header.s=224i4yxa5dv7c2xz3womw6peuasteono\r\n"
          "        header.b=Rq3k1Zx8;\r\n       spf=pass (google.com: domain of\r\n 0100019-bounces@amazonses.com designates 54.240.8.1 as\r\n"
          " permitted sender) smtp.mailfrom=0100019-bounces@amazonses.com;\r\n       dmarc=pass (p=QUARANTINE\r\n sp=QUARANTINE dis=NONE)\r\n header.from=amazon.com")
    to = ",\r\n ".join(f"shop{i:02d} <shop{i:02d}@example.com>" for i in range(1, 9))
    add("video_call_invitation-en-long-folded-headers.eml",
        message([ar, f"Date: {date}", "From: \"Amazon Seller Identity Verification (do not reply)\"\r\n <seller-verification@amazon.com>",
                 f"To: {to}", "Subject: Your Amazon.com selling account:\r\n video call required to complete\r\n additional identity verification"],
                leaf(INV_EN_PLAIN.format(days=14, url=url, token="A3FL7DH2QW8KZM"))),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A3FL7DH2QW8KZM")


def dates() -> None:
    # 23-26. Odd Date headers. Each deadline is worked out in the README table.
    cases = [
        ("video_call_invitation-en-date-no-weekday.eml", "10 Nov 2026 20:30:00 -0500", "2026-11-25", "A1DW3NK7QZ5MPT"),
        ("video_call_invitation-zh-date-two-digit-year.eml", "Tue, 10 Nov 26 16:30:00 +0000", "2026-11-25", "A2TY4DG9KQ6WMP"),
        ("video_call_invitation-en-date-cst-comment.eml", "Tue, 10 Nov 2026 23:59:00 +0800 (CST)", "2026-11-24", "A3CS5TC1MQ7ZWK"),
        ("video_call_invitation-zh-date-obsolete-pst.eml", "Mon, 9 Nov 2026 09:30:00 PST", "2026-11-24", "A1PS8TZ4KQ2WMN"),
    ]
    for i, (name, date, want, token) in enumerate(cases):
        assert deadline(date, 14) == want, (name, deadline(date, 14))
        url = QUALTRICS + f"SV_Date{i}Odd7Fmt"
        if "-zh-" in name:
            body, subject, frm = INV_ZH.format(extra="", days=14, url=url, token=token), "需要进行视频通话", addr("亚马逊卖家身份验证", SIV_CN)
        else:
            body, subject, frm = INV_EN_PLAIN.format(days=14, url=url, token=token), "Video call required", SIV
        add(name, message([auth("mx.qq.com"), *std(frm, subject, date)], leaf(body, cte="base64")),
            kind="video_call_invitation", sender_check="verified", booking_url=url, deadline=want, seller_token=token)


def encodings() -> None:
    # 27. Identical duplicate headers (a gateway added them again).
    case = "15977889900"
    body = f"""Hello from Amazon Selling Partner Support,

This email confirms that we have received your case regarding the identity verification of your seller account.

Case ID: {case}

Amazon.com Seller Support
"""
    subject = f"[CASE {case}] We've received your request"
    add("support_reply-en-duplicate-headers.eml",
        message([auth("mx.163.com"), *std(SUPPORT, subject, "Tue, 10 Nov 2026 13:00:00 +0000"), f"Subject: {subject}",
                 "X-Mailer: Amazon Mail", "X-Mailer: Amazon Mail"], leaf(body)),
        kind="support_reply", sender_check="verified", case_id=case)

    # 28. A BOM at the start of the text part of a forward.
    case = "15988990011"
    body = f"""\ufeff---------- Forwarded message ---------
From: Amazon Seller Support <merch.service05@amazon.com>
Date: Mon, Nov 9, 2026 at 4:10 PM
Subject: [CASE {case}] We've received your request
To: <ops@bom-trade.com>


Hello from Amazon Selling Partner Support,

This email confirms that we have received your case regarding the identity verification of your seller account.

Case ID: {case}

Amazon.com Seller Support
"""
    add("support_reply-en-bom-forward.eml",
        message(std("Ops <ops@bom-trade.com>", f"[CASE {case}] We've received your request",
                    "Tue, 10 Nov 2026 09:00:00 +0800", to="ceo@bom-trade.com"), leaf(body, cte="base64")),
        kind="support_reply", sender_check="unverified", case_id=case)

    # 29. Windows-1252 smart quotes, labelled windows-1252.
    case = "15999001122"
    body = f"""Hello from Amazon Selling Partner Support,

We’ve received your appeal about your seller account’s identity verification. We’ll review the documents you provided and reply within 2 business days.

Case ID: {case}

Amazon.com Seller Support
"""
    add("support_reply-en-cp1252-smart-quotes.eml",
        message([auth("mx.163.com"), *std(SUPPORT, f"[CASE {case}] We’ve received your appeal".replace("’", "'"),
                                          "Tue, 10 Nov 2026 14:00:00 +0000")],
                leaf(body, charset="windows-1252", cte="quoted-printable")),
        kind="support_reply", sender_check="verified", case_id=case)

    # 30. Smart quotes in cp1252 bytes, mislabelled iso-8859-1 (Outlook does this).
    body = """Hello,

We couldn’t verify your identity with the documents you’ve provided. Your account won’t be activated.

If you believe that there’s been an error, contact Selling Partner Support.

The Seller Identity Verification team
"""
    add("siv_failed-en-latin1-label-cp1252-quotes.eml",
        message(std("Amazon Services <seller-verification@amazon.com>", "Update on your seller account",
                    "Tue, 10 Nov 2026 15:00:00 +0000"),
                leaf(body, charset="iso-8859-1", codec="cp1252", cte="quoted-printable")),
        kind="siv_failed", sender_check="unverified")

    # 31. Quoted-printable soft line breaks inside the booking URL (plain and href) and =3D.
    date = "Tue, 10 Nov 2026 17:00:00 +0000"
    url = QUALTRICS + "SV_3Hf8Kq2Lm9Np4Rt?Q_CHL=email&mt=A2QP7XK4MZ9WRT&lang=en_US&ref_=pe_siv_booking_v2"
    plain = INV_EN_PLAIN.format(days=14, url="    " * 12 + url, token="A2QP7XK4MZ9WRT")
    html = ("<html><body>" + INV_EN_HTML.format(logo="https://m.media-amazon.com/images/G/01/sc/logo.png", days=14,
                                               help="https://sellercentral.amazon.com/help/hub/reference/1791",
                                               href=esc(url), text="Book your video call", token="A2QP7XK4MZ9WRT",
                                               contact="https://sellercentral.amazon.com/cu/contact-us") + "</body></html>")
    raw = message([auth("mx.google.com"), *std(SIV, "Your Amazon.com selling account: video call required", date)],
                  multi([leaf(plain), leaf(html, "text/html")]))
    assert b"=\r\n" in raw and b"=3D" in raw
    add("video_call_invitation-en-qp-soft-breaks-in-url.eml", raw,
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A2QP7XK4MZ9WRT")

    # 32. base64 with 70-character lines (not a multiple of 4).
    date = "Tue, 10 Nov 2026 18:00:00 +0000"
    url = QUALTRICS + "SV_B64Odd70Ln5Kq"
    body = INV_ZH.format(extra="", days=14, url=url, token="A3BS4OD7QK1ZWM")
    add("video_call_invitation-zh-base64-odd-line-length.eml",
        message([auth("mx.163.com"), *std(addr("亚马逊卖家身份验证", SIV_CN), "需要进行视频通话", date)],
                leaf(body, cte="base64", b64_line=70)),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A3BS4OD7QK1ZWM")

    # 33. Entity-encoded href (&#x2F; &#47; &#61; &amp;), HTML only.
    date = "Tue, 10 Nov 2026 19:00:00 +0000"
    url = QUALTRICS + "SV_Ent1ty7Hx2Qp?Q_CHL=email&mt=A1EN7TY3KQ9ZWM"
    href = (url.replace("/", "&#x2F;", 3).replace("/", "&#47;").replace("=", "&#61;").replace("&mt", "&amp;mt"))
    html = "<html><body>" + INV_EN_HTML.format(logo="https://m.media-amazon.com/images/G/01/sc/logo.png", days=14,
                                               help="https://sellercentral.amazon.com/help/hub/reference/1791",
                                               href=href, text="Schedule now", token="A1EN7TY3KQ9ZWM",
                                               contact="https://sellercentral.amazon.com/cu/contact-us") + "</body></html>"
    add("video_call_invitation-en-entity-encoded-href.eml",
        message([auth("mx.qq.com"), *std(SIV, "Video call required", date)], leaf(html, "text/html")),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A1EN7TY3KQ9ZWM")

    # 34. Amazon click-tracking redirects (gp/r.html?...&U=<encoded target>), HTML only.
    date = "Tue, 10 Nov 2026 20:00:00 +0000"
    target = QUALTRICS + "SV_Trk5Rd1Rct8Mq"

    def tracked(u: str, n: int) -> str:
        from urllib.parse import quote
        return ("https://sellercentral.amazon.com/gp/r.html?C=2X7QK3N9PZ1RM&K=1A2B3C4D5E6F7&M=urn:rtn:msg:"
                f"20261110200000a7b3c9e1d2f4&R=3QW8ZK5MN2X{n}&T=C&U={quote(u, safe='')}&H=ZXQ1VKPWL8{n}ABC&ref_=pe_siv_{n}")
    book = tracked(target, 2)
    html = "<html><body>" + INV_EN_HTML.format(
        logo="https://m.media-amazon.com/images/G/01/sc/logo.png", days=14,
        help=esc(tracked("https://sellercentral.amazon.com/help/hub/reference/1791", 1)),
        href=esc(book), text=target, token="A2TR8CK4QM6ZWP",
        contact=esc(tracked("https://sellercentral.amazon.com/cu/contact-us", 3))) + (
        '<img src="https://sellercentral.amazon.com/gp/r.html?C=2X7QK3N9PZ1RM&amp;T=E&amp;M=urn:rtn:msg:x" width="1" height="1"></body></html>')
    add("video_call_invitation-en-tracking-redirect-links.eml",
        message([auth("mx.google.com"), *std(SIV, "Your Amazon.com selling account: video call required", date)],
                leaf(html, "text/html")),
        kind="video_call_invitation", sender_check="verified", booking_url=book,
        deadline=deadline(date, 14), seller_token="A2TR8CK4QM6ZWP")

    # 35. A plain part that is only a stub ("view this mail in HTML"); the content is in the HTML.
    date = "Tue, 10 Nov 2026 21:00:00 +0000"
    url = QUALTRICS + "SV_Stub2Pln8Hq"
    html = "<html><body>" + INV_EN_HTML.format(logo="cid:logo", days=7,
                                               help="https://sellercentral.amazon.com/help/hub/reference/1791",
                                               href=url, text="Book now", token="A1ST6UB3KQ8ZWM",
                                               contact="https://sellercentral.amazon.com/cu/contact-us") + "</body></html>"
    add("video_call_invitation-en-stub-plain-part.eml",
        message([auth("mx.qq.com"), *std(SIV, "Action required on your selling account", date)],
                multi([leaf("This message is in HTML format. Please use an HTML-capable email client to view it.\n"),
                       leaf(html, "text/html")])),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 7), seller_token="A1ST6UB3KQ8ZWM")


# ---------------------------------------------------------------- phishing


def phishing() -> None:
    # 36. From domain is the punycode of "аmazon.com" with a Cyrillic а; neutral display name,
    # only real Amazon links. The look-alike domain alone makes it suspicious.
    puny = "\u0430mazon".encode("idna").decode() + ".com"
    add("siv_failed-en-punycode-cyrillic-from-domain.eml",
        message(std(f"Seller Identity Verification <seller-verification@{puny}>", "Unable to verify your Selling on Amazon account",
                    "Tue, 10 Nov 2026 22:00:00 +0000"), leaf(FAILED_EN)),
        kind="siv_failed", sender_check="suspicious")

    # 37. Display name "Аmazon Selling Partner Support" with a Cyrillic А; only Amazon links.
    case = "15900112233"
    body = f"""Hello from Amazon Selling Partner Support,

Thank you for contacting us. This email confirms that we have received your appeal regarding the identity verification of your seller account.

Case ID: {case}

To view this case: <https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID={case}>

Amazon.com Seller Support
"""
    add("support_reply-en-cyrillic-display-name.eml",
        message(std(addr("\u0410mazon Selling Partner Support", "case-center@seller-helpdesk.example"),
                    f"[CASE {case}] We've received your appeal", "Tue, 10 Nov 2026 23:00:00 +0000"), leaf(body)),
        kind="support_reply", sender_check="suspicious", case_id=case)

    # 38. "amazon.com" as the local part, no display name; the appeal link leaves the allowlist.
    body = FAILED_EN.replace("<https://sellercentral.amazon.com/cu/contact-us>",
                             "through our appeal form: https://notice-center.example/seller/appeal?id=88213")
    add("siv_failed-en-amazon-com-local-part.eml",
        message(std("amazon.com@notice-center.example", "Unable to verify your Selling on Amazon account",
                    "Wed, 11 Nov 2026 00:30:00 +0000"), leaf(body)),
        kind="siv_failed", sender_check="suspicious")

    # 39. Link text shows a Seller Central URL, the href goes elsewhere; spoofed amazon.com From.
    date = "Wed, 11 Nov 2026 01:00:00 +0000"
    url = "https://sellercentral.amazon.com.verify-booking.example/jfe/form/SV_Lnk7Txt2Evl?mt=A1LT5XV8KQ3ZWM"
    html = "<html><body>" + INV_EN_HTML.format(logo="https://m.media-amazon.com/images/G/01/sc/logo.png", days=14,
                                               help="https://sellercentral.amazon.com/help/hub/reference/1791",
                                               href=esc(url), text="https://sellercentral.amazon.com/verification/booking",
                                               token="A1LT5XV8KQ3ZWM",
                                               contact="https://sellercentral.amazon.com/cu/contact-us") + "</body></html>"
    add("video_call_invitation-en-link-text-amazon-target-not.eml",
        message(std(SIV, "Your Amazon.com selling account: video call required", date), leaf(html, "text/html")),
        kind="video_call_invitation", sender_check="suspicious", booking_url=url,
        deadline=deadline(date, 14), seller_token="A1LT5XV8KQ3ZWM")

    # 40. Dressed display name, javascript: and data: links besides the http phishing link.
    date = "Wed, 11 Nov 2026 02:00:00 +0000"
    url = "http://siv-booking-center.example/book?sid=7731&token=A2JS9DT4QK6ZWM"
    html = f"""<html><body><p>您好！</p><p>我们需要您与亚马逊工作人员进行视频通话，以便完成额外的身份验证事宜。
如果您未在接下来的 5 天内安排预约，您的帐户将被停用。</p>
<p>请<a href="{esc(url)}">点击这里预约视频通话</a>。</p>
<p><a href="javascript:void(0)" onclick="window.open('{esc(url)}')">查看协议</a> |
<a href="data:text/html;base64,PGgxPkFtYXpvbjwvaDE+">常见问题</a></p>
<p>卖家帐户标志：A2JS9DT4QK6ZWM</p><p>亚马逊卖家身份验证团队</p></body></html>"""
    add("video_call_invitation-zh-phish-javascript-data-links.eml",
        message(std(addr("亚马逊卖家身份验证", "siv_notice2026@126.com"), "请在5天内预约视频通话", date),
                leaf(html, "text/html", cte="base64")),
        kind="video_call_invitation", sender_check="suspicious", booking_url=url,
        deadline=deadline(date, 5), seller_token="A2JS9DT4QK6ZWM")

    # 41. Authenticated amazon.com From, the booking link an amzn.to short link: the revised README
    # puts Amazon's short-link host amzn.to on the allowlist, so the authenticated mail is verified.
    date = "Wed, 11 Nov 2026 03:00:00 +0000"
    url = "https://amzn.to/3SivBk7"
    add("video_call_invitation-en-amzn-to-short-link.eml",
        message([auth("mx.google.com"), *std(SIV, "Your Amazon.com selling account: video call required", date)],
                leaf(INV_EN_PLAIN.format(days=14, url=url, token="A3AZ2TO8KQ5ZWM"))),
        kind="video_call_invitation", sender_check="verified", booking_url=url,
        deadline=deadline(date, 14), seller_token="A3AZ2TO8KQ5ZWM")

    # 42. Neutral display name, non-Amazon domain, the text presents itself as Amazon, t.cn link.
    body = """您好！

亚马逊卖家身份验证团队通知您：我们无法验证您的亚马逊销售帐户。您的帐户将在 48 小时内被停用。

请立即点击以下链接提交申诉：http://t.cn/A6SivXk9

亚马逊卖家身份验证团队
"""
    add("siv_failed-zh-phish-t-cn-shortener.eml",
        message(std(addr("卖家验证中心", "notice@verify-center.example"), "身份验证失败通知",
                    "Wed, 11 Nov 2026 04:00:00 +0000"), leaf(body, cte="base64")),
        kind="siv_failed", sender_check="suspicious")

    # 43. Stub plain part + HTML phishing with a look-alike From domain (sellercentral-notice...).
    html = """<html><body><p>Hello,</p><p>We were unable to verify your identity. Your selling account will not be activated.</p>
<p>To appeal, <a href="https://sellercentral-notice.example/appeal">submit your documents again</a>.</p>
<p>The Seller Identity Verification team</p></body></html>"""
    add("siv_failed-en-phish-stub-plain.eml",
        message(std("Seller Central <no-reply@sellercentral-notice.example>", "Important: account status",
                    "Wed, 11 Nov 2026 05:00:00 +0000"),
                multi([leaf("To view this email, please enable HTML.\n"), leaf(html, "text/html")])),
        kind="siv_failed", sender_check="suspicious")


# ---------------------------------------------------------------- checks and output


def _check(name: str, raw: bytes) -> None:
    msg = email.message_from_bytes(raw, policy=policy.default)
    for part in msg.walk():
        assert not part.defects, (name, part.defects)
        if part.get_content_maintype() == "text" and name not in LOOSE:
            part.get_payload(decode=True).decode(part.get_content_charset() or "us-ascii")  # strict
    want = EXPECTED[name]
    text = b"".join(p.get_payload(decode=True) or b"" for p in msg.walk() if not p.is_multipart())
    for key in ("case_id", "seller_token"):
        if key in want:
            assert want[key].encode() in text or want[key].encode() in raw, (name, key)


def main() -> int:
    for make in (clients, mime_shapes, dates, encodings, phishing):
        make()
    for name, raw in FILES.items():
        _check(name, raw)
        (HERE / name).write_bytes(raw)
    (HERE / "expected.json").write_text(
        json.dumps(dict(sorted(EXPECTED.items())), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(FILES)} mails written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
