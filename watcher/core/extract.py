"""Pull what the seller needs out of a message: case, token, booking link, deadline, appointment.

Extraction reads the content whatever the sender check says (a phishing invitation's
booking_url is the phishing URL: that is what the seller must be warned about). Parameters
(default zone, default booking window) come from data/extract.toml.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from watcher.core import sretable
from watcher.core.lazyre import Lazy
from watcher.core.prefilter import caseless
from watcher.core.timetext import find_datetimes


@dataclass(frozen=True)
class ExtractParams:
    timezone: str
    min_window_days: int
    max_window_days: int
    meeting_domains: tuple[str, ...] = ()


@cache
def load_params() -> ExtractParams:
    data = tomllib.loads(resources.files("watcher.core").joinpath("data/extract.toml").read_text("utf-8"))
    data["meeting_domains"] = tuple(data.get("meeting_domains", ()))
    return ExtractParams(**data)


_CASE = [
    Lazy(r"case[-_ ]?id=(\d{6,14})", re.I),
    Lazy(r"\[\s*case\s*[:#]?\s*(\d{6,14})\s*\]", re.I),
    Lazy(r"case\s*(?:id|number|no\.?|#)\s*[:：#]?\s*(\d{6,14})", re.I),
    Lazy(
        r"(?:案例|案件|个案|個案|工单|工單)\s*(?:编号|編號|号码|號碼|id|ID|号|號)?\s*[:：#]?\s*(\d{6,14})"
    ),
    Lazy(r"\bcase\s+(\d{8,14})\b", re.I),
]
_TOKEN_WORDS = (
    r"(?:merchant|seller)\s*(?:token|id|identifier)|"
    r"卖家帐户标志|卖家账户标志|賣家帳戶標誌|卖家记号|賣家記號|卖家令牌|賣家令牌|商家令牌|卖家标志|賣家標誌|"
    r"卖家编号|賣家編號|卖家代号|賣家代號|商家代号|商家代號|商户令牌|商戶令牌|卖家\s*id|賣家\s*id"
)
_TOKEN = Lazy(
    rf"(?:{_TOKEN_WORDS})[^A-Za-z0-9\n]{{0,3}}(?:\s*(?:is|为|為|是)\s*)?[^A-Za-z0-9\n]{{0,20}}?(?:\n[^A-Za-z0-9\n]{{0,6}})?(?<![A-Za-z0-9])(A[0-9A-Z]{{9,15}})\b",
    re.I,
)
_LABEL_WORDS = ("merchant", "seller", "卖家", "賣家", "商家", "商户", "商戶")  # every label starts so
_TOKEN_SHAPE = sretable.compile(r"A(?=[0-9A-Z]*\d)(?=[0-9A-Z]*[A-Z])[0-9A-Z]{9,15}")
_EN_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_EN_NUMBERS = dict(zip(_EN_WORDS.split(" "), range(21), strict=True)) | {"thirty": 30, "a": 1}
_ZH_DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2, "兩": 2}
_EN_NUM = "|".join(sorted(_EN_NUMBERS, key=len, reverse=True))
_ZH_NUM = "[零一二两兩三四五六七八九十]{1,3}"
# "within the next 14 days", "within seven calendar days", "within two weeks", "14 天内", "十天內",
# "两周内". Business / working days are other deadlines (the confirmation email), not the window.
_DAYS = Lazy(
    r"\b(?:within|in)\s+(?:the\s+next\s+|a\s+period\s+of\s+)?"
    rf"(?P<en>\d{{1,3}}|(?:{_EN_NUM})\b)\s*(?:\(\d{{1,3}}\)\s*)?"
    r"(?P<enbiz>calendar\s+|business\s+|working\s+)?(?P<enunit>days?|weeks?)\b"
    rf"|(?P<zh>\d{{1,3}}|{_ZH_NUM})\s*(?:个|個)?\s*(?P<zhunit>工作日|天|日|周|週|星期|礼拜|禮拜)\s*(?:之)?(?:内|內)",
    re.I,
)
_BOOKING_HINT = Lazy(
    r"qualtrics|/jfe/form/|SV_[0-9A-Za-z]{6,}|book|schedul|appointment|预约|預約|"
    r"/IPISellerVerificationService/|/verificationRequired",  # Seller Central's own booking page
    re.I,
)
_NOT_BOOKING = Lazy(r"/help/|/cu/contact|/forums|/gp/help|case-dashboard|unsubscribe|chime\.aws", re.I)
_APPOINTMENT_HINT = Lazy(
    r"appointment|scheduled (?:for|on)|date and time|time:|"
    r"预约时间|預約時間|通话时间|通話時間|会议时间|會議時間|时间[:：]|時間[:：]",
    re.I,
)


_SIX_DIGITS = sretable.compile(r"\d{6}")  # in every case number the patterns take: most mail has none
_CASE_WORDS = ("案例", "案件", "个案", "個案", "工单", "工單")  # or "case", in every pattern above


def case_id(text: str) -> str | None:
    """Seller Support case number, digits only."""
    if "case" not in caseless(text) and not any(word in text for word in _CASE_WORDS):
        return None  # first: scanning for a word is cheaper than for a run of digits
    if not _SIX_DIGITS.search(text):
        return None
    for rx in _CASE:
        m = rx.search(text)
        if m:
            return m.group(1)
    return None


def seller_token(text: str) -> str | None:
    """Merchant / seller token as printed next to its label (A + 9-15 upper-case alnum)."""
    if not _TOKEN_SHAPE.search(text):  # no token-shaped word at all: the costly label search can't hit
        return None
    start = _first_label(text)
    if start is None:
        return None
    for m in _TOKEN.finditer(text, start):
        if _TOKEN_SHAPE.fullmatch(m.group(1)):
            return m.group(1)
    return None


def _first_label(text: str) -> int | None:
    """Where the first token label may start (None: nowhere). Every label begins with one of
    _LABEL_WORDS, and the label expression has no literal prefix for sre to skip ahead with: it is
    tried at every position, the most of a notice's extraction. A match cannot start before the
    first such word; in non-ASCII text lower case may move positions, so the search starts at 0."""
    low = caseless(text)
    found = [i for word in _LABEL_WORDS if (i := (low if word.isascii() else text).find(word)) >= 0]
    if not found:
        return None
    return min(found) if text.isascii() else 0


def booking_url(links: tuple[str, ...] | list[str], text: str) -> str | None:
    """The link the invitation asks to click to book; phishing links included on purpose."""
    candidates = [
        u for u in links if u.lower().startswith(("http://", "https://")) and not _NOT_BOOKING.search(u)
    ]
    for url in candidates:
        if _BOOKING_HINT.search(url):
            return url
    m = re.search(r"(?:click|following link|单击|點擊|点击|以下链接|以下連結)", text, re.I)
    if m:
        after = text[m.end() :]
        positions = [(after.find(u), u) for u in candidates if after.find(u) >= 0]
        if positions:
            return min(positions)[1]
    return None


def meeting_url(links: tuple[str, ...] | list[str], params: ExtractParams | None = None) -> str | None:
    """The video-call link of a confirmation, so the seller can join from the alert itself."""
    domains = (params or load_params()).meeting_domains
    for url in links:
        host = (urlsplit(url).hostname or "").lower()
        if any(host == d or host.endswith("." + d) for d in domains):
            return url
    return None


def _zh_number(text: str) -> int | None:
    """一..九十九 as written in Chinese mail (十四, 二十, 两); digits pass through."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _ZH_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    value = (_ZH_DIGITS.get(tens, -100) if tens else 1) * 10 + (_ZH_DIGITS.get(ones, -100) if ones else 0)
    return value if value > 0 else None


