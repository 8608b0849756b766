"""`python -m watcher` is the same as the `siv-watcher` command."""

from watcher.cli import main

raise SystemExit(main())
