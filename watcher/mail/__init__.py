"""IMAP: the connection, the read-only header-first sync, header FETCH, IDLE workers and poller.

May import: core, settings, store (a synced message is handed to the store in the same
transaction as its watermark), imapclient. Never app or demo.
"""
