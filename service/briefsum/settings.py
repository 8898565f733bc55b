"""Configuration: embedded defaults, overridden by a TOML file, by environment, by CLI flags.

Precedence, highest first: explicit overrides (CLI flags) > ``BRIEFSUM_*`` environment variables >
the config file (``--config``) > the defaults below. Nested settings use ``__`` in variable names::

    BRIEFSUM_SERVER__PORT=50051
    BRIEFSUM_PLUGINS__STRICT=true
    BRIEFSUM_PLUGINS__DENY=example,keyfigures        (or a JSON list)
    BRIEFSUM_PIPELINE='["builtin.page", "builtin.sentences", "builtin.tokens", "builtin.textrank"]'

and tables in the file::

    pipeline = ["builtin.page", "builtin.sentences", "builtin.tokens", "builtin.textrank"]

    [server]
    port = 50051

    [stages."builtin.tokens"]
    user_dict = "/etc/briefsum/userdict.txt"
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from briefsum.errors import ConfigError

MIB = 1024 * 1024


class ServerSettings(BaseModel):
    """The gRPC server: where it listens, how many processes work, and the limits it enforces."""

    model_config = ConfigDict(extra="forbid")

    host: str = Field(default="127.0.0.1", description="Address to listen on; 0.0.0.0 or [::] for all.")
    port: int = Field(default=50051, ge=0, le=65535, description="Port; 0 picks a free one.")
    workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=0,
        description="Worker processes running the pipeline (default: number of cores); 0 runs it in threads of "
        "the server process, where a hung stage cannot be stopped.",
    )
    max_text_bytes: int = Field(default=MIB, ge=1, description="Largest request text, UTF-8 bytes.")
    max_sentences: int = Field(
        default=20_000, ge=1, description="Most sentence-ending marks (。！？!?；) a text may hold."
    )
    max_stream_items: int = Field(default=10_000, ge=1, description="Most requests in one SummarizeStream call.")
    max_request_seconds: float = Field(
        default=60.0, gt=0, description="Longest a request may run; caps (or supplies) the client's deadline."
    )
    stage_timeout_seconds: float = Field(
        default=30.0, gt=0, description="A stage running longer is stopped: its worker process is replaced."
    )
    max_concurrency: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="Requests processed at once when workers = 0 (with worker processes: one per worker).",
    )
    max_queue: int | None = Field(
        default=None, ge=0, description="Requests waiting beyond that, more are rejected (default: as many as run)."
    )
    stream_window: int = Field(default=4, ge=1, description="Items of one stream processed concurrently.")
    drain_delay_seconds: float = Field(
        default=5.0, ge=0, description="On SIGTERM, seconds to keep serving while health says NOT_SERVING."
    )
    grace_seconds: float | None = Field(
        default=None, ge=0, description="Then, time for in-flight requests (default: max_request_seconds)."
    )
    max_connection_age_seconds: float = Field(
        default=300.0, gt=0, description="Clients reconnect after this long, so new replicas get traffic."
    )
    reflection: bool = Field(default=True, description="Serve gRPC server reflection (for grpcurl).")
    reuse_port: bool = Field(
        default=False,
        description="Let several server processes share the port (SO_REUSEPORT); off: a busy port is an error.",
    )

    @property
    def concurrency(self) -> int:
        """Requests processed at once: one per worker process, or ``max_concurrency`` threads."""
        return self.workers or self.max_concurrency

    @property
    def queue(self) -> int:
        """Requests that may wait for a free worker."""
        return self.concurrency if self.max_queue is None else self.max_queue

    @property
    def grace(self) -> float:
        """Seconds in-flight requests get to finish on shutdown: enough for the longest request."""
        return self.max_request_seconds if self.grace_seconds is None else self.grace_seconds


class SecuritySettings(BaseModel):
    """TLS, mutual TLS and bearer tokens."""

    model_config = ConfigDict(extra="forbid")

    tls_cert: Path | None = Field(default=None, description="PEM certificate chain; with tls_key, serve TLS.")
    tls_key: Path | None = Field(default=None, description="PEM private key of tls_cert.")
    tls_client_ca: Path | None = Field(
        default=None, description="PEM CA bundle; if set, clients must present a certificate it signed (mTLS)."
    )
    tokens: list[SecretStr] = Field(
        default_factory=list, description="Accepted bearer tokens; if any (or token_file), calls need one."
    )
    token_file: Path | None = Field(default=None, description="File of accepted bearer tokens, one per line.")

    @model_validator(mode="after")
    def _tls_pair(self) -> SecuritySettings:
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ValueError("set both tls_cert and tls_key, or neither")
        if self.tls_client_ca is not None and self.tls_cert is None:
            raise ValueError("tls_client_ca (mutual TLS) needs tls_cert and tls_key")
        return self


class MetricsSettings(BaseModel):
    """Prometheus metrics, served over HTTP on their own port."""

    model_config = ConfigDict(extra="forbid")

    port: int | None = Field(
        default=None, ge=0, le=65535, description="Serve /metrics on this port (0 picks a free one); unset: off."
    )
    host: str | None = Field(default=None, description="Address of the metrics port (default: server.host).")


class PluginSettings(BaseModel):
    """Which plugins load.

    ``deny`` and ``allow`` accept a JSON list or a comma-separated string in the environment:
    ``BRIEFSUM_PLUGINS__DENY='["x","y"]'`` and ``BRIEFSUM_PLUGINS__DENY=x,y`` are the same.
    """

    model_config = ConfigDict(extra="forbid")

    entrypoints: bool = Field(default=True, description="Load installed plugins (entry-point group briefsum).")
    strict: bool = Field(default=False, description="Refuse to start when any plugin fails to load.")
    safe_mode: bool = Field(default=False, description="Load the built-in plugins only, whatever is installed.")
    deny: Annotated[list[str], NoDecode] = Field(default_factory=list, description="Plugin names never to load.")
    allow: Annotated[list[str] | None, NoDecode] = Field(
        default=None, description="If set, load only these entry-point plugins."
    )

    @field_validator("deny", "allow", mode="before")
    @classmethod
    def _names(cls, value: Any) -> Any:
        """A JSON list or ``a,b`` from an environment variable; lists from a file pass through."""
        if not isinstance(value, str):
            return value
        text = value.strip()
        if text.startswith("["):
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"not a JSON list ({exc}); write a JSON list or names separated by commas") from None
        return [name.strip() for name in text.split(",") if name.strip()]


class Settings(BaseSettings):
    """All of briefsum's configuration."""

    model_config = SettingsConfigDict(env_prefix="BRIEFSUM_", env_nested_delimiter="__", extra="forbid")

    server: ServerSettings = Field(default_factory=ServerSettings)
    security: SecuritySettings = Field(default_factory=SecuritySettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    plugins: PluginSettings = Field(default_factory=PluginSettings)
    pipeline: list[str] | None = Field(
        default=None, description="Stage names to run, in order; default: every default stage in phase order."
    )
    stages: dict[str, dict[str, Any]] = Field(default_factory=dict, description="Options per stage name.")
    log_level: str = Field(default="INFO", description="Logging level of the service.")
    log_format: Literal["text", "json"] = Field(default="text", description="text for people, json for collectors.")


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build :class:`Settings` from defaults, ``config_file``, the environment and ``overrides``.

    Raises :class:`~briefsum.errors.ConfigError` naming each invalid setting.
    """
    if config_file is not None and not config_file.is_file():
        raise ConfigError(f"config file {config_file} does not exist")

    class _Sources(Settings):
        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
            if config_file is not None:
                sources.append(TomlConfigSettingsSource(settings_cls, toml_file=config_file))
            return tuple(sources)

    try:
        loaded = _Sources(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        raise ConfigError(f"invalid configuration: {problems}") from None
    except ValueError as exc:  # e.g. a TOML syntax error or a variable that is not valid JSON
        raise ConfigError(f"invalid configuration: {exc}") from None
    return Settings.model_construct(**dict(loaded))
