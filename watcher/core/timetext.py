"""Dates and times written for humans, in English and Chinese mail.

Shared by the forwarded-header parser (message.py: "Date: Tue, Oct 20, 2026 at 11:05 AM",
"发送时间: 2026年10月20日(星期二) 上午11:05") and the appointment extractor (extract.py),
so one grammar understands both. Pure: no clock, the caller supplies the fallback zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

from watcher.core import sretable
from watcher.core.lazyre import Lazy

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MON = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

# Date grammars, tried in order; every one names y / mon|m / d groups.
_DATES = [
    Lazy(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]?"),
    Lazy(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
    # US 11/30/2026 (Amazon.com's own notation); a day-first 30/11/2026 is swapped in _date_at
    Lazy(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?!\d)"),
    Lazy(_MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})", re.I),
    Lazy(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r",?\s+(?P<y>\d{4})", re.I),
    Lazy(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号號]"),
]

_TIME = Lazy(
    r"(?P<pre>上午|下午|中午|晚上|凌晨|早上|傍晚)?\s*(?P<h>\d{1,2})\s*(?:[:：点點時时]\s*(?P<min>\d{2})?)"
    r"(?::(?P<s>\d{2}))?(?:\s*分)?\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?",
    re.I,
)

_PERIODS = ("上午", "下午", "中午", "晚上", "凌晨", "早上", "傍晚")

# Zone names and the offsets or IANA zones they mean; longest names first when matching.
ZONES: dict[str, str] = {
    "china standard time": "+08:00",
    "beijing time": "+08:00",
    "china time": "+08:00",
    "北京时间": "+08:00",
    "北京時間": "+08:00",
    "中国标准时间": "+08:00",
    "中國標準時間": "+08:00",
    "台北时间": "+08:00",
    "台北時間": "+08:00",
    "香港时间": "+08:00",
    "香港時間": "+08:00",
    "pacific time": "America/Los_Angeles",
    "pacific standard time": "-08:00",
    "pacific daylight time": "-07:00",
    "eastern time": "America/New_York",
    "central european time": "+01:00",
    "japan standard time": "+09:00",
    "coordinated universal time": "+00:00",
    "utc": "+00:00",
    "gmt": "+00:00",
    "z": "+00:00",
    "pst": "-08:00",
    "pdt": "-07:00",
    "pt": "America/Los_Angeles",
    "est": "-05:00",
    "edt": "-04:00",
    "cst": "+08:00",
    "hkt": "+08:00",
    "sgt": "+08:00",
    "jst": "+09:00",
    "cet": "+01:00",
    "cest": "+02:00",
    "bst": "+01:00",
    "ist": "+05:30",
}
_ZONE_RE = Lazy(
    r"(?:(?P<base>utc|gmt)\s*(?P<sign>[+-])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?)"
    r"|(?P<num>(?<![\d:])[+-]\d{4}(?!\d))"
    r"|(?P<name>" + "|".join(re.escape(z) for z in sorted(ZONES, key=len, reverse=True)) + r")(?![a-z])",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A date-time found in text, with where it started (to rank candidates)."""

    when: datetime
    start: int


def _zone(spec: str) -> tzinfo:
    if spec[0] in "+-":
        sign = -1 if spec[0] == "-" else 1
        hours, minutes = int(spec[1:3]), int(spec[4:6])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return ZoneInfo(spec)


def find_zone(text: str) -> tzinfo | None:
    """The first time zone written in `text` (GMT+8, UTC, PDT, 北京时间, +0800...)."""
    m = _ZONE_RE.search(text)
    if not m:
        return None
    if m.group("base") and m.group("oh"):
        sign = -1 if m.group("sign") == "-" else 1
        offset = timedelta(hours=int(m.group("oh")), minutes=int(m.group("om") or 0))
        return timezone(sign * offset) if offset < timedelta(hours=15) else None
    if m.group("num"):
        num = m.group("num")
        return _zone(f"{num[0]}{num[1:3]}:{num[3:5]}")
    return _zone(ZONES[m.group("name").lower()])


