"""The table printer: its own drawing is rich's, character for character, where it draws at all."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.table import Table

from watcher.app.table import PIPED_WIDTH, _plain

COLUMNS = ["file", "kind", "sender_check", "case_id"]
ROWS = [
    [["a.eml", "siv_failed", "verified", ""]],
    [["tests/corpus/shared/x.eml", "video_call_invitation", "unverified", "15347202291"],
     ["b.eml", "other", "suspicious", ""], ["", "", "", ""]],
    [["a-much-longer-file-name-than-its-header.eml", "k", "s", "1"]],
]


def by_rich(columns: list[str], rows: list[list[str]], lines: bool, width: int = PIPED_WIDTH) -> str:
    table = Table(show_lines=lines)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    out = io.StringIO()
    Console(file=out, width=width).print(table)
    return out.getvalue()


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("lines", [False, True])
def test_plain_drawing_is_richs(rows, lines):
    assert _plain(COLUMNS, rows, lines, PIPED_WIDTH) + "\n" == by_rich(COLUMNS, rows, lines)


@pytest.mark.parametrize(("rows", "width"), [
    ([["两行\n内容", "x", "y", "z"]], PIPED_WIDTH),  # multi-line and wide characters: rich's job
    ([["é", "x", "y", "z"]], PIPED_WIDTH),
    ([["x" * 100, "y" * 100, "z", "w"]], 80),  # too wide: rich folds the cells
    ([], PIPED_WIDTH),
])
def test_what_only_rich_lays_out_goes_to_rich(rows, width):
    assert _plain(COLUMNS, rows, False, width) is None
