"""The zero-setup demo: an in-process IMAP server (pymap), the story mails, a terminal target.

May import: core, settings, store, mail. Nothing imports demo except app's CLI wiring.
"""
