"""How the audit wing joins the app: the labels of a case's trail for templates."""

from __future__ import annotations

from flask import Flask

from legaldesk.audit import labels


def init_app(app: Flask) -> None:
    app.add_template_global(labels.audit_action_label)
    app.add_template_global(labels.audit_entry_label)