def _date_at(m: re.Match[str], ref_year: int | None) -> date | None:
    groups = m.groupdict()
    month = MONTHS[groups["mon"].lower()] if groups.get("mon") else int(groups["m"])
    year = int(groups["y"]) if groups.get("y") else ref_year
    if year is None:
        return None
    day = int(groups["d"])
    if month > 12 and day <= 12:
        month, day = day, month
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _hour(m: re.Match[str], gap: str = "") -> tuple[int, int, int] | None:
    hour, minute = int(m.group("h")), int(m.group("min") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    pre = m.group("pre") or next((p for p in _PERIODS if p in gap), "")
    if (ampm == "pm" or pre in ("下午", "晚上", "傍晚")) and hour < 12:
        hour += 12
    elif (ampm == "am" or pre in ("上午", "凌晨", "早上")) and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return hour, minute, int(m.group("s") or 0)


# Between a date and its time: weekday names, "at", and a label when the two sit on separate
# lines or table rows ("Date: ...\nTime: ...", "日期 2026年11月18日 星期三\n时间 下午 4:00").
_GAP = Lazy(
    r"(?:[\s,，]*(?:\(?[^\d\s()（）]{0,10}\)?|（[^\d）]{0,6}）)){0,3}[\s,，]*(?:at|um|à|@)?\s*", re.I
)
# A time written before its date: "15:00-15:15 CET on Thursday, 14 January 2027".
_TIME_BEFORE = Lazy(
    r"(?P<pre>上午|下午|中午|晚上|凌晨|早上|傍晚)?\s*(?<!\d)(?P<h>\d{1,2})[:：](?P<min>\d{2})(?::(?P<s>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?(?![a-z]))?(?:\s*[-–—~至到]\s*\d{1,2}[:：]\d{2}\s*(?:[ap]\.?m\.?)?)?"
    r"(?P<zone>\s*[(（]?[a-z]{2,5}(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?[)）]?)?"
    r"[\s,，]*(?:on|,)?[\s,，]*(?:[a-z]{3,6}day,?\s*)?$",
    re.I,
)
_ZONE_TAIL = Lazy(r"[\s\-–—~至到]*(?:\d{1,2}[:：]\d{2}\s*(?:[ap]\.?m\.?)?)?\s*[(（]?\s*(.{0,36})", re.I)


def _time_after(tail: str) -> tuple[tuple[int, int, int], int] | None:
    """(h, m, s) of a time right after a date, and where it ends in `tail`."""
    gap = _GAP.match(tail)
    tm = _TIME.match(tail, gap.end() if gap else 0)
    if not tm or (tm.group("min") is None and not tm.group("ampm")):
        return None
    hms = _hour(tm, tail[: tm.start()])
    return (hms, tm.end()) if hms else None


def _zone_after(rest: str) -> tzinfo | None:
    """A zone written just after the time (an end time like "- 14:45" may sit between)."""
    m = _ZONE_TAIL.match(rest)
    if not m:
        return None
    zm = _ZONE_RE.search(m.group(1))
    return find_zone(m.group(1)) if zm and zm.start() <= 6 else None


def _time_before(text: str, date_start: int, day: date, default_tz: tzinfo) -> Found | None:
    """A time (and zone) written just before the date, as in "15:00 CET on 14 January 2027"."""
    head = text[max(0, date_start - 50) : date_start]
    tm = _TIME_BEFORE.search(head)
    if tm is None:
        return None
    hms = _hour(tm)
    if hms is None:
        return None
    zone = find_zone(tm.group("zone")) if tm.group("zone") else None
    start = date_start - len(head) + tm.start("h")
    return Found(datetime(day.year, day.month, day.day, *hms, tzinfo=zone or default_tz), start)


def find_datetimes(text: str, default_tz: tzinfo, ref_year: int | None = None) -> list[Found]:
    """Every "date + time [+ zone]" in `text`, zone-less ones read in `default_tz`.

    A time must follow its date within a short gap (weekday names, "at", commas), which
    keeps durations like "within 24 hours" from being read as times of day.
    """
    out: list[Found] = []
    taken: list[tuple[int, int]] = []
    for rx in _DATES:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            day = _date_at(m, ref_year)
            tail = text[m.end() : m.end() + 60]
            timed = _time_after(tail) if day else None
            if day is not None and timed is None:
                before = _time_before(text, m.start(), day, default_tz)
                if before is not None:
                    out.append(before)
                    taken.append((before.start, m.end()))
                continue
            if day is None or timed is None:
                continue
            hms, end = timed
            zone = _zone_after(tail[end : end + 40]) or default_tz
            out.append(Found(datetime(day.year, day.month, day.day, *hms, tzinfo=zone), m.start()))
            taken.append((m.start(), m.end() + end))
    out.sort(key=lambda f: f.start)
    return out


_TWELVE_HOUR = sretable.compile(r"\d\s*[ap]\.?\s?m\b\.?", re.I)


def parse_header_date(value: str, fallback_tz: tzinfo | None = None) -> datetime | None:
    """A Date header or a forwarded block's date line; naive results get `fallback_tz`."""
    value = (value or "").strip()
    if not value:
        return None
    dt = None
    if not _TWELVE_HOUR.search(value):  # RFC 5322 has no AM/PM: parsedate would drop the PM
        try:
            dt = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError, OverflowError):
            dt = None
    if dt is not None:
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=fallback_tz or UTC)
        return dt
    found = find_datetimes(value, fallback_tz or UTC)
    return found[0].when if found else None
