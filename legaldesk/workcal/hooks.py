"""How the working calendar joins the app: the words of its reminder."""

from __future__ import annotations

from flask import Flask

from legaldesk.notify import kinds
from legaldesk.workcal import labels


def init_app(app: Flask) -> None:
    kinds.register(
        "calendar_year", subject=labels.calendar_year_subject, bell=labels.calendar_year_bell
    )
