"""The pure core: bytes and plain data in, plain data out; no I/O, no clock, no threads.

Lives here: parsing (message, charsets, threads, html_text, timetext), the header filter
(candidates), the rule engine (ruleset, over rules/*.toml), the sender check (sender), field
extraction (extract), the pipeline (classify), the case fold and reminders (cases), alert text
(alerts, texts/*.toml), the appeal draft (appeal) and the shared data types (model).

May import: the standard library and pure libraries (mail-parser, publicsuffixlist, holidays,
tzdata), and modules of this package. Never imapclient, sqlmodel/sqlalchemy, apprise,
apscheduler or rich, and no other watcher sub-package: everything else depends on the core, so
the core must run (and be tested) with nothing but bytes. Reading its own bundled data files
(texts/, data/, the shipped rules) is the only file access, done once and cached.
"""
