"""The FETCH reader (mail.wire.fetch) on answers written by hand: the shapes servers send
(literals inside structures, quoted strings with escapes, NIL, unsolicited responses) and the
ones it hands to imapclient (Unreadable), leaving the connection in step either way."""

from __future__ import annotations

import imaplib
import io

import pytest

from watcher.mail import wire


class FakeIMAP:
    """The private parts of imaplib.IMAP4 the reader uses, over a canned answer."""

    def __init__(self, answer: bytes) -> None:
        self.file = io.BytesIO(answer)
        self.tagged_commands: dict[bytes, object] = {}
        self.sent = b""

    def _new_tag(self) -> bytes:
        self.tagged_commands[b"A1"] = None
        return b"A1"

    def send(self, data: bytes) -> None:
        self.sent += data


STRUCTURE = (b'(("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "QUOTED-PRINTABLE" 231 8 NIL NIL NIL NIL)'
             b'("TEXT" "HTML" ("CHARSET" "UTF-8") NIL NIL "BASE64" 25663 348 NIL NIL NIL NIL) "ALTERNATIVE" '
             b'("BOUNDARY" "x") NIL NIL NIL)')


def test_the_reader_parses_structures_literals_and_partial_bodies():
    answer = (b"* 1 FETCH (UID 7 RFC822.SIZE 900 BODYSTRUCTURE " + STRUCTURE + b")\r\n"
              b"* 3 EXISTS\r\n"
              b'* 2 FETCH (UID 9 BODY[1]<0> {5}\r\nhello BODY[2]<0> "" BODY[1.MIME] NIL '
              b'BODYSTRUCTURE ("TEXT" "PLAIN" ("NAME" {6}\r\na"b (c) NIL NIL "7BIT" 2 1 NIL NIL NIL NIL))\r\n'
              b"* 2 FETCH (FLAGS (\\Seen) UID 9)\r\nA1 OK done\r\n")
    fake = FakeIMAP(answer)
    got = wire.fetch(fake, [9, 7], [b"RFC822.SIZE", b"BODYSTRUCTURE"])  # type: ignore[arg-type]
    assert fake.sent == b"A1 UID FETCH 7,9 (UID RFC822.SIZE BODYSTRUCTURE)\r\n"
    structure = got[7][b"BODYSTRUCTURE"]
    plain, html = structure[0]
    assert got[7][b"RFC822.SIZE"] == 900 and structure[1:3] == (b"ALTERNATIVE", (b"BOUNDARY", b"x"))
    assert plain[:3] == (b"TEXT", b"PLAIN", (b"CHARSET", b"UTF-8")) and plain[6] == 231
    assert html[5] == b"BASE64"
    assert got[9][b"BODY[1]<0>"] == b"hello" and got[9][b"BODY[2]<0>"] == b""
    assert got[9][b"BODY[1.MIME]"] is None
    assert got[9][b"BODYSTRUCTURE"][2] == (b"NAME", b'a"b (c')  # a literal inside a structure is a string
    assert got[9][b"FLAGS"] == (b"\\Seen",)  # the unsolicited FLAGS added, nothing lost
    assert fake.tagged_commands == {} and fake.file.read() == b""


def test_quoted_strings_keep_their_escapes_undone():
    fake = FakeIMAP(b'* 1 FETCH (UID 3 BODYSTRUCTURE ("TEXT" "PLAIN" ("NAME" "a\\"b\\\\c") NIL NIL "7BIT" 2))'
                    b"\r\nA1 OK done\r\n")
    got = wire.fetch(fake, [3], [b"BODYSTRUCTURE"])  # type: ignore[arg-type]
    assert got[3][b"BODYSTRUCTURE"][2] == (b"NAME", b'a"b\\c')


@pytest.mark.parametrize("answer", [
    b"* 1 FETCH (UID 7 BODYSTRUCTURE ((\"TEXT\" \"PLAIN\")\r\nA1 OK done\r\n",  # unbalanced
    b"* 1 FETCH (UID 7 BODY[1]<0> {5}\r\nhello BODY[2]<0>)\r\nA1 OK done\r\n",  # a name without a value
    b"* 1 FETCH (UID 7 BODY[1]<0> \"a)\r\nA1 OK done\r\n",  # a string never closed
    b"* 1 FETCH (UID 7 RFC822.SIZE 9)\r\nA1 NO [SERVERBUG] oops\r\n",
])
def test_odd_answers_are_handed_to_imapclient_with_the_connection_in_step(answer):
    fake = FakeIMAP(answer + b"* 4 EXISTS\r\n")
    with pytest.raises(wire.Unreadable):
        wire.fetch(fake, [7], [b"BODY.PEEK[1]<0.5>"])  # type: ignore[arg-type]
    assert fake.file.read() == b"* 4 EXISTS\r\n" and fake.tagged_commands == {}


def test_a_uid_missing_from_the_answer_is_left_out_and_a_dead_connection_raises():
    assert wire.fetch(FakeIMAP(b"A1 OK done\r\n"), [7], [b"RFC822.SIZE"]) == {}  # type: ignore[arg-type]
    with pytest.raises(imaplib.IMAP4.abort):
        wire.fetch(FakeIMAP(b"* 1 FETCH (UID 7 BODY[1]<0> {50}\r\nshort"), [7], [b"X"])  # type: ignore[arg-type]
