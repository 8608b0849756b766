"""The FETCH reader (mail.wire.fetch) on answers written by hand: the shapes servers send
(literals inside structures, quoted strings with escapes, NIL, unsolicited responses) and the
ones it hands to imapclient (Unreadable), leaving the connection in step either way."""

from __future__ import annotations

import imaplib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_ATOMS = st.text("ABCDEFGHIJKLMOPQRSTUVWXYZ\\.-", min_size=1, max_size=6).map(str.encode)  # no N: never NIL
_VALUES = st.recursive(
    st.one_of(st.none(), st.integers(0, 2**40), st.binary(max_size=12), _ATOMS.map(lambda a: ("atom", a))),
    lambda inner: st.lists(inner, max_size=4).map(tuple), max_leaves=20)


def written(value: object, literal: bool) -> bytes:
    """A value as a server writes it: NIL, a number, an atom, a list, a string quoted or as a literal."""
    if value is None:
        return b"NIL"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, tuple) and value[:1] == ("atom",):
        return value[1]
    if isinstance(value, tuple):
        return b"(" + b" ".join(written(v, literal) for v in value) + b")"
    assert isinstance(value, bytes)
    if literal or b"\r" in value or b"\n" in value:
        return b"{%d}\r\n%s" % (len(value), value)
    return b'"' + value.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def read(value: object) -> object:
    return value[1] if isinstance(value, tuple) and value[:1] == ("atom",) else \
        tuple(read(v) for v in value) if isinstance(value, tuple) else value


@settings(max_examples=500, deadline=None)
@given(st.lists(_VALUES, min_size=1, max_size=4), st.booleans(), st.integers(1, 10**6))
def test_the_reader_reads_back_what_a_server_writes(values, literal, uid):
    items = b" ".join(b"X-ITEM%d %s" % (i, written(v, literal)) for i, v in enumerate(values))
    fake = FakeIMAP(b"* 1 FETCH (UID %d %s)\r\nA1 OK done\r\n" % (uid, items))
    got = wire.fetch(fake, [uid], [b"X"])  # type: ignore[arg-type]
    assert got == {uid: {b"UID": uid, **{b"X-ITEM%d" % i: read(v) for i, v in enumerate(values)}}}


# -- the header reader (wire.fetch_headers): straight off the socket, or not at all --------------

def fetch_line(seq: int, uid: int, header: bytes) -> bytes:
    return (b"* %d FETCH (UID %d BODY[HEADER.FIELDS (FROM SUBJECT)] {%d}\r\n%s)\r\n"
            % (seq, uid, len(header), header))


def test_header_reader_reads_literals_and_ignores_unsolicited_responses():
    answer = (fetch_line(1, 7, b"From: a@b.cn\r\n\r\n") + b"* 3 EXISTS\r\n* 1 FETCH (FLAGS (\\Seen))\r\n"
              + b"* 2 FETCH (BODY[HEADER.FIELDS (FROM SUBJECT)] {4}\r\nX: y UID 9)\r\n"
              + b"A1 OK Fetch completed.\r\n")
    fake = FakeIMAP(answer)
    got = wire.fetch_headers(fake, [9, 7], b"FROM SUBJECT")  # type: ignore[arg-type]
    assert got == {7: b"From: a@b.cn\r\n\r\n", 9: b"X: y"}
    assert fake.sent == b"A1 UID FETCH 7,9 (UID BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])\r\n"
    assert fake.tagged_commands == {} and fake.file.read() == b""  # answer consumed, imaplib state clean


def test_header_reader_takes_any_other_shape_the_generic_way():
    """The usual shape is read by a shortcut; one that starts like it and goes on otherwise
    (an item after the header, a literal cut short) is read as any answer is."""
    answer = (b"* 1 FETCH (UID 7 BODY[HEADER.FIELDS (FROM)] {4}\r\nX: y FLAGS (\\Seen))\r\n"
              + fetch_line(2, 8, b"Z: w")
              + b"* 3 FETCH (UID 9 BODY[HEADER.FIELDS (FROM)] {2}\r\nab UID 9)\r\n"
              + b"A1 OK done\r\n")
    fake = FakeIMAP(answer + b"* 4 EXISTS\r\n")
    assert wire.fetch_headers(fake, [7, 8, 9], b"FROM") == {7: b"X: y", 8: b"Z: w", 9: b"ab"}  # type: ignore[arg-type]
    assert fake.file.read() == b"* 4 EXISTS\r\n" and fake.tagged_commands == {}
    with pytest.raises(imaplib.IMAP4.abort):
        wire.fetch_headers(FakeIMAP(fetch_line(1, 7, b"X: y" * 20)[:90]), [7], b"FROM")  # type: ignore[arg-type]


@pytest.mark.parametrize("answer", [
    b"* 1 FETCH (UID 7 BODY[HEADER.FIELDS (FROM)] NIL)\r\nA1 OK done\r\n",  # not a literal
    b'* 1 FETCH (UID 7 BODY[HEADER.FIELDS (FROM)] "X: y")\r\nA1 OK done\r\n',
    b"A1 OK done\r\n",  # UID 7 missing (expunged meanwhile, or misread): ask again
    b"* 1 FETCH (BODY[HEADER.FIELDS (FROM)] {4}\r\nX: y)\r\nA1 OK done\r\n",  # no UID
    fetch_line(1, 7, b"X: y") + b"A1 NO [SERVERBUG] oops\r\n",
])
def test_header_reader_hands_odd_answers_to_the_generic_parser(answer):
    fake = FakeIMAP(answer + b"* 4 EXISTS\r\n")
    with pytest.raises(wire.Unreadable):
        wire.fetch_headers(fake, [7], b"FROM")  # type: ignore[arg-type]
    assert fake.file.read() == b"* 4 EXISTS\r\n" and fake.tagged_commands == {}  # stopped at its tag


@pytest.mark.parametrize("answer", [b"* BYE shutting down\r\n", fetch_line(1, 7, b"X: y")[:50], b""])
def test_header_reader_reports_a_dead_connection(answer):
    with pytest.raises(imaplib.IMAP4.abort):
        wire.fetch_headers(FakeIMAP(answer), [7], b"FROM")  # type: ignore[arg-type]


def test_uid_set_is_compact():
    assert wire.uid_set([9, 1, 2, 3, 5, 6, 11]) == b"1:3,5:6,9,11"
    assert wire.uid_set([4]) == b"4"
