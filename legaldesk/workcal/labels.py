"""The working calendar's notifications in the reader's language."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.notify.kinds import Payload


def calendar_year_subject(p: Payload) -> str:
    return gettext("Enter the official holidays of %(year)s", year=p.get("year"))


def calendar_year_bell(p: Payload) -> str:
    return gettext(
        "The official holidays of %(year)s are not entered yet: enter them on the "
        "working calendar and confirm the year.",
        year=p.get("year"),
    )
