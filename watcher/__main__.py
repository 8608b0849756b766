"""`python -m watcher` is the same as the `siv-watcher` command."""

from watcher.app.cli import main

raise SystemExit(main())
