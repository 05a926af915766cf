"""How the documents wing joins the app: its panel on the case page and its labels."""

from __future__ import annotations

from flask import Flask

from legaldesk import signals
from legaldesk.documents import advice_letter, views
from legaldesk.documents.labels import document_kind_label, document_size


def init_app(app: Flask) -> None:
    app.add_template_global(document_kind_label)
    app.add_template_global(document_size)
    signals.connect(signals.case_panels, views.case_panel)
    signals.connect(signals.advice_form_fields, advice_letter.letter_field)
    signals.connect(signals.advice_given, advice_letter.keep_letter)
