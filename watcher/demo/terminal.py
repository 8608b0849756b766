"""`sivterm://`: an Apprise target that prints each alert to the terminal as a boxed card.

Why a real Apprise target rather than a print in the demo: `siv-watcher demo` then runs the
very same outbox and delivery path as production, so what the seller sees in the terminal is
exactly what their phone or chat group would receive (title, body, type), retries included.
Importing this module registers the schema; the demo imports it before the service starts.
"""

from __future__ import annotations

import sys
from typing import Any

import apprise
from rich.console import Console
from rich.panel import Panel
from rich.text import Text

SCHEMA = "sivterm"

STYLES = {
    "info": ("blue", "ℹ"),
    "success": ("green", "✔"),
    "warning": ("yellow", "⚠"),
    "failure": ("red", "✖"),
}


def render(title: str, body: str, notify_type: str, *, width: int | None = None) -> None:
    """Print one alert as a coloured box; the console is made per call so it follows sys.stdout."""
    colour, icon = STYLES.get(str(notify_type), ("white", "•"))
    console = Console(file=sys.stdout, width=width, highlight=False, soft_wrap=False)
    console.print(Panel(Text(body), title=Text(f"{icon} {title}", style=f"bold {colour}"),
                        title_align="left", border_style=colour, expand=False))


@apprise.decorators.notify(on=SCHEMA, name="siv-watcher terminal")  # type: ignore[untyped-decorator,no-untyped-call]
def _notify_terminal(body: str, title: str, notify_type: Any, *args: Any, **kwargs: Any) -> bool:
    """Apprise calls this for every `sivterm://` target; `sivterm://?width=60` fixes the width."""
    meta = kwargs.get("meta") or {}
    width = (meta.get("qsd") or {}).get("width")
    render(title, body, getattr(notify_type, "value", notify_type),
           width=int(width) if width and str(width).isdigit() else None)
    return True


__all__ = ["SCHEMA", "render"]