def _window(m: re.Match[str]) -> int | None:
    """Days of one matched booking window, None for business days or an unreadable number."""
    if m.group("en"):
        if m.group("enbiz") and not m.group("enbiz").lower().startswith("calendar"):
            return None
        word = m.group("en").lower()
        number = int(word) if word.isdigit() else _EN_NUMBERS[word]
        return number * (7 if m.group("enunit").lower().startswith("week") else 1)
    unit = m.group("zhunit")
    zh_number = _zh_number(m.group("zh"))
    if zh_number is None or unit == "工作日":
        return None
    return zh_number * (1 if unit in ("天", "日") else 7)


def booking_days(text: str, params: ExtractParams | None = None) -> int | None:
    """The booking window the invitation states; None when it states none.

    No default: real invitations inside account-review notices often give no window at all, and
    a deadline the mail never stated would be a guess shown to the seller as a fact.
    """
    params = params or load_params()
    for m in _DAYS.finditer(text):
        days = _window(m)
        if days is not None and params.min_window_days <= days <= params.max_window_days:
            return days
    return None


def deadline(sent: datetime | None, text: str, tz: str) -> date | None:
    """Calendar date of sending in `tz`, plus the stated booking window (None if none stated)."""
    days = booking_days(text)
    if sent is None or days is None:
        return None
    return sent.astimezone(ZoneInfo(tz)).date() + timedelta(days=days)


def appointment(text: str, sent: datetime | None, tz: str) -> datetime | None:
    """Start of the booked call in `tz`; the candidate after an "appointment" label wins."""
    zone = ZoneInfo(tz)
    text = unicodedata.normalize("NFKC", text)
    found = find_datetimes(text, zone, sent.year if sent else None)
    if not found:
        return None
    hint = _APPOINTMENT_HINT.search(text)
    chosen = found[0]
    if hint:
        after = [f for f in found if f.start >= hint.start()]
        chosen = after[0] if after else chosen
    when = chosen.when
    if sent is not None and when.year == sent.year and when < sent - timedelta(days=31):
        when = when.replace(year=when.year + 1)  # a year-less date that already passed
    return when.astimezone(zone)
