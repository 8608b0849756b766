"""TOML configuration -> validated, typed settings.

Every error names the key it concerns, so a seller editing the file by hand knows exactly
what to fix. Secrets are never read at load time into anything printable: a mailbox keeps
only *where* its password lives, and `Secret` hides its value from repr/str/logs.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from watcher.settings.secrets import Secret, register_url

LANGUAGES = ("zh", "en")
SECURITY = ("tls", "starttls", "plain")


class ConfigError(ValueError):
    """A config problem, always phrased with the offending key."""


@dataclass(frozen=True)
class MailboxConfig:
    name: str
    host: str
    username: str
    port: int = 993
    security: str = "tls"
    folders: tuple[str, ...] = ("INBOX",)
    watch_junk: bool = True
    password_env: str | None = None
    password_file: Path | None = None
    oauth2_token_command: str | None = None
    oauth2_mechanism: str = "XOAUTH2"
    authserv_ids: tuple[str, ...] = ()
    notify_urls: tuple[str, ...] = ()
    tls_verify: bool = True
    ca_file: Path | None = None
    timeout: float = 60.0

    def password(self) -> Secret:
        """Read the password only when connecting, so it never sits in config objects."""
        key = f"mailboxes.{self.name}"
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise ConfigError(f"{key}.password_env: environment variable {self.password_env} is not set")
            return Secret(value)
        if self.password_file:
            try:
                return Secret(self.password_file.read_text(encoding="utf-8").strip())
            except OSError as exc:
                raise ConfigError(
                    f"{key}.password_file: cannot read {self.password_file} ({exc.strerror})"
                ) from None
        raise ConfigError(f"{key}: needs password_env, password_file or oauth2_token_command")

    def oauth2_token(self) -> Secret:
        """Run the token helper afresh on every (re)connect: access tokens expire within the hour."""
        key = f"mailboxes.{self.name}.oauth2_token_command"
        try:
            proc = subprocess.run(
                shlex.split(self.oauth2_token_command or ""),
                capture_output=True, text=True, timeout=60, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ConfigError(f"{key}: could not run the command ({type(exc).__name__})") from None
        token = proc.stdout.strip()
        if proc.returncode != 0 or not token:
            raise ConfigError(f"{key}: command failed with exit code {proc.returncode} or printed no token")
        return Secret(token)


@dataclass(frozen=True)
class ScheduleConfig:
    poll_seconds: int = 60
    idle: bool = True
    lookback_days: int = 90
    idle_renew_seconds: int = 25 * 60
    max_body_bytes: int = 2 * 1024 * 1024


@dataclass(frozen=True)
class Config:
    timezone: str = "Asia/Shanghai"
    language: str = "zh"
    database_url: str = "sqlite:///siv-watcher.db"
    mailboxes: tuple[MailboxConfig, ...] = ()
    notify_urls: tuple[str, ...] = ()
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    rules_folders: tuple[Path, ...] = ()
    seller: dict[str, str] = field(default_factory=dict)
    base_dir: Path = Path(".")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def mailbox(self, name: str) -> MailboxConfig:
        for mailbox in self.mailboxes:
            if mailbox.name == name:
                return mailbox
        raise ConfigError(f"mailboxes: no mailbox named {name!r}")

    def targets_for(self, mailbox: str | None) -> tuple[str, ...]:
        """A mailbox's own targets win, so an agency can route each seller to their own group."""
        if mailbox:
            for m in self.mailboxes:
                if m.name == mailbox and m.notify_urls:
                    return m.notify_urls
        return self.notify_urls


