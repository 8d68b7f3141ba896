"""The public surface is documented and pinned (STYLE.md §5, §12)."""

from __future__ import annotations

import re
from pathlib import Path

import click

import storyline
from storyline.cli import EXPORTS, cli
from storyline.config import Settings
import dataclasses

ROOT = Path(__file__).resolve().parents[1]


def test_all_is_pinned() -> None:
    assert sorted(storyline.__all__) == sorted([
        "__version__", "Article", "DateGuess", "Document", "Failure", "Removed", "Settings",
        "StorylineError", "build", "load_settings", "open_db",
    ])


def test_every_command_has_help_and_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"storyline {name}" in docs, f"'storyline {name}' is not in docs/cli.md"
        assert f"storyline {name}" in readme, f"'storyline {name}' is not in README.md"
        for param in command.params:
            if isinstance(param, click.Option):
                flag = max(param.opts, key=len)
                assert flag in docs, f"{name} {flag} is not documented in docs/cli.md"


def test_every_export_field_is_documented() -> None:
    docs = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for what, fields in EXPORTS.items():
        section = docs.split(f"### {what}", 1)
        assert len(section) == 2, f"docs/cli.md has no '### {what}' section"
        body = section[1].split("\n### ", 1)[0]
        for field in fields:
            assert re.search(rf"`{field}`", body), f"export field {what}.{field} is not documented"


def test_every_setting_is_documented() -> None:
    defaults = (Path(storyline.__file__).parent / "defaults.toml").read_text("utf-8")
    docs = (ROOT / "docs" / "cli.md").read_text("utf-8")
    for field in dataclasses.fields(Settings):
        assert re.search(rf"^{field.name} = ", defaults, re.M), field.name
        assert f"`{field.name}`" in docs, f"setting {field.name} is not in docs/cli.md"


def test_the_cli_has_no_sql() -> None:
    """The CLI is thin: no sqlite3 and no SQL, only the store's API and the read side."""
    for path in sorted((ROOT / "storyline" / "cli").rglob("*.py")):
        text = path.read_text("utf-8")
        assert "sqlite3" not in text, f"{path} imports or names sqlite3"
        sql = re.search(r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s+\S|\.query\(|\.execute\(|\.conn\b", text)
        assert sql is None, f"{path} has SQL: {sql.group(0)!r}"
