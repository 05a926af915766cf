"""How the auth wing joins the app: templates get its permission predicates."""

from __future__ import annotations

from flask import Flask

from legaldesk.auth.rules import template_predicates


def init_app(app: Flask) -> None:
    for predicate in template_predicates():
        app.add_template_global(predicate)
