"""The working calendar's notifications in the reader's language."""

from __future__ import annotations

from legaldesk.messages import N_
from legaldesk.notify.kinds import worded

calendar_year_subject = worded(N_("Enter the official holidays of %(year)s"), year="year")
calendar_year_bell = worded(
    N_(
        "The official holidays of %(year)s are not entered yet: enter them on the "
        "working calendar and confirm the year."
    ),
    year="year",
)
