"""How the notify wing joins the app: the words of the messages it sends itself."""

from __future__ import annotations

from flask import Flask

from legaldesk.notify import kinds, labels


def init_app(app: Flask) -> None:
    kinds.register("delivery_failed", bell=labels.delivery_failed_bell)
    kinds.register("audit_checkpoint", subject=labels.audit_checkpoint_subject)
    kinds.register("audit_broken", subject=labels.audit_broken_subject)
