"""The routing wing's entries in a case's timeline: who each round gave the case (a
lawyer or mediator drawn by lot, a lawyer named by hand) and the rounds put aside, so
the timeline's "已分派" reads with the name it went to."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from legaldesk.routing import labels
from legaldesk.routing.ledger import lawyer_names
from legaldesk.routing.models import Draw
from legaldesk.routing.service import draws_of
from legaldesk.signals import TimelineItem


def _chosen(round_: Draw, names: dict[int, str]) -> TimelineItem | None:
    if round_.drawn_at is None or round_.chosen_id is None or round_.kind == "claim":
        return None  # a claim shows as the lawyer's own acceptance
    name = names.get(round_.chosen_id, "")
    if round_.kind == "assigned":
        return TimelineItem(round_.drawn_at, _("Lawyer named by hand"), name, "", "draw")
    text = _("Round %(n)d, drawn from %(k)d eligible.", n=round_.round, k=len(round_.pool or []))
    title = _("Mediator drawn") if round_.kind == "mediator" else _("Lawyer drawn")
    return TimelineItem(round_.drawn_at, title, name, text, "draw")


def timeline_rounds(case: Any, *, viewer: Any, session: Any) -> list[TimelineItem]:
    """Each round's outcome at its moment (the viewer already reads the case page)."""
    rounds = draws_of(session, case)
    names = lawyer_names(session, {r.chosen_id for r in rounds if r.chosen_id is not None})
    items = [item for item in (_chosen(r, names) for r in rounds) if item is not None]
    items += [
        TimelineItem(
            r.voided_at,
            _("Round %(n)d put aside, not drawn", n=r.round),
            None,
            labels.void_reason_label(r.void_reason),
            "draw",
        )
        for r in rounds
        if r.voided_at is not None
    ]
    return items
