"""The enterprise's question online (/my/new): the same facts as the front desk's
intake, in the enterprise's words; shape only, the cases service validates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, TextAreaField

from legaldesk.cases.forms import CaseFactsForm


class AskForm(CaseFactsForm):
    """Its enterprise is the account's and its channel "online": no fields for those."""

    email = EmailField(_l("E-mail (for updates, optional)"))
    counterparties = TextAreaField(_l("Other parties (one per line, optional)"))
    description = TextAreaField(_l("Your question"))

    def as_intake(self, language: str) -> dict:
        body = self.facts()
        body["contact"]["email"] = body["contact"]["email"] or None
        body["contact"]["language"] = language
        body["counterparties"] = [n for n in body["counterparties"] if n.strip()]
        return body
