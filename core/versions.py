"""Data versions: figures computed over a whole organization, kept in the cache until the data
they rest on changes.

Pages such as supervision compliance, the certification roster and team wellbeing sort or
count thousands of rows on every request (bench/load.py). Each such figure names the topics it
rests on ("supervision", "people"…); each topic has a token per organization, and one for the
whole site, that changes whenever a row of one of its models is written. A figure is stored
under the tokens it was computed with, so a write makes it unreachable at once, with no list of
keys to find and delete. A model joins a topic with `watch()`, and its default manager uses
`VersionedQuerySet`, so the writes that skip `save()` (update, bulk_create, bulk_update) change
the token too. Anything else that writes (raw SQL, a migration) is caught by `TIMEOUT`.

A token changes when the write happens and again when its transaction commits: a request that
read the old rows between the two stores what it computed under the first token, never the
last.

A figure may also be one person's (the home's own panels), still resting on their
organization's tokens; if the clock changes it too (a session passes), `Kept.get_until`
recomputes it from the moment its computation says.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import django
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

T = TypeVar("T")

# A figure is recomputed at least this often, whatever changed (seconds).
TIMEOUT = 300
# A figure is kept GRACE seconds past TIMEOUT: while one request computes it again, the others
# are served the one before (nothing they rest on was written: that changes the key).
GRACE = 60
# While one request computes a figure nobody has, the others ask for it every POLL seconds,
# for up to WAIT seconds.
WAIT, POLL = 5, 0.02
SITE = "site"  # the token every organization's figures also rest on (bulk writes)
CODE = {".py", ".html", ".txt", ".mo"}  # what a release's figures and pieces are made by
logger = logging.getLogger(__name__)
_MISSING = object()


def _key(topic: str, organization_id: object) -> str:
    return f"version:{topic}:{organization_id if organization_id is not None else SITE}"


def tokens(topics: Iterable[str], organization_id: int) -> str:
    """The current tokens of the topics, for the organization and the whole site: one cache
    round trip when they exist."""
    keys = [_key(t, scope) for t in topics for scope in (organization_id, None)]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            new = uuid.uuid4().hex
            cache.add(key, new, None)
            found[key] = cache.get(key) or new
    return ".".join(str(found[key]) for key in keys)


def bump(topic: str, organization_id: int | None = None) -> None:
    """The topic's data changed (for one organization, or anywhere when None)."""
    key = _key(topic, organization_id)

    def change() -> None:
        try:
            cache.set(key, uuid.uuid4().hex, None)
        except Exception:  # the cache is down: its figures stay reachable until they expire
            logger.warning("Could not change the %s token; kept figures expire on time.", key)

    change()
    transaction.on_commit(change, robust=True)


@functools.cache
def release() -> str:
    """A fingerprint of this code: a figure stored by another release (its objects pickled
    from other classes) is never read back after a deploy."""
    from django.apps import apps

    def ours(folder: Path) -> bool:  # the project's apps, not what is installed beside it
        return folder.is_relative_to(settings.BASE_DIR) and not folder.is_relative_to(sys.prefix)

    folders = {Path(__file__).parent, Path(settings.BASE_DIR) / "config"}
    folders |= {Path(app.path) for app in apps.get_app_configs() if ours(Path(app.path))}
    folders |= {Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]}
    folders |= {Path(folder) for folder in settings.LOCALE_PATHS}
    digest = hashlib.sha256(django.get_version().encode())
    files = {file for folder in folders for file in folder.rglob("*") if file.suffix in CODE}
    for path in sorted(files):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cached(
    key: str,
    compute: Callable[[], T],
    *,
    organization_id: int,
    topics: Iterable[str],
) -> T:
    """`compute()`'s value, from the cache while the topics' data hasn't changed."""
    return Kept(key, organization_id, tuple(topics)).get(compute)


def _bump_site(model: type[models.Model]) -> None:
    topic = getattr(model, "data_topic", None)
    if topic:
        bump(topic)


