"""Settings: packaged defaults < user file < environment < CLI flags.

Every setting, its default and what it does is in ``defaults.toml`` beside
this module; ``Settings`` mirrors it field for field.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings", "load_settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    max_bytes: int = 10_000_000
    encoding: str = ""
    no_clean: bool = False
    batch_size: int = 16
    jobs: int = 1
    language_min_score: float = 0.5


def _defaults() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _coerce(name: str, value: Any, kind: type) -> Any:
    try:
        if kind is bool and isinstance(value, str):
            if value.lower() in {"1", "true", "yes", "on"}:
                return True
            if value.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError):
        raise ConfigError(
            detail=f"setting '{name}' = {value!r} is not a valid {kind.__name__}; "
            f"see defaults.toml for the expected form"
        ) from None


def load_settings(
    *, config_file: str | os.PathLike[str] | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Merge the four layers and validate every value."""
    types = {f.name: type(f.default) for f in dataclasses.fields(Settings)}
    merged: dict[str, Any] = _defaults()
    unknown = set(merged) - set(types)
    if unknown:  # pragma: no cover - guards defaults.toml against drift
        raise ConfigError(detail=f"defaults.toml names unknown settings: {sorted(unknown)}")

    path = config_file or os.environ.get("STORYLINE_CONFIG")
    if path is None:
        home_file = Path.home() / ".config" / "storyline" / "config.toml"
        path = home_file if home_file.is_file() else None
    if path is not None:
        try:
            user = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ConfigError(detail=f"{path}: config file not found. Check --config.") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(detail=f"{path}: not valid TOML ({exc}). Fix the file.") from None
        bad = set(user) - set(types)
        if bad:
            raise ConfigError(
                detail=f"{path}: unknown settings {sorted(bad)}; known: {sorted(types)}"
            )
        merged.update(user)

    for name in types:
        env = os.environ.get(f"STORYLINE_{name.upper()}")
        if env is not None:
            merged[name] = env
    for name, value in (overrides or {}).items():
        if value is not None:
            merged[name] = value

    values = {name: _coerce(name, merged[name], kind) for name, kind in types.items()}
    if values["max_bytes"] <= 0 or values["batch_size"] <= 0 or values["jobs"] <= 0:
        raise ConfigError(detail="max_bytes, batch_size and jobs must be positive integers")
    return Settings(**values)
