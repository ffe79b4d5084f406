"""Reminder kinds: each app registers what it reminds people about.

A kind answers four questions for the engine:
- collect(now): write ledger rows for everything of this kind that is due (in bulk) and
  say which of them the dispatcher should hand to the workers right away (the rest wait in
  the ledger's queue for their next_attempt_at);
- load(deliveries): fetch, in a constant number of queries, whatever render/skip need;
- skip_reason(delivery, loaded): None to send, or why not (e.g. "paused");
- render(delivery, loaded): the Message — never sensitive content, only a note and a link;
- due_count(now, organization_id): how many are due and not yet collected (operations).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from notifications.models import Delivery


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    title: str  # the in-app notification's text
    link: str  # path inside PeerWell
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Collected:
    send_now: list[int]  # new ledger rows, already leased: the dispatcher enqueues them
    queued: int = 0  # new rows left for enqueue_due (next_attempt_at <= now)

    @property
    def total(self) -> int:
        return len(self.send_now) + self.queued


@dataclass(frozen=True)
class ReminderKind:
    name: str
    collect: Callable[[datetime], Collected]
    load: Callable[[list[Delivery]], dict[int, Any]]
    skip_reason: Callable[[Delivery, Any], str | None]
    render: Callable[[Delivery, Any], Message]
    due_count: Callable[[datetime, int | None], int]
    # Private kinds (self-care) belong to each person: never counted for their organization,
    # where in a small team a jump in a count could say who asked for support.
    private: bool = False


_KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> ReminderKind:
    return _KINDS[name]


def all_kinds() -> Iterable[ReminderKind]:
    return list(_KINDS.values())


def private_kind_names() -> list[str]:
    return [kind.name for kind in _KINDS.values() if kind.private]
