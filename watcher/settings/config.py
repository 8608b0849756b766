"""TOML configuration -> validated, typed settings (pydantic models).

Every error names the key it concerns as the user wrote it (`mailboxes.<name>.port: must be
1-65535, not 0`), on one line, so a seller editing the file by hand knows exactly what to fix:
pydantic's `ValidationError` never leaves the settings package: `parse` turns it into a
`ConfigError`, worded by validation.py.

The models are strict (no "993" for 993, no "yes" for true), forbid unknown keys, and hold each
default once: on the model that owns the field. The one conversion allowed is a TOML array into
the tuple the model keeps; paths written in the file are relative to the file's folder.

Secrets are never read at load time into anything printable: a mailbox keeps only *where* its
password lives, and `Secret` (watcher.settings.secrets) hides its value from repr/str/logs.
"""

from __future__ import annotations

import os
import shlex
import ssl
import subprocess
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from watcher.settings.secrets import Secret, register_url
from watcher.settings.validation import Invalid, error_line

Language = Literal["zh", "en"]
Security = Literal["tls", "starttls", "plain"]
LANGUAGES: tuple[str, ...] = get_args(Language)
SECURITY: tuple[str, ...] = get_args(Security)
STANDARD_PORTS: dict[str, int] = {"tls": 993, "starttls": 143, "plain": 143}
PASSWORD_SOURCES = ("password_env", "password_file", "oauth2_token_command")


class ConfigError(ValueError):
    """A config problem, always phrased with the offending key."""


def _as_tuple(value: Any) -> Any:
    """TOML has arrays, the models keep tuples (immutable, hashable): the one conversion allowed."""
    return tuple(value) if isinstance(value, list) else value


def _in_base_dir(value: Any, info: ValidationInfo) -> Any:
    """A path written in the file is relative to the file's folder (validation context `base_dir`)."""
    if isinstance(value, str):
        return Path((info.context or {}).get("base_dir", ".")) / value
    return value


Strings = Annotated[tuple[str, ...], BeforeValidator(_as_tuple)]
FilePath = Annotated[Path, BeforeValidator(_in_base_dir)]
FilePaths = Annotated[tuple[FilePath, ...], BeforeValidator(_as_tuple)]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class MailboxConfig(_Model):
    name: NonEmpty
    host: NonEmpty
    username: NonEmpty
    security: Security = "tls"
    # The standard port of `security` unless given: the one place that default is written.
    port: int = Field(default_factory=lambda data: STANDARD_PORTS[data["security"]])
    folders: Strings = ("INBOX",)
    watch_junk: bool = True
    password_env: str | None = None
    password_file: FilePath | None = None
    oauth2_token_command: str | None = None
    oauth2_mechanism: Literal["XOAUTH2", "OAUTHBEARER"] = "XOAUTH2"
    authserv_ids: Strings = ()
    notify_urls: Strings = Field(default=(), repr=False)  # tokens live in the URL
    tls_verify: bool = True
    ca_file: FilePath | None = None
    timeout: float = 60.0

    @field_validator("port")
    @classmethod
    def _port_in_range(cls, port: int) -> int:
        if not 0 < port < 65536:
            raise ValueError(f"must be 1-65535, not {port}")
        return port

    @field_validator("ca_file")
    @classmethod
    def _readable_ca_file(cls, path: Path | None) -> Path | None:
        if path is not None:  # read now, so a wrong path stops the start rather than every connect
            load_ca_file(ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), path)
        return path

    @field_validator("folders")
    @classmethod
    def _inbox_when_empty(cls, folders: tuple[str, ...]) -> tuple[str, ...]:
        default: tuple[str, ...] = cls.model_fields["folders"].default
        return folders or default

    @field_validator("oauth2_mechanism", mode="before")
    @classmethod
    def _mechanism_any_case(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_password_source(self) -> MailboxConfig:
        if sum(1 for key in PASSWORD_SOURCES if getattr(self, key)) != 1:
            raise Invalid("password_env", f"give exactly one of {', '.join(PASSWORD_SOURCES)}")
        for url in self.notify_urls:
            register_url(url)
        return self

    def add_ca_file(self, context: ssl.SSLContext) -> None:
        """Trust `ca_file`'s CAs too (on top of the system's, already in `context`); checked at
        load, read again at each connect, where a file gone since is a ConfigError naming it."""
        if self.ca_file is None:
            return
        try:
            load_ca_file(context, self.ca_file)
        except ValueError as exc:
            raise ConfigError(f"mailboxes.{self.name}.ca_file: {exc}") from None

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


def load_ca_file(context: ssl.SSLContext, path: Path) -> None:
    """Add the PEM CA certificates in `path` to `context`; a ValueError says what is wrong with it."""
    try:
        context.load_verify_locations(cafile=str(path))
    except ssl.SSLError as exc:  # an OSError too: before it
        raise ValueError(f"{path} holds no PEM certificate ({exc.reason or exc})") from None
    except OSError as exc:
        raise ValueError(f"cannot read {path}: {exc.strerror or exc}") from None


class ScheduleConfig(_Model):
    poll_seconds: int = 60
    idle: bool = True
    lookback_days: int = 90
    idle_renew_seconds: int = 25 * 60
    # IDLE hears nothing when a folder is deleted and recreated (a new UIDVALIDITY), so each watched
    # folder is proven unchanged at least this often: by a STATUS on its sibling folder's IDLE
    # connection, or by its own EXAMINE when no sibling did (mail.push). A changed folder is
    # noticed at most this late: within 2 minutes at the default.
    folder_check_seconds: int = 100
    max_body_bytes: int = 2 * 1024 * 1024

    @field_validator("poll_seconds", "lookback_days", "idle_renew_seconds", "folder_check_seconds",
                     "max_body_bytes")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value <= 0:
            raise ValueError(f"must be positive, not {value}")
        return value


class ClusterConfig(_Model):
    """Several watchers on one PostgreSQL (README "Several watchers"): how often each one says it
    is alive, and how long after its last word the others take its mailboxes over."""

    heartbeat_seconds: float = 10.0
    lease_seconds: float = 30.0

    @field_validator("heartbeat_seconds", "lease_seconds")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError(f"must be positive, not {value}")
        return value

    @model_validator(mode="after")
    def _lease_outlives_beats(self) -> ClusterConfig:
        if self.lease_seconds < 2 * self.heartbeat_seconds:
            raise Invalid("lease_seconds", "must be at least twice heartbeat_seconds "
                          f"({self.lease_seconds:g} < 2 x {self.heartbeat_seconds:g})")
        return self


class Config(_Model):
    timezone: str = "Asia/Shanghai"
    language: Language = "zh"
    database_url: str = "sqlite:///siv-watcher.db"
    mailboxes: Annotated[tuple[MailboxConfig, ...], BeforeValidator(_as_tuple)] = ()
    notify_urls: Strings = Field(default=(), repr=False)  # tokens live in the URL
    schedule: ScheduleConfig = Field(default_factory=ScheduleConfig)
    cluster: ClusterConfig = Field(default_factory=ClusterConfig)
    rules_folders: FilePaths = ()
    seller: dict[str, str] = Field(default_factory=dict)
    base_dir: Path = Path(".")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, timezone: str) -> str:
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {timezone!r}") from None
        return timezone

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        names = [m.name for m in self.mailboxes]
        if len(set(names)) != len(names):
            raise Invalid("mailboxes.name", "every mailbox needs a unique name")
        for url in self.notify_urls:
            register_url(url)
        return self

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


