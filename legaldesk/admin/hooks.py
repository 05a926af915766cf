"""How the admin wing joins the app: its predicate and role labels for templates,
and the words of the set-password message it sends."""

from __future__ import annotations

from flask import Flask

from legaldesk.admin import labels
from legaldesk.auth.rules import may_administer_users
from legaldesk.notify import kinds


def init_app(app: Flask) -> None:
    app.add_template_global(may_administer_users)
    app.add_template_global(labels.role_label)
    kinds.register(
        "password_link",
        subject=labels.password_link_subject,
        prepare=labels.prepare_password_link,
    )
