"""The one table printer of the command line.

A table of one-line ASCII cells that fits the width is drawn here, exactly as rich draws it when
piped (same box, same widths; a test compares the two): importing rich costs ~70 ms, a third of a
one-file `classify`. Anything else (multi-line cells, wide or non-ASCII text that needs rich's
folding and cell widths) goes to rich, imported only then.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterable, Sequence

PIPED_WIDTH = 220  # piped output has no terminal width; do not fold every cell to 80 columns


def print_table(columns: Sequence[str], rows: Iterable[Sequence[str]], *, lines: bool = False) -> None:
    cells = [list(row) for row in rows]
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else PIPED_WIDTH
    plain = _plain(columns, cells, lines, width)
    if plain is not None:
        print(plain)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=lines)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in cells:
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else PIPED_WIDTH).print(table)


def _simple(cell: str) -> bool:
    return cell.isascii() and cell.isprintable()


def _plain(columns: Sequence[str], rows: list[list[str]], lines: bool, width: int) -> str | None:
    """The table in rich's default box (heavy head), or None when rich must lay it out."""
    cells = [list(columns), *rows]
    if not rows or any(len(r) != len(columns) for r in rows):
        return None
    if not all(_simple(c) for row in cells for c in row):
        return None
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    if sum(widths) + 3 * len(widths) + 1 > width:
        return None

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * (w + 2) for w in widths) + right

    def line(row: Sequence[str], bar: str) -> str:
        return bar + bar.join(f" {cell.ljust(w)} " for cell, w in zip(row, widths, strict=True)) + bar

    out = [rule("┏", "━", "┳", "┓"), line(columns, "┃"), rule("┡", "━", "╇", "┩")]
    for i, row in enumerate(rows):
        if lines and i:
            out.append(rule("├", "─", "┼", "┤"))
        out.append(line(row, "│"))
    out.append(rule("└", "─", "┴", "┘"))
    return "\n".join(out)
