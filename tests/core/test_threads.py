"""Thread markers: the word tests before each search never hide a marker the search would find.

(Thread splitting itself is tested through whole mails in test_message.py and the corpus.)"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core import threads

PIECES = [
    "\n", " ", "> ", "-----", "__________", "Forwarded message", "FORWARDED E-MAIL",
    "Begin forwarded message:", "转发邮件", "轉寄郵件", "已转发邮件", "Original Message", "原始邮件",
    "From: a@b.c", "FROM:", "发件人：x", "Sent: Monday", "Date: x", "收件人: y", "On Mon, Jan 1 x wrote:",
    "在 2026年 写道：", "ſ", "İ", "ı", "K", "text", "On x WROTE:", "\nMax SCHRİEB:\n", "Max ſchrıeb:",
    "Jean a ÉCRIT :", "於 2026 寫道：",
    # whole markers, each on its own lines
    "\nFROM: Amazon <a@amazon.com>\nSent: Monday\n", "\n**发件人：** x\n**发送时间：** y\n",
    "\n-----Original Message-----\n", "\n-- Original Message --\n",
    "\n------------------ 原始邮件 ------------------\n", "\n---------- Forwarded message ----------\n",
    "\n转发的原邮件\n", "\n____________\n",
]


def _first_without_word_tests(text: str) -> tuple[int, int, str] | None:
    best = None
    for rx, kind in ((threads._FORWARD, "forward"), (threads._ORIGINAL, "original"),
                     (threads._HEADER_START, "header"), (threads._WROTE, "wrote")):
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), kind)
    m = threads._QUOTED.search(text)
    if m and (best is None or m.start() < best[0]):
        best = (m.start(), m.start(), "quote")
    return best


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join) | st.text(max_size=60))
def test_word_tests_change_no_marker(text):
    assert threads._first(text) == _first_without_word_tests(text)
