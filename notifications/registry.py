"""Reminder kinds: each app registers what it reminds people about.

A kind answers four questions for the engine:
- collect(now): write ledger rows for everything of this kind that is due (in bulk) and
  return how many were written;
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
class ReminderKind:
    name: str
    collect: Callable[[datetime], int]
    load: Callable[[list[Delivery]], dict[int, Any]]
    skip_reason: Callable[[Delivery, Any], str | None]
    render: Callable[[Delivery, Any], Message]
    due_count: Callable[[datetime, int | None], int]


_KINDS: dict[str, ReminderKind] = {}


def register(kind: ReminderKind) -> ReminderKind:
    _KINDS[kind.name] = kind
    return kind


def get(name: str) -> ReminderKind:
    return _KINDS[name]


def all_kinds() -> Iterable[ReminderKind]:
    return list(_KINDS.values())
