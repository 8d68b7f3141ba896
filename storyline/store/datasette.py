"""Datasette metadata for a Storyline database: titles, descriptions, facets and column
descriptions of the public views and tables, a few canned queries, internal tables hidden.

The descriptions live in ``datasette.json`` beside this module; :func:`metadata` puts them
under the database's name (Datasette names a database after its file) and checks them
against the database's schema, so a name the schema lacks is never written.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from . import Store

__all__ = ["packaged", "metadata", "problems"]


def packaged() -> dict[str, Any]:
    """The packaged descriptions (``datasette.json``)."""
    return json.loads(resources.files(__package__).joinpath("datasette.json").read_text("utf-8"))


def problems(meta: dict[str, Any], schema: dict[str, tuple[str, list[str]]]) -> list[str]:
    """Every view, table, column or facet the packaged descriptions name that the schema lacks."""
    out = []
    for name, table in meta["tables"].items():
        if name not in schema:
            out.append(f"{name}: no such table or view")
            continue
        columns = set(schema[name][1])
        named = [*table.get("columns", {}), *table.get("facets", []), table.get("sort"), table.get("sort_desc"),
                 table.get("label_column")]
        out += [f"{name}.{c}: no such column" for c in named if c is not None and c not in columns]
    return out


def metadata(store: Store, *, database: str | None = None) -> dict[str, Any]:
    """Datasette metadata for the database ``store`` opens, under ``database`` (default: the
    file's name without its suffix, as Datasette names it). Internal tables (``_…``) are hidden."""
    meta = packaged()
    schema = store.schema()
    wrong = problems(meta, schema)
    if wrong:  # a database from another version: leave out what it does not have
        meta["tables"] = {k: v for k, v in meta["tables"].items() if k in schema}
    name = database or Path(store.path).stem
    tables: dict[str, Any] = {}
    for table, spec in meta["tables"].items():
        columns = set(schema[table][1])
        entry = {k: v for k, v in spec.items() if k not in ("columns", "facets")}
        entry["facets"] = [c for c in spec.get("facets", []) if c in columns]
        if "columns" in spec:
            entry["columns"] = {c: d for c, d in spec["columns"].items() if c in columns}
        tables[table] = entry
    for table in schema:
        if table.startswith("_") and table not in tables:
            tables[table] = {"hidden": True}
    return {
        "title": meta["title"],
        "description": meta["description"],
        "databases": {
            name: {
                "description": meta["database_description"],
                "tables": tables,
                "queries": meta["queries"],
            }
        },
    }
