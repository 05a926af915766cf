"""The kinds of message the desk sends, each with its words, registered by the wing
that sends it (its hooks), so the outbox and the bell need no wing's labels.

A kind has an e-mail ``subject``, a ``bell`` sentence for in-app notifications, and
``prepare``, which adds locale-dependent words to a payload before its mail template
is rendered. Each is a function of the payload, called with the recipient's locale
in force."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from legaldesk.messages import Msg, render

Payload = dict[str, Any]


@dataclass(frozen=True)
class Worded:
    """A sentence about a payload: ``text`` (marked with ``N_``) with each placeholder
    filled from a payload key, ``Worded(N_("Case %(reference)s …"), reference="reference")``."""

    text: str
    fields: tuple[tuple[str, str], ...]

    def __call__(self, payload: Payload) -> str:
        return render(Msg(self.text, {name: payload.get(key) for name, key in self.fields}))


def worded(text: str, **fields: str) -> Worded:
    return Worded(text, tuple(fields.items()))


@dataclass(frozen=True)
class Kind:
    subject: Callable[[Payload], str] | None = None
    bell: Callable[[Payload], str] | None = None
    prepare: Callable[[Payload], None] | None = None


_KINDS: dict[str, Kind] = {}


def register(
    name: str,
    *,
    subject: Callable[[Payload], str] | None = None,
    bell: Callable[[Payload], str] | None = None,
    prepare: Callable[[Payload], None] | None = None,
) -> None:
    """Register a kind; doing it again with the same words is harmless (every app the
    process builds registers), with other words an error (two wings, one name)."""
    kind = Kind(subject, bell, prepare)
    if _KINDS.setdefault(name, kind) != kind:
        raise ValueError(f"message kind {name!r} is already registered with other words")


def kind(name: str) -> Kind:
    return _KINDS.get(name, Kind())


def mail_kinds() -> list[str]:
    return sorted(name for name, k in _KINDS.items() if k.subject)


def bell_kinds() -> list[str]:
    return sorted(name for name, k in _KINDS.items() if k.bell)
