"""The command line and the service: cli, commands, service (APScheduler wiring, signals),
doctor, logs, progress.

The outermost ring: may import every other sub-package. Only the CLI wiring imports demo.
"""
