"""What advice a move to "advised" records (cases/advice.py keeps it): plain Python."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.validation import text

# The advice a move to "advised" records (cases/advice.py).
OPINION_MAX = 20_000
ADVICE_ONLY_WHEN_ADVISED = Msg(N_("Advice is given only when the case moves to “advised”."))


@dataclass(frozen=True)
class AdviceData:
    opinion: str
    shared: bool  # the enterprise reads the opinion; otherwise only that advice was given


def parse_advice(raw: Any, note: str) -> AdviceData:
    """The advice of a move to "advised": ``{"opinion", "shared"?}`` (the page always
    sends both; the opinion is required there). Without it, as the API's bare
    ``{"to": "advised", "note"}`` has always been, the note is the opinion and the
    enterprise sees only that advice was given."""
    if raw is None:
        return AdviceData(note, False)
    errors = FieldErrors()
    if not isinstance(raw, dict):
        errors.add("advice", Msg(N_("This field must be an object.")))
        errors.raise_if_any()
    opinion = text(errors, raw.get("opinion"), "advice.opinion", OPINION_MAX, required=True)
    shared = raw.get("shared", False)
    if not isinstance(shared, bool):
        errors.add(
            "advice.shared",
            Msg(N_("Choose what the enterprise sees: the opinion, or only that advice was given.")),
        )
    errors.raise_if_any()
    return AdviceData(opinion, bool(shared))
