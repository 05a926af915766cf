"""The mediation wing's labels in the reader's language: a mediation's status, why it
failed, the documents of its case file. Pages call ``mediation_label(kind, key)`` (a
template global added by mediation/hooks.py); an unknown key shows as itself."""

from __future__ import annotations

from legaldesk.mediation.rules import DOCUMENT_LABELS, FAILURE_LABELS, STATUS_LABELS
from legaldesk.messages import render

TABLES = {"status": STATUS_LABELS, "failure": FAILURE_LABELS, "document": DOCUMENT_LABELS}


def mediation_label(kind: str, key: str | None) -> str:
    table = TABLES.get(kind, {})
    return render(table[key]) if key in table else (key or "")
