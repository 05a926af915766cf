"""The bench's baseline: a bare Flask endpoint doing one trivial query.

Served by the same gunicorn settings on the same database URL as the desk
(``gunicorn 'bench.bare:create_app()'``), it shows what a request costs on this
stack (Flask, Flask-SQLAlchemy with the desk's engine options, the database driver,
gunicorn's sync workers) before the desk does anything of its own. The desk's
figures are ratios to its throughput, so runs on different machines compare.

Only the bench serves it; it is not one of the desk's blueprints.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy

from legaldesk.config import DEFAULTS

PATH = "/bare"


def create_app() -> Flask:
    app = Flask(__name__)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = DEFAULTS["SQLALCHEMY_ENGINE_OPTIONS"]
    app.config.from_prefixed_env("LEGALDESK")  # LEGALDESK_SQLALCHEMY_DATABASE_URI
    db = SQLAlchemy()
    db.init_app(app)

    @app.get(PATH)
    def bare():
        db.session.execute(sa.text("SELECT 1")).scalar()
        return jsonify(status="ok")

    return app
