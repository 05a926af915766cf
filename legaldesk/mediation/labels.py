"""The mediation wing's words in the reader's language: a mediation's status, why it
failed, the documents of its case file (pages call ``mediation_label(kind, key)``, a
template global added by mediation/hooks.py; an unknown key shows as itself), and its
notifications."""

from __future__ import annotations

from flask_babel import gettext

from legaldesk.i18n import table_label
from legaldesk.mediation.rules import DOCUMENT_LABELS, FAILURE_LABELS, STATUS_LABELS
from legaldesk.notify.kinds import Payload

TABLES = {"status": STATUS_LABELS, "failure": FAILURE_LABELS, "document": DOCUMENT_LABELS}


def mediation_label(kind: str, key: str | None) -> str:
    return table_label(TABLES.get(kind, {}), key)


def mediation_deadline_bell(p: Payload) -> str:
    what = (
        gettext("the other side did not consent within 14 days; the mediation failed")
        if p.get("what") == "no_reply"
        else gettext("the 30 days to apply for judicial confirmation are over")
    )
    return gettext("Case %(reference)s: %(what)s.", reference=p["reference"], what=what)
