"""Write storyline/knowledge/lang_countries_cldr.jsonl: every country's name in every language
that has a profile, from the Unicode CLDR territory names that Babel carries.

Run it after adding a language profile or upgrading Babel (the pinned version in
requirements.txt), then review the diff and run the tests:

    PYTHONPATH=. python tools/cldr_country_names.py

The program needs Babel only here; at run time Storyline reads the written file. CLDR data is
under the Unicode License v3 (https://www.unicode.org/license.txt), which allows copying and
redistribution with the copyright and permission notice: the file's _meta line carries it.

Clean-ups (none adds a name CLDR does not give): "Myanmar (Burma)" gives "Myanmar" and "Burma";
"Congo - Kinshasa" is written "Congo-Kinshasa"; a name only in CLDR's region list (the EU,
"Eurozone", numeric regions) or a code not in countries.jsonl is left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import babel
from babel.core import get_cldr_version

from storyline.languages import languages

ROOT = Path(__file__).resolve().parent.parent

OUT = ROOT / "storyline" / "knowledge" / "lang_countries_cldr.jsonl"
COUNTRIES = ROOT / "storyline" / "knowledge" / "countries.jsonl"
# CLDR writes Kosovo under the user-assigned code XK; Storyline uses XKX for it
EXTRA_CODES = {"XK": "XKX"}


def clean(name: str, others: set[str]) -> list[str]:
    """A CLDR name as Storyline lists it: "Congo - Kinshasa" -> "Congo-Kinshasa"; "Myanmar
    (Burma)" -> "Myanmar", "Burma". A bracket that qualifies rather than names ("Hong Kong
    (China)", "Гонконг (САР)", "(partie néerlandaise)") is dropped: only a single word that is
    not in capitals and not another territory's name is an alternative name."""
    name = re.sub(r"\s+-\s+", "-", name.strip())
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if not m:
        return [name]
    main, inner = m.group(1).strip(), m.group(2).strip()
    if " " in inner or inner.isupper() or inner in others:
        return [main]
    return [main, inner]


def main() -> None:
    iso3 = {}
    for line in COUNTRIES.read_text("utf-8").splitlines():
        rec = json.loads(line)
        if "iso3" in rec and rec.get("iso2"):
            iso3[rec["iso2"]] = rec["iso3"]
    iso3.update({k: v for k, v in EXTRA_CODES.items() if v in iso3.values()})
    codes = languages()
    by_country: dict[str, dict[str, list[str]]] = {}
    for lang in codes:
        territories = babel.Locale(lang).territories
        others = set(territories.values())
        for two, three in sorted(iso3.items()):
            name = territories.get(two)
            if name:
                by_country.setdefault(three, {})[lang] = clean(name, others)
    meta = {
        "what": "Every country's name in every language with a profile in storyline/languages "
                f"({', '.join(codes)}), matched in text of that language only (storyline/knowledge/local.py); "
                "case forms and joined articles come from the language profiles.",
        "source": f"Unicode CLDR {get_cldr_version()} territory names, as carried by Babel {babel.__version__}; "
                  "written by tools/cldr_country_names.py (\"Myanmar (Burma)\" split in two, a bracket that "
                  "qualifies dropped, \"Congo - Kinshasa\" written \"Congo-Kinshasa\"). Do not edit by hand: add names to lang_words.jsonl.",
        "licence": "Unicode License v3. Copyright © 1991-2025 Unicode, Inc. Permission is granted to copy and "
                   "distribute the Unicode data files under the terms of https://www.unicode.org/license.txt, "
                   "provided this copyright and permission notice appear with them.",
        "compiled": "2026-12-02",
    }
    lines = [json.dumps({"_meta": meta}, ensure_ascii=False)]
    for three in sorted(by_country):
        lines.append(json.dumps({"iso3": three, "names": by_country[three]}, ensure_ascii=False))
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(by_country)} countries x {len(codes)} languages")


if __name__ == "__main__":
    main()
