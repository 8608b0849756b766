"""The one table printer of the command line (rich is imported only when a table is printed,
so commands that print none start without it)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

PIPED_WIDTH = 220  # piped output has no terminal width; do not fold every cell to 80 columns


def print_table(columns: Sequence[str], rows: Iterable[Sequence[str]], *, lines: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=lines)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else PIPED_WIDTH).print(table)