class VersionedQuerySet(models.QuerySet):
    """The default queryset of a watched model: writes that send no signal change its topic's
    token for the whole site (they may span organizations). A migration's historical model
    has no topic and changes nothing."""

    def update(self, **kwargs: Any) -> int:
        count = super().update(**kwargs)
        if count:
            _bump_site(self.model)
        return count

    def bulk_create(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> list:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            _bump_site(self.model)
        return created

    def bulk_update(self, objs: Iterable[models.Model], *args: Any, **kwargs: Any) -> int:
        count = super().bulk_update(objs, *args, **kwargs)
        if count:
            _bump_site(self.model)
        return count


def watch(
    model: type[models.Model],
    *,
    organization: Callable[[Any], int | None] = lambda row: getattr(row, "organization_id", None),
    ignore_fields: frozenset[str] = frozenset(),
) -> None:
    """Change `model.data_topic`'s token whenever one of its rows is saved or deleted.
    `organization` names the row's organization (None: the whole site); a save that writes
    only `ignore_fields` (a sign-in's last_login) changes nothing cached."""

    def saved(sender: type, instance: models.Model, update_fields=None, **kwargs: Any) -> None:
        if update_fields and set(update_fields) <= ignore_fields:
            return
        bump(model.data_topic, organization(instance))

    def deleted(sender: type, instance: models.Model, **kwargs: Any) -> None:
        bump(model.data_topic, organization(instance))

    uid = f"versions:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)


def watch_many(through: type[models.Model], topic: str) -> None:
    """Change `topic`'s token when a many-to-many relation changes (add, remove, clear and
    set write its through table without a save). Both ends belong to one organization."""

    def changed(sender: type, instance: models.Model, action: str, **kwargs: Any) -> None:
        if action.startswith("post_"):
            bump(topic, getattr(instance, "organization_id", None))

    m2m_changed.connect(
        changed, sender=through, weak=False, dispatch_uid=f"versions:{through._meta.label}"
    )


def organization_via(parent: type[models.Model], field: str) -> Callable[[Any], int | None]:
    """For a row with no organization of its own: its parent's (None once the parent is gone,
    as in a cascade, which then changes the site's token)."""

    def organization(row: models.Model) -> int | None:
        rows = parent._default_manager.filter(pk=getattr(row, field))
        return rows.values_list("organization_id", flat=True).first()

    return organization


@dataclass(frozen=True)
class Kept:
    """Where a family of figures is kept: one key, one organization, the topics it rests on.
    `part(name)` names one figure of the family; `get(compute)` reads or computes it.

    The tokens are read once, by the family's first `get`, and every part uses them: the
    rows of a page are then stored under the tokens its ids were read with, never under newer
    ones a write made meanwhile. Nothing is kept unless settings.KEEP_FIGURES (the cache must
    be one every process shares) and `keep`; a cache that can't be reached costs speed, not
    pages."""

    key: str
    organization_id: int
    topics: tuple[str, ...]
    keep: bool = True  # False: for a request too unusual to be worth keeping (any period)
    _read: dict = field(default_factory=dict, compare=False, repr=False)

    def part(self, name: object) -> Kept:
        return Kept(f"{self.key}:{name}", self.organization_id, self.topics, self.keep, self._read)

    def get(self, compute: Callable[[], T]) -> T:
        return self.get_until(lambda: (compute(), None), now=None)

    def get_until(
        self, compute: Callable[[], tuple[T, datetime | None]], *, now: datetime | None
    ) -> T:
        """For a figure the clock changes as well as writes: `compute()` returns the value and
        the first moment it would read differently with no write (None: never), and the
        value is computed again from that moment on."""
        if not (settings.KEEP_FIGURES and self.keep) or self._read.get("unreachable"):
            return compute()[0]
        try:
            if "tokens" not in self._read:
                read = tokens(sorted(self.topics), self.organization_id).encode()
                self._read["tokens"] = hashlib.sha256(read).hexdigest()[:32]
            full = f"figure:{release()}:{self.key}:{self._read['tokens']}"
            kept = cache.get(full, _MISSING)
        except Exception:
            logger.warning("The cache can't be read: %s is computed.", self.key, exc_info=True)
            # The family's other parts compute too, without each waiting on the cache again.
            self._read["unreachable"] = True
            return compute()[0]

        def right(kept: Any) -> bool:  # stored, and not yet moved on by the clock
            return kept is not _MISSING and (kept[1] is None or (now is not None and now < kept[1]))

        def fresh(kept: Any) -> bool:  # and not yet due to be computed again (TIMEOUT)
            return right(kept) and time.time() < kept[2]

        if fresh(kept):
            return kept[0]
        kept, mine = self._wait_for(full, fresh, due=kept if right(kept) else _MISSING)
        if right(kept):
            return kept[0]
        try:
            value, until = compute()
            try:
                cache.set(full, (value, until, time.time() + TIMEOUT), TIMEOUT + GRACE)
            except Exception:
                logger.warning("The cache can't be written: %s isn't kept.", self.key)
        finally:
            if mine:  # after the value is stored: a request arriving between would compute
                _unlock(f"{full}:computing", mine)
        return value

    def _wait_for(self, full: str, fresh: Callable[[Any], bool], due: Any) -> tuple[Any, str]:
        """When a write or the timeout has just made a figure unreachable, every request for
        it would compute it at once (a page's p99 went from 0.2 to 1.9 s at 64 people): the
        first takes the lock and computes (its lock's value is returned). The others take
        the figure `due` for its periodic recompute if there is one (no write has changed
        it), or else wait for the new one while the lock is held, up to WAIT seconds, then
        compute it themselves."""
        lock, mine = f"{full}:computing", uuid.uuid4().hex
        try:
            if cache.add(lock, mine, WAIT):
                return _MISSING, mine
            if due is not _MISSING:
                return due, ""
            started = time.perf_counter()
            for _ in range(round(WAIT / POLL)):  # counted too, should a test stop the clock
                time.sleep(POLL)
                # The lock first: a value stored between the two reads is then seen (the
                # lock goes only after its value is stored).
                found = cache.get_many([lock, full])
                if fresh(found.get(full, _MISSING)):
                    return found[full], ""
                if lock not in found or time.perf_counter() - started > WAIT:
                    break  # it failed or went away, or is too slow to wait for
        except Exception:
            logger.warning("The cache can't be read: %s is computed.", self.key)
        return _MISSING, ""


def _unlock(lock: str, mine: str) -> None:
    """Release the lock if it is still this request's (it expires after WAIT, and another
    request may hold it by now)."""
    try:
        if cache.get(lock) == mine:
            cache.delete(lock)
    except Exception:
        logger.warning("The cache can't be written: %s stays until it expires.", lock)
