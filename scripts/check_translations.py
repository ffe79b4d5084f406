"""The translation check `make test` runs: every message PeerWell shows has its Spanish.

It runs `makemessages` on a copy of the source tree (the working tree is left alone), then
fails, listing each problem, when a message of the refreshed catalog:
- has no translation (a string added without its Spanish, or the catalog not refreshed),
- is fuzzy (makemessages' guess from a similar string, never reviewed),
- names other placeholders than its English (`%(name)s`, `%s`, `{0}`, `{name}`),
and when `msgfmt --check` rejects the catalog, or the committed `django.mo` is not the
compiled `django.po` (people would meet the old wording).

    python scripts/check_translations.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "es"
CATALOG = Path("locale") / LANGUAGE / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
SKIP = shutil.ignore_patterns(
    ".git", ".venv", "var", ".cache", "node_modules", "__pycache__", "*.pyc", ".*_cache"
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfir]|%[sdfir]|\{[\w.]*\}")
MAKEMESSAGES = ["manage.py", "makemessages", "-l", LANGUAGE, "--no-location", "--no-obsolete"]


def refreshed_catalog(workdir: Path) -> polib.POFile:
    """The catalog as makemessages leaves it, made in a copy of the tree."""
    tree = workdir / "tree"
    shutil.copytree(ROOT, tree, ignore=SKIP)
    subprocess.run(
        [sys.executable, *MAKEMESSAGES, "--ignore=.venv/*"],
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    )
    return polib.pofile(str(tree / CATALOG))


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def entry_problems(entry: polib.POEntry) -> list[str]:
    name = repr(entry.msgid if len(entry.msgid) <= 70 else entry.msgid[:67] + "...")
    if entry.msgctxt:
        name += f" (context {entry.msgctxt!r})"
    if "fuzzy" in entry.flags:
        return [f"fuzzy, not reviewed: {name}"]
    if not entry.translated():
        return [f"not translated: {name}"]
    if entry.msgid_plural:
        forms = [entry.msgstr_plural[key] for key in sorted(entry.msgstr_plural)]
        # The singular may say "one" in words instead of the count; the plural never.
        expected = set(placeholders(entry.msgid) + placeholders(entry.msgid_plural))
        plural_ok = placeholders(forms[-1]) == placeholders(entry.msgid_plural)
        singular_ok = set(placeholders(forms[0])) <= expected
        ok = plural_ok and singular_ok
    else:
        ok = placeholders(entry.msgstr) == placeholders(entry.msgid)
    return [] if ok else [f"placeholders differ from the English: {name}"]


def compile_problems(catalog_path: Path, workdir: Path) -> list[str]:
    compiled = workdir / "check.mo"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(compiled), str(catalog_path)],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        return [f"msgfmt --check: {line}" for line in result.stderr.splitlines()]
    fresh = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(compiled)}
    committed_mo = ROOT / COMPILED
    if not committed_mo.exists():
        return [f"{COMPILED} is missing: run compilemessages"]
    committed = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(committed_mo)
    }
    if fresh != committed:
        return [f"{COMPILED} is not the compiled {CATALOG}: run compilemessages"]
    return []


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="peerwell-i18n-") as tmp:
        workdir = Path(tmp)
        catalog = refreshed_catalog(workdir)
        entries = [entry for entry in catalog if not entry.obsolete]
        problems = [problem for entry in entries for problem in entry_problems(entry)]
        problems += compile_problems(ROOT / CATALOG, workdir)
        committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(ROOT / CATALOG))}
        stale = [e.msgid for e in entries if (e.msgctxt, e.msgid) not in committed]
        if stale:
            problems.append(
                f"{len(stale)} messages are not in {CATALOG} yet: run makemessages "
                "(see README, Languages)"
            )
    translated = sum(1 for entry in entries if entry.translated() and "fuzzy" not in entry.flags)
    print(f"translations ({LANGUAGE}): {translated} of {len(entries)} messages")
    if problems:
        print(f"{len(problems)} problems:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
