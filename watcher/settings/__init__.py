"""What the user configured, and the secrets in it: config loading and validation, and the one
place that masks secrets for logs, URLs and exception text.

Separate from app because mail and store need the configuration too, and they may not import app.
May import: core (types only) and the standard library / pydantic. Never mail, store, app or demo.
"""
