"""Refresh the Spanish catalog after changing strings: `locale/es/LC_MESSAGES/django.po` is
where the Spanish lives, translated by hand.

    python scripts/translations_es.py

It runs makemessages, empties makemessages' fuzzy guesses (a guess from a similar string is
not a translation: left fuzzy, it would reach people unreviewed), fills in the catalog's
header, compiles `django.mo`, and lists what still needs Spanish. Translate those entries in
django.po, then run it again. `make test` fails while any message has no Spanish
(scripts/check_translations.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
HEADER = {
    "Project-Id-Version": "PeerWell",
    "Language-Team": "PeerWell <es>",
    "Last-Translator": "PeerWell",
    "Language": "es",
    "Content-Type": "text/plain; charset=UTF-8",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, check=True)


def main() -> int:
    manage("makemessages", "-l", "es", "--no-location", "--no-obsolete", "--ignore=.venv/*")
    catalog = polib.pofile(str(CATALOG))
    catalog.metadata.update(HEADER)
    catalog.metadata.setdefault("PO-Revision-Date", catalog.metadata["POT-Creation-Date"])
    if catalog.metadata["PO-Revision-Date"].startswith("YEAR"):
        catalog.metadata["PO-Revision-Date"] = catalog.metadata["POT-Creation-Date"]
    catalog.metadata_is_fuzzy = False
    for entry in catalog:
        if "fuzzy" in entry.flags:
            entry.msgstr = ""
            entry.msgstr_plural = dict.fromkeys(entry.msgstr_plural, "")
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
    catalog.save()
    manage("compilemessages", "-l", "es", "--ignore=.venv/*")
    missing = [entry.msgid for entry in catalog.untranslated_entries()]
    print(f"{len(catalog.translated_entries())} translated, {len(missing)} to translate")
    for msgid in missing:
        print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
