"""Where wings meet without importing each other: blinker signals (as Indico's
``signals``). A lower wing sends; a higher one listens from its ``hooks.py``.

Three uses:
- events, sent inside the sender's transaction after its flush (receivers may write
  and must not commit): ``case_advised``, ``booking_no_show``,
  ``document_attached``;
- page slots, each receiver answering a :class:`Panel` or None: ``case_panels``,
  ``queue_panels`` (and :class:`TimelineItem` lists: ``timeline_items``);
- questions, where the first answer that is not None wins: :func:`first_answer`
  (``session_participants``).

Receivers are connected by each wing's ``hooks.init_app(app)``, which the factory
calls; nothing connects at import time. To add a signal, declare it here with its
sender and keywords, send it from the lower wing, connect the receiver in the higher
wing's ``hooks.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from blinker import NamedSignal, Namespace
from flask import render_template
from markupsafe import Markup

_signals = Namespace()

# sender: the Consultation; session, now, zone (the desk's)
case_advised = _signals.signal("case-advised")
# sender: the new cases.models.Advice; case (now advised), session, actor, now,
# files (the advice form's uploads, a werkzeug MultiDict): an extra given with the
# advice, such as the letter as a document, is stored by its wing's receiver
advice_given = _signals.signal("advice-given")
# sender: the Consultation; viewer, session, now, errors ({field: [text]} of a
# refused form) -> Panel | None (an extra input of the advice form: the letter's file)
advice_form_fields = _signals.signal("advice-form-fields")
# sender: a Booking (an unexcused no-show at a case's mediation session); session,
# actor, now
booking_no_show = _signals.signal("booking-no-show")
# sender: the case reference; viewer, session -> [{"name", "email"}] | None (who is
# reminded of a mediation session of the case)
session_participants = _signals.signal("session-participants")
# sender: the Consultation (its new status set); session, actor (None: the desk),
# now, previous (the status it left), by (the dedicated use case, or None)
case_moved = _signals.signal("case-moved")
# sender: the Consultation; session, actor, now, kind (documents.rules.KINDS): a
# document was attached to the case (mediation ticks its case file)
document_attached = _signals.signal("document-attached")
# sender: the Consultation; session -> [PartyConflict] | None (its lawyer and mediator
# checked against its parties as they are now: a correction asks before it saves)
case_conflicts = _signals.signal("case-conflicts")
# sender: the Consultation; viewer, session, now -> Panel | None
case_panels = _signals.signal("case-panels")
# sender: the viewing lawyer; session, now -> Panel | None
queue_panels = _signals.signal("queue-panels")
# sender: a day; session, zone -> [workcal.service.Held] (what each wing holds on it)
day_held = _signals.signal("day-held")
# sender: a case reference; viewer, session, now -> a response | None (the page of a
# case for someone who may not read the case itself, such as its mediator)
case_page_for_outsider = _signals.signal("case-page-for-outsider")
# sender: the Consultation; viewer, session -> list[TimelineItem] | None (entries a
# wing adds to the case page's timeline for this viewer, such as internal notes)
timeline_items = _signals.signal("timeline-items")


@dataclass(frozen=True)
class TimelineItem:
    """An entry of another wing in a case's timeline, in time order with the status
    changes: when, what (``title``, in the reader's language), who, and its text."""

    at: datetime
    title: str
    who: str | None
    text: str
    kind: str = "note"


@dataclass(frozen=True)
class PartyConflict:
    """A lawyer on a case who conflicts with one of its parties: ``role`` "assignee" or
    "mediator"; ``party`` as the case has it typed, ``recorded`` as the lawyer's record
    has it, ``key`` the party's normalised name (the same party however typed)."""

    role: str
    lawyer_id: int
    lawyer_name: str
    party: str
    recorded: str
    key: str


@dataclass(frozen=True)
class Panel:
    """A part of another wing's page: a template and its own context."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100  # routing 10, follow-ups 20, mediation 30, documents 40, notes 50


def panels(signal: NamedSignal, sender: object, **kw: Any) -> list[Panel]:
    """The panels the receivers offer, in their order; a None answer offers none."""
    offered = [answer for _, answer in signal.send(sender, **kw) if answer is not None]
    return sorted(offered, key=lambda panel: panel.order)


def rendered(offered: list[Panel], **shared: Any) -> list[Markup]:
    """Each panel's HTML, from its template with its own context and ``shared``
    (the page's ``case``)."""
    return [Markup(render_template(p.template, **shared, **p.context)) for p in offered]


def first_answer(signal: NamedSignal, sender: object, **kw: Any) -> Any | None:
    """The first receiver's answer that is not None, or None."""
    return next((a for _, a in signal.send(sender, **kw) if a is not None), None)


def connect(signal: NamedSignal, receiver: Any) -> None:
    """Connect for the process's life: every app the process builds calls its wings'
    hooks again, and blinker keeps one connection per receiver."""
    signal.connect(receiver, weak=False)