# -- the file as written: tables that become Config's flat fields; None means "not given" --------


class _Database(_Model):
    url: str | None = None


class _Notify(_Model):
    urls: Strings | None = None


class _Rules(_Model):
    folders: FilePaths | None = None


class _File(_Model):
    timezone: str | None = None
    language: str | None = None
    database: _Database = Field(default_factory=_Database)
    mailboxes: Annotated[tuple[MailboxConfig, ...], BeforeValidator(_as_tuple)] | None = None
    notify: _Notify = Field(default_factory=_Notify)
    schedule: ScheduleConfig | None = None
    cluster: ClusterConfig | None = None
    rules: _Rules = Field(default_factory=_Rules)
    seller: dict[str, str] | None = None


_TABLES: dict[str, type[BaseModel]] = {
    "database": _Database, "mailboxes": MailboxConfig, "notify": _Notify, "schedule": ScheduleConfig,
    "cluster": ClusterConfig, "rules": _Rules,
}


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
    """Validate a TOML document; raises ConfigError naming the first wrong key."""
    context = {"base_dir": base_dir}
    try:
        file = _File.model_validate(data, context=context)
        given = {
            "timezone": file.timezone, "language": file.language, "mailboxes": file.mailboxes,
            "notify_urls": file.notify.urls, "schedule": file.schedule, "cluster": file.cluster,
            "rules_folders": file.rules.folders,
            "seller": file.seller,
        }
        url = file.database.url or Config.model_fields["database_url"].default
        return Config.model_validate(
            {**{k: v for k, v in given.items() if v is not None},
             "database_url": _resolve_db_url(url, base_dir), "base_dir": base_dir},
            context=context,
        )
    except ValidationError as exc:
        raise ConfigError(error_line(exc, data, _File, _TABLES)) from None


SQLITE = "sqlite:///"


def _resolve_db_url(url: str, base_dir: Path) -> str:
    if url.startswith(SQLITE) and not url.startswith(SQLITE + "/") and url != SQLITE + ":memory:":
        return SQLITE + str(base_dir / url[len(SQLITE):])
    return url


def sqlite_file(url: str) -> Path | None:
    """The file of a loaded config's `sqlite:///` database URL (made absolute by `load`); None for
    another database or one in memory. Read without SQLAlchemy: `run` asks before importing it."""
    database = url[len(SQLITE):].split("?", 1)[0] if url.startswith(SQLITE) else ""
    return Path(database) if database and database != ":memory:" else None


__all__ = [
    "LANGUAGES", "SECURITY", "STANDARD_PORTS", "ClusterConfig", "Config", "ConfigError", "MailboxConfig",
    "ScheduleConfig", "Secret", "load", "parse",
]
