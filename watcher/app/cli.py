"""`siv-watcher` command line. Thin: argument parsing and output only, the work is elsewhere.

`classify` lives here because it needs only the pure core; the commands of the service and its
database are added by `commands.add_commands`, imported when the parser is built.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from watcher.app import logs

if TYPE_CHECKING:
    from watcher.core.model import Classification
    from watcher.core.ruleset import RuleSet

# Imports are deferred to the command that needs them: `--help`, `--version` and `classify`
# start without the database layer, Apprise, rich or pydantic (issue: a CLI that starts at once).

DESCRIPTION = "Watches Amazon sellers' mailboxes for Seller Identity Verification mail; alerts what to do."
JSON_KEYS = (
    "file",
    "kind",
    "sender_check",
    "case_id",
    "seller_token",
    "booking_url",
    "deadline",
    "appointment",
)
EXTRA_KEYS = ("meeting_url", "rule", "reasons", "account", "parse_error", "excerpt")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DATABASE = 0, 1, 2, 3

Command = tuple[Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]


def _add_classify(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help=".eml files (default: the bundled samples)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument("--tz", help="time zone of deadlines and appointments (default: the config's, "
                        "else the bundled default, Asia/Shanghai)")
    parser.add_argument("--rules", action="append", default=[], metavar="DIR", help="extra rules folder")


def _sample_inputs() -> list[tuple[str, bytes]]:
    """The bundled sample mails, so a fresh install has something to classify."""
    from importlib import resources

    entries = sorted(resources.files("watcher.samples").iterdir(), key=lambda e: e.name)
    return [(e.name, e.read_bytes()) for e in entries if e.name.endswith(".eml")]


def _row(name: str, result: Classification) -> dict[str, object]:
    data = result.to_json()
    row = {"file": name, **{k: data.get(k) for k in JSON_KEYS[1:]}}
    row.update({k: data.get(k) for k in EXTRA_KEYS})
    return row


def _print_table(rows: list[dict[str, object]]) -> None:
    from watcher.app.table import print_table

    keys = ("file", "kind", "sender_check", "case_id", "seller_token", "deadline", "appointment",
            "booking_url")
    print_table(keys, [["" if row[k] is None else str(row[k]) for k in keys] for row in rows])


def _run_classify(args: argparse.Namespace) -> int:
    from watcher.core.classify import classify
    from watcher.core.rulefiles import load_ruleset
    from watcher.core.ruleset import RuleError

    config = None
    if args.config:
        from watcher.settings.config import load

        config = load(args.config)
    folders = [*(config.rules_folders if config else ()), *args.rules]
    tz = args.tz or (config.timezone if config else None)
    try:
        ruleset: RuleSet | None = load_ruleset(*folders) if folders else None
    except RuleError as exc:
        print(f"siv-watcher: invalid rules: {exc}", file=sys.stderr)
        return 2
    status = 0
    inputs: list[tuple[str, bytes]] = []
    if not args.files:
        inputs = _sample_inputs()
    for name in args.files:
        try:
            inputs.append((name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"siv-watcher: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            status = 2
    if len(inputs) > 1:
        # What was loaded so far (modules, the rules) lives as long as the process: the cyclic
        # collector need not walk it again on every full collection of a long run (~1 %).
        import gc

        from watcher.core.rulefiles import default_ruleset

        ruleset = ruleset or default_ruleset()
        gc.freeze()
    rows = [_row(name, classify(raw, ruleset=ruleset, tz=tz)) for name, raw in inputs]
    if args.json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
    elif rows:
        _print_table(rows)
    return status


COMMANDS: dict[str, tuple[str, Command]] = {
    "classify": ("classify mail files (default: the bundled samples)", (_add_classify, _run_classify)),
}


class _Version(argparse.Action):
    """--version, reading the installed metadata only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("siv-watcher")
        except PackageNotFoundError:  # a plain checkout, not installed
            number = "(not installed)"
        parser.exit(message=f"siv-watcher {number}\n")


def build_parser(language: str = "zh", *, service_commands: bool = True) -> argparse.ArgumentParser:
    """The whole command line; without `service_commands`, only `classify` (which then starts
    without importing the service's commands and what they import)."""
    parser = argparse.ArgumentParser(prog="siv-watcher", description=DESCRIPTION)
    parser.add_argument("--version", action=_Version, nargs=0, help="print the version and exit")
    parser.add_argument("--config", metavar="FILE", help="configuration file (TOML)")
    parser.add_argument("--log-format", choices=["text", "json"], default="text", help="log format on stderr")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (help_text, (add_arguments, run)) in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(run=run)
    if service_commands:
        from watcher.app.commands import add_commands

        add_commands(sub, language)
    return parser


def _peek(argv: Sequence[str] | None) -> tuple[str, str | None]:
    """(language, command) from the global options alone: help for alert commands follows the
    configured language, and `classify` needs no other command's parser."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--config")
    pre.add_argument("--log-format")
    pre.add_argument("-v", "--verbose", action="store_true")
    pre.add_argument("command", nargs="?")
    known, _ = pre.parse_known_args(argv)
    return _language(known.config), known.command


def _language(config: str | None) -> str:
    if config:
        from watcher.settings.config import ConfigError, load

        try:
            return load(config).language
        except ConfigError:
            pass  # reported properly once the command runs
    return "zh"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `siv-watcher` and `python -m watcher`; returns the exit code."""
    language, command = _peek(argv)
    args = build_parser(language, service_commands=command != "classify").parse_args(argv)
    logs.setup(args.log_format, logging.DEBUG if args.verbose else logging.INFO)
    try:
        return int(args.run(args))
    except Exception as exc:
        code = exit_code(exc)
        if code is None:
            raise
        from watcher.core.ruleset import RuleError

        prefix = "invalid rules: " if isinstance(exc, RuleError) else ""
        print(f"siv-watcher: {prefix}{exc}", file=sys.stderr)
        return code


def exit_code(exc: Exception) -> int | None:
    """The documented exit code of an error the user can act on (README, "Exit codes"); None for a
    bug, which keeps its traceback. The store's errors are looked up lazily: `classify` never
    loads the database layer."""
    from watcher.core.ruleset import RuleError
    from watcher.settings.config import ConfigError
    from watcher.store.casebook import CaseNotFound
    from watcher.store.tables import StoreError

    if isinstance(exc, StoreError):
        return EXIT_DATABASE
    if isinstance(exc, CaseNotFound):
        return EXIT_FAILED
    if isinstance(exc, ConfigError | RuleError | ValueError):  # ValueError: e.g. an unknown mark
        return EXIT_USAGE
    return None
