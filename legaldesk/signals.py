"""Signals between wings: a lower wing announces what happened or asks a question, and
a higher wing answers, so that no wing imports one above it (issue 11).

Receivers are connected by each wing's ``hooks.init_app(app)``, which the factory
calls for every module in ``legaldesk.HOOKED``; nothing connects at import time.
Connect with ``weak=False`` (the receivers are plain module functions, kept alive by
the signal): blinker keys receivers by identity, so a second ``create_app`` (the
tests build many apps) connects nothing twice.

To add a signal, add it here with its sender and keyword arguments, send it from the
lower wing, and connect the receiver in the higher wing's ``hooks.py``.
"""

from __future__ import annotations

from typing import Any

from blinker import NamedSignal, Namespace

_signals = Namespace()

# Events: sent inside the sender's transaction after its change; receivers may write
# through the same session and flush, never commit.
booking_no_show = _signals.signal(
    "booking-no-show",
    doc="An unexcused no-show at a mediation session of a case. Sender: the Booking; "
    "keywords: session, actor, now.",
)

# Questions: the first answer that is not None wins (``first_answer``).
session_participants = _signals.signal(
    "session-participants",
    doc="Who is reminded of a mediation session of the case. Sender: the case "
    "reference; keywords: viewer, session. Answer: [{'name', 'email'}] or None.",
)


def first_answer(signal: NamedSignal, sender: Any, **kw: Any) -> Any | None:
    """Ask every receiver of ``signal``; the first answer that is not None, or None
    when nobody answers (the wing that would is not installed)."""
    for _receiver, answer in signal.send(sender, **kw):
        if answer is not None:
            return answer
    return None
