"""The database: tables, ingest (what a stored message does to cases and the outbox), the alert
outbox and its Apprise delivery, and the read side of cases (casebook).

May import: core, settings, sqlmodel/sqlalchemy, apprise. Never mail, app or demo.
"""