def load(path: str | Path) -> Config:
    """Read and validate a config file; relative paths are relative to its folder."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"config: cannot read {path} ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config: {path} is not valid TOML ({exc})") from None
    return parse(data, base_dir=path.resolve().parent)


def parse(data: dict[str, Any], base_dir: Path = Path(".")) -> Config:
    _only(data, "", {"timezone", "language", "database", "mailboxes", "notify", "schedule", "rules",
                     "seller"})
    timezone = _get(data, "timezone", str, "Asia/Shanghai")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"timezone: unknown time zone {timezone!r}") from None
    language = _get(data, "language", str, "zh")
    if language not in LANGUAGES:
        raise ConfigError(f"language: must be one of {', '.join(LANGUAGES)}, not {language!r}")
    database = _table(data, "database")
    _only(database, "database.", {"url"})
    url = _resolve_db_url(_get(database, "url", str, "sqlite:///siv-watcher.db", "database."), base_dir)
    notify = _table(data, "notify")
    _only(notify, "notify.", {"urls"})
    urls = tuple(_str_list(notify, "urls", "notify."))
    rules = _table(data, "rules")
    _only(rules, "rules.", {"folders"})
    seller = _table(data, "seller")
    raw_boxes = data.get("mailboxes", [])
    if not isinstance(raw_boxes, list):
        raise ConfigError("mailboxes: must be an array of tables ([[mailboxes]])")
    boxes = tuple(_mailbox(m, i, base_dir) for i, m in enumerate(raw_boxes))
    for target in urls + tuple(u for m in boxes for u in m.notify_urls):
        register_url(target)
    names = [m.name for m in boxes]
    if len(set(names)) != len(names):
        raise ConfigError("mailboxes.name: every mailbox needs a unique name")
    return Config(
        timezone=timezone,
        language=language,
        database_url=url,
        mailboxes=boxes,
        notify_urls=urls,
        schedule=_schedule(_table(data, "schedule")),
        rules_folders=tuple(base_dir / p for p in _str_list(rules, "folders", "rules.")),
        seller={str(k): str(v) for k, v in seller.items()},
        base_dir=base_dir,
    )


def _mailbox(raw: Any, index: int, base_dir: Path) -> MailboxConfig:
    if not isinstance(raw, dict):
        raise ConfigError(f"mailboxes[{index}]: must be a table")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise ConfigError(f"mailboxes[{index}].name: required, a non-empty string")
    prefix = f"mailboxes.{name}."
    _only(raw, prefix, set(MailboxConfig.__dataclass_fields__))
    security = _get(raw, "security", str, "tls", prefix)
    if security not in SECURITY:
        raise ConfigError(f"{prefix}security: must be one of {', '.join(SECURITY)}, not {security!r}")
    port = _get(raw, "port", int, 993 if security == "tls" else 143, prefix)
    if not 0 < port < 65536:
        raise ConfigError(f"{prefix}port: must be 1..65535, not {port}")
    sources = [k for k in ("password_env", "password_file", "oauth2_token_command") if raw.get(k)]
    if len(sources) != 1:
        raise ConfigError(f"{prefix}password_env: give exactly one of password_env, password_file, "
                          "oauth2_token_command")
    password_file = raw.get("password_file")
    ca_file = raw.get("ca_file")
    mechanism = _get(raw, "oauth2_mechanism", str, "XOAUTH2", prefix).upper()
    if mechanism not in ("XOAUTH2", "OAUTHBEARER"):
        raise ConfigError(f"{prefix}oauth2_mechanism: must be XOAUTH2 or OAUTHBEARER")
    return MailboxConfig(
        name=name,
        host=_required(raw, "host", prefix),
        username=_required(raw, "username", prefix),
        port=port,
        security=security,
        folders=tuple(_str_list(raw, "folders", prefix) or ["INBOX"]),
        watch_junk=_get(raw, "watch_junk", bool, True, prefix),
        password_env=_get(raw, "password_env", str, None, prefix),
        password_file=(base_dir / password_file) if password_file else None,
        oauth2_token_command=_get(raw, "oauth2_token_command", str, None, prefix),
        oauth2_mechanism=mechanism,
        authserv_ids=tuple(_str_list(raw, "authserv_ids", prefix)),
        notify_urls=tuple(_str_list(raw, "notify_urls", prefix)),
        tls_verify=_get(raw, "tls_verify", bool, True, prefix),
        ca_file=(base_dir / ca_file) if ca_file else None,
        timeout=float(_get(raw, "timeout", (int, float), 60.0, prefix)),
    )


def _schedule(raw: dict[str, Any]) -> ScheduleConfig:
    allowed = set(ScheduleConfig.__dataclass_fields__)
    _only(raw, "schedule.", allowed)
    values: dict[str, Any] = {}
    for key in allowed:
        default = ScheduleConfig.__dataclass_fields__[key].default
        value = _get(raw, key, type(default), default, "schedule.")
        if isinstance(value, int) and not isinstance(value, bool) and value <= 0:
            raise ConfigError(f"schedule.{key}: must be positive, not {value}")
        values[key] = value
    return ScheduleConfig(**values)


def _resolve_db_url(url: str, base_dir: Path) -> str:
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite:///:memory:":
        return prefix + str(base_dir / url[len(prefix):])
    return url


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{key}: must be a table ([{key}])")
    return value


def _only(data: dict[str, Any], prefix: str, allowed: set[str]) -> None:
    for key in data:
        if key not in allowed:
            raise ConfigError(f"{prefix}{key}: unknown key (allowed: {', '.join(sorted(allowed))})")


def _get(data: dict[str, Any], key: str, kind: Any, default: Any, prefix: str = "") -> Any:
    if key not in data:
        return default
    value = data[key]
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, bool) and bool not in kinds:
        raise ConfigError(f"{prefix}{key}: expected {kinds[0].__name__}, got a boolean")
    if not isinstance(value, kinds):
        raise ConfigError(f"{prefix}{key}: expected {kinds[0].__name__}, got {type(value).__name__}")
    return value


def _required(data: dict[str, Any], key: str, prefix: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{prefix}{key}: required, a non-empty string")
    return value


def _str_list(data: dict[str, Any], key: str, prefix: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{prefix}{key}: expected a list of strings")
    return value
