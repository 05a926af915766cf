"""The mediation wing's notifications in the reader's language."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.messages import N_
from legaldesk.notify.kinds import Payload, worded


def mediation_deadline_bell(p: Payload) -> str:
    what = (
        gettext("the other side did not consent within 14 days; the mediation failed")
        if p.get("what") == "no_reply"
        else gettext("the 30 days to apply for judicial confirmation are over")
    )
    return gettext("Case %(reference)s: %(what)s.", reference=p["reference"], what=what)


session_reminder_subject = worded(N_("Reminder: %(title)s tomorrow"), title="title")
