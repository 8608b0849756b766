"""The database: tables, ingest (what a stored message does to cases and the outbox), the alert
outbox and its Apprise delivery, the read side of cases (casebook), and the leases that let
several watchers share one PostgreSQL (leases).

May import: core, settings, sqlmodel/sqlalchemy, apprise. Never mail, app or demo.
"""
